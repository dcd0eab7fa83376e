/* mustache.h: Mustache templates (variables, sections, inverted sections,
 * comments, set-delimiter) rendered over a JSON context, for briefs.
 *
 * The template is parsed once into a node list and then rendered; every
 * problem but its cost is found while parsing, so a template that renders
 * once with any context renders with all of them within the bounds above. Partials are not supported and are an
 * error. The library never prints: problems come back in a mustache_error. */
#ifndef WHYLINE_MUSTACHE_H
#define WHYLINE_MUSTACHE_H

#include "buf.h"
#include "jdoc.h"

/* Sections nested deeper than this are an error. */
#define MUSTACHE_MAX_DEPTH 64
/* What one rendering may cost: a template whose sections multiply over
 * lists (sections nested 30 deep over 3 items are 3^30 passes) stops with an
 * error once it has rendered this many nodes, or once its output is larger
 * than this many bytes. A brief of the largest tree stays far below both. */
#define MUSTACHE_MAX_STEPS (20u * 1000 * 1000)
#define MUSTACHE_MAX_OUTPUT (64u * 1024 * 1024)

/* Where a template is wrong: line and col are 1-based (col counts
 * characters, not bytes); msg is owned by the caller, who frees it. */
struct mustache_error {
	unsigned line;
	unsigned col;
	char *msg;
};

/* Appends s, escaped for the output format, to out. */
typedef void mustache_escape_fn(struct buf *out, const char *s, void *arg);

/* The default escape function: HTML, turning & " < > ' into entities. */
void mustache_escape_html(struct buf *out, const char *s, void *arg);

/* Renders tmpl over ctx (borrowed; NULL is an empty context). {{name}} goes
 * through esc(out, text, arg) (NULL: mustache_escape_html); {{{name}}} and
 * {{& name}} do not. Strings print as they are, integers in decimal, reals in
 * the fewest digits that read back the same ("1.21"), true and false as
 * words, null and missing names as nothing, lists as their items joined by
 * ", ", and objects as nothing. In sections, false, null, missing names, ""
 * and [] are false; everything else (0 and {} too) is true. Returns the text
 * (the caller frees it), or NULL with *err filled. */
char *mustache_render(const char *tmpl, const json_t *ctx,
    mustache_escape_fn *esc, void *arg, struct mustache_error *err);

#endif
