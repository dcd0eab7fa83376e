/* callclock.c: the clock of a live call (see callclock.h). */
#include "config.h"

#include "callclock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isotime.h"
#include "util.h"

/* One moment of a stored call, in time order. */
struct moment {
	long long at;
	enum { M_START, M_END, M_ANSWER } kind;
	size_t section;		/* M_ANSWER: its question's section */
};

struct moments {
	const struct tree *t;
	struct moment *v;
	size_t n, cap;
};

/* Now, in milliseconds, on the monotonic clock. */
long long
call_clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts the clock. */
void
call_clock_init(struct call_clock *c, const struct tree *t, long long now)
{
	memset(c, 0, sizeof *c);
	c->nsections = t->nsections;
	c->section = xcalloc(t->nsections > 0 ? t->nsections : 1, sizeof *c->section);
	c->run_start = now;
	c->shown_at = now;
	c->asking = (size_t)-1;
}

/* Appends a moment. */
static void
moment_add(struct moments *m, long long at, int kind, size_t section)
{
	xgrow(&m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].at = at;
	m->v[m->n].kind = kind;
	m->v[m->n++].section = section;
}

/* A stored event: runs begin and end. */
static void
on_event(void *arg, const struct event_row *r)
{
	long long at;

	if (!isotime_ms(r->at, &at))
		return;
	if (strcmp(r->kind, "start") == 0 || strcmp(r->kind, "resume") == 0)
		moment_add(arg, at, M_START, 0);
	else if (strcmp(r->kind, "pause") == 0 || strcmp(r->kind, "done") == 0)
		moment_add(arg, at, M_END, 0);
}

/* A stored answer, superseded ones too: time spent in its section. */
static void
on_answer(void *arg, const struct answer_row *r)
{
	struct moments *m = arg;
	const struct question *q = tree_question(m->t, r->question);
	long long at;

	if (q != NULL && isotime_ms(r->answered_at, &at))
		moment_add(m, at, M_ANSWER, question_section(m->t, q)->index);
}

/* Orders moments by time; a run's start before an answer at the same
 * moment, an answer before an end. */
static int
moment_cmp(const void *a, const void *b)
{
	const struct moment *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

/* Adds the runs stored before this one. */
enum store_status
call_clock_restore(struct call_clock *c, const struct tree *t, struct store *s,
    const char *id, const struct answer_rows *answers)
{
	struct moments m = { t, NULL, 0, 0 };
	enum store_status st;
	long long start = 0, last = 0;
	bool in_run = false;
	size_t i;

	if ((st = store_events(s, id, on_event, &m)) != STORE_OK)
		goto out;
	for (i = 0; i < answers->n; i++)
		on_answer(&m, answers->v[i]);
	sort_lazy(m.v, m.n, sizeof *m.v, moment_cmp);
	for (i = 0; i < m.n; i++) {
		const struct moment *x = &m.v[i];

		if (x->kind == M_START) {
			if (in_run)	/* a run cut short: up to its last answer */
				c->before += last - start;
			in_run = true;
			start = last = x->at;
		} else if (x->kind == M_END) {
			if (in_run)
				c->before += x->at - start;
			in_run = false;
		} else if (in_run) {
			if (x->section < c->nsections)
				c->section[x->section] += x->at - last;
			last = x->at;
		}
	}
	if (in_run)
		c->before += last - start;
out:
	free(m.v);
	return st;
}

/* A prompt of section is shown at now. */
void
call_clock_prompt(struct call_clock *c, size_t section, long long now)
{
	if (c->asking < c->nsections)
		c->section[c->asking] += now - c->shown_at;
	c->asking = section;
	c->shown_at = now;
}

/* The call's length at now. */
long long
call_clock_elapsed(const struct call_clock *c, long long now)
{
	return c->before + (now - c->run_start);
}

/* The time a section has taken at now. */
long long
call_clock_section(const struct call_clock *c, size_t section, long long now)
{
	if (section >= c->nsections)
		return 0;
	return c->section[section] + (section == c->asking ? now - c->shown_at : 0);
}

/* Frees what the clock holds. */
void
call_clock_clear(struct call_clock *c)
{
	free(c->section);
	memset(c, 0, sizeof *c);
}
