/* map-report.c: the map as a hierarchical value map in DOT and as a
 * Markdown report (see map-report.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "graph.h"
#include "i18n.h"
#include "map-report.h"
#include "util.h"

/* The label of code i: the codebook's, else the code. */
static const char *
label_of(const struct map *m, const struct codebook *book, size_t i)
{
	const struct code_def *d = codebook_find(book, m->codes[i].code);

	return d != NULL ? d->label : m->codes[i].code;
}

/* The hierarchical value map. */
void
map_dot(const struct map *m, const struct codebook *book, unsigned cutoff,
    struct buf *b)
{
	bool *shown = xcalloc(m->ncodes + 1, sizeof *shown);
	size_t i, j;

	for (i = 0; i < m->ncodes; i++)
		for (j = 0; j < m->ncodes; j++)
			if (map_direct(m, i, j) >= cutoff && map_direct(m, i, j) > 0)
				shown[i] = shown[j] = true;
	buf_puts(b, "digraph map {\n\trankdir=TB;\n"
	    "\tnode [shape=box, style=rounded, fontname=\"sans-serif\"];\n"
	    "\tedge [fontname=\"sans-serif\"];\n");
	for (i = 0; i < m->ncodes; i++) {
		if (!shown[i])
			continue;
		buf_printf(b, "\tc%zu [label=\"", i);
		graph_escape(b, label_of(m, book, i));
		buf_puts(b, "\\n");
		/* TRANSLATORS: under a code in the value map: how many sessions
		 * hold it. */
		buf_printf(b, ngettext("%zu session", "%zu sessions", m->codes[i].sessions),
		    m->codes[i].sessions);
		buf_printf(b, "\", penwidth=%zu];\n", m->codes[i].sessions > 1 ?
		    (m->codes[i].sessions < 5 ? m->codes[i].sessions : 5) : 1);
	}
	buf_puts(b, "\t{ rank=min;");
	for (i = 0; i < m->ncodes; i++)
		if (shown[i] && m->codes[i].requests > 0)
			buf_printf(b, " c%zu;", i);
	buf_puts(b, " }\n\t{ rank=max;");
	for (i = 0; i < m->ncodes; i++)
		if (shown[i] && m->codes[i].goals > 0 && m->codes[i].requests == 0)
			buf_printf(b, " c%zu;", i);
	buf_puts(b, " }\n");
	for (i = 0; i < m->ncodes; i++)
		for (j = 0; j < m->ncodes; j++)
			if (map_direct(m, i, j) >= cutoff && map_direct(m, i, j) > 0)
				buf_printf(b, "\tc%zu -> c%zu [label=\"%u\", penwidth=%u];\n",
				    i, j, map_direct(m, i, j),
				    map_direct(m, i, j) < 5 ? map_direct(m, i, j) : 5);
	buf_puts(b, "}\n");
	free(shown);
}

/* Appends one path's codes, escaped, joined by arrows. */
static void
md_codes(struct buf *b, const struct map *m, const struct map_goal_path *p)
{
	size_t k;

	for (k = 0; k < p->n; k++) {
		if (k > 0)
			buf_puts(b, " \u2192 ");
		buf_puts(b, "**");
		brief_md_text(b, m->codes[p->codes[k]].code, NULL, false);
		buf_puts(b, "**");
	}
}

/* Appends one quote: the client (unless share) and the rungs as said. */
static void
md_quote(struct buf *b, const struct map_quote *q, bool share)
{
	struct buf t = { 0 };
	size_t k;
	char *s;

	buf_puts(b, "   - ");
	if (!share && q->client != NULL && !str_blank(q->client)) {
		brief_md_text(&t, q->client, NULL, false);
		/* TRANSLATORS: the client's name before the rungs they said. */
		s = xasprintf(_("%s: "), buf_str(&t));
		buf_puts(b, s);
		free(s);
	}
	for (k = 0; k < q->n; k++) {
		if (k > 0)
			buf_puts(b, " \u2192 ");
		buf_reset(&t);
		brief_md_text(&t, q->rungs[k], NULL, false);
		/* TRANSLATORS: a rung quoted as the client said it. */
		s = xasprintf(_("\u201c%s\u201d"), buf_str(&t) != NULL ? buf_str(&t) : "");
		buf_puts(b, s);
		free(s);
	}
	buf_putc(b, '\n');
	buf_free(&t);
}

/* Appends a table cell: escaped text. */
static void
md_cell(struct buf *b, const char *s)
{
	buf_puts(b, " ");
	brief_md_text(b, s, NULL, false);
	buf_puts(b, " |");
}

/* The report in Markdown. */
void
map_md(const struct map *m, const struct codebook *book, bool share,
    struct buf *b)
{
	size_t i, k, n;

	buf_printf(b, "# %s\n\n", _("Ladder map"));
	/* TRANSLATORS: the first line of the map's report. */
	buf_printf(b, ngettext("%zu session", "%zu sessions", m->sessions), m->sessions);
	buf_puts(b, ", ");
	buf_printf(b, ngettext("%zu ladder", "%zu ladders", m->ladders), m->ladders);
	buf_puts(b, ", ");
	buf_printf(b, ngettext("%zu code", "%zu codes", m->ncodes), m->ncodes);
	buf_puts(b, ".\n\n");

	buf_printf(b, "## %s\n\n", _("Strongest paths from request to goal"));
	if (m->npaths == 0)
		buf_printf(b, "%s\n\n", _("No coded chain reached a goal."));
	for (i = 0; i < m->npaths && i < MAP_REPORT_PATHS; i++) {
		buf_printf(b, "%zu. ", i + 1);
		md_codes(b, m, &m->paths[i]);
		buf_puts(b, " (");
		buf_printf(b, ngettext("%zu ladder", "%zu ladders", m->paths[i].count),
		    m->paths[i].count);
		buf_puts(b, ")\n");
		for (k = 0; k < m->paths[i].nquotes; k++)
			md_quote(b, &m->paths[i].quotes[k], share);
	}
	if (m->npaths > 0)
		buf_putc(b, '\n');

	buf_printf(b, "## %s\n\n", _("Never linked to a goal"));
	for (i = 0, n = 0; i < m->ncodes; i++) {
		if (m->codes[i].linked_to_goal)
			continue;
		buf_puts(b, "- **");
		brief_md_text(b, m->codes[i].code, NULL, false);
		buf_puts(b, "**");
		if (codebook_find(book, m->codes[i].code) != NULL) {
			buf_puts(b, " \u2014 ");
			brief_md_text(b, label_of(m, book, i), NULL, false);
		}
		buf_puts(b, " (");
		buf_printf(b, ngettext("%zu session", "%zu sessions", m->codes[i].sessions),
		    m->codes[i].sessions);
		buf_puts(b, ")\n");
		n++;
	}
	if (n == 0)
		buf_printf(b, "%s\n", _("Every code is on a chain that reached a goal."));
	buf_putc(b, '\n');

	buf_printf(b, "## %s\n\n", _("Codes"));
	if (m->ncodes == 0) {
		buf_printf(b, "%s\n", _("No rung is coded yet: see whyline code."));
		return;
	}
	/* TRANSLATORS: the headings of the table of codes in the map's report. */
	buf_printf(b, "| %s | %s | %s | %s | %s |\n|---|---|--:|--:|--:|\n",
	    _("Code"), _("Label"), _("Sessions"), _("Requests"), _("Goals"));
	for (i = 0; i < m->ncodes; i++) {
		const struct code_def *d = codebook_find(book, m->codes[i].code);

		buf_puts(b, "|");
		md_cell(b, m->codes[i].code);
		md_cell(b, d != NULL ? d->label : "");
		buf_printf(b, " %zu | %zu | %zu |\n", m->codes[i].sessions,
		    m->codes[i].requests, m->codes[i].goals);
	}
}
