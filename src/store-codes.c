/* store-codes.c: writing and reading the codes table (see store-codes.h).
 * Its statements are prepared once per connection, like the others (their
 * SQL is in store-schema.c): an export reads each session's codes. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "store-codes.h"
#include "store-int.h"

/* Sets one rung's code for its coder. */
enum store_status
store_code_set(struct store *s, const struct code_row *c)
{
	char now[STORE_TIME_LEN];
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	if ((st = store_stmt(s, ST_CODE_SET)) == NULL)
		return store_fail(s, sqlite3_errcode(s->db));
	store_now(now);
	if ((rc = store_bind_text(st, ":sid", c->session)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", c->question)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":chain", c->chain)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":rung", c->rung)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":coder", c->coder)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":code", c->code)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":value", c->value)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return store_fail(s, rc);
	return STORE_OK;
}

/* Reads the codes of one session or of all. */
enum store_status
store_codes(struct store *s, const char *sid,
    void (*fn)(void *arg, const struct code_row *), void *arg)
{
	struct code_row c;
	enum store_status r;
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	if ((st = store_stmt(s, sid != NULL ? ST_CODES_SESSION : ST_CODES)) == NULL)
		return store_fail(s, sqlite3_errcode(s->db));
	if (sid != NULL && (rc = store_bind_text(st, ":sid", sid)) != SQLITE_OK)
		return store_fail(s, rc);
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
	r = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc);
	sqlite3_reset(st);
	return r;
}
