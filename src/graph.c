/* graph.c: a tree's flow as Graphviz DOT. Questions are nodes, named
 * q_ID; sections are clusters; the edges follow the order of the
 * interview: each question to the next, a question to its follow-ups
 * (labelled with the value) and the last follow-up back to the next
 * question. A `when` is written on the edge into what it guards. */
#include "config.h"

#include "graph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "util.h"

#define WRAP 40		/* characters per line of a node's text */
#define TEXT_MAX 200	/* characters of a question shown, at most */

/* Where an edge goes: a question, entering its section or not, or the end. */
struct target {
	const struct question *q;	/* NULL: the end */
	size_t section;			/* the cluster entered, or SIZE_MAX */
};

/* Appends s to out as the inside of a DOT quoted string: cleaned as for
 * a terminal (str_terminal: UTF-8 that Graphviz reads, no control, C1 and
 * bidirectional ones too), quotes and backslashes escaped, newlines as
 * \n, tabs dropped. */
void
graph_escape(struct buf *out, const char *s)
{
	char *clean, *p;

	if (s == NULL)
		return;
	clean = str_terminal(s, true);
	for (p = clean; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, *p);
		} else if (*p == '\n') {
			buf_puts(out, "\\n");
		} else if (*p != '\t') {
			buf_putc(out, *p);
		}
	}
	free(clean);
}

/* Appends text escaped and wrapped at WRAP characters on spaces,
 * shortened past TEXT_MAX characters. */
static void
put_wrapped(struct buf *out, const char *s)
{
	struct buf line = { 0 };
	size_t col = 0, total = 0;

	for (; *s != '\0'; s++) {
		size_t start = str_chars(s, 1);	/* 1 where a character starts */

		if ((total += start) > TEXT_MAX) {
			buf_puts(&line, "...");
			break;
		}
		if ((*s == ' ' || *s == '\n') && col >= WRAP) {
			buf_putc(&line, '\n');
			col = 0;
			continue;
		}
		buf_putc(&line, *s == '\n' ? ' ' : *s);
		col += start;
	}
	graph_escape(out, buf_str(&line));
	buf_free(&line);
}

/* How the tree's strings are translated. */
struct graph_tr {
	graph_tr_fn *fn;
	void *arg;
};

/* s in the graph's language. */
static const char *
tr(const struct graph_tr *g, const char *s)
{
	return g->fn != NULL && s != NULL ? g->fn(g->arg, s) : s;
}

/* Appends a question's node. */
static void
put_node(struct buf *out, const struct graph_tr *g, const struct question *q)
{
	buf_printf(out, "\t\t\"q_%s\" [label=\"", q->id.s);
	graph_escape(out, q->id.s);
	buf_printf(out, " (%s", qtype_name(q->type));
	if (q->required) {
		buf_puts(out, ", ");
		/* TRANSLATORS: in `whyline graph`, after a question's type. */
		graph_escape(out, _("required"));
	}
	if (q->type == QT_LADDER) {
		/* TRANSLATORS: in `whyline graph`, after a ladder's type. */
		char *w = xasprintf(ngettext("up to %u why", "up to %u whys", q->depth), q->depth);

		buf_puts(out, ", ");
		graph_escape(out, w);
		free(w);
	}
	buf_puts(out, ")\\n");
	put_wrapped(out, q->ask.s != NULL ? tr(g, q->ask.s) : "");
	buf_puts(out, "\"");
	if (q->type == QT_NOTE)
		buf_puts(out, ", shape=note, style=\"\"");
	else if (q->tx->when.s != NULL)
		buf_puts(out, ", style=\"rounded,dashed\"");
	if (q->type == QT_LADDER)
		buf_puts(out, ", peripheries=2");
	buf_puts(out, "];\n");
}

/* Appends the nodes of questions and of their follow-ups. */
static void
put_nodes(struct buf *out, const struct graph_tr *g, struct question *const *qs, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		put_node(out, g, qs[i]);
		for (j = 0; j < qs[i]->x->nfollow_ups; j++)
			put_nodes(out, g, qs[i]->x->follow_ups[j].questions,
			    qs[i]->x->follow_ups[j].n);
	}
}

/* Appends the clusters: one per section, with its questions. */
static void
put_clusters(struct buf *out, const struct graph_tr *g, const struct tree *t)
{
	size_t i;

	for (i = 0; i < t->nsections; i++) {
		const struct section *s = t->sections[i];

		buf_printf(out, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=\"", i + 1);
		graph_escape(out, tr(g, s->title.s));
		if (s->id.s != NULL) {
			buf_puts(out, " (");
			graph_escape(out, s->id.s);
			buf_puts(out, ")");
		}
		buf_puts(out, "\";\n");
		if (s->n == 0) {
			buf_printf(out, "\t\t\"s_%zu\" [label=\"", i + 1);
			/* TRANSLATORS: in `whyline graph`, a section without questions. */
			graph_escape(out, _("(no questions)"));
			buf_puts(out, "\", shape=plaintext];\n");
		}
		put_nodes(out, g, s->questions, s->n);
		buf_puts(out, "\t}\n");
	}
}

/* Appends the DOT name of a target. */
static void
put_target(struct buf *out, const struct target *to)
{
	if (to->q != NULL)
		buf_printf(out, "\"q_%s\"", to->q->id.s);
	else if (to->section != SIZE_MAX)
		buf_printf(out, "\"s_%zu\"", to->section + 1);
	else
		buf_puts(out, "\"end\"");
}

/* Appends an edge from node from to target, labelled with value (may be
 * NULL) and the conditions guarding what it enters. */
static void
put_edge(struct buf *out, const struct tree *t, const char *from,
    const struct target *to, const char *value, const char *style)
{
	const struct section *s = to->section != SIZE_MAX ? t->sections[to->section] : NULL;
	struct buf label = { 0 }, attrs = { 0 };

	if (value != NULL)
		buf_printf(&label, "= %s", value);
	if (s != NULL && s->when.s != NULL)
	{
		buf_puts(&label, label.len > 0 ? "\n" : "");
		/* TRANSLATORS: in `whyline graph`, %s is a section's condition. */
		buf_printf(&label, _("section when %s"), s->when.s);
	}
	if (to->q != NULL && to->q->tx->when.s != NULL) {
		buf_puts(&label, label.len > 0 ? "\n" : "");
		/* TRANSLATORS: in `whyline graph`, %s is a question's condition. */
		buf_printf(&label, _("when %s"), to->q->tx->when.s);
	}
	if (label.len > 0) {
		buf_puts(&attrs, "label=\"");
		graph_escape(&attrs, buf_str(&label));
		buf_puts(&attrs, "\"");
	}
	if (s != NULL)
		buf_printf(&attrs, "%slhead=\"cluster_%zu\"", attrs.len > 0 ? ", " : "",
		    to->section + 1);
	if (style != NULL)
		buf_printf(&attrs, "%sstyle=%s", attrs.len > 0 ? ", " : "", style);
	buf_printf(out, "\t%s -> ", from);
	put_target(out, to);
	if (attrs.len > 0)
		buf_printf(out, " [%s]", buf_str(&attrs));
	buf_puts(out, ";\n");
	buf_free(&label);
	buf_free(&attrs);
}

/* Appends the edges of a ladder: where its first rung comes from, and
 * the why asked again. */
static void
put_ladder(struct buf *out, const struct question *q)
{
	char *why;

	if (q->x->from_q != NULL) {
		buf_printf(out, "\t\"q_%s\" -> \"q_%s\" [label=\"", q->x->from_q->id.s, q->id.s);
		/* TRANSLATORS: in `whyline graph`, the edge to a ladder from
		 * the question its first rung comes from. */
		graph_escape(out, _("first rung"));
		buf_puts(out, "\", style=dotted, constraint=false];\n");
	}
	/* TRANSLATORS: in `whyline graph`, a ladder's loop. */
	why = xasprintf(ngettext("why, up to %u time", "why, up to %u times", q->depth), q->depth);
	buf_printf(out, "\t\"q_%s\" -> \"q_%s\" [label=\"", q->id.s, q->id.s);
	graph_escape(out, why);
	buf_puts(out, "\", style=dashed];\n");
	free(why);
}

/* Appends the edges out of questions qs, whose flow goes on to next. */
static void
put_flow(struct buf *out, const struct tree *t, struct question *const *qs,
    size_t n, const struct target *next)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct question *q = qs[i];
		struct target after = { NULL, SIZE_MAX };
		char *from = xasprintf("\"q_%s\"", q->id.s);

		if (i + 1 < n)
			after.q = qs[i + 1];
		else
			after = *next;
		if (q->type == QT_LADDER)
			put_ladder(out, q);
		for (j = 0; j < q->x->nfollow_ups; j++) {
			const struct follow_up *f = &q->x->follow_ups[j];
			struct target first = { NULL, SIZE_MAX };

			if (f->n == 0)
				continue;
			first.q = f->questions[0];
			put_edge(out, t, from, &first, f->value.s, "dashed");
			put_flow(out, t, f->questions, f->n, &after);
		}
		put_edge(out, t, from, &after, NULL, NULL);
		free(from);
	}
}

/* The first node of section i and later: its first question, or its
 * placeholder when it has none. */
static struct target
section_entry(const struct tree *t, size_t i)
{
	struct target to = { NULL, SIZE_MAX };

	if (i < t->nsections) {
		to.section = i;
		if (t->sections[i]->n > 0)
			to.q = t->sections[i]->questions[0];
	}
	return to;
}

/* Appends the edges of every section, in order. */
static void
put_sections_flow(struct buf *out, const struct tree *t)
{
	struct target first = section_entry(t, 0);
	size_t i;

	put_edge(out, t, "\"start\"", &first, NULL, NULL);
	for (i = 0; i < t->nsections; i++) {
		const struct section *s = t->sections[i];
		struct target next = section_entry(t, i + 1);

		if (s->n == 0) {
			char *from = xasprintf("\"s_%zu\"", i + 1);

			put_edge(out, t, from, &next, NULL, NULL);
			free(from);
		}
		put_flow(out, t, s->questions, s->n, &next);
	}
}

/* Appends the flags, as notes in a cluster of their own. */
static void
put_flags(struct buf *out, const struct graph_tr *g, const struct tree *t)
{
	size_t i;

	if (t->nflags == 0)
		return;
	buf_puts(out, "\tsubgraph \"cluster_flags\" {\n\t\tlabel=\"");
	/* TRANSLATORS: in `whyline graph`, the box of the tree's flags. */
	graph_escape(out, _("Flags"));
	buf_puts(out, "\";\n");
	for (i = 0; i < t->nflags; i++) {
		const struct flag *f = &t->flags[i];

		buf_printf(out, "\t\t\"flag_%zu\" [shape=note, label=\"[%s] ", i + 1,
		    flag_level_name(f->level));
		put_wrapped(out, f->say.s != NULL ? tr(g, f->say.s) : "");
		buf_puts(out, "\\n");
		/* TRANSLATORS: in `whyline graph`, before a flag's condition. */
		graph_escape(out, _("when"));
		buf_putc(out, ' ');
		put_wrapped(out, f->when.s != NULL ? f->when.s : "");
		buf_puts(out, "\"];\n");
	}
	buf_puts(out, "\t}\n");
}

/* The DOT text of t's flow. */
char *
graph_dot(const struct tree *t, graph_tr_fn *fn, void *arg)
{
	const struct graph_tr g = { fn, arg };
	struct buf out = { 0 };

	buf_puts(&out, "digraph \"");
	graph_escape(&out, t->id.s);
	buf_puts(&out, "\" {\n\tgraph [label=\"");
	graph_escape(&out, tr(&g, t->title.s));
	buf_puts(&out, "\", labelloc=t, compound=true, fontname=\"sans-serif\"];\n"
	    "\tnode [shape=box, style=rounded, fontname=\"sans-serif\", fontsize=10];\n"
	    "\tedge [fontname=\"sans-serif\", fontsize=9];\n"
	    "\t\"start\" [shape=circle, label=\"");
	/* TRANSLATORS: in `whyline graph`, where the call starts. */
	graph_escape(&out, _("start"));
	buf_puts(&out, "\"];\n\t\"end\" [shape=doublecircle, label=\"");
	/* TRANSLATORS: in `whyline graph`, where the call ends. */
	graph_escape(&out, _("end"));
	buf_puts(&out, "\"];\n");
	put_clusters(&out, &g, t);
	put_flags(&out, &g, t);
	put_sections_flow(&out, t);
	buf_puts(&out, "}\n");
	return buf_take(&out);
}
