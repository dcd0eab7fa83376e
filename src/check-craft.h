/* check-craft.h: craft warnings: discovery questions phrased in the ways
 * that are known to go wrong (leading, double-barrelled, blaming, loaded,
 * closed), in English and French. */
#ifndef WHYLINE_CHECK_CRAFT_H
#define WHYLINE_CHECK_CRAFT_H

#include "diag.h"
#include "tree.h"

/* What is wrong with a question's wording. */
enum craft_kind {
	CRAFT_OK,
	CRAFT_LEADING,		/* "Don't you think...": the answer is in the question */
	CRAFT_BLAME,		/* "Who is to blame...": asks for a culprit */
	CRAFT_DOUBLE,		/* two questions in one */
	CRAFT_LOADED,		/* "always", "never", "every" aimed at the client */
	CRAFT_CLOSED		/* yes/no where an open question teaches more */
};

/* The first problem of the question text ask ("en" or "fr", else English
 * rules), with *word set to the words that show it (owned, or NULL), and
 * closed questions only when closed_matters. */
enum craft_kind craft_judge(const char *ask, const char *lang, bool closed_matters,
    char **word);
/* The name of a kind, for tests and messages: "leading", "blame"... */
const char *craft_kind_name(enum craft_kind k);
/* Adds a warning to d for each question of t whose `ask` goes wrong in a
 * known way, with a better phrasing suggested; a question with `craft:
 * false` is left alone, and notes are not questions. */
void check_craft(const struct tree *t, struct diags *d);

#endif
