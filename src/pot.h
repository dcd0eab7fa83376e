/* pot.h: a gettext template (POT) of a tree's strings, for translators
 * (`whyline pot`, SPEC section 6): one entry per distinct string, with
 * every place it comes from and what it is. The module builds the text;
 * the command prints it. */
#ifndef WHYLINE_POT_H
#define WHYLINE_POT_H

#include "tree.h"

struct pot;

struct pot *pot_new(void);
/* Adds t's translatable strings in document order, merging a string met
 * before into its entry; references name t->path. */
void pot_add_tree(struct pot *p, const struct tree *t);
/* The POT file: a header for project ("five-whys 1.0") and domain,
 * created at date ("2026-03-02 09:05+0000"), then the entries in the
 * order they were first added (owned). */
char *pot_text(const struct pot *p, const char *project, const char *domain,
    const char *date);
void pot_free(struct pot *p);

#endif
