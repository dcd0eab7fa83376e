/* test-engine.c: the interview state machine: order, conditions,
 * follow-ups, types, required questions, validate, /back and changed
 * answers, the ladder (depth, /goal, /stuck, confirm, /also), flags, notes,
 * templates, and restoring a stored session. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "refusal.h"
#include "tree.h"
#include "util.h"

static const char spec_tree[] =
    "whyline: 1\n"
    "id: t\n"
    "title: T\n"
    "sections:\n"
    "  - id: request\n"
    "    title: The request\n"
    "    questions:\n"
    "      - id: request\n"
    "        ask: What did the client ask for?\n"
    "        required: true\n"
    "      - id: why\n"
    "        type: ladder\n"
    "        ask: Why does the client want {{rung}}?\n"
    "        depth: 3\n"
    "  - id: context\n"
    "    title: Context for {{why}}\n"
    "    when: \"$why IS NOT NULL\"\n"
    "    questions:\n"
    "      - id: budget\n"
    "        type: choice\n"
    "        ask: How is the budget set?\n"
    "        choices:\n"
    "          - {value: fixed, label: A fixed amount}\n"
    "          - {value: results, label: Tied to results}\n"
    "          - {value: unknown, label: Not known yet}\n"
    "        follow_up:\n"
    "          fixed:\n"
    "            - id: budget_amount\n"
    "              type: number\n"
    "              ask: How much?\n"
    "              min: 0\n"
    "      - id: deadline\n"
    "        ask: By when must {{why}} be reached ({{budget}})?\n"
    "        when: \"$budget <> 'unknown'\"\n"
    "flags:\n"
    "  - when: \"$budget = 'unknown'\"\n"
    "    level: risk\n"
    "    say: No budget for {{request}}.\n";

static const char types_tree[] =
    "whyline: 1\n"
    "id: types\n"
    "title: Types\n"
    "sections:\n"
    "  - title: All\n"
    "    questions:\n"
    "      - {id: intro, type: note, ask: 'Remember to listen.'}\n"
    "      - id: topics\n"
    "        type: multi\n"
    "        ask: Topics?\n"
    "        min: 1\n"
    "        max: 2\n"
    "        choices: [web, print, video]\n"
    "        follow_up:\n"
    "          video: [{id: video_len, type: number, ask: How long?, integer: true, max: 600}]\n"
    "      - {id: printed, type: yesno, ask: Printed?, when: \"has($topics, 'print')\"}\n"
    "      - id: mood\n"
    "        type: scale\n"
    "        ask: Mood?\n"
    "        labels: {1: Low, 5: High}\n"
    "      - id: email\n"
    "        ask: Email?\n"
    "        validate: \"$value LIKE '%_@_%'\"\n"
    "        invalid: An email has an @.\n"
    "      - {id: story, type: paragraph, ask: Story?}\n"
    "      - {id: opt, ask: Optional?, default: 'none'}\n";

struct fixture {
	struct tree *t;
	struct engine *e;
	char *why;	/* the last refusal's message, as a person reads it */
	struct prompt p;	/* the last prompt */
};

/* Loads a tree from text and makes an engine for it. */
static struct fixture *
fixture_new(const char *yaml)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct diags d = { 0 };
	char *err = NULL;

	f->t = tree_load_mem("test.yaml", yaml, strlen(yaml), &d);
	assert_non_null(f->t);
	assert_int_equal(d.nerrors, 0);
	diags_free(&d);
	f->e = engine_new(f->t, NULL, &err);
	assert_non_null(f->e);
	return f;
}

static void
fixture_free(struct fixture *f)
{
	engine_free(f->e);
	tree_free(f->t);
	free(f->why);
	engine_prompt_clear(&f->p);
	free(f);
}

/* What the engine asks now (valid until the next call). */
static const struct prompt *
prompt(struct fixture *f)
{
	engine_prompt_clear(&f->p);
	engine_prompt(f->e, &f->p);
	return &f->p;
}

/* The id of the question asked now, or "DONE". */
static const char *
asking(struct fixture *f)
{
	const struct prompt *p = prompt(f);

	return p->kind == PROMPT_DONE ? "DONE" : p->q->id.s;
}

/* The message of the engine's last refusal. */
static const char *
why(struct fixture *f)
{
	free(f->why);
	f->why = refusal_last(f->e);
	return f->why;
}

/* Answers and checks it was accepted. */
static void
say(struct fixture *f, const char *text)
{
	enum engine_rc rc = engine_answer(f->e, text);

	if (rc != ENGINE_OK)
		fail_msg("'%s' refused: %s", text, why(f));
}

/* Counts the records of a kind since the last clear. */
static size_t
count_records(struct fixture *f, enum record_kind kind)
{
	size_t n, i, c = 0;
	const struct record *r = engine_records(f->e, &n);

	for (i = 0; i < n; i++)
		c += r[i].kind == kind;
	return c;
}

static void
test_order_and_follow_ups(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct prompt *p;

	(void)state;
	assert_string_equal(asking(f), "request");
	p = prompt(f);
	assert_int_equal(p->pos, 1);
	/* the context section may still be reached: it counts; the follow-up
	 * counts under its question */
	assert_int_equal(p->total, 4);
	say(f, "Instagram posts");
	p = prompt(f);
	assert_int_equal(p->kind, PROMPT_RUNG);
	assert_string_equal(p->text, "Why does the client want Instagram posts?");
	assert_int_equal(p->level, 1);
	assert_int_equal(p->depth, 3);
	say(f, "more customers");
	say(f, "fill the workshops");
	say(f, "a stable revenue stream");	/* depth 3: the chain stops */
	p = prompt(f);
	assert_string_equal(p->q->id.s, "budget");
	assert_string_equal(p->section_title, "Context for a stable revenue stream");
	assert_ptr_equal(question_section(f->t, p->q), f->t->sections[1]);	/* a new section */
	say(f, "1");			/* by number: fixed */
	assert_string_equal(asking(f), "budget_amount");
	assert_int_equal(prompt(f)->pos, 3);	/* under budget: the total stays */
	assert_int_equal(prompt(f)->total, 4);
	say(f, "1200");
	p = prompt(f);
	assert_string_equal(p->q->id.s, "deadline");
	assert_string_equal(p->text, "By when must a stable revenue stream be reached (A fixed amount)?");
	say(f, "June");
	assert_string_equal(asking(f), "DONE");
	fixture_free(f);
}

/* Engines made like a model share its compiled conditions, not their
 * results: two sessions of one tree, answered differently, each see their
 * own sections and questions; the model and each engine free apart. */
static void
test_new_like_shares_conditions_only(void **state)
{
	struct fixture *f = fixture_new(spec_tree), g = { 0 }, h = { 0 };

	(void)state;
	g.t = h.t = f->t;
	g.e = engine_new_like(f->e, NULL);
	h.e = engine_new_like(f->e, NULL);
	assert_non_null(g.e);
	assert_non_null(h.e);
	/* g gets past the ladder; h is stuck without a rung: its context
	 * section's condition ($why IS NOT NULL) does not hold. */
	say(&g, "Instagram posts");
	say(&g, "more customers");
	say(&g, "fill the workshops");
	say(&g, "a stable revenue stream");
	say(&h, "x");
	assert_int_equal(engine_stuck(h.e), ENGINE_OK);
	assert_string_equal(asking(&h), "DONE");
	assert_string_equal(asking(&g), "budget");
	say(&g, "3");			/* unknown: deadline's condition fails */
	assert_string_equal(asking(&g), "DONE");
	engine_free(h.e);
	assert_string_equal(asking(f), "request");	/* the model is untouched */
	engine_free(g.e);
	engine_prompt_clear(&g.p);
	engine_prompt_clear(&h.p);
	free(g.why);
	free(h.why);
	fixture_free(f);
}

static void
test_choice_forms(void **state)
{
	struct fixture *f = fixture_new(spec_tree);

	(void)state;
	say(f, "x");
	assert_int_equal(engine_stuck(f->e), ENGINE_OK);	/* no rung: stuck */
	/* $why is NULL when stuck without a rung: the context is not reached */
	assert_string_equal(asking(f), "DONE");
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	fixture_free(f);

	f = fixture_new(spec_tree);
	say(f, "x");
	say(f, "y");
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "budget");
	assert_int_equal(engine_answer(f->e, "7"), ENGINE_REFUSED);
	assert_non_null(strstr(why(f), "1 to 3"));
	assert_int_equal(engine_answer(f->e, "zzz"), ENGINE_REFUSED);
	say(f, "tied");			/* a label prefix, any case */
	assert_string_equal(asking(f), "deadline");
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(prompt(f)->edit, "Tied to results");
	say(f, "unknown");		/* by value */
	assert_string_equal(asking(f), "DONE");	/* deadline no longer reached */
	fixture_free(f);
}

static void
test_back_supersedes_and_sets_aside(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct question *amount;
	size_t n;

	(void)state;
	say(f, "posts");
	say(f, "a");
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	say(f, "fixed");
	say(f, "500");
	amount = tree_question(f->t, "budget_amount");
	assert_true(engine_reached(f->e, amount));
	engine_records_clear(f->e);
	/* back twice: budget_amount, then budget */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "budget_amount");
	assert_true(prompt(f)->revisit);
	assert_string_equal(prompt(f)->edit, "500");
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "budget");
	say(f, "results");
	assert_int_equal(count_records(f, REC_ANSWER), 1);
	engine_records(f->e, &n);
	assert_int_equal(n, 1);
	/* the amount is set aside, not lost */
	assert_false(engine_reached(f->e, amount));
	assert_null(engine_value(f->e, amount, NULL, NULL, NULL));
	assert_string_equal(asking(f), "deadline");
	/* changing it back restores the amount */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	say(f, "fixed");
	assert_true(engine_reached(f->e, amount));
	assert_string_equal(engine_value(f->e, amount, NULL, NULL, NULL), "500");
	assert_string_equal(asking(f), "deadline");
	/* Enter at a revisited question keeps its answer and goes on */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	engine_records_clear(f->e);
	say(f, "");
	assert_int_equal(count_records(f, REC_ANSWER), 0);
	assert_string_equal(asking(f), "deadline");
	fixture_free(f);
}

static void
test_required_and_skip(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	bool answered, skipped;
	const char *reason;

	(void)state;
	assert_int_equal(engine_answer(f->e, "  "), ENGINE_REFUSED);
	assert_int_equal(engine_skip(f->e, "refused"), ENGINE_REFUSED);
	say(f, "posts");
	assert_int_equal(engine_skip(f->e, "no time"), ENGINE_OK);	/* the ladder */
	assert_string_equal(asking(f), "DONE");
	engine_value(f->e, tree_question(f->t, "why"), &answered, &skipped, &reason);
	assert_true(answered);
	assert_true(skipped);
	assert_string_equal(reason, "no time");
	fixture_free(f);
}

static void
test_ladder_confirm_and_back(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct prompt *p;
	struct engine_chain c;
	const struct question *why;

	(void)state;
	why = tree_question(f->t, "why");
	say(f, "posts");
	assert_int_equal(engine_answer(f->e, ""), ENGINE_REFUSED);	/* nothing to confirm */
	assert_int_equal(engine_goal(f->e), ENGINE_REFUSED);
	say(f, "more customers");
	say(f, "");
	p = prompt(f);
	assert_int_equal(p->kind, PROMPT_CONFIRM);
	assert_string_equal(p->rung_text, "more customers");
	say(f, "n");
	assert_int_equal(prompt(f)->kind, PROMPT_RUNG);
	/* /back in a ladder offers the last rung; a new text replaces it */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	p = prompt(f);
	assert_string_equal(p->edit, "more customers");
	assert_int_equal(p->level, 1);
	engine_records_clear(f->e);
	say(f, "more bookings");
	assert_int_equal(count_records(f, REC_ANSWER), 1);
	p = prompt(f);
	assert_int_equal(p->level, 2);
	assert_string_equal(p->text, "Why does the client want more bookings?");
	say(f, "");
	say(f, "yes");
	engine_chain(f->e, why, 0, &c);
	assert_int_equal(c.nrungs, 1);
	assert_string_equal(c.rungs[0], "more bookings");
	assert_string_equal(c.stop, "goal");
	assert_string_equal(c.from, "posts");
	assert_string_equal(asking(f), "budget");
	fixture_free(f);
}

static void
test_ladder_also(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct prompt *p;
	struct engine_chain c;
	const struct question *why;

	(void)state;
	why = tree_question(f->t, "why");
	say(f, "posts");
	say(f, "more customers");
	/* asked why 2: two reasons at once */
	assert_int_equal(engine_also(f->e, "competitors do it"), ENGINE_OK);
	p = prompt(f);
	assert_int_equal(p->level, 2);	/* the current chain goes on first */
	say(f, "fill the workshops");
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	/* then the second reason is drilled */
	p = prompt(f);
	assert_int_equal(p->kind, PROMPT_RUNG);
	assert_int_equal(p->level, 3);
	assert_string_equal(p->text, "Why does the client want competitors do it?");
	assert_int_equal(engine_stuck(f->e), ENGINE_OK);
	assert_int_equal(engine_nchains(f->e, why), 2);
	engine_chain(f->e, why, 1, &c);
	assert_string_equal(c.from, "more customers");
	assert_int_equal(c.nrungs, 1);
	assert_int_equal(c.first_level, 2);
	assert_string_equal(c.stop, "stuck");
	/* the ladder's value is the goal of its first chain */
	assert_string_equal(engine_value(f->e, why, NULL, NULL, NULL), "fill the workshops");
	assert_string_equal(asking(f), "budget");
	/* changing the rung the second reason hangs from drops it */
	assert_int_equal(engine_back(f->e), ENGINE_OK);	/* chain 1's rung */
	assert_int_equal(engine_back(f->e), ENGINE_OK);	/* chain 0, rung 2 */
	assert_int_equal(engine_back(f->e), ENGINE_OK);	/* chain 0, rung 1 */
	assert_string_equal(prompt(f)->edit, "more customers");
	engine_records_clear(f->e);
	say(f, "more walk-ins");
	assert_int_equal(count_records(f, REC_DROP), 1);
	assert_int_equal(count_records(f, REC_RETRACT), 1);
	engine_chain(f->e, why, 1, &c);
	assert_int_equal(c.nrungs, 0);
	p = prompt(f);
	assert_int_equal(p->level, 2);
	assert_string_equal(p->text, "Why does the client want more walk-ins?");
	fixture_free(f);
}

static void
test_flags_once(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct flag *const *flags;
	size_t n;
	char *text;

	(void)state;
	say(f, "posts");
	say(f, "a");
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	engine_new_flags(f->e, &n);
	assert_int_equal(n, 0);
	say(f, "unknown");
	flags = engine_new_flags(f->e, &n);
	assert_int_equal(n, 1);
	text = engine_flag_text(f->e, flags[0]);
	assert_string_equal(text, "No budget for posts.");
	free(text);
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	say(f, "fixed");
	engine_new_flags(f->e, &n);
	assert_int_equal(n, 0);
	assert_false(engine_flag_true(f->e, &f->t->flags[0]));
	assert_string_equal(asking(f), "budget_amount");
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "budget");
	say(f, "unknown");
	engine_new_flags(f->e, &n);
	assert_int_equal(n, 0);		/* reported once */
	assert_true(engine_flag_true(f->e, &f->t->flags[0]));
	fixture_free(f);
}

static void
test_types(void **state)
{
	struct fixture *f = fixture_new(types_tree);
	const struct prompt *p;
	bool answered, skipped;

	(void)state;
	p = prompt(f);
	assert_int_equal(p->nnotes, 1);
	assert_string_equal(p->notes[0].text, "Remember to listen.");
	assert_string_equal(p->q->id.s, "topics");
	/* a view: asked again, it says the same (the screen shows a note once) */
	assert_int_equal(prompt(f)->nnotes, 1);
	assert_int_equal(engine_answer(f->e, "1, 2, 3"), ENGINE_REFUSED);	/* max 2 */
	say(f, "video, 2");
	assert_string_equal(engine_value(f->e, tree_question(f->t, "topics"), NULL, NULL, NULL),
	    "[\"print\",\"video\"]");
	assert_string_equal(asking(f), "video_len");
	assert_int_equal(engine_answer(f->e, "1.5"), ENGINE_REFUSED);	/* integer */
	assert_int_equal(engine_answer(f->e, "900"), ENGINE_REFUSED);	/* max */
	assert_int_equal(engine_answer(f->e, "1,5"), ENGINE_REFUSED);
	say(f, "90");
	assert_string_equal(asking(f), "printed");	/* has($topics, 'print') */
	assert_int_equal(engine_answer(f->e, "maybe"), ENGINE_REFUSED);
	say(f, "Y");
	assert_string_equal(engine_value(f->e, tree_question(f->t, "printed"), NULL, NULL, NULL), "yes");
	assert_int_equal(engine_answer(f->e, "6"), ENGINE_REFUSED);
	say(f, "high");
	assert_string_equal(engine_value(f->e, tree_question(f->t, "mood"), NULL, NULL, NULL), "5");
	assert_int_equal(engine_answer(f->e, "not an email"), ENGINE_REFUSED);
	assert_string_equal(why(f), "An email has an @.");
	say(f, "a@b.c");
	say(f, "line one\nline two");
	assert_string_equal(engine_value(f->e, tree_question(f->t, "story"), NULL, NULL, NULL),
	    "line one\nline two");
	p = prompt(f);
	assert_string_equal(p->edit, "none");	/* the default is offered */
	say(f, "");
	assert_string_equal(engine_value(f->e, tree_question(f->t, "opt"), &answered, &skipped, NULL),
	    "none");
	assert_string_equal(asking(f), "DONE");
	fixture_free(f);
}

static void
test_optional_empty_skips(void **state)
{
	struct fixture *f = fixture_new(types_tree);
	bool answered, skipped;

	(void)state;
	assert_int_equal(engine_answer(f->e, ""), ENGINE_OK);	/* optional multi */
	engine_value(f->e, tree_question(f->t, "topics"), &answered, &skipped, NULL);
	assert_true(answered);
	assert_true(skipped);
	assert_string_equal(asking(f), "mood");	/* follow-ups and printed not reached */
	assert_int_equal(engine_note(f->e, "asked twice"), ENGINE_OK);
	assert_int_equal(count_records(f, REC_NOTE), 1);
	fixture_free(f);
}

/* Skips the question at the prompt with reason and checks it was accepted. */
static void
skip_as(struct fixture *f, const char *reason)
{
	if (engine_skip(f->e, reason) != ENGINE_OK)
		fail_msg("/skip %s refused: %s", reason, why(f));
}

/* The reason of the record of kind REC_ANSWER since the last clear; fails
 * unless there is exactly one. */
static const char *
answer_record_reason(struct fixture *f)
{
	size_t n, i, found = 0;
	const struct record *r = engine_records(f->e, &n), *a = NULL;

	for (i = 0; i < n; i++)
		if (r[i].kind == REC_ANSWER) {
			a = &r[i];
			found++;
		}
	assert_int_equal(found, 1);
	return a->reason;
}

static void
test_skip_reason_changed(void **state)
{
	struct fixture *f = fixture_new(types_tree);
	const struct question *topics = tree_question(f->t, "topics");
	const char *reason;

	(void)state;
	skip_as(f, "x1");
	assert_string_equal(asking(f), "mood");
	/* skipped again with another reason: recorded, and the new one kept */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "topics");
	engine_records_clear(f->e);
	skip_as(f, "x2");
	assert_string_equal(answer_record_reason(f), "x2");
	engine_value(f->e, topics, NULL, NULL, &reason);
	assert_string_equal(reason, "x2");
	/* the same reason again changes nothing */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	engine_records_clear(f->e);
	skip_as(f, "x2");
	assert_int_equal(count_records(f, REC_ANSWER), 0);
	assert_string_equal(asking(f), "mood");
	fixture_free(f);
}

static void
test_skip_ladder_again(void **state)
{
	struct fixture *f = fixture_new(spec_tree);
	const struct question *why = tree_question(f->t, "why");
	const char *reason;

	(void)state;
	say(f, "posts");
	skip_as(f, "no time");
	assert_string_equal(asking(f), "DONE");
	/* back to the skipped ladder, skipped again with another reason (the
	 * first reason is freed: the sanitizer build sees a leak otherwise) */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(asking(f), "why");
	engine_records_clear(f->e);
	skip_as(f, "later");
	assert_string_equal(answer_record_reason(f), "later");
	engine_value(f->e, why, NULL, NULL, &reason);
	assert_string_equal(reason, "later");
	/* the same skip again changes nothing */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	engine_records_clear(f->e);
	skip_as(f, "later");
	assert_int_equal(count_records(f, REC_ANSWER), 0);
	assert_string_equal(asking(f), "DONE");
	fixture_free(f);
}


static const char deep_tree[] =
    "whyline: 1\n"
    "id: deep\n"
    "title: Deep\n"
    "sections:\n"
    "  - title: Request\n"
    "    questions:\n"
    "      - {id: request, ask: What?, required: true}\n"
    "      - {id: why, type: ladder, ask: 'Why is {{rung}} important to you?'}\n"
    "      - {id: after, ask: 'After {{why}}?'}\n";

/* The last rung of chain 0 and how it stopped, as "rung|stop|goal". */
static char *
chain0_state(struct fixture *f)
{
	const struct question *q = tree_question(f->t, "why");
	struct engine_chain c;
	static char buf[256];

	assert_true(engine_chain(f->e, q, 0, &c));
	snprintf(buf, sizeof buf, "%zu:%s|%s|%s", c.nrungs,
	    c.nrungs > 0 ? c.rungs[c.nrungs - 1] : "-", c.stop ? c.stop : "open",
	    c.goal ? c.goal : "-");
	return buf;
}

/* The four rungs of the issue, then /back: the screen asks about the
 * third. */
static struct fixture *
four_rungs_back(void)
{
	struct fixture *f = fixture_new(deep_tree);

	say(f, "Instagram posts");
	say(f, "Younger audience");
	say(f, "More customers");
	say(f, "Stable revenue");
	say(f, "Fear of losing motivation");
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(prompt(f)->text, "Why is Stable revenue important to you?");
	assert_string_equal(prompt(f)->edit, "Fear of losing motivation");
	return f;
}

static void
test_ladder_stop_after_back(void **state)
{
	struct fixture *f = four_rungs_back();
	const struct question *q = tree_question(f->t, "why");
	size_t removed;

	(void)state;
	engine_records_clear(f->e);
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	assert_string_equal(chain0_state(f), "3:Stable revenue|goal|-");
	assert_string_equal(engine_value(f->e, q, NULL, NULL, NULL), "Stable revenue");
	assert_int_equal(count_records(f, REC_RETRACT), 1);	/* set aside, kept */
	assert_string_equal(asking(f), "after");
	fixture_free(f);

	f = four_rungs_back();
	assert_int_equal(engine_stuck(f->e), ENGINE_OK);
	assert_string_equal(chain0_state(f), "3:Stable revenue|stuck|-");
	fixture_free(f);

	/* /drop removes the rung gone back to; the chain asks again */
	f = four_rungs_back();
	assert_int_equal(engine_drop(f->e, &removed), ENGINE_OK);
	assert_int_equal(removed, 1);
	assert_string_equal(chain0_state(f), "3:Stable revenue|open|-");
	assert_false(prompt(f)->revisit);
	assert_string_equal(prompt(f)->text, "Why is Stable revenue important to you?");
	assert_null(prompt(f)->edit);
	/* two back: two rungs go */
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_int_equal(engine_back(f->e), ENGINE_OK);
	assert_string_equal(prompt(f)->edit, "More customers");
	assert_int_equal(engine_drop(f->e, &removed), ENGINE_OK);
	assert_int_equal(removed, 2);
	assert_string_equal(chain0_state(f), "1:Younger audience|open|-");
	/* /drop needs a rung gone back to */
	assert_int_equal(engine_drop(f->e, &removed), ENGINE_REFUSED);
	assert_int_equal(engine_why(f->e, NULL), ENGINE_WHY_DROP_NOT_BACK);
	fixture_free(f);
}

static void
test_ladder_restated_goal(void **state)
{
	struct fixture *f = four_rungs_back();
	const struct question *q = tree_question(f->t, "why");
	char *d;

	(void)state;
	engine_records_clear(f->e);
	assert_int_equal(engine_goal_said(f->e, "  a bigger and steadier income "), ENGINE_OK);
	assert_string_equal(chain0_state(f), "3:Stable revenue|goal|a bigger and steadier income");
	/* the rungs stay as asked; $why and {{why}} are the client's words */
	d = engine_display(f->e, q);
	assert_string_equal(d, "a bigger and steadier income");
	free(d);
	assert_string_equal(prompt(f)->text, "After a bigger and steadier income?");
	fixture_free(f);

	/* the confirmation takes the client's words too */
	f = fixture_new(deep_tree);
	say(f, "posts");
	say(f, "more customers");
	say(f, "");
	assert_int_equal(prompt(f)->kind, PROMPT_CONFIRM);
	say(f, "more regulars");
	assert_string_equal(chain0_state(f), "1:more customers|goal|more regulars");
	assert_string_equal(asking(f), "after");
	/* a blank /goal TEXT is /goal */
	fixture_free(f);
	f = fixture_new(deep_tree);
	say(f, "posts");
	say(f, "more customers");
	assert_int_equal(engine_goal_said(f->e, "  "), ENGINE_OK);
	assert_string_equal(chain0_state(f), "1:more customers|goal|-");
	fixture_free(f);
}

static void
test_restore(void **state)
{
	struct fixture *f = fixture_new(spec_tree), *g;
	const struct record *r;
	size_t n, i;
	const struct prompt *p;

	(void)state;
	say(f, "posts");
	say(f, "more customers");
	assert_int_equal(engine_also(f->e, "competitors"), ENGINE_OK);
	say(f, "workshops");
	assert_int_equal(engine_goal(f->e), ENGINE_OK);
	/* replay the records into a new engine, as the store would */
	g = fixture_new(spec_tree);
	r = engine_records(f->e, &n);
	for (i = 0; i < n; i++)
		if (r[i].kind == REC_CHAIN)
			assert_true(engine_restore_chain(g->e, r[i].question, r[i].chain,
			    r[i].parent_chain, r[i].parent_rung, NULL, NULL));
	for (i = 0; i < n; i++)
		if (r[i].kind == REC_STOP)
			assert_true(engine_restore_chain(g->e, r[i].question, r[i].chain,
			    0 - (r[i].chain == 0), r[i].chain == 0 ? 0 : 1, r[i].stop,
			    r[i].value));
	for (i = 0; i < n; i++)
		if (r[i].kind == REC_ANSWER)
			assert_true(engine_restore_answer(g->e, r[i].question, r[i].chain,
			    r[i].rung, r[i].value, r[i].reason));
	assert_false(engine_restore_answer(g->e, "gone", -1, 0, "x", NULL));
	/* a rung deeper than the ladder's depth (3), as when the tree's depth
	 * dropped, is set aside, in the first chain and in one deeper down */
	assert_false(engine_restore_answer(g->e, "why", 0, 4, "too deep", NULL));
	assert_false(engine_restore_answer(g->e, "why", 1, 4, "too deep", NULL));
	assert_false(engine_restore_answer(g->e, "budget", -1, 0, "not-a-value", NULL));
	engine_restore_done(g->e);
	p = prompt(g);
	assert_int_equal(p->kind, PROMPT_RUNG);
	assert_string_equal(p->text, "Why does the client want competitors?");
	assert_int_equal(p->level, 3);
	fixture_free(f);
	fixture_free(g);
}

/* Answering questions that no condition names and that have no follow-ups
 * does not walk the whole tree again: a replay of n questions was n walks
 * of n (40,000 questions took 66 s). A watched question still walks. */
static void
test_answers_without_walks(void **state)
{
	char *yaml = xstrdup("whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: S\n    questions:\n"
	    "      - {id: w, ask: W?}\n"
	    "      - {id: x, ask: X?, when: \"$w = 'yes'\"}\n"), *tmp;
	struct fixture *f;
	const struct question *q;
	unsigned long before;
	bool confirm;
	int i;

	(void)state;
	for (i = 0; i < 500; i++) {
		tmp = xasprintf("%s      - {id: q%d, ask: Q%d?}\n", yaml, i, i);
		free(yaml);
		yaml = tmp;
	}
	f = fixture_new(yaml);
	say(f, "yes");
	assert_string_equal(engine_asking(f->e, &confirm)->id.s, "x");
	say(f, "x");
	before = engine_walks(f->e);
	for (i = 0; i < 500; i++) {
		char id[16];

		q = engine_asking(f->e, &confirm);
		snprintf(id, sizeof id, "q%d", i);
		assert_non_null(q);
		assert_string_equal(q->id.s, id);
		assert_false(confirm);
		say(f, i % 2 ? "answer" : "");
	}
	assert_null(engine_asking(f->e, &confirm));
	assert_string_equal(asking(f), "DONE");
	assert_true(engine_walks(f->e) - before <= 2);
	/* The same answers, replayed with walks, give the same state. */
	assert_int_equal(count_records(f, REC_ANSWER), 502);
	fixture_free(f);
	free(yaml);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_follow_ups),
		cmocka_unit_test(test_new_like_shares_conditions_only),
		cmocka_unit_test(test_choice_forms),
		cmocka_unit_test(test_back_supersedes_and_sets_aside),
		cmocka_unit_test(test_required_and_skip),
		cmocka_unit_test(test_ladder_confirm_and_back),
		cmocka_unit_test(test_ladder_also),
		cmocka_unit_test(test_flags_once),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_optional_empty_skips),
		cmocka_unit_test(test_skip_reason_changed),
		cmocka_unit_test(test_skip_ladder_again),
		cmocka_unit_test(test_ladder_stop_after_back),
		cmocka_unit_test(test_ladder_restated_goal),
		cmocka_unit_test(test_restore),
		cmocka_unit_test(test_answers_without_walks),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
