/* tree-strs.c: the strings of a tree that a catalog translates, in the
 * order they appear in the file. */
#include "config.h"

#include "tree-strs.h"

#include <stdlib.h>

#include "util.h"

/* A growing list of strings. */
struct strs {
	struct tree_str *v;
	size_t n, cap;
};

/* Adds text (unless absent or empty), described by what (taken). */
static void
add(struct strs *l, const struct text *text, char *what)
{
	if (text->s == NULL || text->s[0] == '\0') {
		free(what);
		return;
	}
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].text = text;
	l->v[l->n].what = what;
	l->v[l->n].seq = l->n;
	l->n++;
}

/* Adds a question's strings. */
static void
add_question(struct strs *l, const struct question *q)
{
	const char *id = q->id.s != NULL ? q->id.s : "?";
	size_t i;

	add(l, &q->x->label, xasprintf("question %s: label", id));
	if (q->x->nasks > 1)
		for (i = 0; i < q->x->nasks; i++)
			add(l, &q->x->asks[i], xasprintf("question %s: ask %zu", id, i + 1));
	else
		add(l, &q->ask, xasprintf("question %s: ask", id));
	add(l, &q->x->unit, xasprintf("question %s: unit", id));
	add(l, &q->tx->help, xasprintf("question %s: help", id));
	add(l, &q->x->invalid, xasprintf("question %s: invalid", id));
	for (i = 0; i < q->vals->nchoices; i++)
		add(l, &q->vals->choices[i].label, xasprintf("question %s: label of choice %s",
		    id, q->vals->choices[i].value.s != NULL ? q->vals->choices[i].value.s : "?"));
	for (i = 0; i < q->x->nlabels; i++)
		add(l, &q->x->labels[i].label, xasprintf("question %s: label of %ld", id,
		    q->x->labels[i].value));
	add(l, &q->x->goal, xasprintf("question %s: goal", id));
}

/* Orders strings by place, then by the order they were listed (an alias
 * puts the same node in several places). */
static int
str_cmp(const void *a, const void *b)
{
	const struct tree_str *x = a, *y = b;

	if (x->text->mark.line != y->text->mark.line)
		return x->text->mark.line < y->text->mark.line ? -1 : 1;
	if (x->text->mark.col != y->text->mark.col)
		return x->text->mark.col < y->text->mark.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Lists t's translatable strings in document order. */
struct tree_str *
tree_strs(const struct tree *t, size_t *n)
{
	struct strs l = { 0 };
	size_t i;

	add(&l, &t->title, xstrdup("tree: title"));
	add(&l, &t->intro, xstrdup("tree: intro"));
	for (i = 0; i < t->nsections; i++) {
		const struct section *s = t->sections[i];

		add(&l, &s->title, s->id.s != NULL ? xasprintf("section %s: title", s->id.s) :
		    xasprintf("section %zu: title", i + 1));
	}
	for (i = 0; i < t->nall; i++)
		add_question(&l, t->all[i]);
	for (i = 0; i < t->nflags; i++)
		add(&l, &t->flags[i].say, xasprintf("flag %zu (%s): say", i + 1,
		    flag_level_name(t->flags[i].level)));
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, str_cmp);
	*n = l.n;
	return l.v;
}

/* Frees a list of strings. */
void
tree_strs_free(struct tree_str *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].what);
	free(v);
}
