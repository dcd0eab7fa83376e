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
	const char *p;
	char *l, *t, *clean = xstrdup(text), *s = clean, *w, *r;

	/* A carriage return ends a line too. */
	for (w = clean; *w != '\0'; w++)
		if (*w == '\r')
			*w = '\n';
	/* Every control character goes, until none is left. */
	for (;;) {
		size_t before = strlen(clean);

		for (w = r = clean; *r != '\0'; r++) {
			unsigned char b = (unsigned char)*r;

			if (b == 0xc2 && (unsigned char)r[1] >= 0x80 && (unsigned char)r[1] <= 0x9f)
				r++;
			else if ((b >= 0x20 && b != 0x7f) || b == '\n' || b == '\t')
				*w++ = *r;
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_paragraph),
		cmocka_unit_test(escape_after_a_line),
		cmocka_unit_test(escape_list_item),
		cmocka_unit_test(escape_quote_paragraphs),
		cmocka_unit_test(escape_one_line),
		cmocka_unit_test(escape_template),
		cmocka_unit_test(escape_gfm),
		cmocka_unit_test(escape_plain_readable),
		cmocka_unit_test(escape_only_what_acts),
	};

	return cmocka_run_group_tests_name("brief-md", tests, NULL, NULL);
}
