/* fuzz-markdown.c: libFuzzer harness for the Markdown escaping: any bytes as
 * an untrusted text (an answer, a name, a note) escaped into the places the
 * brief puts them (a paragraph after the writer's own line, a list item, a
 * heading, a block quote of paragraphs), then parsed back with cmark. The
 * node kinds must be the ones the brief wrote, whatever the text: no
 * heading, list, code, HTML, link, image, emphasis, quote or break that came
 * from it. Any other node aborts, which libFuzzer reports with the input.
 * A text of well-formed UTF-8 written as HTML (brief_html_text) must be
 * what cmark makes of its Markdown in each place, byte for byte. */
#include "config.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "buf.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How many of each container the writer made; the rest must be inline
 * text and breaks, in paragraphs (at most one unless paragraphs). */
struct shape {
	int lists, items, headings, quotes;
	bool paragraphs;
};

static void
fail(const char *where, const char *md, const char *what)
{
	fprintf(stderr, "fuzz-markdown: %s: %s in:\n%s\n", where, what, md);
	abort();
}

static void
check(const char *where, const char *md, const struct shape *want)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct shape got = { 0, 0, 0, 0, false };
	int paragraphs = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
		case CMARK_NODE_TEXT:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		case CMARK_NODE_PARAGRAPH:
			paragraphs++;
			break;
		case CMARK_NODE_LIST:
			got.lists++;
			break;
		case CMARK_NODE_ITEM:
			got.items++;
			break;
		case CMARK_NODE_HEADING:
			got.headings++;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			got.quotes++;
			break;
		default:
			fail(where, md, cmark_node_get_type_string(n));
		}
	}
	if (got.lists != want->lists || got.items != want->items ||
	    got.headings != want->headings || got.quotes != want->quotes)
		fail(where, md, "a container that the text made");
	if (paragraphs > 1 && !want->paragraphs)
		fail(where, md, "a second paragraph");
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* Checks that cmark makes of md (safe, validating UTF-8, as brief --format
 * html did) the HTML that brief_html_text writes of text with join,
 * between before and after (its space dropped when the text is blank). */
static void
check_html(const char *where, const char *md, const char *text, enum brief_join join,
    const char *before, const char *after)
{
	struct buf want = { 0 };
	char *html = cmark_markdown_to_html(md, strlen(md),
	    CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);

	buf_puts(&want, before);
	if (brief_html_text(&want, text, join) == 0 && want.len > 0 &&
	    want.s[want.len - 1] == ' ')
		buf_truncate(&want, want.len - 1);
	buf_puts(&want, after);
	if (strcmp(html, buf_str(&want)) != 0) {
		fprintf(stderr, "fuzz-markdown: %s: cmark wrote\n%s\nnot\n%s\n", where, html,
		    buf_str(&want));
		fail(where, md, "HTML that is not cmark's");
	}
	buf_free(&want);
	free(html);
}

/* True when s is well-formed UTF-8. */
static bool
utf8_ok(const char *s)
{
	size_t len;

	for (; *s != '\0'; s += len)
		if ((len = str_char_len(s, NULL)) == 0)
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	bool html = utf8_ok(text);
	struct buf md = { 0 };
	struct shape para = { 0, 0, 0, 0, false }, item = { 1, 1, 0, 0, false };
	struct shape heading = { 0, 0, 1, 0, false }, quote = { 0, 0, 0, 1, true };

	/* After the writer's own line, where a setext underline could take
	 * the paragraph over. */
	buf_puts(&md, "Question?  \n");
	brief_md_text(&md, text, "", false);
	buf_puts(&md, "\n");
	check("paragraph", buf_str(&md), &para);

	buf_reset(&md);
	buf_puts(&md, "- Consultant: ");
	brief_md_text(&md, text, "  ", false);
	buf_puts(&md, "\n");
	check("list item", buf_str(&md), &item);
	if (html)
		check_html("list item", buf_str(&md), text, BRIEF_JOIN_BREAK,
		    "<ul>\n<li>Consultant: ", "</li>\n</ul>\n");

	buf_reset(&md);
	buf_puts(&md, "## ");
	brief_md_text(&md, text, NULL, false);
	buf_puts(&md, "\n");
	check("heading", buf_str(&md), &heading);
	if (html)
		check_html("heading", buf_str(&md), text, BRIEF_JOIN_SPACE, "<h2>", "</h2>\n");

	buf_reset(&md);
	buf_puts(&md, "> ");
	brief_md_text(&md, text, "> ", true);
	buf_puts(&md, "\n");
	check("block quote", buf_str(&md), &quote);

	/* A template's {{name}}: the escape function on its own. */
	buf_reset(&md);
	buf_puts(&md, "Said: ");
	brief_md_escape(&md, text, NULL);
	buf_puts(&md, "\n");
	check("template value", buf_str(&md), &para);

	buf_free(&md);
	free(text);
	return 0;
}
