/* brief-history.c: what the brief takes from the answer history, read in
 * one pass over every answer row of the session and one over its events:
 * when each current answer was given, when the call began and ended, how
 * long it lasted without its pauses, and which answers changed. */
#include "config.h"

#include "brief.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hmap.h"
#include "i18n.h"
#include "util.h"

/* One answer row, kept for pairing a superseded row with its successor. */
struct hrow {
	const struct question *q;
	int rung;
	char *value;
	char *key;		/* question, chain and rung */
	char *at;
	char *superseded_at;
	bool replaced;
};

struct history {
	struct brief *b;
	struct sess *ss;
	struct hrow *rows;
	size_t n, cap;
	long long *times;	/* every answer time, in ms */
	size_t ntimes, captimes;
	long long *resumes;	/* resume event times, in ms */
	size_t nresumes, capresumes;
};

/* Parses "YYYY-MM-DDTHH:MM:SS[.mmm]Z". */
bool
brief_time_ms(const char *iso, long long *ms)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, s, frac = 0, n = 0;
	time_t t;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d,
	    &h, &mi, &s, &n) != 6)
		return false;
	if (iso[n] == '.' && sscanf(iso + n, ".%3d", &frac) != 1)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*ms = (long long)t * 1000 + frac;
	return true;
}

/* Formats a part of a stored time in local time; NULL when the time
 * cannot be read. */
char *
brief_time_format(const char *iso, enum brief_time_part part)
{
	long long ms;
	time_t t;
	struct tm tm;
	char out[128];
	size_t n = 0;

	if (!brief_time_ms(iso, &ms))
		return NULL;
	t = (time_t)(ms / 1000);
	if (localtime_r(&t, &tm) == NULL)
		return NULL;
	switch (part) {
	case BRIEF_DATE:
		n = strftime(out, sizeof out, "%Y-%m-%d", &tm);
		break;
	case BRIEF_TIME:
		n = strftime(out, sizeof out, "%H:%M", &tm);
		break;
	case BRIEF_TIME_ZONE:
		n = strftime(out, sizeof out, "%H:%M %Z", &tm);
		break;
	case BRIEF_ZONE:
		n = strftime(out, sizeof out, "%Z", &tm);
		break;
	}
	return n > 0 ? xstrdup(out) : NULL;
}

/* A length of time as a person says it. */
char *
brief_duration_text(long seconds)
{
	long m = seconds / 60;

	if (seconds < 60)
		return xstrdup(_("less than a minute"));
	if (m < 60)
		return xasprintf(ngettext("%ld minute", "%ld minutes", (unsigned long)m), m);
	/* TRANSLATORS: hours and minutes, as in "1 h 05 min". */
	return xasprintf(_("%ld h %02ld min"), m / 60, m % 60);
}

/* Widens the first and last times of the brief to take in at. */
static void
time_seen(struct history *h, const char *at)
{
	struct brief *b = h->b;
	long long ms;

	if (at == NULL || !brief_time_ms(at, &ms))
		return;
	if (b->first_at == NULL || strcmp(at, b->first_at) < 0) {
		free(b->first_at);
		b->first_at = xstrdup(at);
	}
	if (b->last_at == NULL || strcmp(at, b->last_at) > 0) {
		free(b->last_at);
		b->last_at = xstrdup(at);
	}
	xgrow(&h->times, &h->captimes, h->ntimes + 1, sizeof *h->times);
	h->times[h->ntimes++] = ms;
}

/* Keeps one answer row. */
static void
history_row(void *arg, const struct answer_row *r)
{
	struct history *h = arg;
	const struct question *q = tree_question(h->ss->tree, r->question);
	struct hrow *row;

	time_seen(h, r->answered_at);
	if (q == NULL)
		return;
	if (r->superseded_at == NULL) {
		free(h->b->answered_at[q->index]);
		h->b->answered_at[q->index] = xstrdup(r->answered_at);
	}
	xgrow(&h->rows, &h->cap, h->n + 1, sizeof *h->rows);
	row = &h->rows[h->n++];
	row->q = q;
	row->rung = r->rung;
	row->value = r->value != NULL ? xstrdup(r->value) : NULL;
	row->key = xasprintf("%s\037%d\037%d", r->question, r->chain, r->rung);
	row->at = xstrdup(r->answered_at);
	row->superseded_at = r->superseded_at != NULL ? xstrdup(r->superseded_at) : NULL;
	row->replaced = false;
}

/* Keeps the time of each resumption. */
static void
history_event(void *arg, const struct event_row *r)
{
	struct history *h = arg;
	long long ms;

	if (strcmp(r->kind, "resume") == 0 && brief_time_ms(r->at, &ms)) {
		xgrow(&h->resumes, &h->capresumes, h->nresumes + 1, sizeof *h->resumes);
		h->resumes[h->nresumes++] = ms;
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
	qsort(h->times, h->ntimes, sizeof *h->times, ms_cmp);
	qsort(h->resumes, h->nresumes, sizeof *h->resumes, ms_cmp);
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

/* Appends a change from row old to row new (NULL: withdrawn). */
static void
change_add(struct history *h, const struct hrow *old, const struct hrow *new)
{
	struct brief *b = h->b;
	struct brief_change *c;

	if (!old->q->in_brief || (new != NULL && same_value(old->value, new->value)))
		return;
	b->changes = xrealloc(b->changes, (b->nchanges + 1) * sizeof *b->changes);
	c = &b->changes[b->nchanges++];
	memset(c, 0, sizeof *c);
	c->q = old->q;
	c->question = brief_question_text(h->ss, old->q);
	c->rung = old->q->type == QT_LADDER ? old->rung : 0;
	c->before = brief_answer_text(h->ss, old->q, old->value);
	c->withdrawn = new == NULL;
	c->after = new != NULL ? brief_answer_text(h->ss, new->q, new->value) : NULL;
	c->at = xstrdup(old->superseded_at);
}

/* Pairs each superseded row with the next row of the same question, chain
 * and rung; a row without one was withdrawn. */
static void
history_changes(struct history *h)
{
	struct hmap last = { 0 };
	struct hrow *prev;
	size_t i;

	for (i = 0; i < h->n; i++) {
		prev = hmap_get(&last, h->rows[i].key);
		if (prev != NULL && prev->superseded_at != NULL) {
			change_add(h, prev, &h->rows[i]);
			prev->replaced = true;
		}
		hmap_put(&last, h->rows[i].key, &h->rows[i]);
	}
	for (i = 0; i < h->n; i++)
		if (h->rows[i].superseded_at != NULL && !h->rows[i].replaced &&
		    hmap_get(&last, h->rows[i].key) == &h->rows[i])
			change_add(h, &h->rows[i], NULL);
	hmap_free(&last);
}

/* Reads the history of the session into b. */
enum store_status
brief_history(struct brief *b, struct sess *ss, struct store *s)
{
	struct history h = { 0 };
	enum store_status st;
	size_t i;

	h.b = b;
	h.ss = ss;
	b->answered_at = xcalloc(ss->tree->nall > 0 ? ss->tree->nall : 1,
	    sizeof *b->answered_at);
	st = store_answers(s, ss->row.id, false, history_row, &h);
	if (st == STORE_OK)
		st = store_events(s, ss->row.id, history_event, &h);
	if (st == STORE_OK) {
		history_changes(&h);
		b->seconds = call_seconds(&h);
	}
	for (i = 0; i < h.n; i++) {
		free(h.rows[i].value);
		free(h.rows[i].key);
		free(h.rows[i].at);
		free(h.rows[i].superseded_at);
	}
	free(h.rows);
	free(h.times);
	free(h.resumes);
	return st;
}
