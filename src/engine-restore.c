/* engine-restore.c: a stored session put back into an engine: its
 * chains, then its answers and rungs, then the gaps closed. */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Restores a chain of a ladder. */
bool
engine_restore_chain(struct engine *e, const char *question, int chain,
    int parent_chain, int parent_rung, const char *stop, const char *goal)
{
	const struct question *q = tree_question(e->t, question);
	struct qstate *s;
	struct chain *c;

	if (q == NULL || q->type != QT_LADDER || chain < 0 || chain > 10000 ||
	    parent_chain >= chain || parent_rung < 0)
		return false;
	s = qstate(e, q);
	if ((size_t)chain >= s->nchains) {
		s->chains = xrealloc(s->chains, ((size_t)chain + 1) * sizeof *s->chains);
		memset(s->chains + s->nchains, 0,
		    ((size_t)chain + 1 - s->nchains) * sizeof *s->chains);
		while (s->nchains < (size_t)chain)
			s->chains[s->nchains++].dropped = true;	/* not stored: dropped */
		s->nchains = (size_t)chain + 1;
	}
	c = &s->chains[chain];
	c->dropped = false;
	c->parent_chain = parent_chain;
	c->parent_rung = parent_rung;
	c->first_level = (unsigned)parent_rung + 1;
	c->stop = NULL;
	if (stop != NULL)
		c->stop = strcmp(stop, STOP_GOAL) == 0 ? STOP_GOAL :
		    strcmp(stop, STOP_STUCK) == 0 ? STOP_STUCK : STOP_DEPTH;
	free(c->goal);
	c->goal = c->stop == STOP_GOAL ? xstrdup_null(goal) : NULL;
	e->dirty = true;
	return true;
}

/* Restores an answer or a rung. */
bool
engine_restore_answer(struct engine *e, const char *question, int chain,
    int rung, const char *value, const char *reason)
{
	const struct question *q = tree_question(e->t, question);
	struct qstate *s;
	struct chain *c;
	size_t i;

	if (q == NULL || q->type == QT_NOTE)
		return false;
	s = qstate(e, q);
	e->dirty = true;
	if (q->type == QT_LADDER && chain >= 0) {
		/* rung is a level: one deeper than the ladder goes is set aside */
		if ((size_t)chain >= s->nchains || s->chains[chain].dropped ||
		    value == NULL || (unsigned)rung < s->chains[chain].first_level ||
		    (unsigned)rung > q->depth)
			return false;
		c = &s->chains[chain];
		i = (size_t)rung - c->first_level;
		xgrow(&c->rungs, &c->cap, i + 1, sizeof *c->rungs);
		while (c->n <= i)
			c->rungs[c->n++] = NULL;
		free(c->rungs[i]);
		c->rungs[i] = xstrdup(value);
		return true;
	}
	if (chain >= 0 || (q->type == QT_LADDER && value != NULL) ||
	    (value != NULL && !answer_stored_valid(q, value)))
		return false;
	free(s->value);
	free(s->reason);
	s->answered = true;
	s->value = xstrdup_null(value);
	s->reason = xstrdup_null(reason);
	return true;
}

/* Ends restoring: closes gaps, counts flags as reported. */
void
engine_restore_done(struct engine *e)
{
	size_t i, c, k;

	for (i = 0; i < e->t->nall; i++) {
		struct qstate *s = &e->qs[i];

		for (c = 0; c < s->nchains; c++) {
			struct chain *ch = &s->chains[c];

			for (k = 0; k < ch->n && ch->rungs[k] != NULL; k++)
				;
			while (ch->n > k)
				free(ch->rungs[--ch->n]);
		}
	}
	e->dirty = true;
	engine_flags_update(e, false);
	engine_records_clear(e);
}
