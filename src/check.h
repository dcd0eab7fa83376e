/* check.h: the meaning of a loaded tree, checked (SPEC section 2). */
#ifndef WHYLINE_CHECK_H
#define WHYLINE_CHECK_H

#include "diag.h"
#include "tree.h"

/* Adds to d every problem of meaning in t: ids used twice, choice questions
 * without choices or with a value twice, follow_up keys that are not values,
 * conditions SQLite cannot compile or that name unknown or later questions,
 * templates likewise or not closed, ladders whose from is unknown, min over
 * max, defaults that are not answers; and, when warnings, warnings for
 * questions no answer can reach (a search that only `whyline check` needs)
 * and for an 'invalid' never shown. */
void check_tree(const struct tree *t, bool warnings, struct diags *d);
/* Loads the tree in path and checks it: every error is added to d, those
 * of its meaning too when its shape already has some, as `whyline check`
 * shows them; with all, the warnings too. Returns the tree, or NULL when it
 * cannot be read or has an error. */
struct tree *check_load(const char *path, bool all, struct diags *d);
/* check_load with all, for a caller that wants the tree's problems and
 * model only: the file's bytes are not kept (see tree_load_model). */
struct tree *check_load_model(const char *path, struct diags *d);

#endif
