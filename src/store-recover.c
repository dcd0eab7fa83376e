/* store-recover.c: how a session was left, and a client's open session
 * (see store-recover.h). */
#include "config.h"

#include "store-recover.h"

#include <stdlib.h>
#include <string.h>

#include "store-int.h"
#include "util.h"

#define LEFT_SQL \
	"SELECT (SELECT kind FROM events WHERE session_id = :sid" \
	" ORDER BY id DESC LIMIT 1), (SELECT max(answered_at) FROM answers" \
	" WHERE session_id = :sid)"

#define OPEN_FOR_SQL \
	"SELECT id FROM sessions WHERE status = 'open' AND tree_id = :tree" \
	" AND whyline_same(client, :client) ORDER BY updated_at DESC," \
	" rowid DESC LIMIT 1"

/* How a session was left. */
enum store_status
store_session_left(struct store *s, const char *id, char **last_event,
    char **last_answer_at)
{
	sqlite3_stmt *st;
	int rc;

	store_ok(s);
	*last_event = *last_answer_at = NULL;
	if ((st = store_prepare(s, LEFT_SQL)) == NULL)
		return STORE_ERROR;
	if ((rc = store_bind_text(st, ":sid", id)) == SQLITE_OK &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*last_event = xstrdup_null(store_col(st, 0));
		*last_answer_at = xstrdup_null(store_col(st, 1));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* A client's open session on a tree. */
enum store_status
store_session_open_for(struct store *s, const char *tree_id,
    const char *client, struct session_row *out)
{
	enum store_status r;
	sqlite3_stmt *st;
	char *id = NULL;
	int rc;

	store_ok(s);
	memset(out, 0, sizeof *out);
	if ((st = store_prepare(s, OPEN_FOR_SQL)) == NULL)
		return STORE_ERROR;
	if ((rc = store_bind_text(st, ":tree", tree_id)) == SQLITE_OK &&
	    (rc = store_bind_text(st, ":client", client)) == SQLITE_OK &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW)
		id = xstrdup_null(store_col(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc);
	if (id == NULL)
		return STORE_OK;
	r = store_session_find(s, id, out);
	free(id);
	return r;
}
