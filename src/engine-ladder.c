/* engine-ladder.c: a ladder's tree of chains of rungs: chains begun,
 * stopped, dropped, cut short and extended, each change written as a
 * record. */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const char STOP_GOAL[] = "goal";
const char STOP_STUCK[] = "stuck";
const char STOP_DEPTH[] = "depth";

static void chain_drop_from(struct engine *, const struct question *, int, unsigned);

/* The goal of a chain: the client's restated goal, else its last rung. */
const char *
chain_goal(const struct chain *c)
{
	if (c->dropped || c->n == 0)
		return NULL;
	return c->goal != NULL ? c->goal : c->rungs[c->n - 1];
}

/* The goal of a ladder's first chain, or NULL. */
const char *
ladder_goal(const struct qstate *s)
{
	return s->nchains == 0 ? NULL : chain_goal(&s->chains[0]);
}

/* True when the ladder has no rung yet in any chain. */
bool
ladder_empty(const struct engine *e, const struct question *q)
{
	const struct qstate *s = qstate(e, q);
	size_t c;

	for (c = 0; c < s->nchains; c++)
		if (!s->chains[c].dropped && s->chains[c].n > 0)
			return false;
	return true;
}

/* Adds a chain hanging from (pc, pr); returns its index. */
int
chain_new(struct engine *e, const struct question *q, int pc, int pr)
{
	struct qstate *s = qstate(e, q);
	struct chain *c;
	struct record *r;

	s->chains = xrealloc(s->chains, (s->nchains + 1) * sizeof *s->chains);
	c = &s->chains[s->nchains];
	memset(c, 0, sizeof *c);
	c->parent_chain = pc;
	c->parent_rung = pr;
	c->first_level = (unsigned)pr + 1;
	r = engine_rec_add(e, REC_CHAIN, q, (int)s->nchains, 0);
	r->parent_chain = pc;
	r->parent_rung = pr;
	return (int)s->nchains++;
}

/* Makes sure chain 0 exists. */
void
chain0(struct engine *e, const struct question *q)
{
	if (qstate(e, q)->nchains == 0)
		chain_new(e, q, -1, 0);
}

/* Stops (or with NULL, reopens) a chain, with the restated goal. */
void
chain_stop(struct engine *e, const struct question *q, int ci, const char *stop,
    const char *goal)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	struct record *r;

	if (stop != STOP_GOAL)
		goal = NULL;
	if (c->stop == stop && (c->goal == goal ||
	    (c->goal != NULL && goal != NULL && strcmp(c->goal, goal) == 0)))
		return;
	c->stop = stop;
	free(c->goal);
	c->goal = xstrdup_null(goal);
	r = engine_rec_add(e, REC_STOP, q, ci, 0);
	r->stop = stop;
	r->value = engine_rec_str(e, goal);
}

/* Drops chain ci and, through it, the chains that hang from its rungs. */
void
chain_drop(struct engine *e, const struct question *q, int ci)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	size_t i;

	if (c->dropped)
		return;
	c->dropped = true;
	engine_rec_add(e, REC_DROP, q, ci, 0);
	chain_drop_from(e, q, ci, c->first_level);
	for (i = 0; i < c->n; i++)
		free(c->rungs[i]);
	c->n = 0;
	free(c->goal);
	c->goal = NULL;
}

/* Drops the chains that hang from chain ci's rungs at level min and deeper. */
static void
chain_drop_from(struct engine *e, const struct question *q, int ci, unsigned min)
{
	struct qstate *s = qstate(e, q);
	size_t d;

	for (d = 0; d < s->nchains; d++)
		if (s->chains[d].parent_chain == ci && !s->chains[d].dropped &&
		    (unsigned)s->chains[d].parent_rung >= min)
			chain_drop(e, q, (int)d);
}

/* Retracts chain ci's rungs from index k on. */
void
chain_truncate(struct engine *e, const struct question *q, int ci, size_t k)
{
	struct chain *c = &qstate(e, q)->chains[ci];

	if (k >= c->n)
		return;
	engine_rec_add(e, REC_RETRACT, q, ci, (int)rung_level(c, k));
	chain_drop_from(e, q, ci, rung_level(c, k));
	c = &qstate(e, q)->chains[ci];
	while (c->n > k)
		free(c->rungs[--c->n]);
}

/* Appends a rung; stops the chain at the ladder's depth. */
void
chain_add(struct engine *e, const struct question *q, int ci, const char *text)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	unsigned level = rung_level(c, c->n);

	xgrow(&c->rungs, &c->cap, c->n + 1, sizeof *c->rungs);
	c->rungs[c->n++] = xstrdup(text);
	engine_rec_add(e, REC_ANSWER, q, ci, (int)level)->value = engine_rec_str(e, text);
	if (level >= q->depth)
		chain_stop(e, q, ci, STOP_DEPTH, NULL);
}

/* Replaces rung i: deeper rungs and the chains hanging from it go. */
void
chain_replace(struct engine *e, const struct question *q, int ci, size_t i,
    const char *text)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	unsigned level = rung_level(c, i);

	chain_truncate(e, q, ci, i + 1);
	chain_drop_from(e, q, ci, level);
	c = &qstate(e, q)->chains[ci];
	free(c->rungs[i]);
	c->rungs[i] = xstrdup(text);
	engine_rec_add(e, REC_ANSWER, q, ci, (int)level)->value = engine_rec_str(e, text);
	chain_stop(e, q, ci, level >= q->depth ? STOP_DEPTH : NULL, NULL);
}
