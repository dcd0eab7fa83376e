/* store-team.c: the local side of the team store (see store-team.h): the
 * JSON documents are built and read by SQLite's own JSON functions. */
#include "config.h"

#include "store-team.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "store-valid.h"
#include "util.h"

/* A session's mark: what changes whenever its rows change. */
#define MARK \
	"(s.updated_at || '|' || s.status || '|' || (SELECT count(*) || '/'" \
	" || count(superseded_at) FROM answers WHERE session_id = s.id)" \
	" || '|' || (SELECT count(*) || '/' || count(stop) || '/' ||" \
	" count(dropped_at) FROM chains WHERE session_id = s.id) || '|' ||" \
	" (SELECT count(*) FROM notes WHERE session_id = s.id) || '|' ||" \
	" (SELECT count(*) FROM events WHERE session_id = s.id))"

/* The rows of one table of session s.id as a JSON array, in the order
 * they were written, each with its place, seq. */
#define ROWS(table, fields) \
	"json((SELECT coalesce(json_group_array(json_object('seq', seq, " \
	fields ")), '[]') FROM (SELECT row_number() OVER (ORDER BY id) AS seq," \
	" * FROM " table " WHERE session_id = s.id ORDER BY id)))"

static const char outbox_sql[] =
    "SELECT s.id, " MARK ", json_object("
    "'session', json_object('id', s.id, 'tree_id', s.tree_id,"
    " 'tree_version', s.tree_version, 'tree_sha256', s.tree_sha256,"
    " 'tree_path', s.tree_path, 'title', s.title, 'client', s.client,"
    " 'consultant', s.consultant, 'language', s.language,"
    " 'status', s.status, 'started_at', s.started_at,"
    " 'updated_at', s.updated_at, 'finished_at', s.finished_at),"
    "'tree_sha256', s.tree_sha256,"
    "'tree', (SELECT hex(source) FROM trees WHERE sha256 = s.tree_sha256),"
    "'answers', " ROWS("answers", "'question_id', question_id, 'chain', chain,"
    " 'rung', rung, 'value', value, 'skip_reason', skip_reason,"
    " 'answered_at', answered_at, 'superseded_at', superseded_at") ","
    "'chains', " ROWS("chains", "'question_id', question_id, 'chain', chain,"
    " 'parent_chain', parent_chain, 'parent_rung', parent_rung,"
    " 'stop', stop, 'stopped_at', stopped_at, 'dropped_at', dropped_at,"
    " 'goal', goal") ","
    "'notes', " ROWS("notes", "'question_id', question_id, 'text', text,"
    " 'noted_at', noted_at") ","
    "'events', " ROWS("events", "'kind', kind, 'detail', detail, 'at', at")
    ") FROM sessions s LEFT JOIN team_sync t ON t.session_id = s.id"
    " WHERE (s.owner IS NULL OR s.owner = :me)"
    " AND t.mark IS NOT " MARK " ORDER BY s.started_at, s.id";

/* The steps of writing a pulled session, :id, :doc, :owner and :stamp
 * bound; the tree comes apart (its source is hexadecimal). */
static const char *const import_sql[] = {
	/* The codes an analyst gave this session's rungs are this file's,
	 * not the server's: kept aside while the session is replaced (its
	 * DELETE cascades to them), and put back. */
	"CREATE TEMP TABLE IF NOT EXISTS kept_codes AS SELECT * FROM main.codes WHERE 0",
	"DELETE FROM temp.kept_codes",
	"INSERT INTO temp.kept_codes SELECT * FROM main.codes WHERE session_id = :id",
	"DELETE FROM sessions WHERE id = :id",
	"INSERT INTO sessions (id, tree_id, tree_version, tree_sha256,"
	" tree_path, title, client, consultant, language, status, started_at,"
	" updated_at, finished_at, owner) SELECT :id, j ->> 'tree_id',"
	" j ->> 'tree_version', j ->> 'tree_sha256', j ->> 'tree_path',"
	" j ->> 'title', j ->> 'client', j ->> 'consultant', j ->> 'language',"
	" j ->> 'status', j ->> 'started_at', j ->> 'updated_at',"
	" j ->> 'finished_at', :owner FROM (SELECT :doc -> 'session' AS j)",
	"INSERT INTO answers (session_id, question_id, chain, rung, value,"
	" skip_reason, answered_at, superseded_at) SELECT :id,"
	" value ->> 'question_id', value ->> 'chain', value ->> 'rung',"
	" value ->> 'value', value ->> 'skip_reason', value ->> 'answered_at',"
	" value ->> 'superseded_at' FROM json_each(:doc, '$.answers')"
	" ORDER BY value ->> 'seq'",
	"INSERT INTO chains (session_id, question_id, chain, parent_chain,"
	" parent_rung, stop, stopped_at, dropped_at, goal) SELECT :id,"
	" value ->> 'question_id', value ->> 'chain', value ->> 'parent_chain',"
	" value ->> 'parent_rung', value ->> 'stop', value ->> 'stopped_at',"
	" value ->> 'dropped_at', value ->> 'goal' FROM json_each(:doc, '$.chains')"
	" ORDER BY value ->> 'seq'",
	"INSERT INTO notes (session_id, question_id, text, noted_at)"
	" SELECT :id, value ->> 'question_id', value ->> 'text',"
	" value ->> 'noted_at' FROM json_each(:doc, '$.notes')"
	" ORDER BY value ->> 'seq'",
	"INSERT INTO events (session_id, kind, detail, at)"
	" SELECT :id, value ->> 'kind', value ->> 'detail', value ->> 'at'"
	" FROM json_each(:doc, '$.events') ORDER BY value ->> 'seq'",
	"INSERT INTO team_sync (session_id, mark, stamp) SELECT :id, " MARK ","
	" :stamp FROM sessions s WHERE s.id = :id",
	"INSERT INTO main.codes SELECT * FROM temp.kept_codes",
};

#define NIMPORT (sizeof import_sql / sizeof import_sql[0])

/* Prepares sql and binds the named parameters it has among :me, :id,
 * :doc, :owner, :mark and :stamp (NULL: not bound). */
static int
prepare(struct store *s, const char *sql, sqlite3_stmt **st,
    const char *const vals[6])
{
	static const char *const names[6] = {
		":me", ":id", ":doc", ":owner", ":mark", ":stamp"
	};
	int rc, i;

	rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	for (i = 0; i < 6 && rc == SQLITE_OK; i++)
		if (vals[i] != NULL && sqlite3_bind_parameter_index(*st,
		    names[i]) > 0)
			rc = store_bind_text(*st, names[i], vals[i]);
	return rc;
}

/* Runs sql once, with the parameters of prepare. */
static int
run(struct store *s, const char *sql, const char *const vals[6])
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, sql, &st, vals);

	if (rc == SQLITE_OK)
		rc = store_run(st);
	sqlite3_finalize(st);
	return rc;
}

/* The team role a session belongs to. */
enum store_status
store_team_owner(struct store *s, const char *id, char **owner)
{
	const char *const vals[6] = { NULL, id, NULL, NULL, NULL, NULL };
	sqlite3_stmt *st = NULL;
	int rc;

	store_ok(s);
	*owner = NULL;
	rc = prepare(s, "SELECT owner FROM sessions WHERE id = :id", &st, vals);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_col(st, 0) != NULL)
			*owner = xstrdup(store_col(st, 0));
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Commits of this connection are no longer synced one by one. */
enum store_status
store_team_relax(struct store *s)
{
	int rc = sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
	    NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* The sessions to push. */
enum store_status
store_team_outbox(struct store *s, const char *me, struct store_team_doc **v,
    size_t *n)
{
	const char *const vals[6] = { me };
	struct store_team_doc *d;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	store_ok(s);
	*v = NULL;
	*n = 0;
	rc = prepare(s, outbox_sql, &st, vals);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(v, &cap, *n + 1, sizeof **v);
		d = &(*v)[(*n)++];
		snprintf(d->id, sizeof d->id, "%s", store_col(st, 0));
		d->mark = xstrdup(store_col(st, 1));
		d->doc = xstrdup(store_col(st, 2));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_team_docs_free(*v, *n);
		*v = NULL;
		*n = 0;
		return store_fail(s, rc);
	}
	return STORE_OK;
}

void
store_team_docs_free(struct store_team_doc *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].mark);
		free(v[i].doc);
	}
	free(v);
}

/* Records a push. */
enum store_status
store_team_sent(struct store *s, const char *id, const char *owner,
    const char *mark, const char *stamp)
{
	const char *const vals[6] = { NULL, id, NULL, owner, mark, stamp };
	enum store_status r;
	int rc;

	store_ok(s);
	if ((r = store_begin(s)) != STORE_OK)
		return r;
	if ((rc = run(s, "UPDATE sessions SET owner = :owner WHERE id = :id",
	    vals)) != SQLITE_OK || (rc = run(s, "INSERT INTO team_sync"
	    " (session_id, mark, stamp) VALUES (:id, :mark, :stamp)"
	    " ON CONFLICT (session_id) DO UPDATE SET mark = excluded.mark,"
	    " stamp = excluded.stamp", vals)) != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	return store_commit(s);
}

/* The one text sql returns, in *json (owned). */
static enum store_status
query_json(struct store *s, const char *sql, char **json)
{
	sqlite3_stmt *st = NULL;
	int rc;

	store_ok(s);
	*json = NULL;
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*json = xstrdup(store_col(st, 0));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* The server's copies held here and unchanged since. */
enum store_status
store_team_known(struct store *s, char **json)
{
	return query_json(s, "SELECT coalesce(json_group_array("
	    "json_object('id', t.session_id, 'stamp', t.stamp)), '[]')"
	    " FROM team_sync t JOIN sessions s ON s.id = t.session_id"
	    " WHERE t.stamp IS NOT NULL AND t.mark IS " MARK, json);
}

/* The value of one hexadecimal digit, or -1. */
static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Keeps the pulled document's tree, its source sent in hexadecimal. */
static int
import_tree(struct store *s, const char *doc)
{
	const char *const vals[6] = { NULL, NULL, doc };
	sqlite3_stmt *st = NULL, *ins;
	const char *sha, *hex;
	unsigned char *src = NULL;
	size_t len = 0, i;
	int rc;

	rc = prepare(s, "SELECT :doc ->> 'tree_sha256', :doc ->> 'tree'", &st,
	    vals);
	if (rc != SQLITE_OK || (rc = sqlite3_step(st)) != SQLITE_ROW)
		goto out;
	rc = SQLITE_OK;
	sha = store_col(st, 0);
	hex = store_col(st, 1);
	if (sha == NULL || hex == NULL)
		goto out;
	len = strlen(hex) / 2;
	src = xcalloc(len + 1, 1);
	for (i = 0; i < len; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			rc = SQLITE_MISMATCH;
			goto out;
		}
		src[i] = (unsigned char)(hi << 4 | lo);
	}
	ins = store_stmt(s, ST_TREE_INSERT);
	if ((rc = store_bind_text(ins, ":sha", sha)) == SQLITE_OK &&
	    (rc = store_bind_blob(ins, ":src", src, len)) == SQLITE_OK)
		rc = store_run(ins);
out:
	free(src);
	sqlite3_finalize(st);
	return rc;
}

/* Writes a pulled session in place of the copy here, unless that copy is
 * of role me and changed since its last push. */
enum store_status
store_team_import(struct store *s, const char *owner, const char *stamp,
    const char *doc, const char *me, bool *kept)
{
	const char *vals[6] = { me, NULL, doc, owner, NULL, stamp };
	sqlite3_stmt *st = NULL;
	enum store_status r;
	char *id = NULL;
	size_t i;
	int rc;

	store_ok(s);
	*kept = false;
	if ((r = store_begin(s)) != STORE_OK)
		return r;
	/* The id, and whether a copy of ours here has changes to push. */
	rc = prepare(s, "SELECT d.id, EXISTS (SELECT 1 FROM sessions s"
	    " LEFT JOIN team_sync t ON t.session_id = s.id WHERE s.id = d.id"
	    " AND (s.owner IS NULL OR s.owner = :me) AND :owner = :me"
	    " AND t.mark IS NOT " MARK ") FROM (SELECT :doc ->> '$.session.id'"
	    " AS id) AS d", &st, vals);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		if (store_col(st, 0) != NULL)
			id = xstrdup(store_col(st, 0));
		*kept = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	if (id == NULL)
		return store_rollback(s, store_failf(s, STORE_ERROR,
		    _("the team store sent a session without an id")));
	if (*kept) {
		free(id);
		return store_rollback(s, STORE_OK);
	}
	vals[1] = id;
	if ((rc = import_tree(s, doc)) != SQLITE_OK) {
		free(id);
		return store_rollback(s, store_fail(s, rc));
	}
	for (i = 0; i < NIMPORT && rc == SQLITE_OK; i++)
		rc = run(s, import_sql[i], vals);
	if (rc != SQLITE_OK) {
		free(id);
		return store_rollback(s, store_fail(s, rc));
	}
	/* Written, then checked in the same transaction: a session whose
	 * rows are not of whyline's shapes is rolled back, never kept. */
	r = store_valid_rows(s, _("the team store"), id);
	free(id);
	if (r != STORE_OK)
		return store_rollback(s, r);
	return store_commit(s);
}

/* Every code of this file. */
enum store_status
store_team_codes(struct store *s, char **json)
{
	return query_json(s, "SELECT coalesce(json_group_array("
	    "json_object('session_id', session_id, 'question_id', question_id,"
	    " 'chain', chain, 'rung', rung, 'coder', coder, 'code', code,"
	    " 'value', value, 'coded_at', coded_at)), '[]') FROM"
	    " (SELECT * FROM codes ORDER BY id)", json);
}

/* Keeps the pulled codes of the sessions here, in one statement (so all
 * or none). */
enum store_status
store_team_import_codes(struct store *s, const char *json, size_t *changed)
{
	const char *const vals[6] = { NULL, NULL, json };
	int rc;

	store_ok(s);
	*changed = 0;
	rc = run(s, "INSERT INTO codes (session_id, question_id, chain, rung,"
	    " coder, code, value, coded_at) SELECT value ->> 'session_id',"
	    " value ->> 'question_id', value ->> 'chain', value ->> 'rung',"
	    " value ->> 'coder', value ->> 'code', value ->> 'value',"
	    " value ->> 'coded_at' FROM json_each(:doc) WHERE value ->>"
	    " 'session_id' IN (SELECT id FROM sessions)"
	    " AND whyline_valid('code', value ->> 'code')"
	    " AND whyline_valid('time', value ->> 'coded_at')"
	    " ON CONFLICT (session_id, question_id, chain, rung, coder)"
	    " DO UPDATE SET code = excluded.code, value = excluded.value,"
	    " coded_at = excluded.coded_at"
	    " WHERE excluded.coded_at > codes.coded_at", vals);
	if (rc == SQLITE_OK)
		*changed = (size_t)sqlite3_changes(s->db);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}
