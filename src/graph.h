/* graph.h: a tree's flow as Graphviz DOT, for authors (`whyline graph`):
 * a cluster per section, a node per question, the edges in the order
 * questions are asked, with follow-up values and conditions on them. */
#ifndef WHYLINE_GRAPH_H
#define WHYLINE_GRAPH_H

#include "buf.h"
#include "tree.h"

/* The DOT text of t's flow (owned). */
char *graph_dot(const struct tree *t);
/* Appends s to out as the inside of a DOT quoted string: quotes and
 * backslashes escaped, newlines as \n, control characters dropped. */
void graph_escape(struct buf *out, const char *s);

#endif
