/* test-brief-md.c: the Markdown escaping of untrusted text (answers in a
 * brief). Each hostile text is escaped, parsed back with cmark, and the
 * tree must hold nothing but the paragraph (or the list item, or the quote)
 * it was put in, whose text reads exactly as the answer did. The HTML that
 * cmark makes from it must hold no tag or link that came from the text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cmark.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "buf.h"
#include "mustache.h"
#include "util.h"

/* Texts that would change a Markdown document if they went in as they are. */
static const char *const hostile[] = {
	"# Heading",
	"  ## Heading with spaces",
	"Heading #",
	"Title\n=====",
	"Title\n-----",
	"- item",
	"* item",
	"+ item",
	"1. one",
	"1) one",
	"2. two\n3. three",
	"- [ ] task",
	"| a | b |\n|---|---|\n| c | d |",
	"a | b\n--|--",
	"[x](javascript:alert(1))",
	"[x]: javascript:alert(1)",
	"![img](http://example.com/x.png)",
	"<https://example.com>",
	"<javascript:alert(1)>",
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"<!-- comment -->",
	"<div>\nblock\n</div>",
	"foo <a href=\"javascript:alert(1)\">x</a>",
	"```\ncode\n```",
	"~~~\ncode\n~~~",
	"    indented code",
	"\tcode after a tab",
	"`inline code`",
	"text with `inline code` inside",
	"text with <b>bold</b> and <https://example.com> inside",
	"text with [a link](https://example.com) inside",
	"> quote",
	">> nested quote",
	"---",
	"***",
	"___",
	"* * *",
	"*emphasis* _emphasis_ **strong** __strong__",
	"_start and end_ and __init__ and a_b_",
	"intra*word*emphasis and snake_case_name",
	"-\n+\n=\n--\n==",
	"- - -",
	"+ plus item",
	"10) ten",
	"123456789. big",
	"~~struck~~",
	"&lt;b&gt; &amp; &#x3C;script&#x3E; &copy;",
	"trailing backslash\\",
	"hard  \nbreak",
	"backslash \\* star",
	"red \x1b[31mtext\x1b[0m and a bell\x07 and \xc2\x9b C1",
	"line one\nline two\n\nafter a blank line",
	"first\n\xc2\x85\xc2\x9b\x1b\nafter a line of control characters",
	"   \n  leading blank lines",
	"=",
	"-",
	"1.",
	"#",
	/* Dropping one control character joins its neighbours into another
	 * (a C1 control, then a list item); a dropped escape makes "===" a
	 * setext underline. */
	"\xc2\xc2\x93\x93- injected list item",
	"\xc2\xc2\xc2\x93\x93\x93# injected heading",
	"a\xc2\x01\x93- b",
	"\x9b" "2J- after an 8-bit CSI",
	"\xe2\x80\xae- right to left\xe2\x81\xa6 isolated\xe2\x81\xa9",
	"x\n=\x1b==",
	"x\r=\x1b==",
	"x\n-\x1b--",
	"A paragraph answer that has several lines:\n- not a list\n# not a heading\n> not a quote\n```\nnot code",
	NULL
};

/* What the text should read as: control characters gone, each line without
 * its outer white space, tabs as spaces, empty lines gone, lines joined by
 * newlines (hard breaks). */
static char *
expected_text(const char *text)
{
	struct buf out = { 0 }, line = { 0 };
	const char *p, *r;
	char *l, *t, *clean, *s, *w;
	size_t len;

	/* A carriage return ends a line too; a byte that is not UTF-8 is
	 * U+FFFD. */
	for (r = text; *r != '\0'; r += len) {
		if ((len = str_char_len(r, NULL)) == 0) {
			buf_puts(&line, "\xef\xbf\xbd");
			len = 1;
		} else {
			buf_add(&line, *r == '\r' ? "\n" : r, len);
		}
	}
	s = clean = buf_take(&line);
	/* Every control character goes, until none is left. */
	for (;;) {
		size_t before = strlen(clean);

		for (w = clean, r = clean; *r != '\0';) {
			unsigned long cp;

			len = str_char_len(r, &cp);
			if ((cp < 0x20 && cp != '\n' && cp != '\t') ||
			    (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069)) {
				r += len;
			} else {
				memmove(w, r, len);
				w += len;
				r += len;
			}
		}
		*w = '\0';
		if (strlen(clean) == before)
			break;
	}
	for (;;) {
		size_t n = strcspn(s, "\n");

		buf_reset(&line);
		for (p = s; p < s + n; p++) {
			unsigned char c = (unsigned char)*p;

			if (c == '\t')
				buf_putc(&line, ' ');
			else if (c == 0xc2 && p + 1 < s + n && (unsigned char)p[1] >= 0x80 &&
			    (unsigned char)p[1] <= 0x9f)
				p++;
			else if (c >= 0x20 && c != 0x7f)
				buf_putc(&line, (char)c);
		}
		l = xstrdup(buf_str(&line));
		t = str_trim(l);
		if (*t != '\0') {
			if (out.len > 0)
				buf_putc(&out, '\n');
			buf_puts(&out, t);
		}
		free(l);
		free(t);
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	buf_free(&line);
	free(clean);
	return buf_take(&out);
}

/* Checks that doc holds only the containers in want (in nesting order,
 * then paragraphs of inline text) and returns the text it reads as, with
 * hard breaks as newlines and paragraph breaks as "\n\n". */
static char *
doc_text(cmark_node *doc, const cmark_node_type *want, size_t nwant)
{
	cmark_iter *it = cmark_iter_new(doc);
	struct buf text = { 0 };
	cmark_event_type ev;
	size_t depth = 0, paragraphs = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_DOCUMENT)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			if (t != CMARK_NODE_PARAGRAPH && depth > 0)
				depth--;
			continue;
		}
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
			assert_int_equal(depth, nwant);
			if (paragraphs++ > 0)
				buf_puts(&text, "\n\n");
			break;
		case CMARK_NODE_TEXT:
			buf_puts(&text, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(&text, '\n');
			break;
		default:
			if (depth >= nwant || t != want[depth])
				fail_msg("unexpected %s node", cmark_node_get_type_string(n));
			depth++;
			break;
		}
	}
	cmark_iter_free(it);
	return buf_take(&text);
}

/* Parses md, checks its shape and text, and that its HTML has no tag from
 * the text. */
static void
check_md(const char *md, const char *input, const cmark_node_type *want,
    size_t nwant, const char *expected)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	char *text, *html;

	assert_non_null(doc);
	text = doc_text(doc, want, nwant);
	if (strcmp(text, expected) != 0)
		fail_msg("%s\nescaped as:\n%s\nreads as:\n%s\nnot:\n%s", input, md, text, expected);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<a "));
	assert_null(strstr(html, "<code"));
	assert_null(strstr(html, "<h"));
	assert_null(strstr(html, "<em"));
	assert_null(strstr(html, "<table"));
	assert_null(strstr(html, "<!--"));
	assert_null(strstr(html, "\x1b"));
	free(html);
	free(text);
	cmark_node_free(doc);
}

/* Each text alone, as one paragraph. */
static void
escape_paragraph(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; hostile[i] != NULL; i++) {
		struct buf md = { 0 };
		char *want = expected_text(hostile[i]);

		brief_md_text(&md, hostile[i], "", false);
		buf_puts(&md, "\n");
		if (*want == '\0')
			assert_int_equal(md.len, 1);
		else
			check_md(buf_str(&md), hostile[i], NULL, 0, want);
		buf_free(&md);
		free(want);
	}
}

/* Each text right after a line of the writer's own (a question in bold),
 * where a setext underline or a list would take over the paragraph. */
static void
escape_after_a_line(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; hostile[i] != NULL; i++) {
		struct buf md = { 0 };
		char *want = expected_text(hostile[i]);
		char *both = xasprintf("Question?\n%s", want);

		if (*want == '\0') {
			free(want);
			free(both);
			continue;
		}
		buf_puts(&md, "Question?  \n");
		brief_md_text(&md, hostile[i], "", false);
		buf_puts(&md, "\n\n");
		check_md(buf_str(&md), hostile[i], NULL, 0, both);
		buf_free(&md);
		free(want);
		free(both);
	}
}

/* Each text as the one item of a list, continued at the item's indent. */
static void
escape_list_item(void **state)
{
	static const cmark_node_type want[] = { CMARK_NODE_LIST, CMARK_NODE_ITEM };
	size_t i;

	(void)state;
	for (i = 0; hostile[i] != NULL; i++) {
		struct buf md = { 0 };
		char *text = expected_text(hostile[i]);

		if (*text == '\0') {
			free(text);
			continue;
		}
		buf_puts(&md, "- ");
		brief_md_text(&md, hostile[i], "  ", false);
		buf_puts(&md, "\n");
		check_md(buf_str(&md), hostile[i], want, 2, text);
		buf_free(&md);
		free(text);
	}
}

/* A multi-line answer in a block quote keeps its paragraphs, and only them. */
static void
escape_quote_paragraphs(void **state)
{
	static const cmark_node_type want[] = { CMARK_NODE_BLOCK_QUOTE };
	const char *answer = "First line\n# second\n\n- third, a new paragraph\n\n\n```\n";
	struct buf md = { 0 };

	(void)state;
	buf_puts(&md, "> ");
	brief_md_text(&md, answer, "> ", true);
	buf_puts(&md, "\n");
	check_md(buf_str(&md), answer, want, 1,
	    "First line\n# second\n\n- third, a new paragraph\n\n```");
	buf_free(&md);
}

/* In one-line mode (headings), line breaks become spaces. */
static void
escape_one_line(void **state)
{
	struct buf md = { 0 };
	cmark_node *doc;
	char *html;

	(void)state;
	buf_puts(&md, "## ");
	brief_md_text(&md, "Client\n# Injected\n- list", NULL, false);
	buf_puts(&md, "\n");
	doc = cmark_parse_document(buf_str(&md), md.len, CMARK_OPT_DEFAULT);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	assert_string_equal(html, "<h2>Client # Injected - list</h2>\n");
	free(html);
	cmark_node_free(doc);
	buf_free(&md);
}

/* A heading keeps a '#' that ends it, which cmark would take for its
 * closing sequence, and the writer's emphasis holds around a text that
 * begins or ends with a no-break space (which goes, as outer space). */
static void
escape_heading_end_and_spaces(void **state)
{
	struct buf md = { 0 };
	char *html;

	(void)state;
	buf_puts(&md, "## ");
	brief_md_text(&md, "Team #", NULL, false);
	assert_string_equal(buf_str(&md), "## Team \\#");
	html = cmark_markdown_to_html(md.s, md.len, CMARK_OPT_DEFAULT);
	assert_string_equal(html, "<h2>Team #</h2>\n");
	free(html);
	buf_reset(&md);
	buf_puts(&md, "**");
	brief_md_text(&md, "\xc2\xa0" "Budget\xe3\x80\x80", "", false);
	buf_puts(&md, "**");
	html = cmark_markdown_to_html(md.s, md.len, CMARK_OPT_DEFAULT);
	assert_string_equal(html, "<p><strong>Budget</strong></p>\n");
	free(html);
	buf_free(&md);
}

/* {{name}} in a template goes through the escaping; {{{name}}} does not. */
static void
escape_template(void **state)
{
	struct mustache_error err;
	json_t *ctx = json_pack("{s:s, s:s}", "answer",
	    "# Heading\n- item\n<script>alert(1)</script>\n[x](javascript:alert(1))",
	    "raw", "*raw*");
	char *out, *html;

	(void)state;
	out = mustache_render("## Answers\n\n- {{answer}}\n\n{{{raw}}}\n", ctx,
	    brief_md_escape, NULL, &err);
	assert_non_null(out);
	html = cmark_markdown_to_html(out, strlen(out), CMARK_OPT_DEFAULT);
	assert_string_equal(html,
	    "<h2>Answers</h2>\n<ul>\n<li># Heading<br />\n- item<br />\n"
	    "&lt;script&gt;alert(1)&lt;/script&gt;<br />\n"
	    "[x](javascript:alert(1))</li>\n</ul>\n<p><em>raw</em></p>\n");
	free(html);
	free(out);
	json_decref(ctx);
}

/* GitHub's Markdown (GFM) reads tables, strikethrough and task lists that
 * cmark does not: their marks are escaped too. */
static void
escape_gfm(void **state)
{
	struct buf md = { 0 };

	(void)state;
	brief_md_text(&md, "| a | b |\n|---|---|\n~~gone~~", "", false);
	assert_string_equal(buf_str(&md), "\\| a \\| b \\|  \n\\|---\\|---\\|  \n\\~\\~gone\\~\\~");
	buf_free(&md);
}

/* Plain answers stay readable: nothing is escaped that need not be. */
static void
escape_plain_readable(void **state)
{
	struct buf md = { 0 };

	(void)state;
	brief_md_text(&md, "Stable revenue, more bookings (in winter): 20% more. "
	    "Tom & Jerry's! budget_amount is 2.1, -5 or +1; =x; 1.5 ok.", "", false);
	assert_string_equal(buf_str(&md),
	    "Stable revenue, more bookings (in winter): 20% more. "
	    "Tom & Jerry's! budget_amount is 2.1, -5 or +1; =x; 1.5 ok.");
	buf_reset(&md);
	brief_md_text(&md, "2.1 percent\n-5 degrees\n+1 vote\n=x\n1.5", "", false);
	assert_string_equal(buf_str(&md), "2.1 percent  \n-5 degrees  \n+1 vote  \n=x  \n1.5");
	buf_free(&md);
}

/* P&L, ~2 and a > b read as typed; an entity, a '#' or '>' opening a
 * line, and '~~' are escaped (they would act). */
static void
escape_only_what_acts(void **state)
{
	struct buf md = { 0 };

	(void)state;
	brief_md_text(&md, "P&L up ~2 posts, a > b, #1 & AT&T\n# no\n> no &amp; &#60; ~~x", "",
	    false);
	assert_string_equal(buf_str(&md), "P&L up ~2 posts, a > b, #1 & AT&T  \n"
	    "\\# no  \n\\> no \\&amp; \\&#60; \\~\\~x");
	buf_free(&md);
}

/* Texts besides the hostile ones where the HTML could part from cmark's:
 * nothing, blank lines, paragraphs, quotes and ampersands, UTF-8 that is
 * not well formed, a label's own punctuation. */
static const char *const odd[] = {
	"",
	" ",
	"\n\n",
	"\t",
	"plain words",
	"Is it urgent?",
	"Budget:",
	"a \"quoted\" word & <tag> and 'single' / slash",
	"\xff\xfe bytes, \x80 alone, \xc3 cut, \xe2\x82 cut, \xf0\x9f\x98 cut, "
	"\xed\xa0\x80 surrogate, \xc0\xaf overlong, \xf4\x90\x80\x80 too high, "
	"\xe0\x80\x80 overlong, \xf5\x80\x80\x80 none",
	"cut at the end \xe2\x82",
	"\xe2\x82\n\xf0\x9f\x98",
	"two\n\nparagraphs\n\n\nand a third",
	"\n\nblank lines first and last\n\n",
	"\xc3\xa9_\xc3\xa9, \xe6\x97\xa5\xe6\x9c\xac and \xf0\x9f\x98\x80",
	"tab\tinside\tand  two  spaces",
	"trailing spaces   \n   leading spaces",
	"Heading # with a hash inside",
	"\xc2\xa0no-break spaces at both ends\xc2\xa0",
	"(in brackets)",
	"***",
	"C#",
	NULL
};

/* A brief whose every text is one of two strings: a where labels go (the
 * heading, labels, titles), b where answers go. */
struct fake {
	struct session ss;
	struct question para, line;
	struct flag flag;
	struct brief_item summary[2];
	struct brief_action action;
	struct brief_cause cause;
	struct brief_flag flags[1];
	struct brief_open open[2];
	struct brief_node nodes[4];
	const char *goals[1];
	struct brief_ladder ladder;
	struct brief_qa qa[3];
	struct brief_section section;
	struct brief_note note;
	struct brief_change change[2];
	struct brief b;
};

/* Fills f with a and b (borrowed: the brief is never cleared). */
static void
fake_brief(struct fake *f, const char *a, const char *b)
{
	char *la = (char *)a, *tb = (char *)b;

	memset(f, 0, sizeof *f);
	strcpy(f->ss.row.id, "12345678-aaaa-4bbb-8ccc-123456789abc");
	f->ss.row.client = tb;
	f->ss.row.consultant = tb;
	f->ss.row.language = (char *)"en";
	f->ss.row.status = (char *)"done";
	f->ss.row.tree_version = tb;
	f->para.type = QT_PARAGRAPH;
	f->line.type = QT_TEXT;
	f->flag.level = FLAG_RISK;
	f->summary[0] = (struct brief_item){ &f->para, la, tb };
	f->summary[1] = (struct brief_item){ &f->line, la, tb };
	f->action.text = tb;
	f->cause.label = la;
	f->flags[0] = (struct brief_flag){ &f->flag, tb, &f->cause, 1 };
	f->open[0] = (struct brief_open){ &f->line, NULL, la, tb, false };
	f->open[1] = (struct brief_open){ &f->line, NULL, la, NULL, true };
	f->nodes[0] = (struct brief_node){ 0, tb, -1, 0, NULL, false };
	f->nodes[1] = (struct brief_node){ 1, tb, 0, 1, NULL, false };
	f->nodes[2] = (struct brief_node){ 2, tb, 0, 2, "goal", true };
	f->nodes[3] = (struct brief_node){ 1, tb, 1, 1, NULL, true };
	f->goals[0] = tb;
	f->ladder.heading = la;
	f->ladder.nodes = f->nodes;
	f->ladder.nnodes = 4;
	f->ladder.goals = f->goals;
	f->ladder.ngoals = 1;
	f->qa[0] = (struct brief_qa){ .q = &f->para, .label = la, .answer = tb,
	    .confirmed_text = tb };
	f->qa[1] = (struct brief_qa){ .q = &f->para, .label = la, .answer = tb };
	f->qa[2] = (struct brief_qa){ .q = &f->line, .label = la, .answer = tb };
	f->section = (struct brief_section){ NULL, la, f->qa, 3 };
	f->note = (struct brief_note){ NULL, la, tb, NULL, (char *)"10:05" };
	f->change[0] = (struct brief_change){ .label = la, .before = tb, .after = tb,
	    .time = (char *)"10:06" };
	f->change[1] = (struct brief_change){ .label = la, .before = tb, .withdrawn = true,
	    .amended = true, .reason = tb, .date = (char *)"2026-11-30",
	    .time = (char *)"11:00" };
	f->b.ss = &f->ss;
	f->b.lang = (char *)"en";
	f->b.title = la;
	f->b.heading = la;
	f->b.first_at = (char *)"2026-11-30T10:00:00.000Z";
	f->b.last_at = (char *)"2026-11-30T10:20:00.000Z";
	f->b.seconds = 1200;
	f->b.summary = f->summary;
	f->b.nsummary = 2;
	f->b.actions = &f->action;
	f->b.nactions = 1;
	f->b.flags = f->flags;
	f->b.nflags = 1;
	f->b.open = f->open;
	f->b.nopen = 2;
	f->b.ladders = &f->ladder;
	f->b.nladders = 1;
	f->b.sections = &f->section;
	f->b.nsections = 1;
	f->b.notes = &f->note;
	f->b.nnotes = 1;
	f->b.changes = f->change;
	f->b.nchanges = 2;
}

/* The HTML of the brief of a and b, written straight, is what cmark (as
 * brief --format html ran it) makes of its Markdown. */
static void
check_html_as_cmark(const char *a, const char *b)
{
	struct fake f;
	char *md, *want, *got;

	fake_brief(&f, a, b);
	md = brief_md(&f.b);
	want = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
	got = brief_html(&f.b);
	if (strcmp(want, got) != 0)
		fail_msg("labels \"%s\", texts \"%s\"\nMarkdown:\n%s\ncmark:\n%s\nwritten:\n%s",
		    a, b, md, want, got);
	free(md);
	free(want);
	free(got);
}

/* UTF-8 that is not well formed is U+FFFD, byte by byte (cmark's check
 * has nothing left to replace); a sequence cut short by a letter keeps
 * the letter. */
static void
html_text_utf8(void **state)
{
	struct buf h = { 0 };

	(void)state;
	assert_int_equal(brief_html_text(&h, "a\xf0" "b\xc3\n\xe2\x82\xac \xed\xa0\x80 \xff<",
	    BRIEF_JOIN_BREAK), 1);
	assert_string_equal(buf_str(&h),
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd<br />\n\xe2\x82\xac "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd&lt;");
	buf_free(&h);
}

/* Every hostile and odd text, as labels, as answers and as both. */
static void
html_as_cmark(void **state)
{
	const char *const *lists[] = { hostile, odd };
	size_t l, i;

	(void)state;
	for (l = 0; l < 2; l++)
		for (i = 0; lists[l][i] != NULL; i++) {
			check_html_as_cmark(lists[l][i], lists[l][i]);
			check_html_as_cmark("Budget", lists[l][i]);
			check_html_as_cmark(lists[l][i], "An answer\nof two lines");
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_paragraph),
		cmocka_unit_test(escape_after_a_line),
		cmocka_unit_test(escape_list_item),
		cmocka_unit_test(escape_quote_paragraphs),
		cmocka_unit_test(escape_one_line),
		cmocka_unit_test(escape_heading_end_and_spaces),
		cmocka_unit_test(escape_template),
		cmocka_unit_test(escape_gfm),
		cmocka_unit_test(escape_plain_readable),
		cmocka_unit_test(escape_only_what_acts),
		cmocka_unit_test(html_text_utf8),
		cmocka_unit_test(html_as_cmark),
	};

	return cmocka_run_group_tests_name("brief-md", tests, NULL, NULL);
}
