/* brief-layout.c: the default layout of the brief, written once for three
 * formats: Markdown (every untrusted text through brief_md_text), plain
 * text for an e-mail (headings underlined, lines folded at 72
 * characters), and HTML: the fragment cmark makes of that Markdown,
 * written straight from the layout (every untrusted text through
 * brief_html_text), byte for byte, without the round trip. The order: the facts of the call, the summary with the
 * next steps, then (internal copy) the flags and the open items, the
 * ladders, each section's answers under their labels, the notes and the
 * changes. What a client's copy leaves out is already out of the model
 * (brief_build with share). */
#include "config.h"

#include "brief-md.h"

#include <stdlib.h>
#include <string.h>

#include "brief-words.h"
#include "i18n.h"
#include "lang.h"
#include "isotime.h"
#include "util.h"

#define TEXT_WIDTH 72

/* The formats of the layout. */
enum out_kind {
	OUT_MD,
	OUT_PLAIN,
	OUT_HTML
};

/* An HTML list item, held until its list ends: its text is
 * items.s[start, end), its nested items follow it. */
struct html_item {
	size_t depth;
	size_t start, end;
	bool paragraphs;	/* more than one paragraph: a loose list */
	bool blank_after;	/* its Markdown ends with a blank line */
};

/* Where the layout goes. In HTML, the items of a list are held until it
 * ends: a list is loose (each item's text a paragraph) when an item holds
 * two paragraphs or a blank line stands between two items, which its
 * last item may be the first to show. */
struct out {
	struct buf b;
	enum out_kind kind;
	/* The translation of the label's "%s:", and the length of what it
	 * puts before the label. */
	const char *sep;
	size_t sep_pre;
	char *spaces;		/* see item_indent */
	size_t nspaces;
	struct buf items;
	struct html_item *item;
	size_t nitems, cap;
};

/* Appends a newline unless the HTML ends with one (cmark's cr()). */
static void
html_cr(struct buf *b)
{
	if (b->len > 0 && b->s[b->len - 1] != '\n')
		buf_putc(b, '\n');
}

/* Appends the list of the held items from i at depth d, with the lists
 * nested in it; returns the index after its last item. */
static size_t
html_list(struct out *o, size_t i, size_t d)
{
	size_t end, j, last = i;
	bool loose = false;

	for (end = i; end < o->nitems && o->item[end].depth >= d; end++)
		if (o->item[end].depth == d) {
			loose = loose || o->item[end].paragraphs ||
			    (end > i && o->item[last].blank_after);
			last = end;
		}
	buf_puts(&o->b, "<ul>\n");
	for (j = i; j < end;) {
		const struct html_item *it = &o->item[j];

		buf_puts(&o->b, "<li>");
		if (it->end > it->start) {
			if (loose)
				buf_puts(&o->b, "\n<p>");
			buf_add(&o->b, o->items.s + it->start, it->end - it->start);
			if (loose)
				buf_puts(&o->b, "</p>\n");
		}
		if (++j < end && o->item[j].depth > d) {
			html_cr(&o->b);
			j = html_list(o, j, d + 1);
		}
		buf_puts(&o->b, "</li>\n");
	}
	buf_puts(&o->b, "</ul>\n");
	return end;
}

/* Ends the HTML list being written, if any: writes its items. */
static void
html_end_list(struct out *o)
{
	if (o->nitems > 0)
		html_list(o, 0, 0);
	o->nitems = 0;
	buf_reset(&o->items);
}

/* Holds a new HTML list item at depth d (at most one below the item
 * before it, as in the Markdown's indents): its text goes to o->items. */
static struct html_item *
html_item_new(struct out *o, size_t d)
{
	struct html_item *it;
	size_t max = o->nitems > 0 ? o->item[o->nitems - 1].depth + 1 : 0;

	xgrow(&o->item, &o->cap, o->nitems + 1, sizeof *o->item);
	it = &o->item[o->nitems++];
	it->depth = d < max ? d : max;
	it->start = o->items.len;
	it->paragraphs = it->blank_after = false;
	return it;
}

/* Ends an HTML item's text: without the outer spaces cmark strips from a
 * paragraph. */
static void
html_item_end(struct out *o, struct html_item *it)
{
	size_t start = it->start, end = o->items.len;

	while (end > start && o->items.s[end - 1] == ' ')
		end--;
	while (start < end && o->items.s[start] == ' ')
		start++;
	buf_truncate(&o->items, end);
	it->start = start;
	it->end = end;
}

/* Appends text to b: escaped in Markdown (continuation lines at indent),
 * in plain text cleaned as for a terminal (str_terminal; on one line when
 * indent is NULL), tabs as spaces. */
static void
put_text(const struct out *o, struct buf *b, const char *s, const char *indent)
{
	char *c, *p;

	if (s == NULL)
		return;
	if (o->kind == OUT_MD) {
		brief_md_text(b, s, indent, false);
		return;
	}
	c = str_terminal(s, indent != NULL);
	for (p = c; *p != '\0'; p++) {
		buf_putc(b, *p == '\t' ? ' ' : *p);
		if (*p == '\n' && indent != NULL)
			buf_puts(b, indent);
	}
	free(c);
}

/* The indent of the lines of an item at depth d after its first: 2d + 2
 * spaces (o's, until the next call). */
static const char *
item_indent(struct out *o, size_t d)
{
	size_t n = 2 * d + 2;

	xgrow(&o->spaces, &o->nspaces, n + 1, 1);
	memset(o->spaces, ' ', n);
	o->spaces[n] = '\0';
	return o->spaces;
}

/* Appends a heading of level 1 to 3. */
static void
put_heading(struct out *o, int level, const char *text)
{
	size_t n;
	char *c;

	if (o->kind == OUT_HTML) {
		html_end_list(o);
		buf_printf(&o->b, "<h%d>", level);
		brief_html_text(&o->b, text, BRIEF_JOIN_SPACE);
		buf_printf(&o->b, "</h%d>\n", level);
		return;
	}
	buf_puts(&o->b, "\n\n");
	if (o->kind == OUT_MD) {
		buf_printf(&o->b, "%.*s ", level, "###");
		brief_md_text(&o->b, text, NULL, false);
		buf_puts(&o->b, "\n\n");
		return;
	}
	c = str_terminal(text, false);
	if (level == 3) {
		/* TRANSLATORS: a label before what it introduces ("Budget: ...");
		 * French puts a space before the colon. */
		buf_printf(&o->b, _("%s:"), c);
		buf_puts(&o->b, "\n\n");
	} else {
		buf_puts(&o->b, c);
		buf_putc(&o->b, '\n');
		for (n = str_width(c); n > 0; n--)
			buf_putc(&o->b, level == 1 ? '=' : '-');
		buf_puts(&o->b, "\n\n");
	}
	free(c);
}

/* Appends to b the separator after the label written from b->s[start]
 * ("Budget" as "Budget:", with the translation's "%s:"), unless the label
 * ends in its own punctuation ("Is it urgent?"). */
static void
put_sep(const struct out *o, struct buf *b, size_t start)
{
	size_t len = b->len;

	if (len > start && strchr("?!:", b->s[len - 1]) != NULL)
		return;
	if (o->sep_pre > 0) {
		/* What the translation puts before the label. */
		buf_add(b, o->sep, o->sep_pre);
		memmove(b->s + start + o->sep_pre, b->s + start, len - start);
		memcpy(b->s + start, o->sep, o->sep_pre);
	}
	buf_puts(b, o->sep + o->sep_pre + 2);
}

/* Appends a label and its separator to b: "**Budget:**" in Markdown (or
 * nothing when it escapes to nothing), "Budget:" in plain text. */
static void
put_label(const struct out *o, struct buf *b, const char *label, const char *indent)
{
	size_t start = b->len;

	if (o->kind == OUT_PLAIN) {
		put_text(o, b, label, NULL);
		put_sep(o, b, start);
		return;
	}
	buf_puts(b, "**");
	brief_md_text(b, label, indent, false);
	if (b->len == start + 2) {
		buf_truncate(b, start);
		return;
	}
	put_sep(o, b, start + 2);
	buf_puts(b, "**");
}

/* Holds a label as "<strong>Budget:</strong>" in the HTML items; false
 * when it is blank (nothing written). */
static bool
html_label(struct out *o, const char *label)
{
	size_t start = o->items.len;

	buf_puts(&o->items, "<strong>");
	if (brief_html_text(&o->items, label, BRIEF_JOIN_BREAK) == 0) {
		buf_truncate(&o->items, start);
		return false;
	}
	put_sep(o, &o->items, start + strlen("<strong>"));
	buf_puts(&o->items, "</strong>");
	return true;
}

/* put_item_aside in HTML: the item cmark makes of its Markdown. */
static void
html_item_aside(struct out *o, size_t d, const char *label, const char *text,
    bool block, const char *aside)
{
	struct html_item *it = html_item_new(o, d);
	size_t mark = o->items.len, paras;

	if (label != NULL && html_label(o, label)) {
		mark = o->items.len;
		buf_puts(&o->items, block ? "<br />\n" : " ");
	}
	paras = brief_html_text(&o->items, text,
	    block ? BRIEF_JOIN_PARAGRAPHS : BRIEF_JOIN_BREAK);
	if (aside != NULL) {
		/* A line's first space is not kept. */
		if (o->items.len > it->start && o->items.s[o->items.len - 1] != '\n')
			buf_putc(&o->items, ' ');
		buf_puts(&o->items, "<em>(");
		brief_html_text(&o->items, aside, BRIEF_JOIN_BREAK);
		buf_puts(&o->items, ")</em>");
	} else if (paras == 0 && block && label != NULL) {
		/* The label's line ends the paragraph, a blank line the item. */
		buf_truncate(&o->items, mark);
		it->blank_after = true;
	}
	it->paragraphs = paras > 1;
	html_item_end(o, it);
}

/* Appends one list item "- LABEL: TEXT" (label may be NULL) at depth d;
 * with block, TEXT starts on a line of its own below the label, its empty
 * lines kept as paragraphs. An aside (may be NULL) follows the text in
 * brackets, in emphasis in Markdown. Plain text is folded. */
static void
put_item_aside(struct out *o, size_t d, const char *label, const char *text,
    bool block, const char *aside)
{
	struct buf line = { 0 };
	const char *indent;
	char *folded;

	if (o->kind == OUT_HTML) {
		html_item_aside(o, d, label, text, block, aside);
		return;
	}
	indent = item_indent(o, d);
	buf_add(&o->b, indent, 2 * d);
	buf_puts(&o->b, "- ");
	if (o->kind == OUT_MD) {
		if (label != NULL) {
			put_label(o, &o->b, label, indent);
			buf_puts(&o->b, block ? "  \n" : " ");
			if (block)
				buf_puts(&o->b, indent);
		}
		brief_md_text(&o->b, text, indent, block);
		if (aside != NULL) {
			buf_puts(&o->b, " *(");
			brief_md_text(&o->b, aside, indent, false);
			buf_puts(&o->b, ")*");
		}
		buf_putc(&o->b, '\n');
		return;
	}
	/* Plain text: the item is folded as a whole. */
	if (label != NULL) {
		put_label(o, &line, label, indent);
		buf_putc(&line, block ? '\n' : ' ');
		if (block)
			buf_puts(&line, indent);
	}
	put_text(o, &line, text, indent);
	if (aside != NULL) {
		buf_puts(&line, " (");
		put_text(o, &line, aside, indent);
		buf_putc(&line, ')');
	}
	folded = str_wrap(buf_str(&line), TEXT_WIDTH - 2 * d - 2, indent);
	buf_puts(&o->b, folded);
	buf_putc(&o->b, '\n');
	free(folded);
	buf_free(&line);
}

/* Appends one list item "- LABEL: TEXT" (see put_item_aside). */
static void
put_item(struct out *o, size_t d, const char *label, const char *text, bool block)
{
	put_item_aside(o, d, label, text, block, NULL);
}

/* Appends a sentence in emphasis: "*TEXT*" or "TEXT". */
static void
put_aside(struct out *o, const char *text)
{
	if (o->kind == OUT_HTML) {
		html_end_list(o);
		buf_puts(&o->b, "<p><em>");
		brief_html_text(&o->b, text, BRIEF_JOIN_BREAK);
		buf_puts(&o->b, "</em></p>\n");
		return;
	}
	if (o->kind == OUT_MD) {
		buf_putc(&o->b, '*');
		put_text(o, &o->b, text, "");
		buf_puts(&o->b, "*\n\n");
		return;
	}
	/* Plain text: folded as every paragraph is. */
	{
		struct buf line = { 0 };
		char *folded;

		put_text(o, &line, text, "");
		folded = str_wrap(buf_str(&line), TEXT_WIDTH, "");
		buf_puts(&o->b, folded);
		buf_puts(&o->b, "\n\n");
		free(folded);
		buf_free(&line);
	}
}

/* The date, the times and the length of the call, or NULL. */
static char *
call_when(const struct brief *b)
{
	char *day = isotime_format(b->first_at, ISOTIME_DATE);
	char *start = isotime_format(b->first_at, ISOTIME_TIME);
	char *end_day = isotime_format(b->last_at, ISOTIME_DATE);
	char *end = isotime_format(b->last_at, ISOTIME_TIME_ZONE);
	char *len = b->seconds >= 0 ? brief_duration_text(b->seconds) : NULL;
	char *s = NULL;

	if (day == NULL || start == NULL || end == NULL || end_day == NULL)
		goto out;
	if (strcmp(day, end_day) == 0)
		/* TRANSLATORS: the date, the start and end times, the length. */
		s = xasprintf(_("%s, %s–%s (%s)"), day, start, end, len);
	else
		s = xasprintf(_("%s, %s – %s, %s (%s)"), day, start, end_day, end, len);
out:
	free(day);
	free(start);
	free(end_day);
	free(end);
	free(len);
	return s;
}

/* The session's status as a fact. */
static char *
session_status(const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	char *id = str_short_id(row->id), *s;

	if (row->status != NULL && strcmp(row->status, "done") == 0 && b->unanswered > 0)
		s = xasprintf(ngettext("%.8s, finished; amended since: %zu question "
		    "not answered", "%.8s, finished; amended since: %zu questions not answered",
		    b->unanswered), id, b->unanswered);
	else if (row->status != NULL && strcmp(row->status, "done") == 0)
		s = xasprintf(_("%.8s, finished"), id);
	else if (b->unanswered > 0)
		s = xasprintf(ngettext("%.8s, paused: %zu question not answered yet",
		    "%.8s, paused: %zu questions not answered yet", b->unanswered),
		    id, b->unanswered);
	else
		s = xasprintf(_("%.8s, paused"), id);
	free(id);
	return s;
}

/* Appends a fact of the call, unless it is empty. */
static void
put_fact(struct out *o, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		put_item(o, 0, label, value, false);
}

/* Appends the title and the facts of the call (a client's copy without
 * the session, which is the consultant's). */
static void
put_header(struct out *o, const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	char *when = call_when(b), *status = b->share ? NULL : session_status(b);
	char *lang = lang_name(row->language);
	char *tree;

	put_heading(o, 1, b->heading);
	tree = row->tree_version != NULL ?
	    xasprintf(_("%s, version %s"), b->title, row->tree_version) :
	    xstrdup(b->title);
	put_fact(o, _("Client"), row->client);
	put_fact(o, _("Consultant"), row->consultant);
	put_fact(o, _("Date"), when);
	put_fact(o, _("Interview"), tree);
	put_fact(o, _("Language"), lang);
	put_fact(o, _("Session"), status);
	free(when);
	free(status);
	free(tree);
	free(lang);
}

/* Appends the summary and the next steps. */
static void
put_summary(struct out *o, const struct brief *b)
{
	size_t i;

	if (b->nsummary == 0 && b->nactions == 0)
		return;
	put_heading(o, 2, _("Summary"));
	for (i = 0; i < b->nsummary; i++)
		put_item(o, 0, b->summary[i].label, b->summary[i].answer,
		    b->summary[i].q != NULL && b->summary[i].q->type == QT_PARAGRAPH);
	if (b->nactions == 0)
		return;
	put_heading(o, 3, _("Next steps"));
	for (i = 0; i < b->nactions; i++)
		put_item(o, 0, NULL, b->actions[i].text, false);
}

/* The labels of the answers that raised a flag, "(Budget; Urgency)". */
static char *
flag_causes(const struct brief_flag *f)
{
	struct buf s = { 0 };
	size_t i;

	for (i = 0; i < f->ncauses; i++) {
		buf_puts(&s, i == 0 ? "(" : "; ");
		buf_puts(&s, f->causes[i].label);
	}
	if (f->ncauses > 0)
		buf_putc(&s, ')');
	return buf_take(&s);
}

/* Appends the flags, grouped by level, each with the labels of the
 * answers that raised it. */
static void
put_flags(struct out *o, const struct brief *b)
{
	int level = -1;
	size_t i;

	if (b->nflags == 0)
		return;
	put_heading(o, 2, _("Flags"));
	for (i = 0; i < b->nflags; i++) {
		const struct brief_flag *f = &b->flags[i];
		char *causes = flag_causes(f), *line;

		if ((int)f->f->level != level) {
			level = (int)f->f->level;
			put_heading(o, 3, brief_level_title(f->f->level));
		}
		line = *causes != '\0' ? xasprintf("%s %s", f->text, causes) : xstrdup(f->text);
		put_item(o, 0, NULL, line, false);
		free(line);
		free(causes);
	}
}

/* Appends what is still to find out. */
static void
put_open(struct out *o, const struct brief *b)
{
	size_t i;

	if (b->nopen == 0)
		return;
	put_heading(o, 2, _("Open items"));
	for (i = 0; i < b->nopen; i++) {
		const struct brief_open *it = &b->open[i];
		char *why;

		if (it->unanswered)
			why = xstrdup(_("not answered yet"));
		else if (it->reason != NULL)
			why = xasprintf(_("skipped: %s"), it->reason);
		else	/* a client's copy, which has no reasons */
			why = xstrdup(_("to be confirmed"));
		put_item(o, 0, it->label, why, false);
		free(why);
	}
}

/* Appends a ladder: its goals, then the tree from the request. */
static void
put_ladder(struct out *o, const struct brief_ladder *l)
{
	size_t i;

	put_heading(o, 2, l->heading);
	for (i = 0; i < l->ngoals; i++) {
		if (o->kind == OUT_HTML) {
			struct buf esc = { 0 };

			if (brief_html_text(&esc, l->goals[i], BRIEF_JOIN_BREAK) > 0) {
				html_end_list(o);
				buf_printf(&o->b, "<p><strong>%s</strong></p>\n", buf_str(&esc));
			}
			buf_free(&esc);
		} else if (o->kind == OUT_MD) {
			struct buf esc = { 0 };

			brief_md_text(&esc, l->goals[i], "", false);
			if (esc.len > 0)
				buf_printf(&o->b, "**%s**\n\n", buf_str(&esc));
			buf_free(&esc);
		} else {
			put_text(o, &o->b, l->goals[i], "");
			buf_puts(&o->b, "\n\n");
		}
	}
	if (l->stated != NULL) {
		/* TRANSLATORS: under the goal the client restated, the last
		 * rung the ladder reached before they did. */
		char *said = xasprintf(_("In the client's own words; the ladder reached: %s"), l->stated);

		put_aside(o, said);
		free(said);
	}
	if (l->ngoals == 0)
		put_aside(o, _("No chain of whys reached a goal."));
	for (i = 0; i < l->nnodes; i++) {
		const struct brief_node *n = &l->nodes[i];
		const char *stop = n->end ? brief_stop_text(n->stop) : NULL;
		char *line;

		if (stop != NULL && o->kind == OUT_HTML) {
			/* The stop in emphasis, as in Markdown. */
			struct html_item *it = html_item_new(o, n->depth);

			brief_html_text(&o->items, n->text, BRIEF_JOIN_BREAK);
			if (o->items.len > it->start)
				buf_putc(&o->items, ' ');
			buf_puts(&o->items, "— <em>");
			brief_html_text(&o->items, stop, BRIEF_JOIN_SPACE);
			buf_puts(&o->items, "</em>");
			html_item_end(o, it);
		} else if (stop != NULL && o->kind == OUT_MD) {
			/* The stop in emphasis, out of the escaped text. */
			const char *indent = item_indent(o, n->depth);

			buf_add(&o->b, indent, 2 * n->depth);
			buf_puts(&o->b, "- ");
			brief_md_text(&o->b, n->text, indent, false);
			buf_puts(&o->b, " — *");
			brief_md_text(&o->b, stop, NULL, false);
			buf_puts(&o->b, "*\n");
		} else if (stop != NULL) {
			line = xasprintf("%s — %s", n->text, stop);
			put_item(o, n->depth, NULL, line, false);
			free(line);
		} else {
			put_item(o, n->depth, NULL, n->text, false);
		}
	}
}

/* Appends a section's answers under their labels. */
static void
put_section(struct out *o, const struct brief_section *s)
{
	size_t i;

	put_heading(o, 2, s->title);
	for (i = 0; i < s->n; i++) {
		const struct brief_qa *qa = &s->qa[i];
		/* TRANSLATORS: after an answer the client confirmed as given
		 * in an earlier call; %s is that call's date in words. */
		char *aside = qa->confirmed_text != NULL ?
		    xasprintf(_("confirmed from the call of %s"), qa->confirmed_text) : NULL;

		put_item_aside(o, 0, qa->label, qa->answer, qa->q->type == QT_PARAGRAPH, aside);
		free(aside);
	}
}

/* Appends the notes, each with its question and time. */
static void
put_notes(struct out *o, const struct brief *b)
{
	size_t i;

	if (b->nnotes == 0)
		return;
	put_heading(o, 2, _("Notes"));
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *n = &b->notes[i];
		char *label = n->question != NULL && n->time != NULL ?
		    xasprintf("%s (%s)", n->question, n->time) :
		    xstrdup_null(n->question != NULL ? n->question : n->time);

		put_item(o, 0, label, n->text, true);
		free(label);
	}
}

/* Appends the changes of the call (amended false) or those made after it
 * with a reason (amended true), under their heading. */
static void
put_changes_of(struct out *o, const struct brief *b, bool amended)
{
	size_t i;
	bool any = false;

	for (i = 0; i < b->nchanges; i++) {
		const struct brief_change *c = &b->changes[i];
		char *rung, *when, *label, *text;

		if (c->amended != amended)
			continue;
		if (!any)
			put_heading(o, 2, amended ? _("Changes after the call") :
			    _("Changes during the call"));
		any = true;
		rung = c->rung > 0 ? xasprintf(_("why %d"), c->rung) : NULL;
		when = !amended ? xstrdup_null(c->time) : c->date != NULL && c->time != NULL ?
		    xasprintf(_("amended %s %s"), c->date, c->time) : xstrdup(_("amended"));
		label = xasprintf("%s%s%s%s%s%s", c->label,
		    rung != NULL ? " (" : "", rung != NULL ? rung : "", rung != NULL ? ")" : "",
		    when != NULL ? ", " : "", when != NULL ? when : "");
		text = xasprintf("%s → %s", c->unanswered ? _("(not answered)") :
		    c->before != NULL ? c->before : _("(skipped)"),
		    c->withdrawn ? _("(withdrawn)") : c->after != NULL ? c->after : _("(skipped)"));
		if (amended) {
			char *with = xasprintf(_("%s. Reason: %s"), text, c->reason != NULL ?
			    c->reason : "");

			free(text);
			text = with;
		}
		put_item(o, 0, label, text, false);
		free(rung);
		free(when);
		free(label);
		free(text);
	}
}

/* Appends the answers changed during the call, then those amended after
 * it. */
static void
put_changes(struct out *o, const struct brief *b)
{
	put_changes_of(o, b, false);
	put_changes_of(o, b, true);
}

/* Collapses runs of blank lines into one and ends s with one newline:
 * the blocks above each leave a blank line around them. */
static char *
tidy(char *s)
{
	char *r = s, *w = s;
	size_t nl = 0;

	while (*r == '\n')
		r++;
	for (; *r != '\0'; r++) {
		nl = *r == '\n' ? nl + 1 : 0;
		if (nl <= 2)
			*w++ = *r;
	}
	while (w > s && w[-1] == '\n')
		w--;
	*w++ = '\n';
	*w = '\0';
	return s;
}

/* The brief in the default layout, as Markdown or as plain text. */
static char *
layout(const struct brief *b, enum out_kind kind)
{
	struct out o = { .kind = kind };
	size_t i;

	/* TRANSLATORS: a label before what it introduces ("Budget: ...");
	 * French puts a space before the colon. */
	o.sep = _("%s:");
	if (strstr(o.sep, "%s") == NULL)
		o.sep = "%s:";
	o.sep_pre = (size_t)(strstr(o.sep, "%s") - o.sep);

	put_header(&o, b);
	put_summary(&o, b);
	put_flags(&o, b);
	put_open(&o, b);
	for (i = 0; i < b->nladders; i++)
		put_ladder(&o, &b->ladders[i]);
	for (i = 0; i < b->nsections; i++)
		put_section(&o, &b->sections[i]);
	put_notes(&o, b);
	put_changes(&o, b);
	free(o.spaces);
	if (kind == OUT_HTML) {
		html_end_list(&o);
		buf_free(&o.items);
		free(o.item);
		return buf_take(&o.b);
	}
	if (o.b.s == NULL)
		return xstrdup("\n");
	return tidy(buf_take(&o.b));
}

/* The brief as Markdown. */
char *
brief_md(const struct brief *b)
{
	return layout(b, OUT_MD);
}

/* The brief as plain text. */
char *
brief_plain(const struct brief *b)
{
	return layout(b, OUT_PLAIN);
}

/* The brief as an HTML fragment. */
char *
brief_html(const struct brief *b)
{
	return layout(b, OUT_HTML);
}
