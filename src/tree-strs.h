/* tree-strs.h: the strings of a tree that a catalog translates (SPEC
 * section 6), listed for `whyline pot` and `whyline check --lang`. */
#ifndef WHYLINE_TREE_STRS_H
#define WHYLINE_TREE_STRS_H

#include <stddef.h>

#include "tree.h"

/* One translatable string: its text and place (borrowed from the tree) and
 * what it is, for translators ("question request: ask"; owned). */
struct tree_str {
	const struct text *text;
	char *what;
	size_t seq;		/* the order it was listed in, for ties */
};

/* Lists t's translatable strings in document order (by line and column):
 * title, intro, section titles, ask, help, invalid, choice and scale
 * labels, goal, say. Empty strings are left out (gettext keeps "" for its
 * header). Sets *n; the caller frees the list with tree_strs_free. */
struct tree_str *tree_strs(const struct tree *t, size_t *n);
void tree_strs_free(struct tree_str *v, size_t n);

#endif
