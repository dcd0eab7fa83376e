/* lang.h: the language of the program's own messages (gettext, domain
 * "whyline"; SPEC section 6). It is the process's: only the command layer
 * (main.c, cmd*.c) and the interview's /lang switch it, through lang_set.
 * A tree's strings go through its own catalog handle (tree-cat.h). */
#ifndef WHYLINE_LANG_H
#define WHYLINE_LANG_H

#include <stdbool.h>

/* Switches the program's messages to language ll ("fr", "pt_BR"), taking
 * whyline's catalog from locale_dir when it has one for that language,
 * else from the installed folder. ll NULL or "" keeps the locale's
 * language. Works in the C locale too. It sets $LANGUAGE and the locale:
 * library modules never call it. */
void lang_set(const char *ll, const char *locale_dir);
/* The language in use as a short code ("en" in the C locale); owned. */
char *lang_current(void);
/* The short code of a language or locale name ("fr_FR.UTF-8" -> "fr",
 * "C" -> "en"); owned, NULL for NULL. */
char *lang_code(const char *name);
/* Language ll named for people in the messages' language ("English",
 * "Portuguese (pt_BR)"), or ll itself when whyline has no name for it;
 * owned, NULL for NULL. */
char *lang_name(const char *ll);
/* True when dir holds a catalog of domain for ll, or for its language
 * alone ("fr" for "fr_CA"), as gettext would find it. */
bool lang_has_catalog(const char *dir, const char *ll, const char *domain);

#endif
