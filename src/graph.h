/* graph.h: a tree's flow as Graphviz DOT, for authors (`whyline graph`):
 * a cluster per section, a node per question, the edges in the order
 * questions are asked, with follow-up values and conditions on them. */
#ifndef WHYLINE_GRAPH_H
#define WHYLINE_GRAPH_H

#include "buf.h"
#include "tree.h"

/* The DOT text of t's flow (owned). */
/* Translates a tree string (tree_cat_tr's shape); NULL: as written. */
typedef const char *graph_tr_fn(void *arg, const char *msgid);
/* The DOT text of t's flow; the tree's strings through tr(arg, s) when tr
 * is not NULL, whyline's own labels through gettext. */
char *graph_dot(const struct tree *t, graph_tr_fn *tr, void *arg);
/* Appends s to out as the inside of a DOT quoted string: quotes and
 * backslashes escaped, newlines as \n, control characters dropped. */
void graph_escape(struct buf *out, const char *s);

#endif
