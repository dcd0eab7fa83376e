/* check-lang.h: the strings of a tree that have no translation in a
 * language (`whyline check --lang LL`, SPEC sections 2 and 6). */
#ifndef WHYLINE_CHECK_LANG_H
#define WHYLINE_CHECK_LANG_H

#include "diag.h"
#include "tree.h"

/* Adds to d a warning for each string of t that has no translation in ll,
 * in the catalog of t's domain found as a session would find it
 * (locale_dir, may be NULL, first). When no folder holds a catalog for ll,
 * adds one warning naming the domain and the folders, not one per string.
 * Nothing when ll is the language the tree is written in. The program's
 * own messages keep their language. */
void check_lang(const struct tree *t, const char *ll, const char *locale_dir,
    struct diags *d);

#endif
