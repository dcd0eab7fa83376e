/* brief-words.h: the fixed words that every format of the brief shares
 * (Markdown, HTML through it, and the template context): how a chain
 * stopped, the title of a flag level and the length of a call, each
 * translated. A leaf: it knows nothing of the brief's model. */
#ifndef WHYLINE_BRIEF_WORDS_H
#define WHYLINE_BRIEF_WORDS_H

#include "tree.h"

/* Why a chain stopped, as a person reads it (stop NULL: still open). */
const char *brief_stop_text(const char *stop);
/* The heading of a flag level ("Risks"), translated. */
const char *brief_level_title(enum flag_level l);
/* A length of time as a person says it ("12 minutes"; owned). */
char *brief_duration_text(long seconds);

#endif
