/* store-session.c: sessions in the database: creating one with a UUID,
 * finding it by prefix, listing, changing its language or status, its
 * events, and the tree sources kept by SHA-256. */
#include "config.h"

#include "store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "buf.h"
#include "i18n.h"
#include "store-int.h"
#include "util.h"

#define PREFIX_MIN 4

/* Frees the strings of a session and empties it. */
void
session_row_clear(struct session_row *ss)
{
	free(ss->tree_id);
	free(ss->tree_version);
	free(ss->tree_sha256);
	free(ss->tree_path);
	free(ss->title);
	free(ss->client);
	free(ss->consultant);
	free(ss->language);
	free(ss->status);
	free(ss->started_at);
	free(ss->updated_at);
	free(ss->finished_at);
	memset(ss, 0, sizeof *ss);
}

/* A copy of column i, NULL for NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *v = store_col(st, i);

	return v != NULL ? xstrdup(v) : NULL;
}

/* Fills out (emptied first) from a row of SESSION_SELECT. */
static void
session_row_read(sqlite3_stmt *st, struct session_row *out)
{
	const char *id = store_col(st, 0);

	memset(out, 0, sizeof *out);
	snprintf(out->id, sizeof out->id, "%s", id != NULL ? id : "");
	out->tree_id = col_dup(st, 1);
	out->tree_version = col_dup(st, 2);
	out->tree_sha256 = col_dup(st, 3);
	out->tree_path = col_dup(st, 4);
	out->title = col_dup(st, 5);
	out->client = col_dup(st, 6);
	out->consultant = col_dup(st, 7);
	out->language = col_dup(st, 8);
	out->status = col_dup(st, 9);
	out->started_at = col_dup(st, 10);
	out->updated_at = col_dup(st, 11);
	out->finished_at = col_dup(st, 12);
	out->answers = (long)sqlite3_column_int64(st, 13);
}

/* Inserts the session row of in, with id and now. */
static int
insert_session(struct store *s, const struct session_row *in, const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_SESSION_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":id", in->id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":tree_id", in->tree_id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":tree_version", in->tree_version)) !=
	    SQLITE_OK ||
	    (rc = store_bind_text(st, ":tree_sha256", in->tree_sha256)) !=
	    SQLITE_OK ||
	    (rc = store_bind_text(st, ":tree_path", in->tree_path)) !=
	    SQLITE_OK ||
	    (rc = store_bind_text(st, ":title", in->title)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":client", in->client)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":consultant", in->consultant)) !=
	    SQLITE_OK ||
	    (rc = store_bind_text(st, ":language", in->language)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Keeps a tree's source under its SHA-256, once. */
static int
insert_tree(struct store *s, const char *sha256, const char *src, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, ST_TREE_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":sha", sha256)) != SQLITE_OK ||
	    (rc = store_bind_blob(st, ":src", src, len)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Runs an UPDATE of one session by :id, with :now and the parameter
 * called name set to value; NOT_FOUND if there is no such session. */
static enum store_status
update_session(struct store *s, sqlite3_stmt *st, const char *id,
    const char *now, const char *name, const char *value)
{
	int rc;

	if ((rc = store_bind_text(st, ":id", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_bind_text(st, name, value)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return store_fail(s, rc);
	if (sqlite3_changes(s->db) == 0)
		return store_failf(s, STORE_NOT_FOUND, _("no session %s"), id);
	return STORE_OK;
}

/* Creates a session from *in, filling its id, status and times, with its
 * first records in the same transaction. */
enum store_status
store_session_start(struct store *s, struct session_row *in,
    const char *tree_source, size_t len, const struct record *r, size_t n)
{
	char now[STORE_TIME_LEN];
	enum store_status st = STORE_OK;
	uuid_t u;
	int rc = SQLITE_OK;
	bool done = in->status != NULL && strcmp(in->status, "done") == 0;

	store_ok(s);
	uuid_generate_random(u);
	uuid_unparse_lower(u, in->id);
	store_now(now);
	if ((st = store_begin(s)) != STORE_OK)
		goto fail;
	if (tree_source != NULL && in->tree_sha256 != NULL)
		rc = insert_tree(s, in->tree_sha256, tree_source, len);
	if (rc == SQLITE_OK)
		rc = insert_session(s, in, now);
	if (rc == SQLITE_OK)
		rc = store_insert_event(s, in->id, "start", NULL, now);
	if (rc != SQLITE_OK)
		st = store_fail(s, rc);
	else if (n > 0)
		st = store_apply_in(s, in->id, r, n, now);
	/* A session stored whole (a replay) is done in the same transaction:
	 * it is never left half way, stored but open. */
	if (st == STORE_OK && done &&
	    (st = update_session(s, store_stmt(s, ST_SESSION_STATUS), in->id, now,
	    ":status", "done")) == STORE_OK &&
	    (rc = store_insert_event(s, in->id, "done", NULL, now)) != SQLITE_OK)
		st = store_fail(s, rc);
	if (st != STORE_OK) {
		store_rollback(s, st);
		goto fail;
	}
	if ((st = store_commit(s)) != STORE_OK)
		goto fail;
	free(in->status);
	free(in->started_at);
	free(in->updated_at);
	free(in->finished_at);
	in->status = xstrdup(done ? "done" : "open");
	in->started_at = xstrdup(now);
	in->updated_at = xstrdup(now);
	in->finished_at = done ? xstrdup(now) : NULL;
	in->answers = 0;
	return STORE_OK;
fail:
	in->id[0] = '\0';	/* not stored */
	return st;
}

/* Creates a session with no answer yet. */
enum store_status
store_session_create(struct store *s, struct session_row *in,
    const char *tree_source, size_t len)
{
	return store_session_start(s, in, tree_source, len, NULL, 0);
}

/* Binds the range of ids that begin with prefix (lower-cased): every id
 * character sorts below '~'. */
static int
bind_prefix(sqlite3_stmt *st, const char *prefix)
{
	char *lo = xstrdup(prefix), *hi, *p;
	int rc;

	for (p = lo; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	hi = xasprintf("%s~", lo);
	if ((rc = store_bind_text(st, ":lo", lo)) == SQLITE_OK)
		rc = store_bind_text(st, ":hi", hi);
	free(lo);
	free(hi);
	return rc;
}

/* Finds a session by id, unique prefix, or (prefix NULL) the latest. */
enum store_status
store_session_find(struct store *s, const char *prefix, struct session_row *out)
{
	enum store_status r = STORE_OK;
	sqlite3_stmt *st;
	long long n;
	int rc;

	store_ok(s);
	memset(out, 0, sizeof *out);
	if (prefix != NULL && strlen(prefix) < PREFIX_MIN)
		return store_failf(s, STORE_NOT_FOUND, _("a session id needs "
		    "at least %d characters: \"%s\""), PREFIX_MIN, prefix);
	if (prefix == NULL)
		st = store_stmt(s, ST_SESSION_LATEST);
	else if ((rc = bind_prefix(st = store_stmt(s, ST_SESSION_BY_PREFIX),
	    prefix)) != SQLITE_OK)
		return store_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE && prefix == NULL)
		r = store_failf(s, STORE_NOT_FOUND, _("there is no session "
		    "yet"));
	else if (rc == SQLITE_DONE)
		r = store_failf(s, STORE_NOT_FOUND, _("no session matches "
		    "\"%s\""), prefix);
	else if (rc != SQLITE_ROW)
		r = store_fail(s, rc);
	else if (prefix != NULL && (n = sqlite3_column_int64(st, 14)) > 1)
		r = store_failf(s, STORE_AMBIGUOUS, ngettext("\"%s\" matches "
		    "%lld session; give more characters", "\"%s\" matches "
		    "%lld sessions; give more characters", (unsigned long)n),
		    prefix, n);
	else
		session_row_read(st, out);
	sqlite3_reset(st);
	return r;
}

/* Calls fn for each session that matches the filters, newest first. */
enum store_status
store_session_list(struct store *s, const char *client, const char *tree_id,
    const char *status, void (*fn)(void *arg, const struct session_row *),
    void *arg)
{
	sqlite3_stmt *st = store_stmt(s, ST_SESSION_LIST);
	enum store_status r = STORE_OK;
	struct session_row ss;
	int rc;

	store_ok(s);
	if ((rc = store_bind_text(st, ":client", client)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":tree", tree_id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":status", status)) != SQLITE_OK)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		session_row_read(st, &ss);
		fn(arg, &ss);
		session_row_clear(&ss);
	}
out:
	if (rc != SQLITE_DONE)
		r = store_fail(s, rc);
	sqlite3_reset(st);
	return r;
}

/* Sets the session's language. */
enum store_status
store_session_set_language(struct store *s, const char *id, const char *lang)
{
	char now[STORE_TIME_LEN];

	store_ok(s);
	store_now(now);
	return update_session(s, store_stmt(s, ST_SESSION_LANGUAGE), id, now,
	    ":lang", lang);
}

/* Sets the status, "open" or "done"; done sets finished_at, open clears it. */
enum store_status
store_session_set_status(struct store *s, const char *id, const char *status)
{
	char now[STORE_TIME_LEN];

	store_ok(s);
	if (status == NULL || (strcmp(status, "open") != 0 &&
	    strcmp(status, "done") != 0))
		return store_failf(s, STORE_ERROR, _("unknown session status "
		    "\"%s\""), status ? status : "");
	store_now(now);
	return update_session(s, store_stmt(s, ST_SESSION_STATUS), id, now,
	    ":status", status);
}

/* Records an event now and marks the session updated, in one transaction. */
enum store_status
store_event(struct store *s, const char *id, const char *kind,
    const char *detail)
{
	char now[STORE_TIME_LEN];
	enum store_status r;
	int rc;

	store_ok(s);
	store_now(now);
	if ((r = store_begin(s)) != STORE_OK)
		return r;
	if ((r = store_touch(s, id, now)) != STORE_OK)
		return store_rollback(s, r);
	if ((rc = store_insert_event(s, id, kind, detail, now)) != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	return store_commit(s);
}

/* Points the session at another tree and keeps that tree's source. */
enum store_status
store_session_set_tree(struct store *s, const char *id, const char *sha256,
    const char *tree_source, size_t len)
{
	char now[STORE_TIME_LEN];
	enum store_status r;
	int rc = SQLITE_OK;

	store_ok(s);
	store_now(now);
	if ((r = store_begin(s)) != STORE_OK)
		return r;
	if ((r = update_session(s, store_stmt(s, ST_SESSION_TREE), id, now,
	    ":sha", sha256)) != STORE_OK)
		return store_rollback(s, r);
	if (tree_source != NULL)
		rc = insert_tree(s, sha256, tree_source, len);
	if (rc == SQLITE_OK)
		rc = store_insert_event(s, id, "tree", sha256, now);
	if (rc != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	return store_commit(s);
}

/* Copies the source kept for sha256 into *src (NUL-terminated). */
enum store_status
store_tree_source(struct store *s, const char *sha256, char **src,
    size_t *len)
{
	sqlite3_stmt *st = store_stmt(s, ST_TREE_SOURCE);
	enum store_status r = STORE_OK;
	int rc;

	store_ok(s);
	*src = NULL;
	*len = 0;
	if ((rc = store_bind_text(st, ":sha", sha256)) != SQLITE_OK)
		return store_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*src = xmalloc(*len + 1);
		if (*len > 0)
			memcpy(*src, sqlite3_column_blob(st, 0), *len);
		(*src)[*len] = '\0';
	} else if (rc == SQLITE_DONE)
		r = store_failf(s, STORE_NOT_FOUND, _("no tree kept with "
		    "SHA-256 %s"), sha256);
	else
		r = store_fail(s, rc);
	sqlite3_reset(st);
	return r;
}
