/* store-codes.c: writing and reading the codes table (see store-codes.h).
 * Its two statements are prepared here, apart from store_stmt_sql, so that
 * the codes stay one self-contained part of the store. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "store-codes.h"
#include "store-int.h"

#define CODE_SET_SQL \
	"INSERT INTO codes (session_id, question_id, chain, rung, coder, code," \
	" value, coded_at) VALUES (:sid, :q, :chain, :rung, :coder, :code," \
	" :value, :now) ON CONFLICT (session_id, question_id, chain, rung," \
	" coder) DO UPDATE SET code = excluded.code, value = excluded.value," \
	" coded_at = excluded.coded_at"

/* Two statements, so that one session's codes are read through the index
 * (an "OR :sid IS NULL" would scan the whole table each time). */
#define CODES_SELECT \
	"SELECT c.session_id, c.question_id, c.chain, c.rung, c.coder, c.code," \
	" c.value, c.coded_at, s.language FROM codes c" \
	" JOIN sessions s ON s.id = c.session_id "
#define CODES_ORDER \
	" ORDER BY c.session_id, c.question_id, c.chain, c.rung, c.coded_at, c.id"
#define CODES_SQL CODES_SELECT
#define CODES_SESSION_SQL CODES_SELECT "WHERE c.session_id = :sid" CODES_ORDER

/* Sets one rung's code for its coder. */
enum store_status
store_code_set(struct store *s, const struct code_row *c)
{
	char now[STORE_TIME_LEN];
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	if ((st = store_prepare(s, CODE_SET_SQL)) == NULL)
		return STORE_ERROR;
	store_now(now);
	if ((rc = store_bind_text(st, ":sid", c->session)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", c->question)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":chain", c->chain)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":rung", c->rung)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":coder", c->coder)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":code", c->code)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":value", c->value)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return store_fail(s, rc);
	}
	sqlite3_finalize(st);
	return STORE_OK;
}

/* Reads the codes of one session or of all. */
enum store_status
store_codes(struct store *s, const char *sid,
    void (*fn)(void *arg, const struct code_row *), void *arg)
{
	struct code_row c;
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	if ((st = store_prepare(s, sid != NULL ? CODES_SESSION_SQL : CODES_SQL)) == NULL)
		return STORE_ERROR;
	if (sid != NULL && (rc = store_bind_text(st, ":sid", sid)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return store_fail(s, rc);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&c, 0, sizeof c);
		c.session = store_col(st, 0);
		c.question = store_col(st, 1);
		c.chain = sqlite3_column_int(st, 2);
		c.rung = sqlite3_column_int(st, 3);
		c.coder = store_col(st, 4);
		c.code = store_col(st, 5);
		c.value = store_col(st, 6);
		c.coded_at = store_col(st, 7);
		c.language = store_col(st, 8);
		fn(arg, &c);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
}
