/* refusal.h: the words for the engine's refusals, in the user's language:
 * the engine says why with a code (enum engine_why), its callers (the
 * live interview, an answers file) say it to a person. */
#ifndef WHYLINE_REFUSAL_H
#define WHYLINE_REFUSAL_H

#include "engine.h"

/* The message for a refusal and its detail (owned). */
char *refusal_text(enum engine_why why, const char *detail);
/* The message for the engine's last refusal (owned). */
char *refusal_last(const struct engine *e);

#endif
