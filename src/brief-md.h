/* brief-md.h: the brief as Markdown (CommonMark), readable as plain text,
 * and the escaping that keeps untrusted text (answers, notes, and the tree
 * strings they are filled into) from changing its structure. */
#ifndef WHYLINE_BRIEF_MD_H
#define WHYLINE_BRIEF_MD_H

#include <stdbool.h>
#include <stddef.h>

#include "brief.h"
#include "buf.h"

/* Appends s so that Markdown reads it as the text it is, inside the
 * paragraph it is put in: the ASCII punctuation that can start emphasis,
 * code, links, autolinks, raw HTML or tables is backslash-escaped anywhere,
 * '&' where it would make an entity, '~' beside another, and at the start
 * of each line whatever could open a heading, a list, a block quote, a
 * code fence or a thematic break; leading white
 * space (an indented code block) and control characters go. Line breaks
 * become hard breaks, each new line prefixed by indent; with paragraphs, an
 * empty line starts a new paragraph instead (at the same indent), else
 * empty lines go. With indent NULL the text stays on one line (a heading):
 * line breaks become spaces. */
void brief_md_text(struct buf *out, const char *s, const char *indent,
    bool paragraphs);
/* How brief_html_text joins the lines of a text, as brief_md_text does
 * with indent NULL, with an indent, and with paragraphs. */
enum brief_join {
	BRIEF_JOIN_SPACE,	/* on one line (a heading) */
	BRIEF_JOIN_BREAK,	/* line breaks as hard breaks, empty lines gone */
	BRIEF_JOIN_PARAGRAPHS	/* ... and an empty line between paragraphs */
};
/* Appends s as the HTML text that cmark (safe, validating UTF-8) makes of
 * brief_md_text's Markdown of it inside a paragraph: the same lines, with
 * hard breaks as "<br />\n", a new paragraph as "</p>\n<p>", '&', '<',
 * '>' and '"' escaped and what is not well-formed UTF-8 as U+FFFD. Returns
 * the number of paragraphs written: 0 when s is blank. */
size_t brief_html_text(struct buf *out, const char *s, enum brief_join join);
/* brief_md_text(out, s, "", false), as a mustache_escape_fn for {{name}}
 * in templates (arg is unused). */
void brief_md_escape(struct buf *out, const char *s, void *arg);

/* The brief in its default layout (brief-layout.c), as Markdown, as plain
 * text for an e-mail, and as the HTML fragment that cmark makes of its
 * Markdown (owned). A client's copy is built as one (brief_build with
 * share). */
char *brief_md(const struct brief *b);
char *brief_plain(const struct brief *b);
char *brief_html(const struct brief *b);

#endif
