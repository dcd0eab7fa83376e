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
/* Binds the program's own domain ("whyline") to locale_dir when it holds
 * a catalog for ll (NULL: the language in use), else to the installed
 * folder, so that an uninstalled build can speak its language. */
void lang_bind_program(const char *locale_dir, const char *ll);
/* True when dir holds a catalog of domain for ll, or for its language
 * alone ("fr" for "fr_CA"), as gettext would find it. */
bool lang_has_catalog(const char *dir, const char *ll, const char *domain);

/* What lang_set changes, kept to be put back: check --lang looks strings
 * up in a language without switching the program's messages. */
struct lang_state {
	char *language;		/* $LANGUAGE, NULL when unset */
	char *messages;		/* the LC_MESSAGES and LC_CTYPE locales */
	char *ctype;
};

/* Saves the language settings into st. */
void lang_save(struct lang_state *st);
/* Puts back what lang_save saved, and frees it. */
void lang_restore(struct lang_state *st);

/* A tree's catalog: its gettext domain bound to the first folder that has
 * a catalog for the language in use. */
struct tree_lang {
	char *domain;
	char *dir;		/* NULL when no catalog was found */
};

#define TREE_LANG_NDIRS 3

/* The gettext domain of t's strings: its `domain`, else whyline-ID
 * (owned). */
char *tree_lang_domain(const struct tree *t);
/* The folders searched for t's catalogs, in order: locale_dir (unless
 * NULL), locale/ beside the tree, the installed folder. Fills dirs with
 * owned strings and returns how many (at most TREE_LANG_NDIRS). */
size_t tree_lang_dirs(const struct tree *t, const char *locale_dir, char **dirs);
/* The first of those folders that holds a catalog of domain for ll
 * (owned), or NULL. */
char *tree_lang_find(const struct tree *t, const char *domain,
    const char *locale_dir, const char *ll);

/* Binds t's domain for language ll, looking in locale_dir (may be NULL),
 * then in locale/ beside the tree, then in the installed folder. */
void tree_lang_bind(struct tree_lang *tl, const struct tree *t,
    const char *locale_dir, const char *ll);
/* Translates a tree string (answer_tr_fn; arg is a struct tree_lang). */
const char *tree_lang_tr(void *arg, const char *msgid);
void tree_lang_clear(struct tree_lang *tl);

#endif
