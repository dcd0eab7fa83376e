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
insert_session(struct store *s, const struct session_row *in, const char *begun,
    const char *now)
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
	    (rc = store_bind_text(st, ":started", begun)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Keeps a model under its tree's SHA-256 and layout. */
static int
insert_model(struct store *s, const char *sha256, int format,
    const void *model, size_t len)
{
	sqlite3_stmt *st = store_stmt(s, ST_TREE_MODEL_PUT);
	int rc;

	if ((rc = store_bind_text(st, ":sha", sha256)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":format", format)) != SQLITE_OK ||
	    (rc = store_bind_blob(st, ":model", model, len)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Keeps a tree's source under its SHA-256, once, and its model. */
static int
insert_tree(struct store *s, const char *sha256, const struct store_tree *tree)
{
	sqlite3_stmt *st = store_stmt(s, ST_TREE_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":sha", sha256)) != SQLITE_OK ||
	    (rc = store_bind_blob(st, ":src", tree->src, tree->len)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return rc;
	return tree->model == NULL ? SQLITE_OK :
	    insert_model(s, sha256, tree->format, tree->model, tree->model_len);
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
    const struct store_tree *tree, const struct record *r, size_t n)
{
	char now[STORE_TIME_LEN], begun[STORE_TIME_LEN];
	enum store_status st = STORE_OK;
	uuid_t u;
	int rc = SQLITE_OK;
	bool done = in->status != NULL && strcmp(in->status, "done") == 0;

	store_ok(s);
	uuid_generate_random(u);
	uuid_unparse_lower(u, in->id);
	store_now(now);
	/* A start given that is not before now (a clock set back) is now. */
	if (in->started_at != NULL && strlen(in->started_at) < sizeof begun &&
	    strcmp(in->started_at, now) < 0)
		strcpy(begun, in->started_at);
	else
		strcpy(begun, now);
	if ((st = store_begin(s)) != STORE_OK)
		goto fail;
	if (tree != NULL && tree->src != NULL && in->tree_sha256 != NULL)
		rc = insert_tree(s, in->tree_sha256, tree);
	if (rc == SQLITE_OK)
		rc = insert_session(s, in, begun, now);
	if (rc == SQLITE_OK)
		rc = store_insert_event(s, in->id, "start", NULL, begun);
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
	in->started_at = xstrdup(begun);
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
	struct store_tree tree = { tree_source, len, NULL, 0, 0 };

	return store_session_start(s, in, &tree, NULL, 0);
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

/* Reads the session whose id is id exactly into out; false when there is
 * none (or on an error, which the prefix search that follows meets
 * again). One lookup, where a prefix also counts its matches: export
 * loads every session by its full id. */
static bool
find_exact(struct store *s, const char *id, struct session_row *out)
{
	sqlite3_stmt *st = store_stmt(s, ST_SESSION_BY_ID);
	bool found = false;

	if (store_bind_text(st, ":id", id) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		session_row_read(st, out);
		found = true;
	}
	sqlite3_reset(st);
	return found;
}

/* Finds a session by id, unique prefix, or (prefix NULL) the latest; a
 * whole id is never ambiguous. */
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
	if (prefix != NULL && find_exact(s, prefix, out))
		return STORE_OK;
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
    const struct store_tree *tree)
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
	if (tree != NULL && tree->src != NULL)
		rc = insert_tree(s, sha256, tree);
	if (rc == SQLITE_OK)
		rc = store_insert_event(s, id, "tree", sha256, now);
	if (rc != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	return store_commit(s);
}

/* A copy of blob column i (NUL-terminated), or NULL when it is NULL. */
static char *
column_copy(sqlite3_stmt *st, int i, size_t *len)
{
	char *p;

	*len = 0;
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	*len = (size_t)sqlite3_column_bytes(st, i);
	p = xmalloc(*len + 1);
	if (*len > 0)
		memcpy(p, sqlite3_column_blob(st, i), *len);
	p[*len] = '\0';
	return p;
}

/* Copies the source kept for sha256, and its model in layout format. */
enum store_status
store_tree_kept(struct store *s, const char *sha256, int format, char **src,
    size_t *len, char **model, size_t *model_len)
{
	sqlite3_stmt *st = store_stmt(s, ST_TREE_KEPT);
	enum store_status r = STORE_OK;
	int rc;

	store_ok(s);
	*src = *model = NULL;
	*len = *model_len = 0;
	if ((rc = store_bind_text(st, ":sha", sha256)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":format", format)) != SQLITE_OK)
		return store_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*src = column_copy(st, 0, len);
		*model = column_copy(st, 1, model_len);
		if (*src == NULL)
			*src = xstrdup("");
	} else if (rc == SQLITE_DONE)
		r = store_failf(s, STORE_NOT_FOUND, _("no tree kept with "
		    "SHA-256 %s"), sha256);
	else
		r = store_fail(s, rc);
	sqlite3_reset(st);
	return r;
}

/* True when the store was opened for writing. */
bool
store_writable(const struct store *s)
{
	return !s->reader;
}

/* Keeps a model, waiting for no lock, in its own transaction. */
enum store_status
store_tree_model_keep(struct store *s, const char *sha256, int format,
    const void *model, size_t len)
{
	int rc;

	store_ok(s);
	if (s->reader || !sqlite3_get_autocommit(s->db))
		return STORE_OK;
	sqlite3_busy_timeout(s->db, 0);
	rc = insert_model(s, sha256, format, model, len);
	sqlite3_busy_timeout(s->db, s->busy_ms);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Copies the source kept for sha256 into *src (NUL-terminated). */
enum store_status
store_tree_source(struct store *s, const char *sha256, char **src,
    size_t *len)
{
	char *model;
	size_t model_len;
	/* No layout is 0: no model is read. */
	enum store_status r = store_tree_kept(s, sha256, 0, src, len, &model,
	    &model_len);

	free(model);
	return r;
}
