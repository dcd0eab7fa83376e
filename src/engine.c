/* engine.c: the interview as a pure state machine.
 *
 * State is the current answers (and ladder chains) per question. After each
 * change a walk over the tree, in document order, finds the questions that
 * are reached: the slots. The prompt is the first open slot, or the slot
 * /back moved to. Every change is also written as a record for the store. */
#include "config.h"

#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cond.h"
#include "json.h"
#include "tmpl.h"
#include "util.h"

struct chain {
	int parent_chain;
	int parent_rung;
	unsigned first_level;
	char **rungs;
	size_t n;
	size_t cap;
	const char *stop;	/* static string or NULL */
	bool dropped;
};

struct qstate {
	bool answered;		/* answered or skipped (a skipped ladder too) */
	char *value;		/* NULL when skipped */
	char *reason;
	struct chain *chains;	/* ladders */
	size_t nchains;
	unsigned reached_gen;
	struct cond *when;
	struct cond *validate;
};

/* A place to ask in the walk. */
struct slot {
	const struct question *q;
	int chain;		/* ladders: the chain; -1 otherwise */
	long rung;		/* ladders: an answered rung's index; -1: the open place */
	bool open;
};

struct engine {
	const struct tree *t;
	struct answer_lang lang;
	struct cond_ctx *cc;
	struct qstate *qs;
	struct cond **section_when;
	struct cond **flag_when;
	bool *flag_reported;
	bool *section_reached;

	unsigned gen;
	bool dirty;
	struct slot *slots;
	size_t nslots, capslots;
	size_t first_open;

	bool revisiting;
	struct slot cursor;
	bool confirming;

	struct prompt prompt;
	char *p_text, *p_help, *p_edit, *p_section, *p_rung;
	char *request_text;	/* what chains from the request hang from */
	struct prompt_note *notes;
	size_t nnotes, capnotes;

	struct record *recs;
	size_t nrecs, caprecs;
	char **rec_strs;
	size_t nrec_strs, caprec_strs;

	const struct flag **new_flags;
	size_t nnew_flags;
	enum engine_why why;
	char *why_detail;
};

static const char STOP_GOAL[] = "goal";
static const char STOP_STUCK[] = "stuck";
static const char STOP_DEPTH[] = "depth";

/* ---- small helpers ---- */

/* The state of q. */
static struct qstate *
qstate(const struct engine *e, const struct question *q)
{
	return &e->qs[q->index];
}

/* Refuses the event for why, with a detail (owned, may be NULL) for the
 * caller to word; returns ENGINE_REFUSED. */
static enum engine_rc
refuse(struct engine *e, enum engine_why why, char *detail_take)
{
	e->why = why;
	free(e->why_detail);
	e->why_detail = detail_take;
	return ENGINE_REFUSED;
}

/* Keeps a copy of s alive until the records are cleared. */
static const char *
rec_str(struct engine *e, const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = xstrdup(s);
	xgrow(&e->rec_strs, &e->caprec_strs, e->nrec_strs + 1, sizeof *e->rec_strs);
	e->rec_strs[e->nrec_strs++] = copy;
	return copy;
}

/* Appends a record; every change but a note makes the walk out of date. */
static struct record *
rec_add(struct engine *e, enum record_kind kind, const struct question *q,
    int chain, int rung)
{
	struct record *r;

	xgrow(&e->recs, &e->caprecs, e->nrecs + 1, sizeof *e->recs);
	r = &e->recs[e->nrecs++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->question = q->id.s;
	r->chain = chain;
	r->rung = rung;
	r->parent_chain = -1;
	if (kind != REC_NOTE)
		e->dirty = true;
	return r;
}

/* ---- ladders ---- */

/* The level of a chain's rung i. */
static unsigned
rung_level(const struct chain *c, size_t i)
{
	return c->first_level + (unsigned)i;
}

/* The goal of a ladder's first chain: its last rung, or NULL. */
static const char *
ladder_goal(const struct qstate *s)
{
	if (s->nchains == 0 || s->chains[0].dropped || s->chains[0].n == 0)
		return NULL;
	return s->chains[0].rungs[s->chains[0].n - 1];
}

/* Adds a chain hanging from (pc, pr); returns its index. */
static int
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
	r = rec_add(e, REC_CHAIN, q, (int)s->nchains, 0);
	r->parent_chain = pc;
	r->parent_rung = pr;
	return (int)s->nchains++;
}

/* Makes sure chain 0 exists. */
static void
chain0(struct engine *e, const struct question *q)
{
	if (qstate(e, q)->nchains == 0)
		chain_new(e, q, -1, 0);
}

/* Stops (or with NULL, reopens) a chain. */
static void
chain_stop(struct engine *e, const struct question *q, int ci, const char *stop)
{
	struct chain *c = &qstate(e, q)->chains[ci];

	if (c->stop == stop)
		return;
	c->stop = stop;
	rec_add(e, REC_STOP, q, ci, 0)->stop = stop;
}

static void chain_drop_from(struct engine *, const struct question *, int, unsigned);

/* Drops chain ci and, through it, the chains that hang from its rungs. */
static void
chain_drop(struct engine *e, const struct question *q, int ci)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	size_t i;

	if (c->dropped)
		return;
	c->dropped = true;
	rec_add(e, REC_DROP, q, ci, 0);
	chain_drop_from(e, q, ci, c->first_level);
	for (i = 0; i < c->n; i++)
		free(c->rungs[i]);
	c->n = 0;
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
static void
chain_truncate(struct engine *e, const struct question *q, int ci, size_t k)
{
	struct chain *c = &qstate(e, q)->chains[ci];

	if (k >= c->n)
		return;
	rec_add(e, REC_RETRACT, q, ci, (int)rung_level(c, k));
	chain_drop_from(e, q, ci, rung_level(c, k));
	c = &qstate(e, q)->chains[ci];
	while (c->n > k)
		free(c->rungs[--c->n]);
}

/* Appends a rung; stops the chain at the ladder's depth. */
static void
chain_add(struct engine *e, const struct question *q, int ci, const char *text)
{
	struct chain *c = &qstate(e, q)->chains[ci];
	unsigned level = rung_level(c, c->n);

	xgrow(&c->rungs, &c->cap, c->n + 1, sizeof *c->rungs);
	c->rungs[c->n++] = xstrdup(text);
	rec_add(e, REC_ANSWER, q, ci, (int)level)->value = rec_str(e, text);
	if (level >= q->depth)
		chain_stop(e, q, ci, STOP_DEPTH);
}

/* Replaces rung i: deeper rungs and the chains hanging from it go. */
static void
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
	rec_add(e, REC_ANSWER, q, ci, (int)level)->value = rec_str(e, text);
	chain_stop(e, q, ci, level >= q->depth ? STOP_DEPTH : NULL);
}

/* The text a chain's rung i is asked about: the rung before, or what the
 * chain hangs from. */
static const char *
chain_about(struct engine *e, const struct question *q, int ci, size_t i);

/* The text of a rung at (chain ci, level), or what chain 0 hangs from. */
static const char *
rung_text_at(struct engine *e, const struct question *q, int ci, int level)
{
	struct qstate *s = qstate(e, q);
	const struct chain *c;

	if (ci < 0 || level <= 0) {
		/* The request: the display of the from question, kept apart
		 * from the prompt's strings, which may point to the last one. */
		free(e->request_text);
		e->request_text = q->from_q != NULL ? engine_display(e, q->from_q) : NULL;
		return e->request_text != NULL ? e->request_text : "";
	}
	c = &s->chains[ci];
	if ((unsigned)level < c->first_level || (size_t)level - c->first_level >= c->n)
		return "";
	return c->rungs[level - c->first_level];
}

static const char *
chain_about(struct engine *e, const struct question *q, int ci, size_t i)
{
	const struct chain *c = &qstate(e, q)->chains[ci];

	if (i > 0)
		return c->rungs[i - 1];
	return rung_text_at(e, q, c->parent_chain, c->parent_rung);
}

/* ---- conditions ---- */

struct lookup {
	struct engine *e;
	const char *value;		/* $value in validate */
	const struct question *q;	/* whose value it is */
};

/* The stored value of q, reached or not: NULL when unanswered or skipped;
 * for a ladder, the goal of its first chain. */
static const char *
current_value(const struct qstate *s, const struct question *q)
{
	if (q->type == QT_LADDER)
		return s->answered ? NULL : ladder_goal(s);
	return s->answered ? s->value : NULL;
}

/* The current value of a reached question, for conditions. */
static bool
lookup_value(void *arg, const char *name, struct cond_value *v)
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
	value = current_value(s, q);
	if (value == NULL)
		return false;
	answer_cond_value(q, value, v);
	return true;
}

/* True when a compiled condition holds now (NULL: no condition). */
static bool
holds(struct engine *e, struct cond *k)
{
	struct lookup l = { e, NULL, NULL };
	char *err = NULL;
	enum cond_result r;

	if (k == NULL)
		return true;
	r = cond_eval(k, lookup_value, &l, &err);
	free(err);
	return r == COND_TRUE;
}

/* ---- the walk ---- */

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

	if (q->nfollow_ups == 0)
		return;
	if (q->type != QT_MULTI) {
		f = question_follow_up(q, value);
		if (f != NULL)
			walk_list(e, f->questions, f->n);
		return;
	}
	n = json_parse_string_array(value, &items);
	for (c = 0; c < q->nchoices; c++)
		for (i = 0; i < n; i++)
			if (strcmp(items[i], q->choices[c].value.s) == 0) {
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

	if (!holds(e, s->when))
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
static void
walk(struct engine *e)
{
	size_t i;

	if (!e->dirty)
		return;
	e->gen++;
	e->nslots = 0;
	e->first_open = (size_t)-1;
	for (i = 0; i < e->t->nsections; i++) {
		const struct section *sec = e->t->sections[i];

		e->section_reached[i] = holds(e, e->section_when[i]);
		if (e->section_reached[i])
			walk_list(e, sec->questions, sec->n);
	}
	if (e->first_open == (size_t)-1)
		e->first_open = e->nslots;
	e->dirty = false;
}

/* Reports the flags that are true now and were not reported before. */
static void
flags_update(struct engine *e, bool report)
{
	size_t i;

	walk(e);
	e->nnew_flags = 0;
	for (i = 0; i < e->t->nflags; i++) {
		if (e->flag_reported[i] || !holds(e, e->flag_when[i]))
			continue;
		e->flag_reported[i] = true;
		if (report)
			e->new_flags[e->nnew_flags++] = &e->t->flags[i];
	}
}

/* ---- templates ---- */

struct filler {
	struct engine *e;
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
static char *
fill_as(struct engine *e, const char *s, bool translate, const char *rung)
{
	struct filler f = { e, rung, NULL, 0 };
	char *out;
	size_t i;

	if (s == NULL)
		return NULL;
	out = tmpl_fill(translate ? answer_tr(&e->lang, s) : s, fill_value, &f);
	for (i = 0; i < f.n; i++)
		free(f.owned[i]);
	free(f.owned);
	return out;
}

/* Fills a tree string (translated) from the current answers. */
static char *
fill(struct engine *e, const char *s)
{
	return fill_as(e, s, true, NULL);
}

/* Fills a string's templates from the current answers. */
char *
engine_fill(struct engine *e, const char *s)
{
	walk(e);
	return fill(e, s);
}

/* ---- life cycle ---- */

/* Compiles a condition that check already accepted. */
static struct cond *
compile(struct engine *e, const struct text *t, char **err)
{
	struct cond *k;
	char *msg = NULL;

	if (t->s == NULL || *err != NULL)
		return NULL;
	k = cond_compile(e->cc, t->s, &msg);
	if (k == NULL)
		*err = xasprintf("%s:%u:%u: %s", e->t->path, t->mark.line, t->mark.col, msg);
	free(msg);
	return k;
}

/* Builds an engine for t. */
struct engine *
engine_new(const struct tree *t, const struct answer_lang *lang, char **err)
{
	struct engine *e = xcalloc(1, sizeof *e);
	size_t i;

	*err = NULL;
	e->t = t;
	if (lang != NULL)
		e->lang = *lang;
	e->cc = cond_ctx_new(err);
	if (e->cc == NULL)
		goto fail;
	e->qs = xcalloc(t->nall, sizeof *e->qs);
	e->section_when = xcalloc(t->nsections, sizeof *e->section_when);
	e->section_reached = xcalloc(t->nsections, sizeof *e->section_reached);
	e->flag_when = xcalloc(t->nflags, sizeof *e->flag_when);
	e->flag_reported = xcalloc(t->nflags, sizeof *e->flag_reported);
	e->new_flags = xcalloc(t->nflags, sizeof *e->new_flags);
	for (i = 0; i < t->nall; i++) {
		e->qs[i].when = compile(e, &t->all[i]->when, err);
		e->qs[i].validate = compile(e, &t->all[i]->validate, err);
	}
	for (i = 0; i < t->nsections; i++)
		e->section_when[i] = compile(e, &t->sections[i]->when, err);
	for (i = 0; i < t->nflags; i++)
		e->flag_when[i] = compile(e, &t->flags[i].when, err);
	if (*err != NULL)
		goto fail;
	e->dirty = true;
	return e;
fail:
	engine_free(e);
	return NULL;
}

/* Frees an engine. */
void
engine_free(struct engine *e)
{
	size_t i, c, r;

	if (e == NULL)
		return;
	for (i = 0; e->qs != NULL && i < e->t->nall; i++) {
		struct qstate *s = &e->qs[i];

		free(s->value);
		free(s->reason);
		for (c = 0; c < s->nchains; c++) {
			for (r = 0; r < s->chains[c].n; r++)
				free(s->chains[c].rungs[r]);
			free(s->chains[c].rungs);
		}
		free(s->chains);
		cond_free(s->when);
		cond_free(s->validate);
	}
	for (i = 0; e->section_when != NULL && i < e->t->nsections; i++)
		cond_free(e->section_when[i]);
	for (i = 0; e->flag_when != NULL && i < e->t->nflags; i++)
		cond_free(e->flag_when[i]);
	free(e->qs);
	free(e->section_when);
	free(e->section_reached);
	free(e->flag_when);
	free(e->flag_reported);
	free(e->new_flags);
	free(e->slots);
	free(e->p_text);
	free(e->p_help);
	free(e->p_edit);
	free(e->p_section);
	free(e->p_rung);
	free(e->request_text);
	for (i = 0; i < e->nnotes; i++)
		free((char *)e->notes[i].text);
	free(e->notes);
	engine_records_clear(e);
	free(e->recs);
	free(e->rec_strs);
	free(e->why_detail);
	cond_ctx_free(e->cc);
	free(e);
}

/* ---- restoring ---- */

/* Restores a chain of a ladder. */
bool
engine_restore_chain(struct engine *e, const char *question, int chain,
    int parent_chain, int parent_rung, const char *stop)
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
	flags_update(e, false);
	engine_records_clear(e);
}

/* ---- the prompt ---- */

/* The index of the slot being asked: the slot /back moved to while it is
 * still reached (*revisit true), else the first open one. */
static size_t
cursor_index(struct engine *e, bool *revisit)
{
	size_t i;

	walk(e);
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

/* Counts the questions of slots [0, end) and in all. */
static void
count_questions(const struct engine *e, size_t end, size_t *pos, size_t *total)
{
	const struct question *last = NULL;
	size_t i;

	*pos = *total = 0;
	for (i = 0; i < e->nslots; i++) {
		const struct question *q = e->slots[i].q;

		if (q->type == QT_NOTE || q == last)
			continue;
		last = q;
		(*total)++;
		if (i <= end)
			(*pos)++;
	}
}

/* Collects the notes before slot end, filled. */
static void
collect_notes(struct engine *e, size_t end)
{
	size_t i;

	for (i = 0; i < e->nnotes; i++)
		free((char *)e->notes[i].text);
	e->nnotes = 0;
	for (i = 0; i < end && i < e->nslots; i++) {
		const struct question *q = e->slots[i].q;

		if (q->type != QT_NOTE)
			continue;
		xgrow(&e->notes, &e->capnotes, e->nnotes + 1, sizeof *e->notes);
		e->notes[e->nnotes].q = q;
		e->notes[e->nnotes++].text = fill(e, q->ask.s);
	}
}

/* Replaces an owned prompt string. */
static const char *
keep(char **slot, char *s)
{
	free(*slot);
	*slot = s;
	return s;
}

/* Fills the prompt of a ladder slot. */
static void
prompt_rung(struct engine *e, const struct slot *sl, struct prompt *p)
{
	const struct question *q = sl->q;
	struct qstate *s = qstate(e, q);
	const struct chain *c;
	const char *rung;
	size_t i;

	p->kind = PROMPT_RUNG;
	p->depth = q->depth;
	if (sl->chain < 0 || s->nchains == 0) {
		/* A skipped ladder, or one not begun: the first why. */
		p->level = 1;
		rung = rung_text_at(e, q, -1, 0);
	} else {
		c = &s->chains[sl->chain];
		i = sl->rung >= 0 ? (size_t)sl->rung : c->n;
		p->level = rung_level(c, i);
		rung = chain_about(e, q, sl->chain, i);
		if (sl->rung >= 0)
			keep(&e->p_edit, xstrdup(c->rungs[i]));
		if (e->confirming && sl->rung < 0 && c->n > 0) {
			p->kind = PROMPT_CONFIRM;
			rung = c->rungs[c->n - 1];
		}
	}
	p->rung_text = keep(&e->p_rung, xstrdup(rung));
	p->text = keep(&e->p_text, fill_as(e, q->ask.s, true, p->rung_text));
	p->help = keep(&e->p_help, fill_as(e, q->help.s, true, p->rung_text));
}

/* Computes what to ask now. A view: it changes nothing that a later call
 * or event could see (only the strings it owns are replaced). */
const struct prompt *
engine_prompt(struct engine *e)
{
	bool revisit;
	size_t idx = cursor_index(e, &revisit);
	struct prompt *p = &e->prompt;
	const struct slot *sl;
	struct qstate *s;

	memset(p, 0, sizeof *p);
	keep(&e->p_edit, NULL);
	count_questions(e, idx, &p->pos, &p->total);
	collect_notes(e, idx);
	p->notes = e->notes;
	p->nnotes = e->nnotes;
	if (idx >= e->nslots) {
		p->kind = PROMPT_DONE;
		p->pos = p->total;
		return p;
	}
	sl = &e->slots[idx];
	s = qstate(e, sl->q);
	p->q = sl->q;
	p->section_title = keep(&e->p_section, fill(e, sl->q->section->title.s));
	p->revisit = revisit;
	if (sl->q->type == QT_LADDER) {
		prompt_rung(e, sl, p);
	} else {
		p->kind = PROMPT_QUESTION;
		p->text = keep(&e->p_text, fill(e, sl->q->ask.s));
		p->help = keep(&e->p_help, fill(e, sl->q->help.s));
		if (s->answered && s->value != NULL)
			keep(&e->p_edit, answer_edit_text(sl->q, s->value, &e->lang));
		else if (!s->answered && sl->q->def.s != NULL)
			keep(&e->p_edit, fill_as(e, sl->q->def.s, false, NULL));
	}
	p->edit = e->p_edit;
	return p;
}

/* ---- events ---- */

/* Starts an event: the prompt is current and old results are gone; a
 * revisit whose slot is no longer reached ends, and nothing is confirmed
 * once nothing is left to ask. Returns the slot asked, or NULL when nothing
 * is left to ask. */
static const struct slot *
event_start(struct engine *e)
{
	bool revisit;
	size_t idx = cursor_index(e, &revisit);

	e->revisiting = revisit;
	e->nnew_flags = 0;
	if (idx >= e->nslots) {
		e->confirming = false;
		return NULL;
	}
	return &e->slots[idx];
}

/* Ends an accepted event: leaves a revisit, reports new flags. */
static enum engine_rc
event_done(struct engine *e)
{
	e->revisiting = false;
	e->confirming = false;
	flags_update(e, true);
	return ENGINE_OK;
}

/* Checks value against q's validate; false with the reason set. */
static bool
validate(struct engine *e, const struct question *q, const char *value)
{
	struct lookup l = { e, value, q };
	char *err = NULL;
	enum cond_result r;

	if (qstate(e, q)->validate == NULL)
		return true;
	r = cond_eval(qstate(e, q)->validate, lookup_value, &l, &err);
	if (r == COND_TRUE) {
		free(err);
		return true;
	}
	if (r == COND_ERROR) {
		refuse(e, ENGINE_WHY_CHECK_ERROR, xstrdup(err));
		free(err);
		return false;
	}
	if (q->invalid.s != NULL)
		refuse(e, ENGINE_WHY_INVALID, fill(e, q->invalid.s));
	else
		refuse(e, ENGINE_WHY_INVALID, NULL);
	return false;
}

/* True when a and b are both NULL or hold the same text. */
static bool
same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Sets the answer of a question (value NULL: skipped; a ladder is only
 * ever skipped here). The same answer again, or the same skip with the same reason, changes
 * nothing and makes no record. */
static void
set_answer(struct engine *e, const struct question *q, const char *value,
    const char *reason)
{
	struct qstate *s = qstate(e, q);
	struct record *r;

	if (s->answered && same_text(value, s->value) &&
	    (value != NULL || same_text(reason, s->reason)))
		return;
	free(s->value);
	free(s->reason);
	s->answered = true;
	s->value = xstrdup_null(value);
	s->reason = xstrdup_null(reason);
	r = rec_add(e, REC_ANSWER, q, -1, 0);
	r->value = rec_str(e, value);
	r->reason = rec_str(e, reason);
}

/* Un-skips a skipped ladder so that it can be answered. */
static void
ladder_unskip(struct engine *e, const struct question *q)
{
	struct qstate *s = qstate(e, q);

	if (!s->answered)
		return;
	s->answered = false;
	free(s->reason);
	s->reason = NULL;
	rec_add(e, REC_RETRACT, q, -1, 0);
}

/* An answer to a question that is not a ladder. */
static enum engine_rc
answer_question(struct engine *e, const struct slot *sl, const char *text,
    const char *const *items, size_t nitems)
{
	const struct question *q = sl->q;
	char *t = items == NULL ? str_trim(text) : NULL, *value, *why = NULL;

	if (items == NULL && *t == '\0') {
		free(t);
		if (e->revisiting)
			return event_done(e);
		if (q->def.s != NULL)
			t = fill_as(e, q->def.s, false, NULL);
		else if (q->required)
			return refuse(e, ENGINE_WHY_REQUIRED, NULL);
		else {
			set_answer(e, q, NULL, NULL);
			return event_done(e);
		}
	}
	value = items != NULL ? answer_parse_list(q, items, nitems, &e->lang, &why) :
	    answer_parse(q, t, &e->lang, &why);
	free(t);
	if (value == NULL)
		return refuse(e, ENGINE_WHY_ANSWER, why);
	if (!validate(e, q, value)) {
		free(value);
		return ENGINE_REFUSED;
	}
	set_answer(e, q, value, NULL);
	free(value);
	return event_done(e);
}

/* An answer at a ladder's prompt: a rung, or an empty line. */
static enum engine_rc
answer_rung(struct engine *e, const struct slot *sl, const char *text)
{
	const struct question *q = sl->q;
	char *t = str_trim(text);
	struct qstate *s = qstate(e, q);
	struct chain *c;

	if (*t == '\0') {
		free(t);
		if (e->revisiting)
			return event_done(e);
		if (sl->chain >= 0 && (size_t)sl->chain < s->nchains &&
		    s->chains[sl->chain].n > 0) {
			e->confirming = true;
			return ENGINE_OK;
		}
		return refuse(e, q->required ? ENGINE_WHY_RUNG_REQUIRED :
		    ENGINE_WHY_RUNG_EMPTY, NULL);
	}
	if (!validate(e, q, t)) {
		free(t);
		return ENGINE_REFUSED;
	}
	ladder_unskip(e, q);
	chain0(e, q);
	if (sl->chain < 0) {
		chain_add(e, q, 0, t);
	} else {
		c = &qstate(e, q)->chains[sl->chain];
		if (sl->rung < 0)
			chain_add(e, q, sl->chain, t);
		else if (strcmp(c->rungs[sl->rung], t) != 0)
			chain_replace(e, q, sl->chain, (size_t)sl->rung, t);
	}
	free(t);
	return event_done(e);
}

/* Answers the current prompt with typed text. */
enum engine_rc
engine_answer(struct engine *e, const char *text)
{
	const struct slot *sl = event_start(e);
	char *why = NULL, *yn, *v;
	bool yes;

	if (sl == NULL)
		return refuse(e, ENGINE_WHY_COMPLETE, NULL);
	if (sl->q->type != QT_LADDER)
		return answer_question(e, sl, text, NULL, 0);
	if (!e->confirming || sl->rung >= 0)
		return answer_rung(e, sl, text);
	yn = str_trim(text);
	v = answer_yesno(yn, &why);
	free(yn);
	if (v == NULL)
		return refuse(e, ENGINE_WHY_ANSWER, why);
	yes = strcmp(v, "yes") == 0;
	free(v);
	if (yes)
		chain_stop(e, sl->q, sl->chain, STOP_GOAL);
	return event_done(e);
}

/* Answers a multi question with a list of items (from an answers file). */
enum engine_rc
engine_answer_list(struct engine *e, const char *const *items, size_t n)
{
	const struct slot *sl = event_start(e);

	if (sl == NULL)
		return refuse(e, ENGINE_WHY_COMPLETE, NULL);
	if (sl->q->type != QT_MULTI)
		return refuse(e, ENGINE_WHY_NOT_MULTI, NULL);
	return answer_question(e, sl, NULL, items, n);
}

/* Goes back to the previous question or rung. */
enum engine_rc
engine_back(struct engine *e)
{
	const struct slot *sl = event_start(e);
	size_t i = sl != NULL ? (size_t)(sl - e->slots) : e->nslots;

	if (e->confirming) {
		e->confirming = false;
		return ENGINE_OK;
	}
	/* the slot before the one asked that is not a note */
	while (i-- > 0)
		if (e->slots[i].q->type != QT_NOTE)
			break;
	if (i == (size_t)-1)
		return refuse(e, ENGINE_WHY_FIRST, NULL);
	e->revisiting = true;
	e->cursor = e->slots[i];
	return ENGINE_OK;
}

/* True when the ladder at sl has no rung yet in any chain. */
static bool
ladder_empty(struct engine *e, const struct question *q)
{
	struct qstate *s = qstate(e, q);
	size_t c;

	for (c = 0; c < s->nchains; c++)
		if (!s->chains[c].dropped && s->chains[c].n > 0)
			return false;
	return true;
}

/* Skips the current question (or a ladder before its first why). */
enum engine_rc
engine_skip(struct engine *e, const char *reason)
{
	const struct slot *sl = event_start(e);
	size_t c;
	const struct question *q;
	char *r;

	if (sl == NULL)
		return refuse(e, ENGINE_WHY_COMPLETE, NULL);
	q = sl->q;
	if (q->required)
		return refuse(e, ENGINE_WHY_SKIP_REQUIRED, NULL);
	r = reason != NULL ? str_trim(reason) : NULL;
	if (r != NULL && *r == '\0') {
		free(r);
		r = NULL;
	}
	if (q->type != QT_LADDER) {
		set_answer(e, q, NULL, r);
		free(r);
		return event_done(e);
	}
	if (!ladder_empty(e, q)) {
		free(r);
		return refuse(e, ENGINE_WHY_LADDER_BEGUN, NULL);
	}
	for (c = 0; c < qstate(e, q)->nchains; c++)
		chain_drop(e, q, (int)c);
	set_answer(e, q, NULL, r);
	free(r);
	return event_done(e);
}

/* Stops the ladder chain at the prompt with stop; goal needs a rung. */
static enum engine_rc
ladder_stop(struct engine *e, const char *stop)
{
	const struct slot *sl = event_start(e);
	const struct question *q;
	struct chain *c;

	if (sl == NULL || sl->q->type != QT_LADDER)
		return refuse(e, ENGINE_WHY_NOT_LADDER, xstrdup(stop));
	q = sl->q;
	if (sl->chain < 0 || qstate(e, q)->nchains == 0) {
		if (stop == STOP_GOAL)
			return refuse(e, ENGINE_WHY_NO_RUNG, NULL);
		ladder_unskip(e, q);
		chain0(e, q);
		chain_stop(e, q, 0, stop);
		return event_done(e);
	}
	c = &qstate(e, q)->chains[sl->chain];
	if (sl->rung >= 0)
		chain_truncate(e, q, sl->chain, (size_t)sl->rung + 1);
	else if (c->n == 0 && stop == STOP_GOAL)
		return refuse(e, ENGINE_WHY_NO_RUNG, NULL);
	chain_stop(e, q, sl->chain, stop);
	return event_done(e);
}

/* /goal: the last rung is the underlying goal. */
enum engine_rc
engine_goal(struct engine *e)
{
	return ladder_stop(e, STOP_GOAL);
}

/* /stuck: the client cannot go deeper. */
enum engine_rc
engine_stuck(struct engine *e)
{
	return ladder_stop(e, STOP_STUCK);
}

/* /also TEXT: a second reason beside the rung being asked. */
enum engine_rc
engine_also(struct engine *e, const char *text)
{
	const struct slot *sl = event_start(e);
	const struct question *q;
	struct chain *c;
	char *t;
	int pc, pr, ci;
	size_t i;

	if (sl == NULL || sl->q->type != QT_LADDER)
		return refuse(e, ENGINE_WHY_NOT_LADDER, xstrdup("also"));
	q = sl->q;
	t = text != NULL ? str_trim(text) : xstrdup("");
	if (*t == '\0') {
		free(t);
		return refuse(e, ENGINE_WHY_ALSO_EMPTY, NULL);
	}
	if (!validate(e, q, t)) {
		free(t);
		return ENGINE_REFUSED;
	}
	ladder_unskip(e, q);
	chain0(e, q);
	ci = sl->chain < 0 ? 0 : sl->chain;
	c = &qstate(e, q)->chains[ci];
	i = sl->rung >= 0 ? (size_t)sl->rung : c->n;
	if (i > 0) {
		pc = ci;
		pr = (int)rung_level(c, i - 1);
	} else {
		pc = c->parent_chain;
		pr = c->parent_rung;
	}
	ci = chain_new(e, q, pc, pr);
	chain_add(e, q, ci, t);
	free(t);
	flags_update(e, true);
	return ENGINE_OK;
}

/* /note TEXT on the question at the prompt (or the last one). */
enum engine_rc
engine_note(struct engine *e, const char *text)
{
	const struct slot *sl = event_start(e);
	struct record *r;
	size_t i;
	char *t = text != NULL ? str_trim(text) : xstrdup("");

	if (*t == '\0') {
		free(t);
		return refuse(e, ENGINE_WHY_NOTE_EMPTY, NULL);
	}
	if (sl == NULL) {
		for (i = e->nslots; i-- > 0;)
			if (e->slots[i].q->type != QT_NOTE)
				break;
		if (i == (size_t)-1) {
			free(t);
			return refuse(e, ENGINE_WHY_NO_QUESTION, NULL);
		}
		sl = &e->slots[i];
	}
	r = rec_add(e, REC_NOTE, sl->q, -1, 0);
	r->value = rec_str(e, t);
	free(t);
	return ENGINE_OK;
}

/* Why the last event was refused, and its detail. */
enum engine_why
engine_why(const struct engine *e, const char **detail)
{
	if (detail != NULL)
		*detail = e->why_detail;
	return e->why;
}

/* ---- records and flags ---- */

/* The records since the last clear. */
const struct record *
engine_records(const struct engine *e, size_t *n)
{
	*n = e->nrecs;
	return e->recs;
}

/* Forgets the records (after they were stored). */
void
engine_records_clear(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nrec_strs; i++)
		free(e->rec_strs[i]);
	e->nrec_strs = 0;
	e->nrecs = 0;
}

/* The flags that became true with the last event. */
const struct flag *const *
engine_new_flags(const struct engine *e, size_t *n)
{
	*n = e->nnew_flags;
	return e->new_flags;
}

/* A flag's text, filled and translated. */
char *
engine_flag_text(struct engine *e, const struct flag *f)
{
	return engine_fill(e, f->say.s);
}

/* True when a flag's condition holds now. */
bool
engine_flag_true(struct engine *e, const struct flag *f)
{
	walk(e);
	return holds(e, e->flag_when[f->index]);
}

/* ---- reading the state ---- */

/* True when q is reached. */
bool
engine_reached(struct engine *e, const struct question *q)
{
	walk(e);
	return qstate(e, q)->reached_gen == e->gen;
}

/* The current value of q. */
const char *
engine_value(struct engine *e, const struct question *q, bool *answered,
    bool *skipped, const char **reason)
{
	struct qstate *s = qstate(e, q);
	bool reached = engine_reached(e, q);
	const char *v = NULL;
	bool a = false, sk = false;

	if (reached)
		v = current_value(s, q);
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
engine_display(struct engine *e, const struct question *q)
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
engine_nchains(struct engine *e, const struct question *q)
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
	out->from = rung_text_at(e, q, c->parent_chain, c->parent_rung);
	return true;
}

/* The compiled condition of a flag, to read the questions it names. */
const struct cond *
engine_flag_cond(const struct engine *e, const struct flag *f)
{
	return e->flag_when[f->index];
}

/* True when nothing is left to ask (the prompt would be PROMPT_DONE), with
 * no change to what the next prompt shows. */
bool
engine_done(struct engine *e)
{
	bool revisit;

	return cursor_index(e, &revisit) >= e->nslots;
}

/* Counts a section's reached and answered questions: a question is
 * answered when none of its slots is open. */
void
engine_section_progress(struct engine *e, const struct section *s,
    bool *reached, size_t *answered, size_t *total)
{
	size_t i = 0, j;

	walk(e);
	*reached = e->section_reached[s->index];
	*answered = *total = 0;
	while (i < e->nslots) {
		const struct question *q = e->slots[i].q;
		bool open = false;

		for (j = i; j < e->nslots && e->slots[j].q == q; j++)
			open = open || e->slots[j].open;
		if (q->section == s && q->type != QT_NOTE) {
			(*total)++;
			if (!open)
				(*answered)++;
		}
		i = j;
	}
}
