/* store-valid.c: the rows of another database checked before this one
 * keeps them (see store-valid.h). */
#include "config.h"

#include "store-valid.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"
#include "valid.h"

/* whyline_valid(kind, value). */
static void
valid_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	/* The type first: reading a blob as text turns it into text. */
	bool text = sqlite3_value_type(argv[1]) == SQLITE_TEXT;
	const char *kind = (const char *)sqlite3_value_text(argv[0]);
	const char *v = (const char *)sqlite3_value_text(argv[1]);
	bool ok = false;

	(void)argc;
	/* Text only, and none with a NUL inside: an id held as a number or
	 * a blob is not one whyline wrote. */
	if (kind != NULL && v != NULL && text &&
	    (size_t)sqlite3_value_bytes(argv[1]) == strlen(v)) {
		if (strcmp(kind, "uuid") == 0)
			ok = valid_uuid(v);
		else if (strcmp(kind, "time") == 0)
			ok = valid_time(v);
		else if (strcmp(kind, "lang") == 0)
			ok = valid_lang(v);
		else if (strcmp(kind, "path") == 0)
			ok = v[0] == '/';
		else if (strcmp(kind, "sha256") == 0)
			ok = valid_sha256(v);
		else if (strcmp(kind, "code") == 0)
			ok = valid_code(v);
		else if (strcmp(kind, "text") == 0)
			ok = true;	/* text, without a NUL */
		else if (strcmp(kind, "name") == 0)
			ok = v[0] != '\0';
	}
	sqlite3_result_int(cx, ok);
}

enum store_status
store_valid_register(struct store *s)
{
	int rc = sqlite3_create_function_v2(s->db, "whyline_valid", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, valid_fn,
	    NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* A column of a table and the shape its values must have. */
static const struct rule {
	const char *table, *column, *kind;
	bool nullable;
	const char *what;
} rules[] = {
	{ "sessions", "id", "uuid", false, N_("a session id (a UUID)") },
	{ "sessions", "tree_sha256", "sha256", true, N_("a SHA-256") },
	{ "sessions", "tree_path", "path", true, N_("an absolute path") },
	{ "sessions", "language", "lang", true, N_("a language") },
	{ "sessions", "started_at", "time", false, N_("a time") },
	{ "sessions", "updated_at", "time", false, N_("a time") },
	{ "sessions", "finished_at", "time", true, N_("a time") },
	{ "trees", "sha256", "sha256", false, N_("a SHA-256") },
	{ "answers", "answered_at", "time", false, N_("a time") },
	{ "answers", "superseded_at", "time", true, N_("a time") },
	{ "chains", "stopped_at", "time", true, N_("a time") },
	{ "chains", "dropped_at", "time", true, N_("a time") },
	{ "notes", "noted_at", "time", false, N_("a time") },
	{ "events", "at", "time", false, N_("a time") },
	{ "codes", "code", "code", false, N_("a code") },
	{ "codes", "coded_at", "time", false, N_("a time") },
	/* Whyline writes no NUL in a text (an answer holding one is
	 * refused as it is typed): one would cut what is shown. */
	{ "sessions", "tree_id", "name", false, N_("a tree id") },
	{ "sessions", "tree_version", "text", true, N_("text without a NUL") },
	{ "sessions", "title", "text", true, N_("text without a NUL") },
	{ "sessions", "client", "text", true, N_("text without a NUL") },
	{ "sessions", "consultant", "text", true, N_("text without a NUL") },
	{ "answers", "question_id", "name", false, N_("a question id") },
	{ "answers", "value", "text", true, N_("text without a NUL") },
	{ "answers", "skip_reason", "text", true, N_("text without a NUL") },
	{ "chains", "question_id", "name", false, N_("a question id") },
	{ "chains", "goal", "text", true, N_("text without a NUL") },
	{ "notes", "question_id", "name", true, N_("a question id") },
	{ "notes", "text", "text", false, N_("text without a NUL") },
	{ "events", "kind", "text", false, N_("text without a NUL") },
	{ "events", "detail", "text", true, N_("text without a NUL") },
	{ "codes", "question_id", "name", false, N_("a question id") },
	{ "codes", "coder", "text", false, N_("text without a NUL") },
	{ "codes", "value", "text", false, N_("text without a NUL") },
};

/* The tables whyline reads from another database. */
static const char *const tables[] = {
	"sessions", "trees", "answers", "chains", "notes", "events", "codes"
};

/* Runs sql (a query of one integer and one text, or none) on db: its
 * SQLite code, the row in *n and *name (owned) when there is one. */
static int
first_row(sqlite3 *db, const char *sql, const char *session, long long *n,
    char **name)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	*name = NULL;
	if (rc != SQLITE_OK)
		return rc;
	if (session != NULL)
		sqlite3_bind_text(st, 1, session, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		if (sqlite3_column_text(st, 1) != NULL)
			*name = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc;
}

/* Refuses a table whyline reads that is not a plain table of its own. */
static enum store_status
check_tables(struct store *s, const char *where)
{
	sqlite3 *db = s->db;
	char *sql, *name;
	long long n = 0;
	size_t i;
	int rc;

	for (i = 0; i < sizeof tables / sizeof *tables; i++) {
		sql = xasprintf("SELECT (SELECT count(*) FROM main.sqlite_schema WHERE"
		    " name = '%s' AND (type <> 'table' OR sql LIKE 'CREATE VIRTUAL%%'))"
		    " + (SELECT count(*) FROM pragma_table_xinfo('%s', 'main')"
		    " WHERE hidden <> 0), NULL", tables[i], tables[i]);
		rc = first_row(db, sql, NULL, &n, &name);
		free(sql);
		free(name);
		if (rc != SQLITE_ROW)
			return store_fail(s, rc);
		if (n > 0)
			return store_failf(s, STORE_INVALID, _("%s: '%s' is not "
			    "whyline's table (a view, a virtual table or a "
			    "generated column)"), where, tables[i]);
	}
	return STORE_OK;
}

enum store_status
store_valid_rows(struct store *s, const char *where, const char *session)
{
	sqlite3 *db = s->db;
	enum store_status r;
	const struct rule *u;
	char *sql, *bad, *name;
	long long n = 0;
	size_t i;
	int rc;

	if ((r = check_tables(s, where)) != STORE_OK)
		return r;
	for (i = 0; i < sizeof rules / sizeof *rules; i++) {
		u = &rules[i];
		bad = u->nullable ?
		    xasprintf("%s IS NOT NULL AND NOT whyline_valid('%s', %s)",
		    u->column, u->kind, u->column) :
		    xasprintf("NOT coalesce(whyline_valid('%s', %s), 0)", u->kind,
		    u->column);
		/* A table or column an older schema lacks has no row to check. */
		sql = xasprintf("SELECT rowid, NULL FROM main.%s WHERE %s%s%s LIMIT 1",
		    u->table, bad, session == NULL ? "" :
		    strcmp(u->table, "sessions") == 0 ? " AND id = ?1" :
		    strcmp(u->table, "trees") == 0 ? " AND sha256 IN (SELECT"
		    " tree_sha256 FROM main.sessions WHERE id = ?1)" :
		    " AND session_id = ?1", "");
		rc = first_row(db, sql, session, &n, &name);
		free(name);
		free(sql);
		free(bad);
		if (rc == SQLITE_ROW)
			return store_failf(s, STORE_INVALID, _("%s: %s, row %lld: "
			    "%s is not %s"), where, u->table, n, u->column, _(u->what));
		if (rc != SQLITE_DONE && !(rc == SQLITE_ERROR &&
		    (strstr(sqlite3_errmsg(db), "no such table") != NULL ||
		    strstr(sqlite3_errmsg(db), "no such column") != NULL)))
			return store_fail(s, rc);
	}
	return STORE_OK;
}
