/* store-merge.c: `whyline merge`: the sessions of other whyline databases
 * imported into this one on their natural keys (see store-merge.h).
 *
 * Each file is first checked on a read-only connection of its own; then
 * all are attached read-only (a URI with mode=ro, so nothing is ever
 * written to them) and copied with INSERT ... SELECT in one transaction. */
#include "config.h"

#include "store-merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "i18n.h"
#include "store-int.h"
#include "store-valid.h"
#include "util.h"

/* The columns of a session that the copy updated last gives, compared as
 * one row value: the later update wins, and the values break a tie so that
 * either order of merging picks the same copy. */
#define SESSION_RANK(t) \
	"(" t ".updated_at, " t ".status, coalesce(" t ".finished_at, ''), " \
	"coalesce(" t ".language, ''), coalesce(" t ".tree_sha256, ''), " \
	"coalesce(" t ".title, ''), coalesce(" t ".client, ''), " \
	"coalesce(" t ".consultant, ''), coalesce(" t ".tree_version, ''), " \
	"coalesce(" t ".tree_path, ''), " t ".tree_id, " t ".started_at)"

/* The same for two live copies of one chain: the one stopped last wins. */
#define CHAIN_RANK(t) \
	"(coalesce(" t ".stopped_at, ''), coalesce(" t ".stop, ''), " \
	"coalesce(" t ".parent_chain, -1), coalesce(" t ".parent_rung, -1), " \
	"coalesce(" t ".goal, ''))"

/* An answer's natural key: b matches a. */
#define ANSWER_SAME(a, b) \
	b ".session_id = " a ".session_id AND " b ".question_id = " a \
	".question_id AND " b ".chain IS " a ".chain AND " b ".rung IS " a \
	".rung AND " b ".answered_at = " a ".answered_at AND " b ".value IS " \
	a ".value AND " b ".skip_reason IS " a ".skip_reason"

/* b is current for the same question, chain and rung as a. */
#define ANSWER_RIVAL(a, b) \
	b ".session_id = " a ".session_id AND " b ".question_id = " a \
	".question_id AND " b ".chain IS " a ".chain AND " b ".rung IS " a \
	".rung AND " b ".superseded_at IS NULL"

/* The steps of one file's import; @S stands for the attached schema's
 * name, @O for what it has for a session's owner. Sessions come first, for the
 * foreign keys of the rows. */
static const char *const merge_sql[] = {
	"INSERT INTO main.trees (sha256, source)"
	" SELECT sha256, source FROM @S.trees WHERE true"
	" ON CONFLICT (sha256) DO NOTHING",

	"UPDATE main.sessions SET owner = coalesce(min(sessions.owner,"
	" x.owner), sessions.owner, x.owner)"
	" FROM (SELECT id, @O AS owner FROM @S.sessions) AS x"
	" WHERE x.id = sessions.id",

	"INSERT INTO main.sessions (id, tree_id, tree_version, tree_sha256,"
	" tree_path, title, client, consultant, language, status, started_at,"
	" updated_at, finished_at, owner)"
	" SELECT id, tree_id, tree_version, tree_sha256, tree_path, title,"
	" client, consultant, language, status, started_at, updated_at,"
	" finished_at, @O FROM @S.sessions WHERE true"
	" ON CONFLICT (id) DO UPDATE SET tree_id = excluded.tree_id,"
	" tree_version = excluded.tree_version,"
	" tree_sha256 = excluded.tree_sha256, tree_path = excluded.tree_path,"
	" title = excluded.title, client = excluded.client,"
	" consultant = excluded.consultant, language = excluded.language,"
	" status = excluded.status, started_at = excluded.started_at,"
	" updated_at = excluded.updated_at, finished_at = excluded.finished_at"
	" WHERE " SESSION_RANK("excluded") " > " SESSION_RANK("sessions"),

	"INSERT INTO main.answers (session_id, question_id, chain, rung, value,"
	" skip_reason, answered_at, superseded_at)"
	" SELECT session_id, question_id, chain, rung, value, skip_reason,"
	" answered_at, superseded_at FROM @S.answers AS x"
	" WHERE NOT EXISTS (SELECT 1 FROM main.answers AS a"
	" WHERE " ANSWER_SAME("x", "a") ") ORDER BY x.id",

	/* An answer changed in either copy is changed, at its earliest. */
	"UPDATE main.answers SET superseded_at = x.superseded_at"
	" FROM @S.answers AS x WHERE " ANSWER_SAME("x", "answers")
	" AND x.superseded_at IS NOT NULL AND (answers.superseded_at IS NULL"
	" OR x.superseded_at < answers.superseded_at)",

	/* Of the answers current in either copy, the latest stays current. */
	"UPDATE main.answers AS a SET superseded_at ="
	" (SELECT max(b.answered_at) FROM main.answers AS b"
	" WHERE " ANSWER_RIVAL("a", "b") ")"
	" WHERE a.superseded_at IS NULL"
	" AND a.session_id IN (SELECT id FROM @S.sessions)"
	" AND EXISTS (SELECT 1 FROM main.answers AS b"
	" WHERE " ANSWER_RIVAL("a", "b") " AND (b.answered_at,"
	" coalesce(b.value, ''), coalesce(b.skip_reason, '')) > (a.answered_at,"
	" coalesce(a.value, ''), coalesce(a.skip_reason, '')))",

	"INSERT INTO main.chains (session_id, question_id, chain, parent_chain,"
	" parent_rung, stop, stopped_at, dropped_at, goal)"
	" SELECT session_id, question_id, chain, parent_chain, parent_rung,"
	" stop, stopped_at, dropped_at, @G FROM @S.chains AS x"
	" WHERE x.dropped_at IS NOT NULL AND NOT EXISTS (SELECT 1"
	" FROM main.chains AS c WHERE c.session_id = x.session_id"
	" AND c.question_id = x.question_id AND c.chain = x.chain"
	" AND c.dropped_at = x.dropped_at"
	" AND c.parent_chain IS x.parent_chain"
	" AND c.parent_rung IS x.parent_rung) ORDER BY x.id",

	"INSERT INTO main.chains (session_id, question_id, chain, parent_chain,"
	" parent_rung, stop, stopped_at, goal)"
	" SELECT session_id, question_id, chain, parent_chain, parent_rung,"
	" stop, stopped_at, @G FROM @S.chains WHERE dropped_at IS NULL"
	" ORDER BY id"
	" ON CONFLICT (session_id, question_id, chain) WHERE dropped_at IS NULL"
	" DO UPDATE SET parent_chain = excluded.parent_chain,"
	" parent_rung = excluded.parent_rung, stop = excluded.stop,"
	" stopped_at = excluded.stopped_at, goal = excluded.goal"
	" WHERE " CHAIN_RANK("excluded") " > " CHAIN_RANK("chains"),

	"INSERT INTO main.notes (session_id, question_id, text, noted_at)"
	" SELECT session_id, question_id, text, noted_at FROM @S.notes AS x"
	" WHERE NOT EXISTS (SELECT 1 FROM main.notes AS n"
	" WHERE n.session_id = x.session_id AND n.question_id IS x.question_id"
	" AND n.text = x.text AND n.noted_at = x.noted_at) ORDER BY x.id",

	"INSERT INTO main.events (session_id, kind, detail, at)"
	" SELECT session_id, kind, detail, at FROM @S.events AS x"
	" WHERE NOT EXISTS (SELECT 1 FROM main.events AS e"
	" WHERE e.session_id = x.session_id AND e.kind = x.kind"
	" AND e.detail IS x.detail AND e.at = x.at) ORDER BY x.id",
};

#define NSTEPS (sizeof merge_sql / sizeof merge_sql[0])

/* The codes of a file that has them (schema 6 on): one per rung and
 * coder, the one coded last winning, its values breaking a tie. */
static const char codes_sql[] =
	"INSERT INTO main.codes (session_id, question_id, chain, rung, coder,"
	" code, value, coded_at) SELECT session_id, question_id, chain, rung,"
	" coder, code, value, coded_at FROM @S.codes WHERE true ORDER BY id"
	" ON CONFLICT (session_id, question_id, chain, rung, coder) DO UPDATE"
	" SET code = excluded.code, value = excluded.value,"
	" coded_at = excluded.coded_at"
	" WHERE (excluded.coded_at, excluded.code, excluded.value)"
	" > (codes.coded_at, codes.code, codes.value)";

/* Steps before this one change rows of the session table, not counted. */
#define FIRST_ROW_STEP 3

/* Runs a query that returns integers into v[0..n-1]. */
static int
query_ints(sqlite3 *db, const char *sql, long long *v, int n)
{
	sqlite3_stmt *st;
	int rc, i;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = sqlite3_column_int64(st, i);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Checks, on a read-only connection, that path is a whyline database this
 * program can read, that it is undamaged and that its rows are of the
 * shapes whyline writes (store-valid.h); on failure records why in s. */
static enum store_status
check_file(struct store *s, const char *path)
{
	struct store src = { 0 };
	sqlite3_stmt *st = NULL;
	long long v[2] = { 0, 0 };
	const char *what;
	enum store_status r = STORE_OK;
	int rc;

	src.path = (char *)path;
	rc = sqlite3_open_v2(path, &src.db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = query_ints(src.db, "SELECT (SELECT application_id FROM"
		    " pragma_application_id), (SELECT user_version FROM"
		    " pragma_user_version)", v, 2);
	if (rc != SQLITE_OK) {
		r = store_fail(&src, rc);
		goto out;
	}
	if (v[0] != STORE_APPLICATION_ID) {
		r = store_failf(&src, STORE_NOT_OURS, _("%s: not a whyline "
		    "database"), path);
		goto out;
	}
	if (v[1] > store_migrations[store_nmigrations - 1].version) {
		r = store_failf(&src, STORE_TOO_NEW, _("%s: made by a newer "
		    "whyline (schema version %lld, this one knows %d)"), path,
		    v[1], store_migrations[store_nmigrations - 1].version);
		goto out;
	}
	rc = sqlite3_prepare_v2(src.db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		what = (const char *)sqlite3_column_text(st, 0);
		if (what == NULL || strcmp(what, "ok") != 0)
			r = store_failf(&src, STORE_CORRUPT, _("%s: the "
			    "database is damaged: %s"), path, what ? what : "?");
	} else
		r = store_fail(&src, rc);
	if (r == STORE_OK && (rc = store_valid_register(src.db)) != SQLITE_OK)
		r = store_fail(&src, rc);
	if (r == STORE_OK)
		r = store_valid_rows(&src, path, NULL);
out:
	sqlite3_finalize(st);
	sqlite3_close(src.db);
	if (r != STORE_OK) {
		free(s->err);
		s->err = src.err;
	}
	return r;
}

/* True when path is the file this store has open. */
static bool
same_file(const struct store *s, const char *path)
{
	struct stat a, b;

	return stat(s->path, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* A read-only SQLite URI for path. */
static char *
ro_uri(const char *path)
{
	struct buf b = { 0 };
	const unsigned char *p;

	buf_puts(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_puts(&b, "?mode=ro");
	return buf_take(&b);
}

/* What an older file lacks is read as NULL: the columns a step reads
 * that came with a later schema, as this file names them or "NULL". */
struct cols {
	const char *owner;	/* sessions.owner (schema 3) */
	const char *goal;	/* chains.goal (schema 4) */
};

/* A step's SQL with @S, @O and @G replaced by the schema's name and the
 * owner and goal columns. */
static char *
step_sql(const char *tmpl, const char *schema, const struct cols *c)
{
	struct buf b = { 0 };
	const char *p;

	for (p = tmpl; *p != '\0'; p++) {
		if (p[0] == '@' && p[1] == 'S')
			buf_puts(&b, schema);
		else if (p[0] == '@' && p[1] == 'O')
			buf_puts(&b, c->owner);
		else if (p[0] == '@' && p[1] == 'G')
			buf_puts(&b, c->goal);
		else {
			buf_putc(&b, *p);
			continue;
		}
		p++;
	}
	return buf_take(&b);
}

/* Runs sql on the connection, or records why it failed. */
static enum store_status
run(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Imports the attached schema name into main, inside the transaction. */
static enum store_status
merge_one(struct store *s, const char *name, struct store_merge_stats *stats)
{
	enum store_status r = STORE_OK;
	long long v[5] = { 0, 0, 0, 0, 0 };
	struct cols c;
	char *sql;
	size_t i;
	int rc;

	sql = xasprintf("SELECT count(*), coalesce(sum(id NOT IN (SELECT id"
	    " FROM main.sessions)), 0), (SELECT count(*) FROM"
	    " pragma_table_info('sessions', '%s') WHERE name = 'owner'),"
	    " (SELECT count(*) FROM pragma_table_info('chains', '%s')"
	    " WHERE name = 'goal'), (SELECT count(*) FROM %s.sqlite_master"
	    " WHERE type = 'table' AND name = 'codes') FROM %s.sessions",
	    name, name, name, name);
	rc = query_ints(s->db, sql, v, 5);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	stats->sessions += v[0];
	stats->added += v[1];
	c.owner = v[2] > 0 ? "owner" : "NULL";
	c.goal = v[3] > 0 ? "goal" : "NULL";
	for (i = 0; i < NSTEPS && r == STORE_OK; i++) {
		sql = step_sql(merge_sql[i], name, &c);
		r = run(s, sql);
		free(sql);
		if (r == STORE_OK && i >= FIRST_ROW_STEP)
			stats->rows += sqlite3_changes(s->db);
	}
	if (r == STORE_OK && v[4] > 0) {
		sql = step_sql(codes_sql, name, &c);
		r = run(s, sql);
		free(sql);
		if (r == STORE_OK)
			stats->rows += sqlite3_changes(s->db);
	}
	return r;
}

/* Checks the files, then imports all of them in one transaction. */
enum store_status
store_merge(struct store *s, const char *const *paths, size_t n,
    struct store_merge_stats *stats)
{
	enum store_status r = STORE_OK;
	size_t i, attached = 0;
	char name[16], *uri, *sql;
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	memset(stats, 0, sizeof *stats);
	if (n > STORE_MERGE_MAX)
		return store_failf(s, STORE_ERROR, _("at most %d files at a "
		    "time"), STORE_MERGE_MAX);
	for (i = 0; i < n; i++) {
		if (same_file(s, paths[i]))
			return store_failf(s, STORE_ERROR, _("%s: is this database: a database "
			    "cannot be merged into itself"), paths[i]);
		if ((r = check_file(s, paths[i])) != STORE_OK)
			return r;
	}
	for (; attached < n; attached++) {
		snprintf(name, sizeof name, "merge%zu", attached);
		uri = ro_uri(paths[attached]);
		sql = xasprintf("ATTACH ? AS %s", name);
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		free(sql);
		if (rc == SQLITE_OK) {
			sqlite3_bind_text(st, 1, uri, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(st);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
			sqlite3_finalize(st);
		}
		free(uri);
		if (rc != SQLITE_OK) {
			r = store_fail(s, rc);
			goto out;
		}
	}
	if ((r = store_begin(s)) != STORE_OK)
		goto out;
	for (i = 0; i < n && r == STORE_OK; i++) {
		snprintf(name, sizeof name, "merge%zu", i);
		r = merge_one(s, name, stats);
	}
	r = r == STORE_OK ? store_commit(s) : store_rollback(s, r);
out:
	while (attached > 0) {
		snprintf(name, sizeof name, "merge%zu", --attached);
		sql = xasprintf("DETACH %s", name);
		sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		free(sql);
	}
	return r;
}
