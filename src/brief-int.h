/* brief-int.h: what the files of the brief's model share and nothing else
 * sees: the parts of brief_build that live in their own files, and the
 * cleaning and wording of questions and answers (brief-text.c). Only
 * brief.c, brief-flags.c, brief-history.c and brief-text.c include it;
 * the writers read the finished model through brief.h. The calls point
 * one way: brief.c -> brief-flags.c, brief-history.c -> brief-text.c. */
#ifndef WHYLINE_BRIEF_INT_H
#define WHYLINE_BRIEF_INT_H

#include <stdbool.h>

#include "brief.h"

/* The history part of brief_build (brief-history.c): the time of each
 * current answer, the first and last times, the length of the call and
 * the changes. */
enum store_status brief_history(struct brief *b, struct session *ss, struct store *s);
/* The flags part (brief-flags.c): true flags and the answers they name. */
void brief_flags(struct brief *b, struct session *ss);

/* ---- brief-text.c, the leaf the others call ---- */

/* A ladder's heading: its `goal`, translated, or "Underlying goal". */
const char *brief_ladder_heading(struct session *ss, const struct question *q);
/* The ask of q, filled and translated, clean of control characters. */
char *brief_question_text(struct session *ss, const struct question *q);
/* The answer of q as a person writes it (value as stored), clean. */
char *brief_answer_text(struct session *ss, const struct question *q, const char *value);
/* The label of q, translated and clean: its `label`, else its ask (a copy
 * of question, brief_question_text's, when it is not NULL). */
char *brief_label_text(struct session *ss, const struct question *q,
    const char *question);

#endif
