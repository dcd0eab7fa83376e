/* brief-history.c: what the brief takes from the answer history, read in
 * one pass over the events of the session and one over every answer row:
 * when each current answer was given, when the call began and ended, how
 * long it lasted without its pauses, and which answers changed, during the
 * call or after it (an amendment: its answer row is written at the time of
 * its "amend" event, which names the question and the reason, and does
 * not count in the call's times). */
#include "config.h"

#include "brief-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "isotime.h"

/* One answer row, kept for pairing a superseded row with its successor:
 * rows sorted by (question, chain, rung, order read) put each next to the
 * row that replaced it. Its texts are the session's (borrowed). */
struct hrow {
	const struct question *q;
	int chain;
	int rung;
	size_t seq;
	const char *value;
	const char *answered_at;
	const char *superseded_at;
};

/* A stored time, kept without allocating (they are about 24 bytes). */
struct stamp {
	long long ms;
	char text[40];
	bool set;
};

/* An amendment: when, which question, why (from its event). */
struct amendment {
	char *at;
	char *question;
	char *reason;
};

struct history {
	struct brief *b;
	struct session *ss;
	struct amendment *amends;
	size_t namends, capamends;
	struct hrow *rows;
	size_t n, cap;
	struct stamp first, last;
	long long *times;	/* every answer time, in ms */
	size_t ntimes, captimes;
	long long *resumes;	/* resume event times, in ms */
	size_t nresumes, capresumes;
};

/* Keeps at in st when it is earlier (later) than what st holds. */
static void
stamp_keep(struct stamp *st, const char *at, long long ms, bool later)
{
	if (st->set && (later ? ms <= st->ms : ms >= st->ms))
		return;
	st->ms = ms;
	st->set = true;
	snprintf(st->text, sizeof st->text, "%s", at);
}

/* Widens the first and last times of the call to take in at. */
static void
time_seen(struct history *h, const char *at)
{
	long long ms;

	if (at == NULL || !isotime_ms(at, &ms))
		return;
	stamp_keep(&h->first, at, ms, false);
	stamp_keep(&h->last, at, ms, true);
	xgrow(&h->times, &h->captimes, h->ntimes + 1, sizeof *h->times);
	h->times[h->ntimes++] = ms;
}

/* The amendment that wrote (or superseded) question's row at at, or
 * NULL: a change of the call. */
static const struct amendment *
amendment_at(const struct history *h, const char *question, const char *at)
{
	size_t i;

	for (i = 0; at != NULL && i < h->namends; i++)
		if (strcmp(h->amends[i].at, at) == 0 &&
		    strcmp(h->amends[i].question, question) == 0)
			return &h->amends[i];
	return NULL;
}

/* Keeps one answer row. */
static void
history_row(void *arg, const struct answer_row *r)
{
	struct history *h = arg;
	const struct question *q = tree_question(h->ss->tree, r->question);
	struct hrow *row;

	/* An amendment is not part of the call: its time is not the call's. */
	if (amendment_at(h, r->question, r->answered_at) == NULL)
		time_seen(h, r->answered_at);
	if (q == NULL)
		return;
	if (r->superseded_at == NULL) {
		free(h->b->answered_at[q->index]);
		h->b->answered_at[q->index] = xstrdup(r->answered_at);
	}
	xgrow(&h->rows, &h->cap, h->n + 1, sizeof *h->rows);
	row = &h->rows[h->n];
	row->q = q;
	row->chain = r->chain;
	row->rung = r->rung;
	row->seq = h->n++;
	row->value = r->value;
	row->answered_at = r->answered_at;
	row->superseded_at = r->superseded_at;
}

/* Keeps the call's start (when its first question was on screen), the
 * time of each resumption, and each amendment. */
static void
history_event(void *arg, const struct event_row *r)
{
	struct history *h = arg;
	struct amendment *a;
	const char *sep;
	long long ms;

	if (strcmp(r->kind, "start") == 0)
		time_seen(h, r->at);
	if (strcmp(r->kind, "resume") == 0 && isotime_ms(r->at, &ms)) {
		xgrow(&h->resumes, &h->capresumes, h->nresumes + 1, sizeof *h->resumes);
		h->resumes[h->nresumes++] = ms;
	}
	/* detail: "QUESTION: REASON" (a question id holds no colon). */
	if (strcmp(r->kind, "amend") == 0 && r->detail != NULL &&
	    (sep = strstr(r->detail, ": ")) != NULL) {
		xgrow(&h->amends, &h->capamends, h->namends + 1, sizeof *h->amends);
		a = &h->amends[h->namends++];
		a->at = xstrdup(r->at);
		a->question = xstrndup(r->detail, (size_t)(sep - r->detail));
		a->reason = xstrdup(sep + 2);
	}
}

/* Orders times. */
static int
ms_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The length of the call: the gaps between answers, where a gap that a
 * resumption falls in counts only from the resumption. */
static long
call_seconds(struct history *h)
{
	long long total = 0, from;
	size_t i, k = 0;

	if (h->ntimes == 0)
		return -1;
	sort_lazy(h->times, h->ntimes, sizeof *h->times, ms_cmp);
	sort_lazy(h->resumes, h->nresumes, sizeof *h->resumes, ms_cmp);
	for (i = 1; i < h->ntimes; i++) {
		from = h->times[i - 1];
		while (k < h->nresumes && h->resumes[k] <= h->times[i]) {
			if (h->resumes[k] > from)
				from = h->resumes[k];
			k++;
		}
		total += h->times[i] - from;
	}
	return (long)(total / 1000);
}

/* True when two stored values are the same (NULL for skipped). */
static bool
same_value(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Appends a change from row old to row new (NULL: withdrawn); old is NULL
 * for a question an amendment answered first (it had no answer). */
static void
change_add(struct history *h, const struct hrow *old, const struct hrow *new)
{
	struct brief *b = h->b;
	const struct hrow *any = old != NULL ? old : new;
	const struct amendment *a;
	struct brief_change *c;
	const char *at = old != NULL ? old->superseded_at : new->answered_at;

	if (!any->q->in_brief || (old != NULL && new != NULL &&
	    same_value(old->value, new->value)))
		return;
	b->changes = xrealloc(b->changes, (b->nchanges + 1) * sizeof *b->changes);
	c = &b->changes[b->nchanges++];
	memset(c, 0, sizeof *c);
	c->q = any->q;
	c->question = brief_question_text(h->ss, any->q);
	c->label = brief_label_text(h->ss, any->q, c->question);
	c->rung = any->q->type == QT_LADDER ? any->rung : 0;
	c->unanswered = old == NULL;
	c->before = old != NULL ? brief_answer_text(h->ss, old->q, old->value) : NULL;
	c->withdrawn = new == NULL;
	c->after = new != NULL ? brief_answer_text(h->ss, new->q, new->value) : NULL;
	c->at = xstrdup(at);
	c->time = isotime_format(c->at, ISOTIME_TIME);
	if ((a = amendment_at(h, any->q->id.s, at)) != NULL) {
		c->amended = true;
		c->reason = brief_str(a->reason, false);
		c->date = isotime_format(c->at, ISOTIME_DATE);
	}
}

/* Orders rows by question, chain, rung, then as read. */
static int
hrow_cmp(const void *a, const void *b)
{
	const struct hrow *x = a, *y = b;

	if (x->q->index != y->q->index)
		return x->q->index < y->q->index ? -1 : 1;
	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	if (x->rung != y->rung)
		return x->rung < y->rung ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Orders changes as they happened. */
static int
change_cmp(const void *a, const void *b)
{
	const struct brief_change *x = a, *y = b;
	int c = strcmp(x->at, y->at);

	if (c != 0)
		return c;
	if (x->q->index != y->q->index)
		return x->q->index < y->q->index ? -1 : 1;
	return (x->rung > y->rung) - (x->rung < y->rung);
}

/* Pairs each superseded row with the next row of the same question, chain
 * and rung; a superseded row without one was withdrawn. */
static void
history_changes(struct history *h)
{
	size_t i;

	sort_lazy(h->rows, h->n, sizeof *h->rows, hrow_cmp);
	for (i = 0; i < h->n; i++) {
		const struct hrow *r = &h->rows[i], *next = i + 1 < h->n ? r + 1 : NULL;
		const struct hrow *prev = i > 0 ? r - 1 : NULL;

		/* The first answer of a question, written by an amendment. */
		if ((prev == NULL || prev->q != r->q || prev->chain != r->chain ||
		    prev->rung != r->rung) && amendment_at(h, r->q->id.s, r->answered_at) != NULL)
			change_add(h, NULL, r);
		if (r->superseded_at == NULL)
			continue;
		if (next != NULL && next->q == r->q && next->chain == r->chain &&
		    next->rung == r->rung)
			change_add(h, r, next);
		else
			change_add(h, r, NULL);
	}
	if (h->b->nchanges > 1)
		qsort(h->b->changes, h->b->nchanges, sizeof *h->b->changes, change_cmp);
}

/* Reads the history of the session into b. */
enum store_status
brief_history(struct brief *b, struct session *ss, struct store *s)
{
	struct history h = { 0 };
	enum store_status st;
	size_t i;

	h.b = b;
	h.ss = ss;
	b->answered_at = xcalloc(ss->tree->nall > 0 ? ss->tree->nall : 1,
	    sizeof *b->answered_at);
	st = store_events(s, ss->row.id, history_event, &h);
	for (i = 0; st == STORE_OK && i < ss->answers.n; i++)
		history_row(&h, ss->answers.v[i]);
	if (st == STORE_OK) {
		history_changes(&h);
		b->seconds = call_seconds(&h);
		b->first_at = h.first.set ? xstrdup(h.first.text) : NULL;
		b->last_at = h.last.set ? xstrdup(h.last.text) : NULL;
	}
	for (i = 0; i < h.namends; i++) {
		free(h.amends[i].at);
		free(h.amends[i].question);
		free(h.amends[i].reason);
	}
	free(h.amends);
	free(h.rows);
	free(h.times);
	free(h.resumes);
	return st;
}
