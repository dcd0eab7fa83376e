/* brief-md.c: the brief as Markdown: a header of facts, the stated request,
 * each ladder as a nested list from the request to every goal, each
 * section's answers, then flags, open items, notes and changes. Every
 * piece of text that is not the program's own markup goes through
 * brief_md_text, so an answer cannot open any Markdown structure. */
#include "config.h"

#include "brief-md.h"

#include <stdlib.h>
#include <string.h>

#include "brief-words.h"
#include "i18n.h"
#include "util.h"
#include "isotime.h"

/* True for the characters escaped wherever they are: they can open
 * emphasis, code, links, autolinks, raw HTML, table cells, headings or
 * block quotes. */
static bool
md_special(unsigned char c)
{
	switch (c) {
	case '\\': case '`': case '*': case '[': case ']': case '<': case '>':
	case '|': case '~': case '#':
		return true;
	default:
		return false;
	}
}

/* True for an ASCII letter or digit. */
static bool
md_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* True when the '-', '+' or '=' at s[i], first on a line of n bytes,
 * could open a list item, a thematic break or a setext underline: it is
 * followed by white space, the end of the line, or itself. */
static bool
md_line_marker(const char *s, size_t i, size_t n)
{
	char next = i + 1 < n ? s[i + 1] : ' ';

	if (s[i] != '-' && s[i] != '+' && s[i] != '=')
		return false;
	return next == ' ' || next == '\t' || next == s[i];
}

/* True when s starts an HTML entity or character reference after '&'. */
static bool
md_entity_start(const char *s)
{
	return (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '#';
}

/* Appends one line (without its newline) escaped; the line starts a
 * Markdown line. */
static void
md_line(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, d, run;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (i < n && md_line_marker(s, i, n)) {
		buf_putc(out, '\\');
		buf_putc(out, s[i++]);
	}
	for (d = i; d < n && s[d] >= '0' && s[d] <= '9'; d++)
		;
	if (d > i && d < n && (s[d] == '.' || s[d] == ')') &&
	    (d + 1 == n || s[d + 1] == ' ' || s[d + 1] == '\t')) {
		buf_add(out, s + i, d - i);
		buf_putc(out, '\\');
		buf_putc(out, s[d]);
		i = d + 1;
	}
	for (run = i; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Plain bytes are copied in runs. */
		if (c >= 0x20 && c != 0x7f && c != 0xc2 && c != '&' && c != '_' &&
		    !md_special(c))
			continue;
		buf_add(out, s + run, i - run);
		run = i + 1;
		if (c == '\t') {
			buf_putc(out, ' ');
		} else if (c < 0x20 || c == 0x7f) {
			continue;
		} else if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			run = ++i + 1;
		} else {
			if (md_special(c) || (c == '&' && md_entity_start(s + i + 1)) ||
			    (c == '_' && (i == 0 || !md_alnum((unsigned char)s[i - 1]) ||
			    i + 1 == n || !md_alnum((unsigned char)s[i + 1]))))
				buf_putc(out, '\\');
			buf_putc(out, (char)c);
		}
	}
	buf_add(out, s + run, n - run);
}

/* True when s[0..n) holds nothing but white space and control characters
 * (C1 ones too), which md_line would turn into nothing. */
static bool
md_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			i++;
		else if (c > ' ' && c != 0x7f)
			return false;
	}
	return true;
}

/* Appends untrusted text, escaped: cleaned first (line breaks as \n,
 * control characters gone, to a fixed point), so that no byte dropped
 * later can make a line mean something else. */
void
brief_md_text(struct buf *out, const char *text, const char *indent,
    bool paragraphs)
{
	bool started = false, gap = false;
	size_t n, k;
	char *clean, *s, *p;

	if (text == NULL)
		return;
	clean = xstrdup(text);
	for (p = s = clean; *s != '\0'; s++) {
		if (*s == '\r' && s[1] == '\n')
			s++;
		*p++ = *s == '\r' ? '\n' : *s;
	}
	*p = '\0';
	str_strip_controls(clean, true);
	s = clean;
	for (;;) {
		n = strcspn(s, "\n\r");
		if (md_blank(s, n)) {
			gap = gap || started;
		} else {
			if (started && gap && paragraphs && indent != NULL) {
				/* A blank line (with the indent's quote marks). */
				buf_putc(out, '\n');
				for (k = strlen(indent); k > 0 && indent[k - 1] == ' '; k--)
					;
				buf_add(out, indent, k);
				buf_putc(out, '\n');
				buf_puts(out, indent);
			} else if (started && indent == NULL) {
				buf_putc(out, ' ');
			} else if (started) {
				buf_puts(out, "  \n");
				buf_puts(out, indent);
			}
			md_line(out, s, n);
			started = true;
			gap = false;
		}
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	free(clean);
}

/* Escapes a template's {{name}} value. */
void
brief_md_escape(struct buf *out, const char *s, void *arg)
{
	(void)arg;
	brief_md_text(out, s, "", false);
}

/* ---- the brief ---- */

/* Appends text in bold ("**TEXT**"), or nothing when nothing of it is left
 * once escaped ("****" would be a thematic break). */
static void
md_strong(struct buf *out, const char *text, const char *indent)
{
	struct buf esc = { 0 };

	brief_md_text(&esc, text, indent, false);
	if (esc.len > 0) {
		buf_puts(out, "**");
		buf_add(out, esc.s, esc.len);
		buf_puts(out, "**");
	}
	buf_free(&esc);
}

/* Appends "- **LABEL** VALUE" for a header fact (value untrusted). */
static void
md_fact(struct buf *out, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_puts(out, "- ");
	md_strong(out, label, "  ");
	buf_putc(out, ' ');
	brief_md_text(out, value, "  ", false);
	buf_putc(out, '\n');
}

/* Appends a heading of the given level. */
static void
md_heading(struct buf *out, int level, const char *text)
{
	buf_printf(out, "\n\n%.*s ", level, "######");
	brief_md_text(out, text, NULL, false);
	buf_puts(out, "\n\n");
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

	if (row->status != NULL && strcmp(row->status, "done") == 0)
		return xasprintf(_("%.8s, finished"), row->id);
	if (b->unanswered > 0)
		return xasprintf(ngettext("%.8s, paused: %zu question not answered yet",
		    "%.8s, paused: %zu questions not answered yet", b->unanswered),
		    row->id, b->unanswered);
	return xasprintf(_("%.8s, paused"), row->id);
}

/* Appends the title and the facts of the call. */
static void
md_header(struct buf *out, const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	char *when = call_when(b), *status = session_status(b), *tree;

	buf_puts(out, "# ");
	brief_md_text(out, b->heading, NULL, false);
	buf_puts(out, "\n\n");
	tree = row->tree_version != NULL ?
	    xasprintf(_("%s, version %s"), b->title, row->tree_version) :
	    xstrdup(b->title);
	md_fact(out, _("Client:"), row->client);
	md_fact(out, _("Consultant:"), row->consultant);
	md_fact(out, _("Date:"), when);
	md_fact(out, _("Interview:"), tree);
	md_fact(out, _("Language:"), row->language);
	md_fact(out, _("Session:"), status);
	buf_putc(out, '\n');
	free(when);
	free(status);
	free(tree);
}

/* Appends the indent of a list item at depth d. */
static void
md_indent(struct buf *out, size_t d)
{
	size_t i;

	for (i = 0; i < d; i++)
		buf_puts(out, "  ");
}

/* Appends the ladder's tree as nested list items. */
static void
md_nodes(struct buf *out, const struct brief_ladder *l)
{
	struct buf ind = { 0 };
	size_t i;

	for (i = 0; i < l->nnodes; i++) {
		const struct brief_node *n = &l->nodes[i];

		buf_reset(&ind);
		md_indent(&ind, n->depth + 1);
		md_indent(out, n->depth);
		buf_puts(out, "- ");
		brief_md_text(out, n->text, buf_str(&ind), false);
		if (n->end) {
			buf_puts(out, " — *");
			brief_md_text(out, brief_stop_text(n->stop), NULL, false);
			buf_putc(out, '*');
		}
		buf_putc(out, '\n');
	}
	buf_free(&ind);
}

/* Appends a ladder: its goals, then the tree from the request. */
static void
md_ladder(struct buf *out, const struct brief_ladder *l)
{
	size_t i;

	md_heading(out, 2, l->heading);
	for (i = 0; i < l->ngoals; i++) {
		md_strong(out, l->goals[i], "");
		buf_puts(out, "\n\n");
	}
	if (l->ngoals == 0) {
		buf_putc(out, '*');
		brief_md_text(out, _("No chain of whys reached a goal."), "", false);
		buf_puts(out, "*\n\n");
	}
	md_nodes(out, l);
}

/* Appends a section's answers: the question in bold, the answer below. */
static void
md_section(struct buf *out, const struct brief_section *s)
{
	size_t i;

	md_heading(out, 2, s->title);
	for (i = 0; i < s->n; i++) {
		md_strong(out, s->qa[i].question, "");
		buf_puts(out, "  \n");
		brief_md_text(out, s->qa[i].answer, "", s->qa[i].q->type == QT_PARAGRAPH);
		buf_puts(out, "\n\n");
	}
}

/* Appends "QUESTION: ANSWER" lines, as list items at depth d. */
static void
md_causes(struct buf *out, const struct brief_flag *f, size_t d)
{
	size_t i;

	for (i = 0; i < f->ncauses; i++) {
		md_indent(out, d);
		buf_puts(out, "- ");
		brief_md_text(out, f->causes[i].question, "    ", false);
		buf_puts(out, " → ");
		brief_md_text(out, f->causes[i].answer, "    ", false);
		buf_putc(out, '\n');
	}
}

/* Appends the flags, grouped by level. */
static void
md_flags(struct buf *out, const struct brief *b)
{
	int level = -1;
	size_t i;

	if (b->nflags == 0)
		return;
	md_heading(out, 2, _("Flags"));
	for (i = 0; i < b->nflags; i++) {
		const struct brief_flag *f = &b->flags[i];

		if ((int)f->f->level != level) {
			level = (int)f->f->level;
			md_heading(out, 3, brief_level_title(f->f->level));
		}
		buf_puts(out, "- ");
		brief_md_text(out, f->text, "  ", false);
		buf_putc(out, '\n');
		md_causes(out, f, 1);
	}
}

/* Appends the questions skipped on purpose. */
static void
md_open(struct buf *out, const struct brief *b)
{
	size_t i;

	if (b->nopen == 0)
		return;
	md_heading(out, 2, _("Open items"));
	for (i = 0; i < b->nopen; i++) {
		buf_puts(out, "- ");
		brief_md_text(out, b->open[i].question, "  ", false);
		buf_puts(out, " — ");
		if (b->open[i].reason != NULL) {
			brief_md_text(out, _("skipped:"), "  ", false);
			buf_putc(out, ' ');
			brief_md_text(out, b->open[i].reason, "  ", false);
		} else {
			brief_md_text(out, _("skipped, no reason given"), "  ", false);
		}
		buf_putc(out, '\n');
	}
}

/* Appends the notes, each with its question and time. */
static void
md_notes(struct buf *out, const struct brief *b)
{
	size_t i;

	if (b->nnotes == 0)
		return;
	md_heading(out, 2, _("Notes"));
	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *n = &b->notes[i];

		buf_puts(out, "- ");
		if (n->question != NULL)
			md_strong(out, n->question, "  ");
		if (n->time != NULL)
			buf_printf(out, "%s(%s)", n->question != NULL ? " " : "", n->time);
		buf_puts(out, "  \n  ");
		brief_md_text(out, n->text, "  ", false);
		buf_putc(out, '\n');
	}
}

/* Appends one side of a change. */
static void
md_change_side(struct buf *out, const char *value, bool withdrawn)
{
	if (withdrawn)
		brief_md_text(out, _("(withdrawn)"), "  ", false);
	else if (value == NULL)
		brief_md_text(out, _("(skipped)"), "  ", false);
	else
		brief_md_text(out, value, "  ", false);
}

/* Appends the answers changed during the call. */
static void
md_changes(struct buf *out, const struct brief *b)
{
	size_t i;

	if (b->nchanges == 0)
		return;
	md_heading(out, 2, _("Changes during the call"));
	for (i = 0; i < b->nchanges; i++) {
		const struct brief_change *c = &b->changes[i];
		char *rung = c->rung > 0 ? xasprintf(_("why %d"), c->rung) : NULL;

		buf_puts(out, "- ");
		md_strong(out, c->question, "  ");
		if (rung != NULL)
			buf_printf(out, " (%s)", rung);
		if (c->time != NULL)
			buf_printf(out, ", %s", c->time);
		buf_puts(out, ": ");
		md_change_side(out, c->before, false);
		buf_puts(out, " → ");
		md_change_side(out, c->after, c->withdrawn);
		buf_putc(out, '\n');
		free(rung);
	}
}

/* Collapses runs of blank lines into one and ends s with one newline:
 * the blocks above each leave a blank line around them. */
static char *
md_tidy(char *s)
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

/* The brief as Markdown. */
char *
brief_md(const struct brief *b, bool share)
{
	struct buf out = { 0 };
	size_t i;

	md_header(&out, b);
	if (b->request != NULL) {
		md_heading(&out, 2, _("The stated request"));
		buf_puts(&out, "> ");
		brief_md_text(&out, b->request, "> ", true);
		buf_puts(&out, "\n");
	}
	for (i = 0; i < b->nladders; i++)
		md_ladder(&out, &b->ladders[i]);
	for (i = 0; i < b->nsections; i++)
		md_section(&out, &b->sections[i]);
	if (!share)
		md_flags(&out, b);
	md_open(&out, b);
	if (!share) {
		md_notes(&out, b);
		md_changes(&out, b);
	}
	return md_tidy(buf_take(&out));
}
