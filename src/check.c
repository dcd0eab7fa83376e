/* check.c: what a loaded tree means, checked: ids used once, choices,
 * follow-ups, conditions and templates that name earlier questions, ladders,
 * ranges, defaults, and questions no answer can reach. */
#include "config.h"

#include "check.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cond.h"
#include "hmap.h"
#include "i18n.h"
#include "jdoc.h"
#include "placeholder.h"
#include "util.h"

#define MAX_COMBINATIONS 512
#define MAX_ENUM_SCALE 11
#define MAX_ENUM_MULTI 5
/* Bounds on the work of a check, whatever the tree: past them, names are no
 * longer suggested and conditions are no longer tried (they count as
 * reachable). */
#define MAX_SUGGEST_WORK 2000000
#define MAX_TRIALS 200000
#define MAX_TRIAL_STEPS 50000000ull
/* An ask longer than this (in characters) wants a label in the brief. */
#define CHECK_LABEL_MAX 40

struct checker {
	const struct tree *t;
	struct diags *d;
	struct cond_ctx *cc;
	bool warnings;		/* look for unreachable questions, and warn */
	size_t suggest_work;	/* ids compared for suggestions so far */
	size_t trials;		/* conditions evaluated to find unreachable ones */
};

/* error_at(c, mark, fmt, ...) and warn_at(c, mark, fmt, ...) add an error
 * or a warning at mark in the tree's file: diags_add, which checks the
 * format, with the checker's list and file. */
#define error_at(c, ...) diags_add((c)->d, DIAG_ERROR, (c)->t->path, __VA_ARGS__)
#define warn_at(c, ...) diags_add((c)->d, DIAG_WARNING, (c)->t->path, __VA_ARGS__)

/* A question's id for messages, "?" when it has none (already reported). */
static const char *
qid(const struct question *q)
{
	return q->id.s != NULL ? q->id.s : "?";
}

/* The id nearest to name among all questions, or NULL; NULL too once the
 * suggestions have cost MAX_SUGGEST_WORK comparisons, so that a tree full
 * of unknown names is not checked in quadratic time. */
static const char *
nearest_id(struct checker *c, const char *name)
{
	const struct tree *t = c->t;
	struct near n;
	size_t i;

	if (c->suggest_work + t->nall > MAX_SUGGEST_WORK)
		return NULL;
	c->suggest_work += t->nall;
	near_init(&n, name);
	for (i = 0; i < t->nall; i++)
		if (t->all[i]->id.s != NULL)
			near_try(&n, t->all[i]->id.s);
	return n.best;
}

/* Checks that name is a question asked before position limit (an index in
 * tree.all). open and close surround name in messages ("$", "{{"...). */
static void
check_reference(struct checker *c, struct mark m, const char *where,
    const char *name, const char *open, const char *close, size_t limit)
{
	const struct question *q = tree_question(c->t, name);
	char *what;

	if (q != NULL && q->index < limit)
		return;
	what = xasprintf("%s%s%s", open, name, close);
	if (q == NULL) {
		const char *near = nearest_id(c, name);

		if (near != NULL)
			error_at(c, m, _("%s in '%s' names no question; did you mean '%s'?"),
			    what, where, near);
		else
			error_at(c, m, _("%s in '%s' names no question"), what, where);
	} else {
		error_at(c, m, _("%s in '%s' names question '%s' (line %u), which is not asked before it"),
		    what, where, name, q->mark.line);
	}
	free(what);
}

/* ---- templates ---- */

struct placeholder_check {
	struct checker *c;
	const struct text *text;
	const char *where;
	size_t limit;
	bool rung_ok;
};

/* Checks one {{name}} of a template. */
static void
placeholder_ref_check(void *arg, const struct placeholder *ref)
{
	struct placeholder_check *tc = arg;
	char *name = xstrndup(ref->name, ref->len);

	if (strcmp(name, "rung") == 0) {
		if (!tc->rung_ok)
			error_at(tc->c, tc->text->mark,
			    _("{{rung}} in '%s' is only for a ladder's 'ask' and 'help'"),
			    tc->where);
	} else {
		check_reference(tc->c, tc->text->mark, tc->where, name, "{{", "}}", tc->limit);
	}
	free(name);
}

/* Checks the templates of one string. */
static void
check_template(struct checker *c, const struct text *text, const char *where,
    size_t limit, bool rung_ok)
{
	struct placeholder_check tc = { c, text, where, limit, rung_ok };
	const char *close;
	size_t at;

	if (text->s == NULL)
		return;
	switch (placeholder_scan(text->s, placeholder_ref_check, &tc, &at)) {
	case PLACEHOLDER_UNCLOSED:
		error_at(c, text->mark, _("'{{' in '%s' is not closed with '}}'"), where);
		break;
	case PLACEHOLDER_BAD_NAME:
		/* Quoted up to the "}}" that closed it, which placeholder_scan found. */
		close = strstr(text->s + at + 2, "}}");
		error_at(c, text->mark, _("'%.*s' in '%s' is not a question id"),
		    (int)(close != NULL ? close + 2 - (text->s + at) : 2),
		    text->s + at, where);
		break;
	default:
		break;
	}
}

/* ---- conditions ---- */

/* Compiles a condition and checks the questions it names. Returns the
 * compiled condition (the caller frees it) or NULL. */
static struct cond *
check_condition(struct checker *c, const struct text *text, const char *where,
    size_t limit, bool value_ok)
{
	struct cond *k;
	char *msg = NULL;
	size_t i;

	if (text->s == NULL)
		return NULL;
	k = cond_compile(c->cc, text->s, &msg);
	if (k == NULL) {
		error_at(c, text->mark, _("the condition in '%s' does not compile: %s"),
		    where, msg);
		free(msg);
		return NULL;
	}
	for (i = 0; i < cond_nparams(k); i++) {
		const char *name = cond_param(k, i);

		if (value_ok && strcmp(name, "value") == 0)
			continue;
		check_reference(c, text->mark, where, name, "$", "", limit);
	}
	return k;
}

/* The values a question's answer may take, for trying every combination;
 * false when there are too many to try. */
struct domain {
	struct cond_value *v;
	char **owned;
	size_t n;
};

static bool
domain_of(const struct question *q, struct domain *dom)
{
	size_t i, n = 0;

	memset(dom, 0, sizeof *dom);
	switch (q->type) {
	case QT_CHOICE:
		n = q->vals->nchoices;
		break;
	case QT_YESNO:
		n = 2;
		break;
	case QT_SCALE:
		if (question_max(q) - question_min(q) >= MAX_ENUM_SCALE ||
		    fabs(question_min(q)) > TREE_MAX_SCALE ||
		    fabs(question_max(q)) > TREE_MAX_SCALE)
			return false;
		n = question_max(q) >= question_min(q) ?
		    (size_t)(question_max(q) - question_min(q)) + 1 : 0;
		break;
	case QT_MULTI:
		if (q->vals->nchoices > MAX_ENUM_MULTI)
			return false;
		n = (size_t)1 << q->vals->nchoices;
		break;
	default:
		return false;
	}
	dom->v = xcalloc(n + 1, sizeof *dom->v);
	dom->owned = xcalloc(n + 1, sizeof *dom->owned);
	for (i = 0; i < n; i++) {
		struct cond_value *v = &dom->v[i];

		if (q->type == QT_CHOICE) {
			v->type = CV_TEXT;
			v->s = q->vals->choices[i].value.s;
		} else if (q->type == QT_YESNO) {
			v->type = CV_TEXT;
			v->s = i == 0 ? "yes" : "no";
		} else if (q->type == QT_SCALE) {
			v->type = CV_INT;
			v->i = (long long)question_min(q) + (long long)i;
		} else {
			const char *picked[MAX_ENUM_MULTI];
			size_t j, m = 0;

			for (j = 0; j < q->vals->nchoices; j++)
				if (i & ((size_t)1 << j))
					picked[m++] = q->vals->choices[j].value.s;
			dom->owned[i] = jdoc_string_array(picked, m);
			v->type = CV_TEXT;
			v->s = dom->owned[i];
		}
	}
	dom->v[n].type = CV_NULL;	/* unanswered or skipped */
	dom->n = n + 1;
	return true;
}

static void
domain_free(struct domain *dom)
{
	size_t i;

	for (i = 0; i < dom->n; i++)
		free(dom->owned[i]);
	free(dom->owned);
	free(dom->v);
}

/* The values being tried, one per parameter. */
struct trial {
	const struct cond *k;
	struct domain *doms;
	size_t *pick;
};

static bool
trial_lookup(void *arg, const char *name, struct cond_value *v)
{
	struct trial *tr = arg;
	size_t i;

	for (i = 0; i < cond_nparams(tr->k); i++)
		if (strcmp(cond_param(tr->k, i), name) == 0) {
			*v = tr->doms[i].v[tr->pick[i]];
			return true;
		}
	return false;
}

/* True unless trying every value of the questions k names shows that it is
 * never true. Conditions over free text or numbers count as reachable. */
static bool
condition_can_hold(struct checker *c, struct cond *k)
{
	size_t np = cond_nparams(k), i, combos = 1;
	struct trial tr = { k, NULL, NULL };
	bool can = false, known = true;

	tr.doms = xcalloc(np + 1, sizeof *tr.doms);
	tr.pick = xcalloc(np + 1, sizeof *tr.pick);
	if (c->trials >= MAX_TRIALS || cond_ctx_steps(c->cc) >= MAX_TRIAL_STEPS)
		known = false;
	for (i = 0; i < np && known; i++) {
		const struct question *q = tree_question(c->t, cond_param(k, i));

		if (q == NULL || !domain_of(q, &tr.doms[i]))
			known = false;
		else if ((combos *= tr.doms[i].n) > MAX_COMBINATIONS)
			known = false;
	}
	if (!known) {
		can = true;
		goto out;
	}
	for (;;) {
		char *msg = NULL;
		enum cond_result r = cond_eval(k, trial_lookup, &tr, &msg);

		free(msg);
		if (r != COND_FALSE || ++c->trials >= MAX_TRIALS ||
		    cond_ctx_steps(c->cc) >= MAX_TRIAL_STEPS) {
			can = true;
			break;
		}
		for (i = 0; i < np; i++) {
			if (++tr.pick[i] < tr.doms[i].n)
				break;
			tr.pick[i] = 0;
		}
		if (i == np)
			break;
	}
out:
	for (i = 0; i < np; i++)
		domain_free(&tr.doms[i]);
	free(tr.doms);
	free(tr.pick);
	return can;
}

/* Checks a `when` and, with warnings, warns when no answer can make it
 * true; the warning names the section or the question it guards. */
static void
check_when(struct checker *c, const struct text *when, size_t limit,
    bool section, const char *name)
{
	struct cond *k = check_condition(c, when, "when", limit, false);

	if (k != NULL && c->warnings && !condition_can_hold(c, k)) {
		if (section)
			warn_at(c, when->mark, _("section '%s' can never be asked: "
			    "no answer makes its condition true"), name);
		else
			warn_at(c, when->mark, _("question '%s' can never be asked: "
			    "no answer makes its condition true"), name);
	}
	cond_free(k);
}

/* ---- questions ---- */

#define FEW_CHOICES 16	/* compared pairwise; more are found by a hash */

/* The first choice of q among its first end whose value is value, or
 * NULL; values holds them by value when q has more than a few (see
 * check_choices). */
static const struct choice *
choice_before(const struct question *q, size_t end, const char *value,
    const struct hmap *values)
{
	size_t i;

	if (q->type != QT_CHOICE && q->type != QT_MULTI)
		return NULL;
	if (q->vals->nchoices > FEW_CHOICES)
		return hmap_get(values, value);
	for (i = 0; i < end; i++)
		if (strcmp(q->vals->choices[i].value.s, value) == 0)
			return &q->vals->choices[i];
	return NULL;
}

/* Checks a choice question's choices; when it has more than a few, values
 * is filled with each value's first choice, for check_follow_ups. */
static void
check_choices(struct checker *c, const struct question *q, struct hmap *values)
{
	size_t i;

	if (q->type != QT_CHOICE && q->type != QT_MULTI)
		return;
	if (q->vals->nchoices == 0) {
		error_at(c, q->x->type_mark, _("question '%s' is of type %s but has no 'choices'"),
		    qid(q), qtype_name(q->type));
		return;
	}
	for (i = 0; i < q->vals->nchoices; i++) {
		const struct choice *ch = &q->vals->choices[i];
		const struct choice *first = choice_before(q, i, ch->value.s, values);

		if (first != NULL)
			error_at(c, ch->value.mark,
			    _("choice value '%s' appears twice in question '%s' (first at line %u)"),
			    ch->value.s, qid(q), first->value.mark.line);
		else if (q->vals->nchoices > FEW_CHOICES)
			hmap_put(values, ch->value.s, (void *)ch);
	}
}

/* Checks that each follow_up key is a value of its question (values: its
 * choices by value). A key given twice is a duplicate key, which ydoc
 * reports. */
static void
check_follow_ups(struct checker *c, const struct question *q,
    const struct hmap *values)
{
	size_t i;

	if (q->type != QT_YESNO && q->vals->nchoices == 0)
		return;		/* no choices: reported once, by check_choices */
	for (i = 0; i < q->x->nfollow_ups; i++) {
		const struct follow_up *f = &q->x->follow_ups[i];

		if (q->type == QT_YESNO) {
			if (strcmp(f->value.s, "yes") != 0 && strcmp(f->value.s, "no") != 0)
				error_at(c, f->value.mark,
				    _("follow_up '%s' is not a value of question '%s' (yes or no)"),
				    f->value.s, qid(q));
		} else if (choice_before(q, q->vals->nchoices, f->value.s, values) == NULL) {
			error_at(c, f->value.mark,
			    _("follow_up '%s' is not a value of question '%s'"),
			    f->value.s, qid(q));
		}
	}
}

/* Checks min, max and integer. */
static void
check_range(struct checker *c, const struct question *q)
{
	const struct question_values *v = q->vals;
	double lo = question_min(q), hi = question_max(q);

	if (q->has_min && q->has_max && v->min > v->max)
		error_at(c, v->min_mark, _("'min' (%g) is over 'max' (%g) in question '%s'"),
		    v->min, v->max, qid(q));
	if ((q->type == QT_SCALE || q->type == QT_MULTI) &&
	    ((q->has_min && v->min != floor(v->min)) || (q->has_max && v->max != floor(v->max))))
		error_at(c, q->has_min && v->min != floor(v->min) ? v->min_mark : v->max_mark,
		    _("'min' and 'max' of question '%s' must be whole numbers"), qid(q));
	if (q->type == QT_SCALE && (fabs(lo) > TREE_MAX_SCALE || fabs(hi) > TREE_MAX_SCALE))
		error_at(c, fabs(lo) > TREE_MAX_SCALE && q->has_min ? v->min_mark : v->max_mark,
		    _("'min' and 'max' of question '%s' must lie between -%d and %d"),
		    qid(q), TREE_MAX_SCALE, TREE_MAX_SCALE);
	if (q->type == QT_SCALE && !(q->has_min && q->has_max && v->min > v->max) && lo > hi)
		error_at(c, q->has_min ? v->min_mark : v->max_mark,
		    _("'min' (%g) is over 'max' (%g) in question '%s'"), lo, hi, qid(q));
	if (q->type == QT_MULTI && q->has_min && v->nchoices > 0 &&
	    v->min > (double)v->nchoices)
		error_at(c, v->min_mark, _("question '%s' asks for at least %g of %zu choices"),
		    qid(q), v->min, (size_t)v->nchoices);
	if (q->type == QT_MULTI && ((q->has_min && v->min < 0) || (q->has_max && v->max < 0)))
		error_at(c, q->has_min && v->min < 0 ? v->min_mark : v->max_mark,
		    _("'min' and 'max' of question '%s' count choices: they cannot be negative"),
		    qid(q));
}

/* Checks a ladder's first rung. */
static void
check_ladder(struct checker *c, const struct question *q)
{
	if (q->type != QT_LADDER)
		return;
	if (q->x->from.s != NULL) {
		check_reference(c, q->x->from.mark, "from", q->x->from.s, "'", "'", q->index);
	} else if (q->x->from_q == NULL) {
		error_at(c, q->mark,
		    _("ladder '%s' is the first question: give 'from' or ask the request before it"),
		    qid(q));
	}
}

/* Checks a default that is not a template against the question's type. */
static void
check_default(struct checker *c, const struct question *q)
{
	const char *s = q->x->def.s;
	char *end;
	double x;

	if (s == NULL || strstr(s, "{{") != NULL)
		return;
	switch (q->type) {
	case QT_CHOICE:
		if (question_choice(q, s) == NULL)
			error_at(c, q->x->def.mark, _("default '%s' is not a value of question '%s'"),
			    s, qid(q));
		break;
	case QT_YESNO:
		if (strcasecmp(s, "yes") != 0 && strcasecmp(s, "no") != 0)
			error_at(c, q->x->def.mark, _("the default of question '%s' must be yes or no"),
			    qid(q));
		break;
	case QT_NUMBER:
	case QT_SCALE:
		x = strtod(s, &end);
		if (*s == '\0' || *end != '\0' ||
		    (q->has_min && x < q->vals->min) || (q->has_max && x > q->vals->max) ||
		    ((q->integer || q->type == QT_SCALE) && x != floor(x)) ||
		    (q->type == QT_SCALE && (x < question_min(q) || x > question_max(q))))
			error_at(c, q->x->def.mark, _("default '%s' is not a valid answer to question '%s'"),
			    s, qid(q));
		break;
	default:
		break;
	}
}

/* Checks what the brief reads: the answer corrects names an earlier
 * question; a question shown in a brief has a short label (a warning). */
static void
check_brief_keys(struct checker *c, const struct question *q)
{
	if (q->x->corrects.s != NULL)
		check_reference(c, q->x->corrects.mark, "corrects", q->x->corrects.s, "'", "'", q->index);
	check_template(c, &q->x->unit, "unit", q->index, false);
	if (c->warnings && q->in_brief && q->x->label.s == NULL && q->type != QT_NOTE &&
	    q->type != QT_LADDER && q->x->corrects.s == NULL && q->ask.s != NULL &&
	    strlen(q->ask.s) > CHECK_LABEL_MAX &&	/* no more characters than bytes */
	    str_chars(q->ask.s, strlen(q->ask.s)) > CHECK_LABEL_MAX)
		warn_at(c, q->mark, _("question '%s' is shown in the brief by its long 'ask': give it a short 'label'"),
		    qid(q));
}

/* True when a validate calls date($value) with no modifier: SQLite 3.40
 * hands back an impossible date (2027-02-30) as it is, so comparing it with
 * $value lets it through. */
static bool
lax_date(const char *validate)
{
	static const char idiom[] = "date($value)";
	const char *p;
	size_t i;

	for (p = validate; *p != '\0'; p++) {
		const char *r = p;

		for (i = 0; idiom[i] != '\0' && *r != '\0'; r++) {
			if (*r == ' ' || *r == '\t' || *r == '\n')
				continue;
			if ((*r | 0x20) != idiom[i])
				break;
			i++;
		}
		if (idiom[i] == '\0' && (p == validate ||
		    (!isalnum((unsigned char)p[-1]) && p[-1] != '_')))
			return true;
	}
	return false;
}

/* Checks one question. */
static void
check_question(struct checker *c, const struct question *q)
{
	const struct question *first;
	struct hmap values = { 0 };
	struct cond *k;
	bool ladder = q->type == QT_LADDER;
	size_t i;

	if (q->id_twice) {
		first = tree_question(c->t, q->id.s);
		error_at(c, q->id.mark, _("question id '%s' is used twice (first at line %u)"),
		    q->id.s, first->id.mark.line);
	}
	check_choices(c, q, &values);
	check_follow_ups(c, q, &values);
	hmap_free(&values);
	check_range(c, q);
	check_ladder(c, q);
	check_default(c, q);
	for (i = 1; i < q->x->nasks; i++)
		check_template(c, &q->x->asks[i], "ask", q->index, ladder);
	check_template(c, &q->ask, "ask", q->index, ladder);
	check_template(c, &q->tx->help, "help", q->index, ladder);
	check_template(c, &q->x->def, "default", q->index, false);
	check_template(c, &q->x->invalid, "invalid", q->index, false);
	if (q->tx->when.s != NULL)
		check_when(c, &q->tx->when, q->index, false, qid(q));
	k = check_condition(c, &q->x->validate, "validate", q->index, true);
	cond_free(k);
	check_brief_keys(c, q);
	if (c->warnings && q->x->validate.s != NULL && lax_date(q->x->validate.s))
		warn_at(c, q->x->validate.mark, _("'validate' of question '%s' lets impossible dates such "
		    "as 2027-02-30 through: date($value) keeps them as they are; compare "
		    "date($value, '+0 days') = $value"), qid(q));
	if (c->warnings && q->x->invalid.s != NULL && q->x->validate.s == NULL)
		warn_at(c, q->x->invalid.mark, _("'invalid' of question '%s' is never shown: it has no 'validate'"),
		    qid(q));
}

/* Checks one section; ids holds the sections before it by id. */
static void
check_section(struct checker *c, const struct section *s, struct hmap *ids)
{
	if (s->id.s != NULL) {
		const struct section *first = hmap_put_new(ids, s->id.s, (void *)s);

		if (first != NULL)
			error_at(c, s->id.mark, _("section id '%s' is used twice (first at line %u)"),
			    s->id.s, first->id.mark.line);
	}
	check_template(c, &s->title, "title", s->first, false);
	if (s->when.s != NULL)
		check_when(c, &s->when, s->first, true,
		    s->title.s != NULL ? s->title.s : "?");
}

/* True when t has a condition to compile: a `when` of a section, a
 * question or a flag, or a `validate`. */
static bool
tree_has_condition(const struct tree *t)
{
	size_t i;

	if (t->nflags > 0)
		return true;
	for (i = 0; i < t->nsections; i++)
		if (t->sections[i]->when.s != NULL)
			return true;
	for (i = 0; i < t->nall; i++)
		if (t->all[i]->tx->when.s != NULL || t->all[i]->x->validate.s != NULL)
			return true;
	return false;
}

/* Checks a loaded tree; see check.h. */
void
check_tree(const struct tree *t, bool warnings, struct diags *d)
{
	struct checker c = { t, d, NULL, warnings, 0, 0 };
	struct hmap section_ids = { 0 };
	char *msg = NULL;
	size_t i;

	/* SQLite (its connection, and the pages of its code) only for a
	 * tree that has a condition to compile. */
	if (tree_has_condition(t))
		c.cc = cond_ctx_new(&msg);
	if (c.cc == NULL && msg != NULL) {
		diags_add(d, DIAG_ERROR, t->path, (struct mark){ 0, 0 },
		    _("cannot set up conditions: %s"), msg);
		free(msg);
		return;
	}
	check_template(&c, &t->intro, "intro", 0, false);
	for (i = 0; i < t->nsections; i++)
		check_section(&c, t->sections[i], &section_ids);
	hmap_free(&section_ids);
	for (i = 0; i < t->nall; i++)
		check_question(&c, t->all[i]);
	for (i = 0; i < t->nflags; i++) {
		struct cond *k = check_condition(&c, &t->flags[i].when, "when", t->nall, false);

		cond_free(k);
		check_template(&c, &t->flags[i].say, "say", t->nall, false);
	}
	cond_ctx_free(c.cc);
}

/* Checks t, loaded with nerrors errors in d before, its meaning too when
 * its shape has errors (so that every error is told at once); frees it and
 * returns NULL when it has an error. */
static struct tree *
check_loaded(struct tree *t, size_t nerrors, bool all, struct diags *d)
{
	if (t != NULL)
		check_tree(t, all, d);
	if (t != NULL && d->nerrors > nerrors) {
		tree_free(t);
		t = NULL;
	}
	return t;
}

/* Loads and checks a tree; see check.h. */
struct tree *
check_load(const char *path, bool all, struct diags *d)
{
	size_t nerrors = d->nerrors;

	return check_loaded(tree_load(path, d), nerrors, all, d);
}

/* Loads and checks a tree without its bytes; see check.h. */
struct tree *
check_load_model(const char *path, struct diags *d)
{
	size_t nerrors = d->nerrors;

	return check_loaded(tree_load_model(path, d), nerrors, true, d);
}
