/* check.h: the meaning of a loaded tree, checked (SPEC section 2). */
#ifndef WHYLINE_CHECK_H
#define WHYLINE_CHECK_H

#include "diag.h"
#include "tree.h"

/* Adds to d every problem of meaning in t: ids used twice, choice questions
 * without choices or with a value twice, follow_up keys that are not values,
 * conditions SQLite cannot compile or that name unknown or later questions,
 * templates likewise or not closed, ladders whose from is unknown, min over
 * max, defaults that are not answers; and warnings for questions no answer
 * can reach. */
void check_tree(const struct tree *t, struct diags *d);

#endif
