/* lang.h: the language of the program's messages and of a tree's strings
 * (gettext; SPEC section 6). */
#ifndef WHYLINE_LANG_H
#define WHYLINE_LANG_H

#include <stdbool.h>

#include "tree.h"

/* Switches the messages to language ll ("fr", "pt_BR"); NULL keeps the
 * locale's. Works in the C locale too. */
void lang_set(const char *ll);
/* The language in use as a short code ("en" in the C locale); owned. */
char *lang_current(void);

/* A tree's catalog: its gettext domain bound to the first folder that has
 * a catalog for the language in use. */
struct tree_lang {
	char *domain;
	char *dir;		/* NULL when no catalog was found */
};

/* Binds t's domain for language ll, looking in locale_dir (may be NULL),
 * then in locale/ beside the tree, then in the installed folder. */
void tree_lang_bind(struct tree_lang *tl, const struct tree *t,
    const char *locale_dir, const char *ll);
/* Translates a tree string (answer_tr_fn; arg is a struct tree_lang). */
const char *tree_lang_tr(void *arg, const char *msgid);
void tree_lang_clear(struct tree_lang *tl);

#endif
