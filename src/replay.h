/* replay.h: an interview answered from an answers file (YAML or JSON,
 * shaped as `answers` in SPEC section 5) instead of a person. */
#ifndef WHYLINE_REPLAY_H
#define WHYLINE_REPLAY_H

#include <stdbool.h>

#include "diag.h"
#include "engine.h"
#include "ydoc.h"

/* The answers mapping of a document: its root, or the root's `answers`, or
 * that of the first of its `sessions` (an export). NULL with an error in d. */
const struct ynode *replay_answers(const struct ydoc *doc, struct diags *d);
/* Answers every question the engine asks from answers; the changes wait in
 * the engine's records for the caller to store. Returns true when the
 * interview is complete; otherwise an error in d names the question whose
 * answer is missing or invalid. Answers never used are warnings. */
bool replay_run(struct engine *e, const struct tree *t, const struct ynode *answers,
    const char *file, struct diags *d);

#endif
