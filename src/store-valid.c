/* store-valid.c: the rows of another database checked before this one
 * keeps them (see store-valid.h). */
#include "config.h"

#include "store-valid.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

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

/* The integer of the one row sql gives, its ?1 and ?2 bound to a and b
 * (NULL: unbound); -1 when it gives none. Returns an SQLite code. */
static int
int_of(sqlite3 *db, const char *sql, const char *a, const char *b, long long *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	*v = -1;
	if (rc != SQLITE_OK)
		return rc;
	if (a != NULL)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Refuses table, which whyline reads, when it is not a plain table of
 * its own. */
static enum store_status
check_table(struct store *s, const char *where, const char *table)
{
	long long n;
	int rc = int_of(s->db, "SELECT (SELECT count(*) FROM main.sqlite_schema"
	    " WHERE name = ?1 AND (type <> 'table' OR sql LIKE 'CREATE VIRTUAL%'))"
	    " + (SELECT count(*) FROM pragma_table_xinfo(?1, 'main')"
	    " WHERE hidden <> 0)", table, NULL, &n);

	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	if (n > 0)
		return store_failf(s, STORE_INVALID, _("%s: '%s' is not "
		    "whyline's table (a view, a virtual table or a "
		    "generated column)"), where, table);
	return STORE_OK;
}

/* Checks the rows of one table against its rules, in one pass: the
 * first row that breaks one is refused, naming the first rule it breaks.
 * A table or column an older schema lacks has nothing to check. */
static enum store_status
check_rows(struct store *s, const char *where, const char *table,
    const char *session)
{
	struct buf bad = { 0 }, which = { 0 };
	enum store_status r = STORE_OK;
	const struct rule *u;
	long long has, row = -1, k = -1;
	sqlite3_stmt *st = NULL;
	char *sql, *test;
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; i < sizeof rules / sizeof *rules && rc == SQLITE_OK; i++) {
		u = &rules[i];
		/* Another file may be older (merge); this one has every
		 * column (pull). */
		has = 1;
		if (strcmp(u->table, table) != 0 || (session == NULL &&
		    (rc = int_of(s->db, "SELECT count(*) FROM pragma_table_info(?1,"
		    " 'main') WHERE name = ?2", table, u->column, &has)) != SQLITE_OK) ||
		    has == 0)
			continue;
		test = xasprintf(u->nullable ? "%1$s IS NOT NULL AND NOT"
		    " whyline_valid('%2$s', %1$s)" : "NOT whyline_valid('%2$s', %1$s)",
		    u->column, u->kind);
		buf_printf(&bad, "%s(%s)", bad.len > 0 ? " OR " : "", test);
		buf_printf(&which, " WHEN %s THEN %zu", test, i);
		free(test);
	}
	if (rc == SQLITE_OK && bad.len > 0) {
		sql = xasprintf("SELECT rowid, CASE%s END FROM main.%s WHERE (%s)%s LIMIT 1",
		    buf_str(&which), table, buf_str(&bad), session == NULL ? "" :
		    strcmp(table, "sessions") == 0 ? " AND id = ?1" :
		    strcmp(table, "trees") == 0 ? " AND sha256 IN (SELECT"
		    " tree_sha256 FROM main.sessions WHERE id = ?1)" :
		    " AND session_id = ?1");
		rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
		free(sql);
		if (rc == SQLITE_OK && session != NULL)
			rc = sqlite3_bind_text(st, 1, session, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			row = sqlite3_column_int64(st, 0);
			k = sqlite3_column_int64(st, 1);
		}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_OK)
		r = store_fail(s, rc);
	else if (k >= 0 && (size_t)k < sizeof rules / sizeof *rules)
		r = store_failf(s, STORE_INVALID, _("%s: %s, row %lld: %s is not %s"),
		    where, table, row, rules[k].column, _(rules[k].what));
	buf_free(&bad);
	buf_free(&which);
	return r;
}

enum store_status
store_valid_rows(struct store *s, const char *where, const char *session)
{
	enum store_status r = STORE_OK;
	size_t i;

	/* This file's own tables are whyline's (pull): another's may not be. */
	for (i = 0; i < sizeof tables / sizeof *tables && r == STORE_OK; i++)
		if (session != NULL || (r = check_table(s, where, tables[i])) == STORE_OK)
			r = check_rows(s, where, tables[i], session);
	return r;
}
