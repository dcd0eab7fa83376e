/* engine-view.c: what the engine shows without changing it: strings
 * filled from the answers ({{id}}, {{rung}}), the prompt (what to ask now)
 * and the read side that /progress, briefs, exports and show use (values,
 * displays, chains, flags, progress). */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "placeholder.h"
#include "util.h"

/* ---- templates ---- */

struct filler {
	const struct engine *e;
	const char *rung;	/* {{rung}}: the rung a ladder asks about, or NULL */
	char **owned;
	size_t n;
};

/* The value of {{name}}: the rung, or a reached answer as a person reads it. */
static const char *
fill_value(void *arg, const char *name)
{
	struct filler *f = arg;
	const struct question *q;
	char *s;

	if (strcmp(name, "rung") == 0)
		return f->rung;
	q = tree_question(f->e->t, name);
	if (q == NULL || (s = engine_display(f->e, q)) == NULL)
		return NULL;
	f->owned = xrealloc(f->owned, (f->n + 1) * sizeof *f->owned);
	f->owned[f->n++] = s;
	return s;
}

/* Fills a string's templates, translating it first when translate, with
 * rung as {{rung}}; NULL stays NULL. */
char *
engine_fill_as(const struct engine *e, const char *s, bool translate,
    const char *rung)
{
	struct filler f = { e, rung, NULL, 0 };
	char *out;
	size_t i;

	if (s == NULL)
		return NULL;
	out = placeholder_fill(translate ? answer_tr(&e->lang, s) : s, fill_value, &f);
	for (i = 0; i < f.n; i++)
		free(f.owned[i]);
	free(f.owned);
	return out;
}

/* Fills a string's templates from the current answers. */
char *
engine_fill(const struct engine *e, const char *s)
{
	return engine_fill_as(e, s, true, NULL);
}

/* ---- a ladder's texts ---- */

/* The text of a rung at (chain ci, level), or what chain 0 hangs from:
 * the display of the ladder's from question (owned). */
static char *
rung_text(const struct engine *e, const struct question *q, int ci, int level)
{
	const struct chain *c;
	char *request;

	if (ci < 0 || level <= 0) {
		request = q->x->from_q != NULL ? engine_display(e, q->x->from_q) : NULL;
		return request != NULL ? request : xstrdup("");
	}
	c = &qstate(e, q)->chains[ci];
	if ((unsigned)level < c->first_level || (size_t)level - c->first_level >= c->n)
		return xstrdup("");
	return xstrdup(c->rungs[level - c->first_level]);
}

/* The text a chain's rung i is asked about: the rung before, or what the
 * chain hangs from (owned). */
static char *
chain_about(const struct engine *e, const struct question *q, int ci, size_t i)
{
	const struct chain *c = &qstate(e, q)->chains[ci];

	if (i > 0)
		return xstrdup(c->rungs[i - 1]);
	return rung_text(e, q, c->parent_chain, c->parent_rung);
}

/* ---- the prompt ---- */

/* The index of the slot being asked: the slot /back moved to while it is
 * still reached (*revisit true), else the first open one. */
size_t
engine_cursor(const struct engine *e, bool *revisit)
{
	size_t i;

	*revisit = false;
	if (e->revisiting)
		for (i = 0; i < e->nslots; i++)
			if (e->slots[i].q == e->cursor.q && e->slots[i].chain == e->cursor.chain &&
			    e->slots[i].rung == e->cursor.rung) {
				*revisit = true;
				return i;
			}
	return e->first_open;
}

/* The question q hangs under: q itself, or for a follow-up the question
 * of its section it follows (follow-ups come right after it). */
static const struct question *
top_question(const struct tree *t, const struct question *q)
{
	const struct section *s = question_section(t, q);
	const struct question *top = q;
	size_t i;

	for (i = 0; i < s->n && s->questions[i]->index <= q->index; i++)
		top = s->questions[i];
	return top;
}

/* The index of the question the slot at idx hangs under, or SIZE_MAX
 * when nothing is left to ask. */
static size_t
cursor_top(const struct engine *e, size_t idx)
{
	return idx < e->nslots ? top_question(e->t, e->slots[idx].q)->index : (size_t)-1;
}

/* True when a question of a section (not a follow-up) counts in the call:
 * it is reached, or it comes after the one asked (after) and may still be.
 * Notes do not count. */
static bool
question_counts(const struct engine *e, const struct question *t, size_t after)
{
	return t->type != QT_NOTE && (engine_reached(e, t) || t->index > after);
}

/* Counts the questions of the call up to the one at slot end, and in all:
 * those reached or still reachable, follow-ups counted under their
 * question, so that the total does not jump as follow-ups appear. */
static void
count_questions(const struct engine *e, size_t end, size_t *pos, size_t *total)
{
	size_t after = cursor_top(e, end), i, j;

	*pos = *total = 0;
	for (i = 0; i < e->t->nsections; i++)
		for (j = 0; j < e->t->sections[i]->n; j++) {
			const struct question *t = e->t->sections[i]->questions[j];

			if (!question_counts(e, t, after))
				continue;
			(*total)++;
			if (t->index <= after)
				(*pos)++;
		}
}

/* Collects the notes before slot end into p, filled. */
static void
collect_notes(const struct engine *e, size_t end, struct prompt *p)
{
	size_t i, cap = 0;

	for (i = 0; i < end && i < e->nslots; i++) {
		const struct question *q = e->slots[i].q;

		if (q->type != QT_NOTE)
			continue;
		xgrow(&p->notes, &cap, p->nnotes + 1, sizeof *p->notes);
		p->notes[p->nnotes].q = q;
		p->notes[p->nnotes++].text = engine_fill(e, q->ask.s);
	}
}

/* Fills the prompt of a ladder slot. */
static void
prompt_rung(const struct engine *e, const struct slot *sl, struct prompt *p)
{
	const struct question *q = sl->q;
	const struct qstate *s = qstate(e, q);
	const struct chain *c;
	size_t i;

	p->kind = PROMPT_RUNG;
	p->depth = q->depth;
	if (sl->chain < 0 || s->nchains == 0) {
		/* A skipped ladder, or one not begun: the first why. */
		p->level = 1;
		p->rung_text = rung_text(e, q, -1, 0);
	} else {
		c = &s->chains[sl->chain];
		i = sl->rung >= 0 ? (size_t)sl->rung : c->n;
		p->level = rung_level(c, i);
		if (sl->rung >= 0)
			p->edit = xstrdup(c->rungs[i]);
		if (e->confirming && sl->rung < 0 && c->n > 0) {
			p->kind = PROMPT_CONFIRM;
			p->rung_text = xstrdup(c->rungs[c->n - 1]);
		} else {
			p->rung_text = chain_about(e, q, sl->chain, i);
		}
	}
	p->text = engine_fill_as(e, question_ask(q, p->level)->s, true, p->rung_text);
	p->help = engine_fill_as(e, q->tx->help.s, true, p->rung_text);
}

/* The offer at q, if q is not answered and its validate takes it. */
const struct offer *
engine_offer_now(const struct engine *e, const struct question *q)
{
	const struct offer *o = e->offers != NULL ? &e->offers[q->index] : NULL;
	struct lookup l = { e, NULL, q };
	char *err = NULL;
	enum cond_result r;

	if (o == NULL || o->value == NULL || qstate(e, q)->answered)
		return NULL;
	if (qstate(e, q)->validate == NULL)
		return o;
	l.value = o->value;
	r = cond_eval(qstate(e, q)->validate, engine_lookup, &l, &err);
	free(err);
	return r == COND_TRUE ? o : NULL;
}

/* Computes what to ask now, into p (owned by the caller). */
void
engine_prompt(const struct engine *e, struct prompt *p)
{
	bool revisit;
	size_t idx = engine_cursor(e, &revisit);
	const struct slot *sl;
	const struct qstate *s;

	memset(p, 0, sizeof *p);
	count_questions(e, idx, &p->pos, &p->total);
	collect_notes(e, idx, p);
	if (idx >= e->nslots) {
		p->kind = PROMPT_DONE;
		p->pos = p->total;
		return;
	}
	sl = &e->slots[idx];
	s = qstate(e, sl->q);
	p->q = sl->q;
	p->section_title = engine_fill(e, question_section(e->t, sl->q)->title.s);
	p->revisit = revisit;
	if (sl->q->type == QT_LADDER) {
		prompt_rung(e, sl, p);
	} else {
		const struct offer *o = engine_offer_now(e, sl->q);

		p->kind = PROMPT_QUESTION;
		p->text = engine_fill(e, sl->q->ask.s);
		p->help = engine_fill(e, sl->q->tx->help.s);
		if (s->answered && s->value != NULL) {
			p->edit = answer_edit_text(sl->q, s->value, &e->lang);
		} else if (o != NULL) {
			p->edit = answer_edit_text(sl->q, o->value, &e->lang);
			p->edit_from = xstrdup_null(o->at);
		} else if (!s->answered && sl->q->x->def.s != NULL)
			p->edit = engine_fill_as(e, sl->q->x->def.s, false, NULL);
	}
}

/* The question at the cursor. */
const struct question *
engine_asking(const struct engine *e, bool *confirm)
{
	bool revisit;
	size_t idx = engine_cursor(e, &revisit);
	const struct slot *sl;

	*confirm = false;
	if (idx >= e->nslots)
		return NULL;
	sl = &e->slots[idx];
	if (sl->q->type == QT_LADDER && sl->chain >= 0 && sl->rung < 0 &&
	    e->confirming && qstate(e, sl->q)->nchains > 0 &&
	    qstate(e, sl->q)->chains[sl->chain].n > 0)
		*confirm = true;
	return sl->q;
}

/* Frees what a prompt holds and empties it. */
void
engine_prompt_clear(struct prompt *p)
{
	size_t i;

	for (i = 0; i < p->nnotes; i++)
		free(p->notes[i].text);
	free(p->notes);
	free(p->section_title);
	free(p->text);
	free(p->help);
	free(p->edit);
	free(p->edit_from);
	free(p->rung_text);
	memset(p, 0, sizeof *p);
}

/* A flag's text, filled and translated. */
char *
engine_flag_text(const struct engine *e, const struct flag *f)
{
	return engine_fill(e, f->say.s);
}

/* True when a flag's condition holds now. */
bool
engine_flag_true(const struct engine *e, const struct flag *f)
{
	return engine_holds(e, e->flag_when[f->index]);
}

/* True when q is reached. */
bool
engine_reached(const struct engine *e, const struct question *q)
{
	return qstate(e, q)->reached_gen == e->gen;
}

/* The current value of q. */
const char *
engine_value(const struct engine *e, const struct question *q, bool *answered,
    bool *skipped, const char **reason)
{
	const struct qstate *s = qstate(e, q);
	bool reached = engine_reached(e, q);
	const char *v = NULL;
	bool a = false, sk = false;

	if (reached)
		v = qstate_value(s, q);
	if (reached && q->type == QT_LADDER) {
		sk = s->answered;
		a = sk || !ladder_empty(e, q) || (s->nchains > 0 && s->chains[0].stop != NULL);
	} else if (reached && s->answered) {
		a = true;
		sk = s->value == NULL;
	}
	if (answered != NULL)
		*answered = a;
	if (skipped != NULL)
		*skipped = sk;
	if (reason != NULL)
		*reason = sk ? s->reason : NULL;
	return v;
}

/* The value of q as a person reads it, or NULL. */
char *
engine_display(const struct engine *e, const struct question *q)
{
	const char *v = engine_value(e, q, NULL, NULL, NULL);

	if (v == NULL)
		return NULL;
	if (q->type == QT_LADDER)
		return xstrdup(v);
	return answer_display(q, v, &e->lang);
}

/* The number of chains of a ladder (dropped ones included, as empty). */
size_t
engine_nchains(const struct engine *e, const struct question *q)
{
	return qstate(e, q)->nchains;
}

/* Describes chain i of a ladder; false (and nothing filled) for a chain
 * that was dropped. */
bool
engine_chain(struct engine *e, const struct question *q, size_t i,
    struct engine_chain *out)
{
	const struct chain *c = &qstate(e, q)->chains[i];

	memset(out, 0, sizeof *out);
	if (c->dropped)
		return false;
	out->parent_chain = c->parent_chain;
	out->parent_rung = c->parent_rung;
	out->first_level = c->first_level;
	out->rungs = (const char *const *)c->rungs;
	out->nrungs = c->n;
	out->stop = c->stop;
	out->goal = c->goal;
	free(e->chain_from);
	e->chain_from = rung_text(e, q, c->parent_chain, c->parent_rung);
	out->from = e->chain_from;
	return true;
}

/* The compiled condition of a flag, to read the questions it names. */
const struct cond *
engine_flag_cond(const struct engine *e, const struct flag *f)
{
	return e->flag_when[f->index];
}

/* True when nothing is left to ask (the prompt would be PROMPT_DONE). */
bool
engine_done(const struct engine *e)
{
	bool revisit;

	return engine_cursor(e, &revisit) >= e->nslots;
}

/* True when a slot of question t or of its follow-ups (indexes up to
 * end) is open. */
static bool
open_under(const struct engine *e, const struct question *t, size_t end)
{
	size_t i;

	for (i = 0; i < e->nslots; i++)
		if (e->slots[i].open && e->slots[i].q->index >= t->index &&
		    e->slots[i].q->index < end)
			return true;
	return false;
}

/* Counts a section's questions as the position does (count_questions),
 * and those answered: a question is answered when neither it nor its
 * follow-ups has an open slot. */
void
engine_section_progress(const struct engine *e, const struct section *s,
    bool *reached, size_t *answered, size_t *total)
{
	bool revisit;
	size_t after = cursor_top(e, engine_cursor(e, &revisit)), j;

	*reached = e->section_reached[s->index] || s->first > after ||
	    (after != (size_t)-1 && s->first <= after && after < s->end);
	*answered = *total = 0;
	for (j = 0; j < s->n; j++) {
		const struct question *t = s->questions[j];
		size_t end = j + 1 < s->n ? s->questions[j + 1]->index : s->end;

		if (!question_counts(e, t, after))
			continue;
		(*total)++;
		if (engine_reached(e, t) && !open_under(e, t, end))
			(*answered)++;
	}
}
