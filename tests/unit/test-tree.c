/* test-tree.c: the tree model built from YAML (the fields of every question
 * type, the defaults, follow-ups, sections and flags) and the problems of
 * shape and meaning reported at their place: unknown keys with a suggestion,
 * keys that do not apply to a type, wrong kinds, missing keys, malformed and
 * reserved ids, the question limit, and what check_tree finds. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "tree.h"
#include "util.h"

#define HEAD "whyline: 1\nid: t\ntitle: T\nsections:\n  - id: s\n    title: S\n    questions:\n"

/* A folder for the trees, removed at the end. */
struct fixture {
	char dir[64];
	char path[96];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test-tree.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof f->path, "%s/tree.yaml", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Writes yaml to the fixture's file and loads it; d receives the problems. */
static struct tree *
load(void **state, const char *yaml, struct diags *d)
{
	struct fixture *f = *state;
	FILE *fp = fopen(f->path, "w");

	assert_non_null(fp);
	assert_int_equal(fwrite(yaml, 1, strlen(yaml), fp), strlen(yaml));
	assert_int_equal(fclose(fp), 0);
	return tree_load(f->path, d);
}

/* Loads yaml, which must load without a problem. */
static struct tree *
load_ok(void **state, const char *yaml)
{
	struct diags d = { 0 };
	struct tree *t = load(state, yaml, &d);
	size_t i;

	assert_non_null(t);
	for (i = 0; i < d.n; i++)
		print_error("%u:%u: %s\n", d.v[i].mark.line, d.v[i].mark.col, d.v[i].msg);
	assert_int_equal(d.n, 0);
	diags_free(&d);
	return t;
}

/* True when d holds a diagnostic of level at line:col containing what. */
static bool
has_diag(const struct diags *d, enum diag_level level, unsigned line,
    unsigned col, const char *what)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == level && d->v[i].mark.line == line &&
		    d->v[i].mark.col == col && strstr(d->v[i].msg, what) != NULL)
			return true;
	return false;
}

/* Asserts that yaml (loaded, then checked) gives exactly the errors listed
 * as line, col, substring triples, ended by 0, and no warning. */
static void
assert_errors(void **state, const char *yaml, ...)
{
	struct diags d = { 0 };
	struct tree *t = load(state, yaml, &d);
	size_t expected = 0, i;
	unsigned line;
	va_list ap;
	bool ok = true;

	if (t != NULL)
		check_tree(t, true, &d);
	va_start(ap, yaml);
	while ((line = va_arg(ap, unsigned)) != 0) {
		unsigned col = va_arg(ap, unsigned);
		const char *what = va_arg(ap, const char *);

		expected++;
		if (!has_diag(&d, DIAG_ERROR, line, col, what)) {
			print_error("missing error %u:%u: %s\n", line, col, what);
			ok = false;
		}
	}
	va_end(ap);
	if (!ok || d.n != expected) {
		for (i = 0; i < d.n; i++)
			print_error("got %s %u:%u: %s\n",
			    d.v[i].level == DIAG_ERROR ? "error" : "warning",
			    d.v[i].mark.line, d.v[i].mark.col, d.v[i].msg);
		fail_msg("expected %zu errors, got %zu diagnostics", expected, d.n);
	}
	diags_free(&d);
	tree_free(t);
}

/* ---- the model ---- */

static void
test_tree_fields(void **state)
{
	struct tree *t = load_ok(state,
	    "whyline: 1\n"
	    "id: instagram-discovery\n"
	    "title: Discovery call\n"
	    "version: \"1.0\"\n"
	    "language: en\n"
	    "domain: whyline-instagram\n"
	    "intro: We start.\n"
	    "brief: brief.md\n"
	    "sections:\n"
	    "  - id: request\n"
	    "    title: The request\n"
	    "    questions:\n"
	    "      - id: request\n"
	    "        ask: What?\n"
	    "  - title: Context\n"
	    "    when: \"$request IS NOT NULL\"\n"
	    "    questions:\n"
	    "      - id: b\n"
	    "        ask: B?\n"
	    "      - id: c\n"
	    "        ask: C?\n"
	    "flags:\n"
	    "  - when: \"$b = 'x'\"\n"
	    "    say: Risky.\n"
	    "    level: risk\n"
	    "  - when: \"$c = 'y'\"\n"
	    "    say: Noted.\n");
	struct fixture *f = *state;
	size_t i;

	assert_int_equal(t->format, 1);
	assert_string_equal(t->id.s, "instagram-discovery");
	assert_int_equal(t->id.mark.line, 2);
	assert_int_equal(t->id.mark.col, 5);
	assert_string_equal(t->title.s, "Discovery call");
	assert_string_equal(t->version.s, "1.0");
	assert_string_equal(t->language.s, "en");
	assert_string_equal(t->domain.s, "whyline-instagram");
	assert_string_equal(t->intro.s, "We start.");
	assert_string_equal(t->brief.s, "brief.md");
	assert_string_equal(t->path, f->path);
	assert_string_equal(t->dir, f->dir);
	assert_int_equal(strlen(tree_sha256(t)), 64);
	for (i = 0; i < 64; i++)
		assert_non_null(strchr("0123456789abcdef", tree_sha256(t)[i]));

	assert_int_equal(t->nsections, 2);
	assert_string_equal(t->sections[0]->id.s, "request");
	assert_null(t->sections[1]->id.s);
	assert_string_equal(t->sections[1]->title.s, "Context");
	assert_string_equal(t->sections[1]->when.s, "$request IS NOT NULL");
	assert_int_equal(t->sections[1]->when.mark.line, 16);
	assert_int_equal(t->sections[1]->mark.line, 15);
	assert_int_equal(t->sections[1]->mark.col, 5);
	assert_int_equal(t->sections[1]->index, 1);
	assert_int_equal(t->sections[0]->first, 0);
	assert_int_equal(t->sections[0]->end, 1);
	assert_int_equal(t->sections[1]->first, 1);
	assert_int_equal(t->sections[1]->end, 3);
	assert_int_equal(t->sections[1]->n, 2);

	assert_int_equal(t->nall, 3);
	assert_ptr_equal(tree_question(t, "b"), t->all[1]);
	assert_ptr_equal(question_section(t, t->all[2]), t->sections[1]);
	assert_int_equal(t->all[2]->index, 2);
	assert_null(tree_question(t, "nope"));

	assert_int_equal(t->nflags, 2);
	assert_int_equal(t->flags[0].level, FLAG_RISK);
	assert_string_equal(t->flags[0].say.s, "Risky.");
	assert_int_equal(t->flags[0].when.mark.line, 23);
	assert_int_equal(t->flags[1].level, FLAG_INFO);	/* the default */
	assert_int_equal(t->flags[1].index, 1);
	tree_free(t);
	tree_free(NULL);
}

static void
test_question_defaults(void **state)
{
	struct tree *t = load_ok(state, HEAD
	    "      - id: a\n"
	    "        ask: A?\n"
	    "      - id: l\n"
	    "        type: ladder\n"
	    "        ask: Why {{rung}}?\n"
	    "      - id: s\n"
	    "        type: scale\n"
	    "        ask: How much?\n");
	const struct question *a = t->all[0], *l = t->all[1], *s = t->all[2];

	assert_int_equal(a->type, QT_TEXT);
	assert_false(a->required);
	assert_true(a->in_brief);
	assert_null(a->tx->when.s);
	assert_null(a->tx->help.s);
	assert_int_equal(a->mark.line, 8);
	assert_int_equal(a->mark.col, 9);
	assert_string_equal(a->ask.s, "A?");
	assert_int_equal(a->ask.mark.line, 9);
	assert_int_equal(a->ask.mark.col, 14);

	assert_int_equal(l->type, QT_LADDER);
	assert_int_equal(l->depth, TREE_DEFAULT_DEPTH);
	assert_int_equal(l->depth, 5);
	assert_null(l->x->from.s);
	assert_ptr_equal(l->x->from_q, a);	/* the question just before it */

	assert_int_equal(s->type, QT_SCALE);
	assert_false(s->has_min);
	assert_false(s->has_max);
	assert_true(question_min(s) == 1);
	assert_true(question_max(s) == 5);
	assert_true(question_min(a) == 0);
	tree_free(t);
}

static void
test_question_types(void **state)
{
	struct tree *t = load_ok(state, HEAD
	    "      - id: request\n"
	    "        type: paragraph\n"
	    "        ask: In their words?\n"
	    "        help: Several lines.\n"
	    "        required: yes\n"
	    "        brief: false\n"
	    "        validate: \"length($value) > 3\"\n"
	    "        invalid: Too short.\n"
	    "      - id: budget\n"
	    "        type: choice\n"
	    "        ask: Budget?\n"
	    "        default: results\n"
	    "        choices:\n"
	    "          - {value: fixed, label: A fixed amount}\n"
	    "          - results\n"
	    "        follow_up:\n"
	    "          fixed:\n"
	    "            - id: amount\n"
	    "              type: number\n"
	    "              ask: How much?\n"
	    "              min: 0\n"
	    "              max: 1e6\n"
	    "              integer: true\n"
	    "          results:\n"
	    "            - id: metric\n"
	    "              ask: Which metric?\n"
	    "      - id: channels\n"
	    "        type: multi\n"
	    "        ask: Channels?\n"
	    "        choices: [seo, ads, social]\n"
	    "        min: 1\n"
	    "        max: 2\n"
	    "      - id: agreed\n"
	    "        type: yesno\n"
	    "        ask: Agreed?\n"
	    "        follow_up:\n"
	    "          no: [{id: why_not, ask: Why not?}]\n"
	    "      - id: urgency\n"
	    "        type: scale\n"
	    "        ask: How urgent?\n"
	    "        min: 0\n"
	    "        max: 3\n"
	    "        labels: [none, low, high, now]\n"
	    "      - id: fit\n"
	    "        type: scale\n"
	    "        ask: Fit?\n"
	    "        labels: {1: poor, 5: great}\n"
	    "      - id: why\n"
	    "        type: ladder\n"
	    "        from: request\n"
	    "        ask: Why {{rung}}?\n"
	    "        depth: 7\n"
	    "        goal: The goal\n"
	    "      - id: intro_note\n"
	    "        type: note\n"
	    "        ask: Thanks.\n");
	const struct question *q;
	const struct follow_up *fu;

	q = tree_question(t, "request");
	assert_int_equal(q->type, QT_PARAGRAPH);
	assert_true(q->required);
	assert_false(q->in_brief);
	assert_string_equal(q->tx->help.s, "Several lines.");
	assert_string_equal(q->x->validate.s, "length($value) > 3");
	assert_string_equal(q->x->invalid.s, "Too short.");

	q = tree_question(t, "budget");
	assert_int_equal(q->type, QT_CHOICE);
	assert_string_equal(q->x->def.s, "results");
	assert_int_equal(q->vals->nchoices, 2);
	assert_string_equal(q->vals->choices[0].value.s, "fixed");
	assert_string_equal(q->vals->choices[0].label.s, "A fixed amount");
	assert_int_equal(q->vals->choices[0].value.mark.line, 21);
	assert_int_equal(q->vals->choices[0].value.mark.col, 21);
	assert_string_equal(q->vals->choices[1].value.s, "results");
	assert_string_equal(q->vals->choices[1].label.s, "results");
	assert_ptr_equal(question_choice(q, "results"), &q->vals->choices[1]);
	assert_null(question_choice(q, "Results"));
	assert_int_equal(q->x->nfollow_ups, 2);
	fu = question_follow_up(q, "fixed");
	assert_non_null(fu);
	assert_int_equal(fu->n, 1);
	assert_string_equal(fu->questions[0]->id.s, "amount");
	/* A follow-up comes right after its question in document order. */
	assert_int_equal(fu->questions[0]->index, q->index + 1);
	assert_null(question_follow_up(q, "other"));

	q = tree_question(t, "amount");
	assert_int_equal(q->type, QT_NUMBER);
	assert_true(q->has_min && q->has_max && q->integer);
	assert_true(q->vals->min == 0 && q->vals->max == 1e6);
	assert_int_equal(q->vals->min_mark.line, 28);
	assert_ptr_equal(question_section(t, q), t->sections[0]);

	q = tree_question(t, "channels");
	assert_int_equal(q->type, QT_MULTI);
	assert_int_equal(q->vals->nchoices, 3);
	assert_string_equal(q->vals->choices[2].label.s, "social");
	assert_true(question_min(q) == 1 && question_max(q) == 2);

	q = tree_question(t, "agreed");
	assert_int_equal(q->type, QT_YESNO);
	/* "no" is a string here, not false. */
	assert_non_null(question_follow_up(q, "no"));
	assert_ptr_equal(question_follow_up(q, "no")->questions[0],
	    tree_question(t, "why_not"));

	q = tree_question(t, "urgency");
	assert_int_equal(q->x->nlabels, 4);
	assert_string_equal(question_scale_label(q, 0), "none");
	assert_string_equal(question_scale_label(q, 3), "now");
	assert_null(question_scale_label(q, 4));
	q = tree_question(t, "fit");
	assert_int_equal(q->x->nlabels, 2);
	assert_string_equal(question_scale_label(q, 5), "great");
	assert_null(question_scale_label(q, 3));

	q = tree_question(t, "why");
	assert_int_equal(q->depth, 7);
	assert_string_equal(q->x->from.s, "request");
	assert_ptr_equal(q->x->from_q, tree_question(t, "request"));
	assert_string_equal(q->x->goal.s, "The goal");

	assert_int_equal(tree_question(t, "intro_note")->type, QT_NOTE);
	assert_int_equal(t->nall, 11);
	tree_free(t);
}

static void
test_names(void **state)
{
	enum qtype ty;
	enum flag_level fl;

	(void)state;
	assert_true(qtype_parse("ladder", &ty));
	assert_int_equal(ty, QT_LADDER);
	assert_string_equal(qtype_name(QT_MULTI), "multi");
	assert_false(qtype_parse("Ladder", &ty));
	assert_true(flag_level_parse("preference", &fl));
	assert_int_equal(fl, FLAG_PREFERENCE);
	assert_false(flag_level_parse("severe", &fl));
	assert_string_equal(flag_level_name(FLAG_RISK), "risk");
	assert_true(tree_question_id_valid("a"));
	assert_true(tree_question_id_valid("budget_2"));
	assert_false(tree_question_id_valid(""));
	assert_false(tree_question_id_valid("2a"));
	assert_false(tree_question_id_valid("a-b"));
	assert_false(tree_question_id_valid("A"));
	assert_false(tree_question_id_valid("_a"));
	assert_true(tree_id_valid("2024-call_x"));
	assert_false(tree_id_valid(""));
	assert_false(tree_id_valid("-a"));
	assert_false(tree_id_valid("a b"));
	assert_false(tree_id_valid("\xc3\xa9"));
}

/* ---- problems of shape ---- */

static void
test_unknown_keys(void **state)
{
	assert_errors(state, HEAD
	    "      - id: request\n"
	    "        ask: What?\n"
	    "        requird: true\n"
	    "        zzzzzzzz: 1\n"
	    "    titel: x\n"
	    "choices: []\n",
	    10, 9, "unknown key 'requird' in question 'request'; did you mean 'required'?",
	    11, 9, "unknown key 'zzzzzzzz' in question 'request'",
	    12, 5, "unknown key 'titel' in a section; did you mean 'title'?",
	    13, 1, "unknown key 'choices' in the tree",
	    0);
}

static void
test_keys_that_do_not_apply(void **state)
{
	assert_errors(state, HEAD
	    "      - id: a\n"
	    "        ask: A?\n"
	    "        choices: [x]\n"
	    "        depth: 3\n"
	    "      - id: n\n"
	    "        type: number\n"
	    "        ask: N?\n"
	    "        labels: [a]\n"
	    "        from: a\n"
	    "      - id: s\n"
	    "        type: scale\n"
	    "        ask: S?\n"
	    "        integer: true\n"
	    "        follow_up: {1: []}\n"
	    "      - id: note\n"
	    "        type: note\n"
	    "        ask: Hi.\n"
	    "        required: true\n"
	    "        default: x\n"
	    "        validate: \"1\"\n"
	    "      - id: l\n"
	    "        type: ladder\n"
	    "        ask: Why?\n"
	    "        default: x\n"
	    "        min: 1\n",
	    10, 9, "'choices' does not apply to a question of type text",
	    11, 9, "'depth' does not apply to a question of type text",
	    15, 9, "'labels' does not apply to a question of type number",
	    16, 9, "'from' does not apply to a question of type number",
	    20, 9, "'integer' does not apply to a question of type scale",
	    21, 9, "'follow_up' does not apply to a question of type scale",
	    25, 9, "'required' does not apply to a question of type note",
	    26, 9, "'default' does not apply to a question of type note",
	    27, 9, "'validate' does not apply to a question of type note",
	    31, 9, "'default' does not apply to a question of type ladder",
	    32, 9, "'min' does not apply to a question of type ladder",
	    0);
}

static void
test_missing_keys_and_kinds(void **state)
{
	assert_errors(state,
	    "whyline: 1\n"
	    "id: t\n"
	    "sections:\n"
	    "  - title: [S]\n"
	    "    questions:\n"
	    "      - ask: Anonymous?\n"
	    "      - id: a\n"
	    "        ask: {x: 1}\n"
	    "        required: maybe\n"
	    "      - just a string\n"
	    "      - id: c\n"
	    "        type: choice\n"
	    "        ask: C?\n"
	    "        choices: yes\n"
	    "      - id: n\n"
	    "        type: number\n"
	    "        ask: N?\n"
	    "        min: ten\n"
	    "  - questions: {a: 1}\n"
	    "flags: {x: 1}\n",
	    1, 1, "the tree has no 'title'",
	    4, 12, "'title' must be a string, not a list",
	    6, 9, "a question has no 'id'",
	    8, 14, "'ask' must be a string, not a mapping",
	    9, 19, "'required' must be true or false",
	    10, 9, "a question must be a mapping with 'id' and 'ask', not a scalar",
	    12, 15, "question 'c' is of type choice but has no 'choices'",
	    14, 18, "'choices' must be a list, not a scalar",
	    18, 14, "'min' must be a number",
	    19, 5, "a section has no 'title'",
	    19, 16, "'questions' must be a list, not a mapping",
	    20, 8, "'flags' must be a list, not a mapping",
	    0);
}

static void
test_ids_malformed_and_reserved(void **state)
{
	assert_errors(state,
	    "whyline: 1\n"
	    "id: My Tree\n"
	    "title: T\n"
	    "sections:\n"
	    "  - id: -s\n"
	    "    title: S\n"
	    "    questions:\n"
	    "      - id: Budget\n"
	    "        ask: A?\n"
	    "      - id: rung\n"
	    "        ask: B?\n"
	    "      - id: value\n"
	    "        ask: C?\n"
	    "      - id: 2nd\n"
	    "        ask: D?\n",
	    2, 5, "tree id 'My Tree' is malformed",
	    5, 9, "section id '-s' is malformed",
	    8, 13, "question id 'Budget' is malformed: it must match [a-z][a-z0-9_]*",
	    10, 13, "question id 'rung' is reserved",
	    12, 13, "question id 'value' is reserved",
	    14, 13, "question id '2nd' is malformed",
	    0);
}

static void
test_types_and_ranges(void **state)
{
	assert_errors(state, HEAD
	    "      - id: a\n"
	    "        type: choise\n"
	    "        ask: A?\n"
	    "      - id: b\n"
	    "        type: dropdown\n"
	    "        ask: B?\n"
	    "      - id: l\n"
	    "        type: ladder\n"
	    "        ask: Why?\n"
	    "        depth: 21\n"
	    "      - id: m\n"
	    "        type: ladder\n"
	    "        ask: Why?\n"
	    "        depth: 2.5\n"
	    "      - id: p\n"
	    "        type: multiple\n"
	    "        ask: P?\n",
	    9, 15, "unknown type 'choise'; did you mean 'choice'?",
	    12, 15, "unknown type 'dropdown' (text, paragraph, choice",
	    17, 16, "'depth' must be a whole number from 1 to 20",
	    21, 16, "'depth' must be a whole number from 1 to 20",
	    /* three edits away, as near as for a key or an id */
	    23, 15, "unknown type 'multiple'; did you mean 'multi'?",
	    0);
}

static void
test_format_and_empty(void **state)
{
	assert_errors(state, "whyline: 2\nid: t\ntitle: T\nsections: []\n",
	    1, 10, "this tree is written for format 2",
	    4, 11, "'sections' is empty",
	    0);
	assert_errors(state, "whyline: 0\nid: t\ntitle: T\nsections:\n"
	    "  - title: S\n    questions: []\n",
	    1, 10, "'whyline' must be the format version, 1",
	    6, 16, "'questions' is empty",
	    0);
	assert_errors(state, "whyline: 1e300\nid: t\ntitle: T\nsections:\n"
	    "  - title: S\n    questions: [{id: a, ask: A}]\n\"id\\0x\": 2\n",
	    1, 10, "this tree is written for format 1e+300; this whyline reads format 1",
	    7, 1, "a key in the tree holds a NUL character",
	    0);
	assert_errors(state, "# nothing\n", 1, 1, "the file is empty", 0);
	assert_errors(state, "- a\n", 1, 1, "a tree must be a mapping", 0);
}

/* A NUL byte cuts a C string short: "type\0x" is not "type", "scale\0x"
 * not "scale", "true\0x" not true. */
static void
test_nul_bytes(void **state)
{
	assert_errors(state, HEAD
	    "      - id: a\n"
	    "        \"type\\0x\": scale\n"
	    "        ask: A?\n"
	    "        labels: [x, y]\n"
	    "      - id: b\n"
	    "        type: \"scale\\0x\"\n"
	    "        ask: B?\n"
	    "        labels: [x, y]\n"
	    "      - id: c\n"
	    "        ask: C?\n"
	    "        required: \"true\\0x\"\n"
	    "      - id: d\n"
	    "        type: number\n"
	    "        ask: D?\n"
	    "        min: \"1\\0x\"\n",
	    9, 9, "a key in question 'a' holds a NUL character",
	    11, 9, "'labels' does not apply to a question of type text",
	    13, 15, "'type' holds a NUL character",
	    18, 19, "'required' must be true or false",
	    22, 14, "'min' must be a number",
	    0);
}

static void
test_values_inside_lists(void **state)
{
	assert_errors(state, HEAD
	    "      - id: c\n"
	    "        type: choice\n"
	    "        ask: C?\n"
	    "        choices: [a, [b], {value: c, label: [x]}, ~]\n"
	    "        follow_up:\n"
	    "          [a]: []\n"
	    "      - id: s\n"
	    "        type: scale\n"
	    "        ask: S?\n"
	    "        labels: {1: low, 2.5: mid, x: high, 1e300: top, 5: [max]}\n"
	    "      - id: big\n"
	    "        type: scale\n"
	    "        ask: B?\n"
	    "        min: 1e300\n"
	    "        max: 1e300\n"
	    "        labels: [a, b]\n"
	    "      - id: t\n"
	    "        ask: \"{{a} and {{b}}\"\n",
	    11, 22, "a choice must be a value or a mapping with 'value' and 'label', not a list",
	    11, 45, "'label' must be a string, not a list",
	    11, 51, "a choice must be a string, not nothing",
	    13, 11, "a follow_up value must be a string, not a list",
	    17, 26, "a key of 'labels' must be the whole number it labels",
	    17, 36, "a key of 'labels' must be the whole number it labels",
	    17, 45, "a key of 'labels' must be the whole number it labels",
	    17, 60, "a label must be a string, not a list",
	    21, 14, "'min' and 'max' of question 'big' must lie between -1000000000 and 1000000000",
	    25, 14, "'{{a} and {{b}}' in 'ask' is not a question id",
	    0);
}

static void
test_too_many_questions(void **state)
{
	struct buf b = { 0 };
	struct diags d = { 0 };
	struct tree *t;
	size_t i;

	buf_puts(&b, HEAD);
	for (i = 0; i <= TREE_MAX_QUESTIONS; i++)
		buf_printf(&b, "      - {id: q%zu, ask: a}\n", i);
	t = load(state, buf_str(&b), &d);
	assert_non_null(t);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].mark.line, 8 + TREE_MAX_QUESTIONS);
	assert_non_null(strstr(d.v[0].msg, "more than 100000 questions"));
	assert_int_equal(t->nall, TREE_MAX_QUESTIONS);
	/* Every id is found, as the question at its place; the one left out
	 * and ids that are not there are not. */
	for (i = 0; i < TREE_MAX_QUESTIONS; i++) {
		char id[32];

		snprintf(id, sizeof id, "q%zu", i);
		assert_ptr_equal(tree_question(t, id), t->all[i]);
	}
	assert_null(tree_question(t, "q100000"));
	assert_null(tree_question(t, "q"));
	assert_null(tree_question(t, ""));
	diags_free(&d);
	tree_free(t);
	buf_free(&b);
	/* Of two questions with one id, the first is the one found. */
	buf_puts(&b, HEAD);
	buf_puts(&b, "      - {id: a, ask: one}\n      - {id: b, ask: two}\n"
	    "      - {id: a, ask: three}\n");
	t = load(state, buf_str(&b), &d);
	assert_non_null(t);
	assert_int_equal(t->nall, 3);
	assert_ptr_equal(tree_question(t, "a"), t->all[0]);
	assert_ptr_equal(tree_question(t, "b"), t->all[1]);
	diags_free(&d);
	tree_free(t);
	buf_free(&b);
}

static void
test_unreadable(void **state)
{
	struct diags d = { 0 };

	assert_null(tree_load("/nonexistent/tree.yaml", &d));
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.v[0].file, "/nonexistent/tree.yaml");
	diags_free(&d);
	/* Not YAML: no tree at all. */
	assert_null(load(state, "a: [\n", &d));
	assert_int_equal(d.nerrors, 1);
	diags_free(&d);
}

/* ---- problems of meaning ---- */

static void
test_check_references(void **state)
{
	assert_errors(state,
	    "whyline: 1\n"
	    "id: t\n"
	    "title: T {{a}}\n"
	    "intro: Hi {{a}}\n"
	    "sections:\n"
	    "  - title: S {{a}}\n"
	    "    when: \"$a = 1\"\n"
	    "    questions:\n"
	    "      - id: a\n"
	    "        ask: A {{a}}\n"
	    "        when: \"$a IS NULL\"\n"
	    "      - id: b\n"
	    "        ask: B {{a}} {{bb}}\n"
	    "        help: \"{{c}}\"\n"
	    "        when: \"$aa = 1\"\n"
	    "        validate: \"$value > $c\"\n"
	    "      - id: c\n"
	    "        type: ladder\n"
	    "        from: d\n"
	    "        ask: Why {{rung}}?\n"
	    "      - id: d\n"
	    "        ask: \"{{rung}} {{ D }}\"\n"
	    "flags:\n"
	    "  - when: \"$d = 1 AND $value = 2\"\n"
	    "    say: \"{{d}} {{e\"\n",
	    4, 8, "{{a}} in 'intro' names question 'a' (line 9), which is not asked before it",
	    6, 12, "{{a}} in 'title' names question 'a'",
	    7, 11, "$a in 'when' names question 'a'",
	    10, 14, "{{a}} in 'ask' names question 'a'",
	    11, 15, "$a in 'when' names question 'a'",
	    13, 14, "{{bb}} in 'ask' names no question; did you mean 'b'?",
	    14, 15, "{{c}} in 'help' names question 'c'",
	    15, 15, "$aa in 'when' names no question; did you mean 'a'?",
	    16, 19, "$c in 'validate' names question 'c'",
	    19, 15, "'d' in 'from' names question 'd'",
	    22, 14, "{{rung}} in 'ask' is only for a ladder",
	    22, 14, "'{{ D }}' in 'ask' is not a question id",
	    24, 11, "$value in 'when' names no question",
	    25, 10, "'{{' in 'say' is not closed",
	    0);
}

static void
test_check_choices_and_values(void **state)
{
	assert_errors(state, HEAD
	    "      - id: c\n"
	    "        type: choice\n"
	    "        ask: C?\n"
	    "        default: maybe\n"
	    "        choices:\n"
	    "          - a\n"
	    "          - {value: b}\n"
	    "          - {value: a, label: A again}\n"
	    "        follow_up:\n"
	    "          b: [{id: x, ask: X?}]\n"
	    "          z: [{id: y, ask: Y?}]\n"
	    "      - id: yn\n"
	    "        type: yesno\n"
	    "        ask: Y?\n"
	    "        default: perhaps\n"
	    "        follow_up:\n"
	    "          yes: [{id: w, ask: W?}]\n"
	    "          true: [{id: v, ask: V?}]\n"
	    "      - id: n\n"
	    "        type: number\n"
	    "        ask: N?\n"
	    "        min: 10\n"
	    "        max: 1\n"
	    "      - id: s\n"
	    "        type: scale\n"
	    "        ask: S?\n"
	    "        min: 6\n"
	    "      - id: m\n"
	    "        type: multi\n"
	    "        ask: M?\n"
	    "        choices: [a, b]\n"
	    "        min: 3\n"
	    "      - id: l\n"
	    "        type: ladder\n"
	    "        ask: Why?\n"
	    "        from: nobody\n",
	    11, 18, "default 'maybe' is not a value of question 'c'",
	    15, 21, "choice value 'a' appears twice in question 'c' (first at line 13)",
	    18, 11, "follow_up 'z' is not a value of question 'c'",
	    22, 18, "the default of question 'yn' must be yes or no",
	    25, 11, "follow_up 'true' is not a value of question 'yn' (yes or no)",
	    29, 14, "'min' (10) is over 'max' (1) in question 'n'",
	    34, 14, "'min' (6) is over 'max' (5) in question 's'",
	    39, 14, "question 'm' asks for at least 3 of 2 choices",
	    43, 15, "'nobody' in 'from' names no question",
	    0);
}

/* More than a few choices are compared through a hash: the same errors. */
static void
test_check_many_choices(void **state)
{
	assert_errors(state, HEAD
	    "      - id: c\n"
	    "        type: choice\n"
	    "        ask: C?\n"
	    "        choices: [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, "
	    "v14, v15, v16, v17, v3]\n"
	    "        follow_up:\n"
	    "          v17: [{id: x, ask: X?}]\n"
	    "          zz: [{id: y, ask: Y?}]\n",
	    11, 95, "choice value 'v3' appears twice in question 'c' (first at line 11)",
	    14, 11, "follow_up 'zz' is not a value of question 'c'",
	    0);
}

/* A tree loaded as its questions are read (tree_load_model, check's way)
 * is the tree tree_load builds: the questions in document order, each
 * section's range and every question's section, also when an anchor
 * halfway stops the questions after it from being taken. */
/* tree_question finds each question by its id, the first of two with the
 * same, and no other, whatever the number of slots (not a power of two). */
static void
test_question_lookup(void **state)
{
	static const size_t sizes[] = { 1, 11, 12, 13, 700, 3001 };
	size_t k, i;

	for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		struct buf y = { 0 };
		struct diags d = { 0 };
		struct tree *t;
		char id[32];

		buf_puts(&y, "whyline: 1\nid: t\ntitle: T\nsections:\n  - title: A\n    questions:\n");
		for (i = 0; i < sizes[k]; i++)
			buf_printf(&y, "      - {id: q%zu, ask: Q?}\n", i);
		buf_puts(&y, "      - {id: q0, ask: Again?}\n");
		t = load(state, y.s, &d);
		assert_non_null(t);
		assert_true(t->by_id_cap * 3 >= (t->nall + 1) * 4);
		for (i = 0; i < sizes[k]; i++) {
			snprintf(id, sizeof id, "q%zu", i);
			assert_ptr_equal(tree_question(t, id), t->all[i]);
			snprintf(id, sizeof id, "q%zux", i);
			assert_null(tree_question(t, id));
		}
		assert_string_equal(tree_question(t, "q0")->ask.s, "Q?");
		assert_null(tree_question(t, "nope"));
		tree_free(t);
		diags_free(&d);
		free(y.s);
	}
}

/* tree.all holds every question at its index, and a section's list its
 * questions, when the questions span many blocks and a follow-up comes
 * late in a section taken as it was read; a load that fails after
 * questions were made frees them (run under a sanitizer or valgrind). */
static void
test_questions_in_blocks(void **state)
{
	struct fixture *f = *state;
	struct buf y = { 0 };
	size_t k, i;

	buf_puts(&y, "whyline: 1\nid: t\ntitle: T\nsections:\n  - title: A\n    questions:\n");
	for (i = 0; i < 299; i++)
		buf_printf(&y, "      - {id: q%zu, ask: Q?}\n", i);
	buf_puts(&y, "      - {id: q299, type: yesno, ask: Q?, follow_up: {yes: [{id: f, ask: F?}]}}\n");
	buf_puts(&y, "  - title: B\n    questions:\n");
	for (i = 300; i < 305; i++)
		buf_printf(&y, "      - {id: q%zu, ask: Q?}\n", i);
	for (k = 0; k < 2; k++) {
		struct diags d = { 0 };
		struct tree *t = k == 0 ? load(state, y.s, &d) : tree_load_model(f->path, &d);

		assert_non_null(t);
		assert_int_equal(d.n, 0);
		assert_int_equal(t->nall, 306);
		for (i = 0; i < t->nall; i++)
			assert_int_equal(t->all[i]->index, i);
		assert_string_equal(t->all[300]->id.s, "f");
		assert_string_equal(t->all[301]->id.s, "q300");
		assert_int_equal(t->sections[0]->n, 300);
		assert_false(t->sections[0]->questions_in_all);
		for (i = 0; i < 300; i++)
			assert_ptr_equal(t->sections[0]->questions[i], t->all[i]);
		assert_null(t->sections[0]->questions[300]);
		assert_true(t->sections[1]->questions_in_all);
		assert_int_equal(t->sections[1]->n, 5);
		assert_ptr_equal(t->sections[1]->questions[4], t->all[305]);
		tree_free(t);
		diags_free(&d);
	}
	/* Broken YAML after many questions were taken. */
	buf_puts(&y, "  - [unclosed\n");
	{
		struct diags d = { 0 };

		assert_null(load(state, y.s, &d));	/* writes the file */
		assert_null(tree_load_model(f->path, &d));
		assert_int_equal(d.nerrors, 2);
		diags_free(&d);
	}
	free(y.s);
}

/* Each question's section, follow-ups in their question's, a section with
 * no question (an error) skipped, from the file as from the model; and a
 * choice question without choices keeps where its type is. */
/* A long list of choices (a part of the tree's blocks of its own) sits
 * beside the small parts of the questions around it, each intact, for a
 * loaded tree and a model. */
static void
test_long_choice_list(void **state)
{
	struct fixture *f = *state;
	struct buf y = { 0 };
	size_t k, i;
	char want[16];

	buf_puts(&y, "whyline: 1\nid: t\ntitle: T\nsections:\n  - title: A\n    questions:\n"
	    "      - {id: a, ask: A?, help: Before.}\n"
	    "      - {id: c, type: choice, ask: C?, choices: [");
	for (i = 0; i < 300; i++)
		buf_printf(&y, "%sv%zu", i > 0 ? ", " : "", i);
	buf_puts(&y, "]}\n      - {id: b, ask: B?, help: After., when: \"$c = 'v7'\"}\n"
	    "      - {id: n, type: number, ask: N?, min: 2}\n");
	for (k = 0; k < 2; k++) {
		struct diags d = { 0 };
		struct tree *t = k == 0 ? load(state, y.s, &d) : tree_load_model(f->path, &d);

		assert_non_null(t);
		assert_int_equal(d.nerrors, 0);
		assert_string_equal(t->all[0]->tx->help.s, "Before.");
		assert_int_equal(t->all[1]->vals->nchoices, 300);
		for (i = 0; i < 300; i++) {
			snprintf(want, sizeof want, "v%zu", i);
			assert_string_equal(t->all[1]->vals->choices[i].value.s, want);
			assert_string_equal(t->all[1]->vals->choices[i].label.s, want);
		}
		assert_string_equal(t->all[2]->tx->help.s, "After.");
		assert_string_equal(t->all[2]->tx->when.s, "$c = 'v7'");
		assert_true(t->all[3]->has_min);
		assert_true(t->all[3]->vals->min == 2);
		tree_free(t);
		diags_free(&d);
	}
	free(y.s);
}

/* A question whose id an earlier one has is marked (check reports it
 * without looking every id up again); tree_question finds the first. */
static void
test_id_twice(void **state)
{
	struct fixture *f = *state;
	static const char yaml[] =
	    "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n"
	    "      - {id: a, ask: A?}\n"
	    "      - {id: b, ask: B?}\n"
	    "      - {id: a, ask: A again?}\n"
	    "      - {id: c, ask: C?}\n"
	    "      - {id: b, ask: B again?}\n";
	static const bool twice[] = { false, false, true, false, true };
	size_t k, i;

	for (k = 0; k < 2; k++) {
		struct diags d = { 0 };
		struct tree *t = k == 0 ? load(state, yaml, &d) : tree_load_model(f->path, &d);

		assert_non_null(t);
		assert_int_equal(t->nall, 5);
		for (i = 0; i < 5; i++)
			assert_int_equal(t->all[i]->id_twice, twice[i]);
		assert_ptr_equal(tree_question(t, "a"), t->all[0]);
		assert_ptr_equal(tree_question(t, "b"), t->all[1]);
		tree_free(t);
		diags_free(&d);
	}
}

static void
test_question_section(void **state)
{
	static const char yaml[] =
	    "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n"
	    "      - {id: a, ask: A?}\n"
	    "      - {id: b, type: yesno, ask: B?, follow_up: {yes: [{id: c, ask: C?}]}}\n"
	    "  - {title: Empty, questions: []}\n"
	    "  - {title: B, questions: [{id: d, ask: D?}]}\n"
	    "  - title: C\n    questions:\n"
	    "      - {id: e, type: choice, ask: E?}\n"
	    "      - {id: f, ask: F?}\n";
	static const char *const ids[] = { "a", "b", "c", "d", "e", "f" };
	static const size_t in[] = { 0, 0, 0, 2, 3, 3 };
	struct fixture *f = *state;
	size_t k, i;

	for (k = 0; k < 2; k++) {
		struct diags d = { 0 };
		struct tree *t = k == 0 ? load(state, yaml, &d) : tree_load_model(f->path, &d);

		assert_non_null(t);
		assert_int_equal(d.nerrors, 1);	/* the empty section */
		assert_int_equal(t->nsections, 4);
		assert_int_equal(t->nall, 6);
		for (i = 0; i < 6; i++) {
			assert_string_equal(t->all[i]->id.s, ids[i]);
			assert_ptr_equal(question_section(t, t->all[i]), t->sections[in[i]]);
		}
		assert_int_equal(t->sections[1]->n, 0);
		assert_int_equal(tree_question(t, "e")->x->type_mark.line, 13);
		assert_int_equal(tree_question(t, "e")->x->type_mark.col, 23);
		/* A question with choices keeps no extra part for it. */
		assert_ptr_equal(tree_question(t, "a")->x, &question_no_extra);
		tree_free(t);
		diags_free(&d);
	}
}

static void
test_model_is_the_tree(void **state)
{
	static const char *const yaml[] = {
	    "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n"
	    "      - {id: a, ask: A?}\n"
	    "      - {id: b, type: yesno, ask: B?, follow_up: {yes: [{id: c, ask: C?}]}}\n"
	    "  - {title: B, questions: [{id: d, ask: D?}, {id: e, ask: E?}]}\n"
	    "  - {title: C, questions: [{id: f, ask: F?}]}\n",
	    "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n"
	    "      - {id: a, ask: A?}\n"
	    "      - {id: b, type: yesno, ask: &x B?, follow_up: {yes: [{id: c, ask: C?}]}}\n"
	    "  - {title: B, questions: [{id: d, ask: *x}, {id: e, ask: E?}]}\n"
	    "  - {title: C, questions: [{id: f, ask: F?}]}\n",
	};
	static const char *const ids[] = { "a", "b", "c", "d", "e", "f" };
	struct fixture *f = *state;
	size_t k, i, j;

	for (k = 0; k < 2; k++) {
		struct diags d = { 0 };
		struct tree *a = load(state, yaml[k], &d), *b = tree_load_model(f->path, &d);

		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(d.n, 0);
		assert_null(tree_source(b, &i));
		assert_int_equal(b->nall, 6);
		assert_int_equal(b->nsections, 3);
		for (i = 0; i < 6; i++) {
			assert_string_equal(b->all[i]->id.s, ids[i]);
			assert_string_equal(b->all[i]->ask.s, a->all[i]->ask.s);
			assert_int_equal(b->all[i]->index, i);
			assert_int_equal(question_section(b, b->all[i])->index,
			    question_section(a, a->all[i])->index);
			assert_int_equal(b->all[i]->ask.mark.line, a->all[i]->ask.mark.line);
			assert_int_equal(b->all[i]->ask.mark.col, a->all[i]->ask.mark.col);
		}
		for (i = 0; i < 3; i++) {
			assert_int_equal(b->sections[i]->first, a->sections[i]->first);
			assert_int_equal(b->sections[i]->end, a->sections[i]->end);
			assert_int_equal(b->sections[i]->n, a->sections[i]->n);
			assert_ptr_equal(question_section(b, b->sections[i]->questions[0]), b->sections[i]);
			assert_string_equal(b->sections[i]->title.s, a->sections[i]->title.s);
			/* A section without follow-ups is a part of t->all; one
			 * with them (A) has a list of its own, without them. */
			assert_int_equal(a->sections[i]->questions_in_all, i > 0);
			assert_int_equal(b->sections[i]->questions_in_all, i > 0);
			for (j = 0; j < b->sections[i]->n; j++) {
				assert_string_equal(b->sections[i]->questions[j]->id.s,
				    a->sections[i]->questions[j]->id.s);
				assert_ptr_equal(b->sections[i]->questions[j],
				    b->all[b->sections[i]->questions[j]->index]);
			}
		}
		assert_int_equal(b->sections[0]->n, 2);
		assert_string_equal(b->sections[0]->questions[1]->id.s, "b");
		assert_ptr_equal(b->all[2], b->all[1]->x->follow_ups[0].questions[0]);
		/* The same from memory, as the fuzzer reads it. */
		tree_free(b);
		b = tree_load_model_mem("tree.yaml", yaml[k], strlen(yaml[k]), &d);
		assert_non_null(b);
		assert_int_equal(d.n, 0);
		assert_int_equal(b->nall, 6);
		for (i = 0; i < 6; i++)
			assert_string_equal(b->all[i]->id.s, ids[i]);
		assert_int_equal(b->sections[1]->first, a->sections[1]->first);
		tree_free(a);
		tree_free(b);
		diags_free(&d);
	}
}

static void
test_check_duplicate_ids(void **state)
{
	assert_errors(state,
	    "whyline: 1\n"
	    "id: t\n"
	    "title: T\n"
	    "sections:\n"
	    "  - id: s\n"
	    "    title: S\n"
	    "    questions:\n"
	    "      - id: a\n"
	    "        ask: A?\n"
	    "        type: yesno\n"
	    "        follow_up:\n"
	    "          yes: [{id: a, ask: Again?}]\n"
	    "  - id: s\n"
	    "    title: S2\n"
	    "    questions: [{id: a, ask: Third?}]\n",
	    12, 22, "question id 'a' is used twice (first at line 8)",
	    13, 9, "section id 's' is used twice (first at line 5)",
	    15, 22, "question id 'a' is used twice (first at line 8)",
	    0);
}

static void
test_check_unreachable_warns(void **state)
{
	struct diags d = { 0 };
	struct tree *t = load(state, HEAD
	    "      - id: yn\n"
	    "        type: yesno\n"
	    "        ask: Y?\n"
	    "      - id: never\n"
	    "        ask: N?\n"
	    "        when: \"$yn = 'maybe'\"\n"
	    "      - id: maybe\n"
	    "        ask: M?\n"
	    "        when: \"$yn = 'yes' OR $never IS NULL\"\n"
	    "      - id: shown\n"
	    "        type: note\n"
	    "        ask: Hello\n"
	    "        when: \"0\"\n", &d);

	assert_non_null(t);
	check_tree(t, true, &d);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.n, 2);
	assert_true(has_diag(&d, DIAG_WARNING, 13, 15, "question 'never' can never be asked"));
	assert_true(has_diag(&d, DIAG_WARNING, 20, 15, "question 'shown' can never be asked"));
	diags_free(&d);
	tree_free(t);
}

/* A tree checked to be used (run, graph, pot, resume) is not searched for
 * unreachable questions: nobody would see the warnings. */
static void
test_check_without_warnings(void **state)
{
	struct diags d = { 0 };
	struct tree *t = load(state, HEAD
	    "      - id: yn\n"
	    "        type: yesno\n"
	    "        ask: Y?\n"
	    "      - id: never\n"
	    "        ask: N?\n"
	    "        when: \"$yn = 'maybe'\"\n"
	    "        invalid: Never shown.\n"
	    "      - id: later\n"
	    "        ask: L?\n"
	    "        when: \"$nope = 1\"\n", &d);

	assert_non_null(t);
	check_tree(t, false, &d);
	assert_int_equal(d.n, 1);
	assert_true(has_diag(&d, DIAG_ERROR, 17, 15, "$nope in 'when' names no question"));
	diags_free(&d);
	tree_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_fields),
		cmocka_unit_test(test_question_defaults),
		cmocka_unit_test(test_question_types),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_keys_that_do_not_apply),
		cmocka_unit_test(test_missing_keys_and_kinds),
		cmocka_unit_test(test_ids_malformed_and_reserved),
		cmocka_unit_test(test_types_and_ranges),
		cmocka_unit_test(test_format_and_empty),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_values_inside_lists),
		cmocka_unit_test(test_too_many_questions),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_check_references),
		cmocka_unit_test(test_check_choices_and_values),
		cmocka_unit_test(test_check_many_choices),
		cmocka_unit_test(test_model_is_the_tree),
		cmocka_unit_test(test_question_section),
		cmocka_unit_test(test_questions_in_blocks),
		cmocka_unit_test(test_question_lookup),
		cmocka_unit_test(test_check_duplicate_ids),
		cmocka_unit_test(test_id_twice),
		cmocka_unit_test(test_long_choice_list),
		cmocka_unit_test(test_check_unreachable_warns),
		cmocka_unit_test(test_check_without_warnings),
	};

	return cmocka_run_group_tests_name("tree", tests, setup, teardown);
}
