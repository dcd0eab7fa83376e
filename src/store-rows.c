/* store-rows.c: what an interview writes (answers, retractions, ladder
 * chains, notes), applied in one durable transaction, and reading it back.
 *
 * A non-ladder answer has chain and rung NULL in the table (-1 and 0 in a
 * record); a change never deletes: the old row gets superseded_at. */
#include "config.h"

#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* Supersedes the current answer of (question, chain, rung), then inserts. */
static int
apply_answer(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_ANSWER_SUPERSEDE);
	int rc;

	if ((rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", r->question)) != SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":chain", r->chain, -1)) !=
	    SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":rung", r->rung, 0)) !=
	    SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return rc;
	st = store_stmt(s, ST_ANSWER_INSERT);
	if ((rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", r->question)) != SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":chain", r->chain, -1)) !=
	    SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":rung", r->rung, 0)) !=
	    SQLITE_OK ||
	    (rc = store_bind_text(st, ":value", r->value)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":reason", r->value == NULL ? r->reason :
	    NULL)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Supersedes the current rows of (question, chain) from rung down; rung 0
 * means all of them, rungs or not. */
static int
apply_retract(struct store *s, const char *id, const char *question,
    int chain, int rung, const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_ANSWER_RETRACT);
	int rc;

	if ((rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", question)) != SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":chain", chain, -1)) !=
	    SQLITE_OK ||
	    (rc = store_bind_int(st, ":rung", rung < 0 ? 0 : rung)) !=
	    SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Begins a chain (again, if it is live: its stop is cleared). */
static int
apply_chain(struct store *s, const char *id, const struct record *r)
{
	sqlite3_stmt *st = store_stmt(s, ST_CHAIN_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", r->question)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":chain", r->chain)) != SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":parent_chain", r->parent_chain,
	    -1)) != SQLITE_OK ||
	    (rc = store_bind_int_or_null(st, ":parent_rung",
	    r->parent_chain == -1 ? 0 : r->parent_rung, 0)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Runs a chain UPDATE (stop or drop) already bound but for its key;
 * *found says whether the live chain existed. */
static int
update_chain(struct store *s, sqlite3_stmt *st, const char *id,
    const struct record *r, const char *now, bool *found)
{
	int rc;

	if ((rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", r->question)) != SQLITE_OK ||
	    (rc = store_bind_int(st, ":chain", r->chain)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return rc;
	*found = sqlite3_changes(s->db) > 0;
	return SQLITE_OK;
}

/* True for a stop reason the chains table accepts (NULL reopens). */
static bool
stop_valid(const char *stop)
{
	return stop == NULL || strcmp(stop, "goal") == 0 ||
	    strcmp(stop, "stuck") == 0 || strcmp(stop, "depth") == 0;
}

/* Stops or reopens a live chain, or drops it and sets its rungs aside. */
static enum store_status
apply_chain_change(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	sqlite3_stmt *st;
	bool found = false;
	int rc;

	if (r->kind == REC_STOP) {
		if (!stop_valid(r->stop))
			return store_failf(s, STORE_ERROR, _("unknown ladder "
			    "stop \"%s\""), r->stop);
		st = store_stmt(s, ST_CHAIN_STOP);
		rc = store_bind_text(st, ":stop", r->stop);
		if (rc == SQLITE_OK)
			rc = store_bind_text(st, ":goal", r->value);
	} else {
		st = store_stmt(s, ST_CHAIN_DROP);
		rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK)
		rc = update_chain(s, st, id, r, now, &found);
	if (rc == SQLITE_OK && found && r->kind == REC_DROP)
		rc = apply_retract(s, id, r->question, r->chain, 0, now);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	if (!found)
		return store_failf(s, STORE_ERROR, _("question %s has no chain "
		    "%d to change"), r->question, r->chain);
	return STORE_OK;
}

/* Inserts a note; its text is in value. */
static int
apply_note(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_NOTE_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":q", r->question)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":text", r->value != NULL ? r->value :
	    "")) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* Inserts the "carry" event of an answer confirmed from an earlier call:
 * its detail is "QUESTION SESSION AT", the source session and when the
 * answer was given there. */
static int
apply_carry(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	char *detail = xasprintf("%s %s %s", r->question,
	    r->value != NULL ? r->value : "-", r->reason != NULL ? r->reason : "-");
	int rc = store_insert_event(s, id, "carry", detail, now);

	free(detail);
	return rc;
}

/* Inserts the "amend" event of an answer changed after the call: its
 * detail is "QUESTION: REASON". */
static int
apply_amend(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	char *detail = xasprintf("%s: %s", r->question, r->reason != NULL ? r->reason : "");
	int rc = store_insert_event(s, id, "amend", detail, now);

	free(detail);
	return rc;
}

/* Writes one record inside the open transaction. */
static enum store_status
apply_one(struct store *s, const char *id, const struct record *r,
    const char *now)
{
	int rc;

	if (r->question == NULL && r->kind != REC_NOTE)
		return store_failf(s, STORE_ERROR, _("a record names no "
		    "question"));
	switch (r->kind) {
	case REC_ANSWER:
		rc = apply_answer(s, id, r, now);
		break;
	case REC_RETRACT:
		rc = apply_retract(s, id, r->question, r->chain, r->rung, now);
		break;
	case REC_CHAIN:
		rc = apply_chain(s, id, r);
		break;
	case REC_STOP:
	case REC_DROP:
		return apply_chain_change(s, id, r, now);
	case REC_NOTE:
		rc = apply_note(s, id, r, now);
		break;
	case REC_CARRY:
		rc = apply_carry(s, id, r, now);
		break;
	case REC_AMEND:
		rc = apply_amend(s, id, r, now);
		break;
	default:
		return store_failf(s, STORE_ERROR, _("unknown record kind %d"),
		    (int)r->kind);
	}
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Writes the records inside the open transaction, touching the session. */
enum store_status
store_apply_in(struct store *s, const char *id, const struct record *r,
    size_t n, const char *now)
{
	enum store_status st;
	size_t i;

	if ((st = store_touch(s, id, now)) != STORE_OK)
		return st;
	for (i = 0; i < n; i++)
		if ((st = apply_one(s, id, &r[i], now)) != STORE_OK)
			return st;
	return STORE_OK;
}

/* Writes the records in one transaction and commits it durably. */
enum store_status
store_apply(struct store *s, const char *id, const struct record *r,
    size_t n)
{
	char now[STORE_TIME_LEN];
	enum store_status st;

	store_ok(s);
	store_now(now);
	if ((st = store_begin(s)) != STORE_OK)
		return st;
	if ((st = store_apply_in(s, id, r, n, now)) != STORE_OK)
		return store_rollback(s, st);
	return store_commit(s);
}

/* Begins reading the rows of session id through statement which: *st is
 * bound and ready to step. */
static enum store_status
rows_begin(struct store *s, enum store_stmt which, const char *id,
    sqlite3_stmt **st)
{
	int rc;

	store_ok(s);
	*st = store_stmt(s, which);
	if ((rc = store_bind_text(*st, ":sid", id)) != SQLITE_OK)
		return store_fail(s, rc);
	return STORE_OK;
}

/* Ends a read loop: SQLITE_DONE is success; resets the statement. */
static enum store_status
end_read(struct store *s, sqlite3_stmt *st, int rc)
{
	enum store_status r = STORE_OK;

	if (rc != SQLITE_DONE)
		r = store_fail(s, rc);
	sqlite3_reset(st);
	return r;
}

/* An integer column, or null_value for NULL. */
static int
col_int(sqlite3_stmt *st, int i, int null_value)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return null_value;
	return sqlite3_column_int(st, i);
}

/* Reads an answer row from the columns of ANSWER_SELECT (borrowed until
 * the next step). */
static void
answer_row_read(sqlite3_stmt *st, struct answer_row *row)
{
	row->question = store_col(st, 0);
	row->chain = col_int(st, 1, -1);
	row->rung = col_int(st, 2, 0);
	row->value = store_col(st, 3);
	row->reason = store_col(st, 4);
	row->answered_at = store_col(st, 5);
	row->superseded_at = store_col(st, 6);
}

/* One answer row read, its text kept in the same block (the row first:
 * a pointer to it is one to the block). */
struct answer_held {
	struct answer_row row;
	sqlite3_int64 id;
	char text[];
};

/* The row under st, copied: its five text columns (NULL stays NULL), the
 * two numbers and the id. */
static struct answer_held *
hold_row(sqlite3_stmt *st)
{
	struct answer_row r;
	char **f[5];
	size_t i, n[5], len = 0;
	struct answer_held *h;
	char *p;

	answer_row_read(st, &r);
	f[0] = &r.question, f[1] = &r.value, f[2] = &r.reason;
	f[3] = &r.answered_at, f[4] = &r.superseded_at;
	for (i = 0; i < 5; i++)
		len += (n[i] = *f[i] != NULL ? strlen(*f[i]) : 0) + 1;
	h = xmalloc(sizeof *h + len);
	p = h->text;
	for (i = 0; i < 5; i++)
		if (*f[i] != NULL) {
			memcpy(p, *f[i], n[i] + 1);
			*f[i] = p;
			p += n[i] + 1;
		}
	h->row = r;
	h->id = sqlite3_column_int64(st, 7);
	return h;
}

/* Orders held rows by id, the order they were written in. */
static int
held_cmp(const void *a, const void *b)
{
	const struct answer_held *x = (const struct answer_held *)
	    *(struct answer_row *const *)a;
	const struct answer_held *y = (const struct answer_held *)
	    *(struct answer_row *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Reads the session's answer rows: they come through the index, in its
 * order, and are sorted here by id. */
enum store_status
store_answers_read(struct store *s, const char *id, bool current_only,
    struct answer_rows *out)
{
	size_t cap = 0;
	sqlite3_stmt *st;
	enum store_status r;
	int rc;

	memset(out, 0, sizeof *out);
	if ((r = rows_begin(s, current_only ? ST_ANSWERS_CURRENT :
	    ST_ANSWERS_ALL, id, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(&out->v, &cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = &hold_row(st)->row;
	}
	if ((r = end_read(s, st, rc)) == STORE_OK)
		sort_lazy(out->v, out->n, sizeof *out->v, held_cmp);
	return r;
}

/* Releases the rows read. */
void
answer_rows_free(struct answer_rows *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++)
		free(rows->v[i]);
	free(rows->v);
	memset(rows, 0, sizeof *rows);
}

/* Calls fn for each answer row of the session, in the order written. */
enum store_status
store_answers(struct store *s, const char *id, bool current_only,
    void (*fn)(void *arg, const struct answer_row *), void *arg)
{
	struct answer_rows rows;
	enum store_status r;
	size_t i;

	if ((r = store_answers_read(s, id, current_only, &rows)) == STORE_OK)
		for (i = 0; i < rows.n; i++)
			fn(arg, rows.v[i]);
	answer_rows_free(&rows);
	return r;
}

/* Calls fn for each current answer of the client's other sessions, the
 * latest first. */
enum store_status
store_client_answers(struct store *s, const char *client, const char *except_id,
    void (*fn)(void *arg, const struct answer_row *, const char *session_id),
    void *arg)
{
	sqlite3_stmt *st;
	struct answer_row row;
	int rc;

	store_ok(s);
	st = store_stmt(s, ST_CLIENT_ANSWERS);
	if ((rc = store_bind_text(st, ":client", client)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":except", except_id)) != SQLITE_OK)
		return store_fail(s, rc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		answer_row_read(st, &row);
		fn(arg, &row, store_col(st, 7));
	}
	return end_read(s, st, rc);
}

/* Calls fn for each chain of the session, dropped ones included. */
enum store_status
store_chains(struct store *s, const char *id,
    void (*fn)(void *arg, const struct chain_row *), void *arg)
{
	sqlite3_stmt *st;
	struct chain_row row;
	enum store_status r;
	int rc;

	if ((r = rows_begin(s, ST_CHAINS, id, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.question = store_col(st, 0);
		row.chain = sqlite3_column_int(st, 1);
		row.parent_chain = col_int(st, 2, -1);
		row.parent_rung = col_int(st, 3, 0);
		row.stop = store_col(st, 4);
		row.dropped = sqlite3_column_int(st, 5) != 0;
		row.goal = store_col(st, 6);
		fn(arg, &row);
	}
	return end_read(s, st, rc);
}

/* Calls fn for each note of the session. */
enum store_status
store_notes(struct store *s, const char *id,
    void (*fn)(void *arg, const struct note_row *), void *arg)
{
	sqlite3_stmt *st;
	struct note_row row;
	enum store_status r;
	int rc;

	if ((r = rows_begin(s, ST_NOTES, id, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.question = store_col(st, 0);
		row.text = store_col(st, 1);
		row.noted_at = store_col(st, 2);
		fn(arg, &row);
	}
	return end_read(s, st, rc);
}

/* Calls fn for each event of the session. */
enum store_status
store_events(struct store *s, const char *id,
    void (*fn)(void *arg, const struct event_row *), void *arg)
{
	sqlite3_stmt *st;
	struct event_row row;
	enum store_status r;
	int rc;

	if ((r = rows_begin(s, ST_EVENTS, id, &st)) != STORE_OK)
		return r;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row.kind = store_col(st, 0);
		row.detail = store_col(st, 1);
		row.at = store_col(st, 2);
		fn(arg, &row);
	}
	return end_read(s, st, rc);
}
