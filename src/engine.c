/* engine.c: the interview as a pure state machine: its life cycle and its
 * events (an answer, /back, /skip, /goal, /stuck, /also, /note), each
 * accepted or refused with a reason, and the records of what changed.
 *
 * State is the current answers (and ladder chains) per question. After each
 * change a walk over the tree (engine-walk.c) finds the questions that are
 * reached: the slots. The prompt (engine-view.c) is the first open slot, or
 * the slot /back moved to. Every change is also written as a record for the
 * store. Ladders keep their chains in engine-ladder.c. */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "util.h"

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

/* Marks the questions condition k names as watched: answering them can
 * change the walk or the flags. */
static void
watch(struct engine *e, const struct cond *k)
{
	size_t i;

	for (i = 0; k != NULL && i < cond_nparams(k); i++) {
		const struct question *q = tree_question(e->t, cond_param(k, i));

		if (q != NULL)
			e->watched[q->index] = true;
	}
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
		e->qs[i].when = compile(e, &t->all[i]->tx->when, err);
		e->qs[i].validate = compile(e, &t->all[i]->x->validate, err);
	}
	for (i = 0; i < t->nsections; i++)
		e->section_when[i] = compile(e, &t->sections[i]->when, err);
	for (i = 0; i < t->nflags; i++)
		e->flag_when[i] = compile(e, &t->flags[i].when, err);
	if (*err != NULL)
		goto fail;
	e->watched = xcalloc(t->nall + 1, sizeof *e->watched);
	for (i = 0; i < t->nall; i++)
		watch(e, e->qs[i].when);
	for (i = 0; i < t->nsections; i++)
		watch(e, e->section_when[i]);
	for (i = 0; i < t->nflags; i++)
		watch(e, e->flag_when[i]);
	e->dirty = true;
	engine_walk(e);
	return e;
fail:
	engine_free(e);
	return NULL;
}

/* Builds an engine that borrows model's compiled conditions. */
struct engine *
engine_new_like(const struct engine *model, const struct answer_lang *lang)
{
	const struct tree *t = model->t;
	struct engine *e = xcalloc(1, sizeof *e);
	size_t i;

	e->t = t;
	if (lang != NULL)
		e->lang = *lang;
	e->borrowed = true;
	e->cc = model->cc;
	e->qs = xcalloc(t->nall, sizeof *e->qs);
	for (i = 0; i < t->nall; i++) {
		e->qs[i].when = model->qs[i].when;
		e->qs[i].validate = model->qs[i].validate;
	}
	e->section_when = model->section_when;
	e->flag_when = model->flag_when;
	e->watched = model->watched;
	e->section_reached = xcalloc(t->nsections, sizeof *e->section_reached);
	e->flag_reported = xcalloc(t->nflags, sizeof *e->flag_reported);
	e->new_flags = xcalloc(t->nflags, sizeof *e->new_flags);
	e->dirty = true;
	engine_walk(e);
	return e;
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
			free(s->chains[c].goal);
		}
		free(s->chains);
		if (!e->borrowed) {
			cond_free(s->when);
			cond_free(s->validate);
		}
	}
	if (!e->borrowed) {
		for (i = 0; e->section_when != NULL && i < e->t->nsections; i++)
			cond_free(e->section_when[i]);
		for (i = 0; e->flag_when != NULL && i < e->t->nflags; i++)
			cond_free(e->flag_when[i]);
		free(e->section_when);
		free(e->flag_when);
		free(e->watched);
		cond_ctx_free(e->cc);
	}
	free(e->qs);
	free(e->section_reached);
	free(e->flag_reported);
	free(e->new_flags);
	for (i = 0; e->offers != NULL && i < e->t->nall; i++) {
		free(e->offers[i].value);
		free(e->offers[i].from);
		free(e->offers[i].at);
	}
	free(e->offers);
	free(e->slots);
	free(e->chain_from);
	engine_records_clear(e);
	free(e->recs);
	free(e->rec_strs);
	free(e->why_detail);
	free(e);
}

/* Starts an event: the prompt is current and old results are gone; a
 * revisit whose slot is no longer reached ends, and nothing is confirmed
 * once nothing is left to ask. Returns the slot asked, or NULL when nothing
 * is left to ask. */
static const struct slot *
event_start(struct engine *e)
{
	bool revisit;
	size_t idx = engine_cursor(e, &revisit);

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
	/* A quiet change touched nothing a flag names. */
	if (!e->quiet)
		engine_flags_update(e, true);
	e->quiet = false;
	return ENGINE_OK;
}

/* Checks value against q's validate; false with the reason set. */
static bool
validate(struct engine *e, const struct question *q, const char *value)
{
	struct lookup l = { e, value, q };
	char *err = NULL;
	enum cond_result r;

	if (!answer_length_ok(value, &err)) {
		refuse(e, ENGINE_WHY_ANSWER, err);
		return false;
	}
	if (qstate(e, q)->validate == NULL)
		return true;
	r = cond_eval(qstate(e, q)->validate, engine_lookup, &l, &err);
	if (r == COND_TRUE) {
		free(err);
		return true;
	}
	if (r == COND_ERROR) {
		refuse(e, ENGINE_WHY_CHECK_ERROR, xstrdup(err));
		free(err);
		return false;
	}
	if (q->x->invalid.s != NULL)
		refuse(e, ENGINE_WHY_INVALID, engine_fill(e, q->x->invalid.s));
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
	bool was_dirty = e->dirty;

	if (s->answered && same_text(value, s->value) &&
	    (value != NULL || same_text(reason, s->reason)))
		return;
	free(s->value);
	free(s->reason);
	s->answered = true;
	s->value = xstrdup_null(value);
	s->reason = xstrdup_null(reason);
	r = engine_rec_add(e, REC_ANSWER, q, -1, 0);
	r->value = engine_rec_str(e, value);
	r->reason = engine_rec_str(e, reason);
	/* The first answer at the first open place, to a question no
	 * condition names and without follow-ups, changes nothing but that
	 * place: the walk is kept, with the cursor moved on, so that a call
	 * of n questions is not n walks of n (an answers file of 100,000). */
	if (!e->revisiting && !was_dirty && !e->watched[q->index] &&
	    q->x->nfollow_ups == 0 && q->type != QT_LADDER &&
	    e->first_open < e->nslots && e->slots[e->first_open].q == q) {
		e->slots[e->first_open].open = false;
		while (++e->first_open < e->nslots && !e->slots[e->first_open].open)
			;
		e->dirty = false;
		e->quiet = true;
	}
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
	engine_rec_add(e, REC_RETRACT, q, -1, 0);
}

/* Offers an answer from an earlier call at q. */
bool
engine_offer(struct engine *e, const struct question *q, const char *value,
    const char *from, const char *at)
{
	struct offer *o;
	char *edit, *again, *why = NULL;
	bool ok;

	if (q->type == QT_LADDER || q->type == QT_NOTE || value == NULL ||
	    !answer_length_ok(value, &why) || !answer_stored_valid(q, value) ||
	    (q->type == QT_TEXT && strchr(value, '\n') != NULL)) {
		free(why);
		return false;
	}
	/* What the line offers must read back as the value itself, so that
	 * Enter confirms it as it was (a multi's count, a scale's range). */
	edit = answer_edit_text(q, value, &e->lang);
	again = answer_parse(q, edit, &e->lang, &why);
	ok = again != NULL && strcmp(again, value) == 0;
	free(edit);
	free(again);
	free(why);
	if (!ok)
		return false;
	if (e->offers == NULL)
		e->offers = xcalloc(e->t->nall, sizeof *e->offers);
	o = &e->offers[q->index];
	free(o->value);
	free(o->from);
	free(o->at);
	o->value = xstrdup(value);
	o->from = xstrdup_null(from);
	o->at = xstrdup_null(at);
	return true;
}

/* Records that the answer just given to q is the one offered from an
 * earlier call, when it is. */
static void
offer_taken(struct engine *e, const struct question *q, const struct offer *o,
    const char *value)
{
	struct record *r;

	if (o == NULL || strcmp(o->value, value) != 0)
		return;
	r = engine_rec_add(e, REC_CARRY, q, -1, 0);
	r->value = engine_rec_str(e, o->from);
	r->reason = engine_rec_str(e, o->at);
}

/* An answer to a question that is not a ladder. */
static enum engine_rc
answer_question(struct engine *e, const struct slot *sl, const char *text,
    const char *const *items, size_t nitems)
{
	const struct question *q = sl->q;
	char *t = items == NULL ? str_trim(text) : NULL, *value, *why = NULL;
	const struct offer *o = engine_offer_now(e, q);

	if (items == NULL && *t == '\0') {
		free(t);
		if (e->revisiting)
			return event_done(e);
		if (o != NULL)	/* Enter takes the answer offered */
			t = answer_edit_text(q, o->value, &e->lang);
		else if (q->x->def.s != NULL)
			t = engine_fill_as(e, q->x->def.s, false, NULL);
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
	offer_taken(e, q, o, value);
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
	if (v == NULL && *yn != '\0') {
		/* Neither yes nor no: the goal in the client's own words. */
		free(why);
		if (!validate(e, sl->q, yn)) {
			free(yn);
			return ENGINE_REFUSED;
		}
		chain_stop(e, sl->q, sl->chain, STOP_GOAL, yn);
		free(yn);
		return event_done(e);
	}
	free(yn);
	if (v == NULL)
		return refuse(e, ENGINE_WHY_ANSWER, why);
	yes = strcmp(v, "yes") == 0;
	free(v);
	if (yes)
		chain_stop(e, sl->q, sl->chain, STOP_GOAL, NULL);
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

/* Goes back to question q, wherever the call stands. */
bool
engine_revisit(struct engine *e, const struct question *q)
{
	size_t i;

	if (q->type == QT_LADDER || q->type == QT_NOTE)
		return false;
	engine_walk(e);
	for (i = 0; i < e->nslots; i++)
		if (e->slots[i].q == q) {
			e->revisiting = true;
			e->confirming = false;
			e->cursor = e->slots[i];
			return true;
		}
	return false;
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

/* Stops the ladder chain at the prompt with stop; goal needs a rung. The
 * rung the screen asks about becomes the chain's last: after /back, the
 * rung offered and those below it are set aside. said (may be NULL) is
 * the goal in the client's words. */
static enum engine_rc
ladder_stop(struct engine *e, const char *stop, const char *said)
{
	const struct slot *sl = event_start(e);
	const struct question *q;
	struct chain *c;
	char *goal = NULL;
	size_t keep;

	if (sl == NULL || sl->q->type != QT_LADDER)
		return refuse(e, ENGINE_WHY_NOT_LADDER, xstrdup(stop));
	q = sl->q;
	if (said != NULL && *(goal = str_trim(said)) == '\0') {
		free(goal);
		goal = NULL;
	}
	if (goal != NULL && !validate(e, q, goal)) {
		free(goal);
		return ENGINE_REFUSED;
	}
	if (sl->chain < 0 || qstate(e, q)->nchains == 0) {
		free(goal);
		if (stop == STOP_GOAL)
			return refuse(e, ENGINE_WHY_NO_RUNG, NULL);
		ladder_unskip(e, q);
		chain0(e, q);
		chain_stop(e, q, 0, stop, NULL);
		return event_done(e);
	}
	c = &qstate(e, q)->chains[sl->chain];
	keep = sl->rung >= 0 ? (size_t)sl->rung : c->n;
	if (keep == 0 && stop == STOP_GOAL) {
		free(goal);
		return refuse(e, ENGINE_WHY_NO_RUNG, NULL);
	}
	chain_truncate(e, q, sl->chain, keep);
	chain_stop(e, q, sl->chain, stop, goal);
	free(goal);
	return event_done(e);
}

/* /goal: the last rung is the underlying goal. */
enum engine_rc
engine_goal(struct engine *e)
{
	return ladder_stop(e, STOP_GOAL, NULL);
}

/* /goal TEXT: the goal, as the client restated it. */
enum engine_rc
engine_goal_said(struct engine *e, const char *said)
{
	return ladder_stop(e, STOP_GOAL, said);
}

/* /stuck: the client cannot go deeper. */
enum engine_rc
engine_stuck(struct engine *e)
{
	return ladder_stop(e, STOP_STUCK, NULL);
}

/* /drop: removes the rung /back went to, and the rungs under it. */
enum engine_rc
engine_drop(struct engine *e, size_t *removed)
{
	const struct slot *sl = event_start(e);
	const struct question *q;
	struct chain *c;

	*removed = 0;
	if (sl == NULL || sl->q->type != QT_LADDER)
		return refuse(e, ENGINE_WHY_NOT_LADDER, xstrdup("drop"));
	if (sl->rung < 0 || sl->chain < 0)
		return refuse(e, ENGINE_WHY_DROP_NOT_BACK, NULL);
	q = sl->q;
	c = &qstate(e, q)->chains[sl->chain];
	*removed = c->n - (size_t)sl->rung;
	if (sl->rung == 0 && sl->chain > 0) {
		chain_drop(e, q, sl->chain);
	} else {
		chain_truncate(e, q, sl->chain, (size_t)sl->rung);
		chain_stop(e, q, sl->chain, NULL, NULL);
	}
	return event_done(e);
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
	engine_flags_update(e, true);
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
	r = engine_rec_add(e, REC_NOTE, sl->q, -1, 0);
	r->value = engine_rec_str(e, t);
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

/* The flags that became true with the last event. */
const struct flag *const *
engine_new_flags(const struct engine *e, size_t *n)
{
	*n = e->nnew_flags;
	return e->new_flags;
}
