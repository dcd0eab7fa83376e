/* engine-walk.c: the walk over the tree: sections and questions in
 * document order, their conditions on the current answers, the slots they
 * leave to ask, and the flags that become true. */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "jdoc.h"
#include "util.h"

/* The stored value of q, reached or not: NULL when unanswered or skipped;
 * for a ladder, the goal of its first chain. */
const char *
qstate_value(const struct qstate *s, const struct question *q)
{
	if (q->type == QT_LADDER)
		return s->answered ? NULL : ladder_goal(s);
	return s->answered ? s->value : NULL;
}

/* The current value of a reached question, for conditions. */
bool
engine_lookup(void *arg, const char *name, struct cond_value *v)
{
	struct lookup *l = arg;
	const struct question *q;
	const struct qstate *s;
	const char *value;

	if (strcmp(name, "value") == 0 && l->q != NULL) {
		answer_cond_value(l->q, l->value, v);
		return true;
	}
	q = tree_question(l->e->t, name);
	if (q == NULL)
		return false;
	s = qstate(l->e, q);
	if (s->reached_gen != l->e->gen)
		return false;
	value = qstate_value(s, q);
	if (value == NULL)
		return false;
	answer_cond_value(q, value, v);
	return true;
}

/* True when a compiled condition holds now (NULL: no condition). */
bool
engine_holds(const struct engine *e, struct cond *k)
{
	struct lookup l = { e, NULL, NULL };
	char *err = NULL;
	enum cond_result r;

	if (k == NULL)
		return true;
	r = cond_eval(k, engine_lookup, &l, &err);
	free(err);
	return r == COND_TRUE;
}

/* Adds a slot. */
static void
slot_add(struct engine *e, const struct question *q, int chain, long rung, bool open)
{
	struct slot *s;

	xgrow(&e->slots, &e->capslots, e->nslots + 1, sizeof *e->slots);
	s = &e->slots[e->nslots];
	s->q = q;
	s->chain = chain;
	s->rung = rung;
	s->open = open;
	if (open && e->first_open == (size_t)-1)
		e->first_open = e->nslots;
	e->nslots++;
}

static void walk_question(struct engine *, const struct question *);

/* Walks a list of questions. */
static void
walk_list(struct engine *e, struct question *const *qs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		walk_question(e, qs[i]);
}

/* Walks the follow-ups of an answered choice, yesno or multi question. */
static void
walk_follow_ups(struct engine *e, const struct question *q, const char *value)
{
	const struct follow_up *f;
	char **items = NULL;
	long n, i;
	size_t c;

	if (q->x->nfollow_ups == 0)
		return;
	if (q->type != QT_MULTI) {
		f = question_follow_up(q, value);
		if (f != NULL)
			walk_list(e, f->questions, f->n);
		return;
	}
	n = jdoc_parse_string_array(value, &items);
	for (c = 0; c < q->vals->nchoices; c++)
		for (i = 0; i < n; i++)
			if (strcmp(items[i], q->vals->choices[c].value.s) == 0) {
				f = question_follow_up(q, items[i]);
				if (f != NULL)
					walk_list(e, f->questions, f->n);
			}
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* Adds the slots of a ladder: its rungs, then each open chain's place. */
static void
walk_ladder(struct engine *e, const struct question *q)
{
	struct qstate *s = qstate(e, q);
	size_t c, i;

	if (s->answered) {
		slot_add(e, q, -1, -1, false);	/* skipped */
		return;
	}
	if (s->nchains == 0) {
		slot_add(e, q, 0, -1, true);
		return;
	}
	for (c = 0; c < s->nchains; c++) {
		const struct chain *ch = &s->chains[c];

		if (ch->dropped)
			continue;
		for (i = 0; i < ch->n; i++)
			slot_add(e, q, (int)c, (long)i, false);
		if (ch->stop == NULL)
			slot_add(e, q, (int)c, -1, true);
	}
}

/* Walks one question: its condition, its slots, its follow-ups. */
static void
walk_question(struct engine *e, const struct question *q)
{
	struct qstate *s = qstate(e, q);

	if (!engine_holds(e, s->when))
		return;
	s->reached_gen = e->gen;
	if (q->type == QT_NOTE) {
		slot_add(e, q, -1, -1, false);
		return;
	}
	if (q->type == QT_LADDER) {
		walk_ladder(e, q);
		return;
	}
	slot_add(e, q, -1, -1, !s->answered);
	if (s->answered && s->value != NULL)
		walk_follow_ups(e, q, s->value);
}

/* Finds the slots reached by the current answers. */
void
engine_walk(struct engine *e)
{
	size_t i;

	if (!e->dirty)
		return;
	e->walks++;
	e->gen++;
	e->nslots = 0;
	e->first_open = (size_t)-1;
	for (i = 0; i < e->t->nsections; i++) {
		const struct section *sec = e->t->sections[i];

		e->section_reached[i] = engine_holds(e, e->section_when[i]);
		if (e->section_reached[i])
			walk_list(e, sec->questions, sec->n);
	}
	if (e->first_open == (size_t)-1)
		e->first_open = e->nslots;
	e->dirty = false;
}

/* The whole walks made so far. */
unsigned long
engine_walks(const struct engine *e)
{
	return e->walks;
}

/* Reports the flags that are true now and were not reported before. */
void
engine_flags_update(struct engine *e, bool report)
{
	size_t i;

	engine_walk(e);
	e->nnew_flags = 0;
	for (i = 0; i < e->t->nflags; i++) {
		if (e->flag_reported[i] || !engine_holds(e, e->flag_when[i]))
			continue;
		e->flag_reported[i] = true;
		if (report)
			e->new_flags[e->nnew_flags++] = &e->t->flags[i];
	}
}
