/* brief-md.c: Markdown escaping for the brief (brief-layout.c) and for
 * templates: every piece of text that is not the program's own markup
 * goes through brief_md_text, so an answer cannot open any Markdown
 * structure, and only what could is escaped, so that the text still
 * reads as typed ("P&L", "~2 posts"). */
#include "config.h"

#include "brief-md.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* True for the characters escaped wherever they are: they can open
 * emphasis, code, links, autolinks, raw HTML or table cells. */
static bool
md_special(unsigned char c)
{
	switch (c) {
	case '\\': case '`': case '*': case '[': case ']': case '<': case '|':
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

/* True when s, after '&', makes an HTML entity or character reference:
 * letters and digits, or '#' and digits, then ';'. */
static bool
md_entity_start(const char *s)
{
	size_t n = 0;

	if (*s == '#')
		s++;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	    (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n > 0 && s[n] == ';';
}

/* True for a character escaped only where it could act: '#' and '>'
 * first on a line (a heading, a block quote), '~' beside another (a
 * fence, a strikethrough). */
static bool
md_contextual(const char *s, size_t i, size_t first, size_t n)
{
	switch (s[i]) {
	case '#':
	case '>':
		return i == first;
	case '~':
		return (i + 1 < n && s[i + 1] == '~') || (i > first && s[i - 1] == '~');
	default:
		return false;
	}
}

/* True for a byte md_line copies as it is wherever it stands: not a
 * control, not the first byte of a C1 control, and none of the
 * characters that may need a backslash. */
static bool
md_plain(unsigned char c)
{
	static unsigned char table[256];	/* 1: plain, 2: not; 0: not yet known */

	if (table[c] == 0)
		table[c] = c >= 0x20 && c != 0x7f && c != 0xc2 && c != '&' && c != '_' &&
		    c != '#' && c != '>' && c != '~' && !md_special(c) ? 1 : 2;
	return table[c] == 1;
}

/* The length of the Unicode space at s (n bytes left) that CommonMark
 * counts as white space beside emphasis (no-break, ideographic, the
 * U+2000 ones...), 0 when there is none. */
static size_t
md_uspace(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (n < 3)
		return 0;
	if ((s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80) ||
	    (s[0] == 0xe2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xaf)) ||
	    (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
	    (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80))
		return 3;
	return 0;
}

/* Narrows [*i, *n) of line s to what is between its outer white space,
 * Unicode spaces too: a text that began with a no-break space would keep
 * the writer's "**" before it from opening emphasis. */
static void
md_trim(const char *line, size_t *i, size_t *n)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t k;

	while (*i < *n) {
		if (s[*i] == ' ' || s[*i] == '\t')
			k = 1;
		else if (s[*i] < 0x80 || (k = md_uspace(s + *i, *n - *i)) == 0)
			break;
		*i += k;
	}
	while (*n > *i) {
		if (s[*n - 1] == ' ' || s[*n - 1] == '\t')
			k = 1;
		else if (s[*n - 1] < 0x80)
			break;
		else if (*n - *i >= 2 && md_uspace(s + *n - 2, 2) == 2)
			k = 2;
		else if (*n - *i >= 3 && md_uspace(s + *n - 3, 3) == 3)
			k = 3;
		else
			break;
		*n -= k;
	}
}

/* Appends one line (without its newline) escaped; the line starts a
 * Markdown line. */
static void
md_line(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, d, run, first;

	md_trim(s, &i, &n);
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
	for (run = first = i; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Plain bytes are copied in runs; '#', '>' and '~' too where
		 * they cannot start anything. */
		if (md_plain(c) || ((c == '#' || c == '>' || c == '~') &&
		    !md_contextual(s, i, first, n)))
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
			if (md_special(c) || md_contextual(s, i, first, n) ||
			    (c == '&' && md_entity_start(s + i + 1)) ||
			    (c == '_' && (i == 0 || !md_alnum((unsigned char)s[i - 1]) ||
			    i + 1 == n || !md_alnum((unsigned char)s[i + 1]))))
				buf_putc(out, '\\');
			buf_putc(out, (char)c);
		}
	}
	buf_add(out, s + run, n - run);
}

/* True when s[0..n) holds nothing but white space (Unicode spaces too)
 * and control characters (C1 ones too), which md_line would turn into
 * nothing. */
static bool
md_blank(const char *s, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			i++;
		else if ((k = md_uspace((const unsigned char *)s + i, n - i)) > 0)
			i += k - 1;
		else if (c > ' ' && c != 0x7f)
			return false;
	}
	return true;
}

/* True for a byte html_line copies as it is: printable ASCII that HTML
 * does not escape, and the bytes of UTF-8 characters. */
static bool
html_plain(unsigned char c)
{
	static unsigned char table[256];	/* 1: plain, 2: not; 0: not yet known */

	if (table[c] == 0)
		table[c] = (c >= 0x20 && c != 0x7f) && c != '&' && c != '<' && c != '>' &&
		    c != '"' ? 1 : 2;
	return table[c] == 1;
}

/* Appends one line (without its newline, cleaned by put_lines: UTF-8
 * without controls) as HTML text: what cmark makes of md_line's Markdown
 * of it. Outer white space goes, a tab is a space, and '&', '<', '>' and
 * '"' are escaped. */
static void
html_line(struct buf *out, const char *line, size_t n)
{
	const unsigned char *s = (const unsigned char *)line;
	size_t i = 0, run;

	md_trim(line, &i, &n);
	for (run = i; i < n; i++) {
		unsigned char c = s[i];

		if (html_plain(c))
			continue;
		buf_add(out, line + run, i - run);
		buf_puts(out, c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" :
		    c == '"' ? "&quot;" : c == '\t' ? " " : "");
		run = i + 1;
	}
	buf_add(out, line + run, n - run);
}

/* Escapes the run of '#' that ends a one-line text after a space: at the
 * end of a heading, cmark would take it for the closing sequence and
 * drop it ("Team #"). The text began at out->s[start]. */
static void
md_heading_end(struct buf *out, size_t start)
{
	size_t k = out->len;

	while (k > start && out->s[k - 1] == '#')
		k--;
	if (k == out->len || k == start || out->s[k - 1] != ' ')
		return;
	buf_putc(out, '#');
	out->s[k] = '\\';
}

/* How put_lines writes a text: as Markdown (at an indent), or as the HTML
 * cmark makes of that Markdown. */
struct lines_to {
	bool html;
	const char *indent;	/* Markdown: NULL for one line (a heading) */
	bool one_line;		/* lines joined by spaces */
	bool paragraphs;	/* an empty line starts a paragraph */
};

/* Appends untrusted text, cleaned first (line breaks as \n, then
 * str_terminal: bytes that are not UTF-8 as U+FFFD, control characters
 * gone, to a fixed point), so that no byte dropped later can
 * make a line mean something else; returns the number of paragraphs
 * written (0: the text is blank). */
static size_t
put_lines(struct buf *out, const char *text, const struct lines_to *to)
{
	bool started = false, gap = false;
	size_t n, k, paras = 0, start = out->len;
	char *clean, *lf, *p;
	const char *s;

	if (text == NULL)
		return 0;
	/* Most text is ASCII without CR and controls: it is used as it is. */
	for (s = text; *s != '\0' && ((unsigned char)*s >= 0x20 || *s == '\n') &&
	    (unsigned char)*s < 0x7f; s++)
		;
	clean = NULL;
	if (*s != '\0') {
		lf = xstrdup(text);
		for (p = lf, s = lf; *s != '\0'; s++) {
			if (*s == '\r' && s[1] == '\n')
				s++;
			*p++ = *s == '\r' ? '\n' : *s;
		}
		*p = '\0';
		clean = str_terminal(lf, true);
		free(lf);
	}
	s = clean != NULL ? clean : text;
	for (;;) {
		n = strcspn(s, "\n\r");
		if (md_blank(s, n)) {
			gap = gap || started;
		} else {
			if (started && gap && to->paragraphs && !to->one_line) {
				paras++;
				if (to->html) {
					buf_puts(out, "</p>\n<p>");
				} else {
					/* A blank line (with the indent's quote marks). */
					buf_putc(out, '\n');
					for (k = strlen(to->indent); k > 0 && to->indent[k - 1] == ' '; k--)
						;
					buf_add(out, to->indent, k);
					buf_putc(out, '\n');
					buf_puts(out, to->indent);
				}
			} else if (started && to->one_line) {
				buf_putc(out, ' ');
			} else if (started) {
				buf_puts(out, to->html ? "<br />\n" : "  \n");
				if (!to->html)
					buf_puts(out, to->indent);
			} else {
				paras++;
			}
			if (to->html)
				html_line(out, s, n);
			else
				md_line(out, s, n);
			started = true;
			gap = false;
		}
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	if (to->one_line && !to->html)
		md_heading_end(out, start);
	free(clean);
	return paras;
}

/* Appends untrusted text, escaped for Markdown. */
void
brief_md_text(struct buf *out, const char *text, const char *indent,
    bool paragraphs)
{
	struct lines_to to = { false, indent, indent == NULL, paragraphs };

	put_lines(out, text, &to);
}

/* Appends untrusted text as HTML, as cmark renders brief_md_text's
 * Markdown of it. */
size_t
brief_html_text(struct buf *out, const char *text, enum brief_join join)
{
	struct lines_to to = { true, NULL, join == BRIEF_JOIN_SPACE,
	    join == BRIEF_JOIN_PARAGRAPHS };

	return put_lines(out, text, &to);
}

/* Escapes a template's {{name}} value. */
void
brief_md_escape(struct buf *out, const char *s, void *arg)
{
	(void)arg;
	brief_md_text(out, s, "", false);
}
