/* lang.h: the language of the program's own messages (gettext, domain
 * "whyline"; SPEC section 6). A tree's strings go through its own catalog
 * handle (tree-cat.h). */
#ifndef WHYLINE_LANG_H
#define WHYLINE_LANG_H

#include <stdbool.h>

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

#endif
