/* export.h: a session as data: the JSON object of SPEC section 5 (used by
 * `export --format json`, `brief --format json` and `list --json`). */
#ifndef WHYLINE_EXPORT_H
#define WHYLINE_EXPORT_H

#include "session.h"
#include "store.h"

#ifndef JANSSON_H
typedef struct json_t json_t;
#endif

/* The session ss (loaded with sess_load) as SPEC section 5's session
 * object: id, tree, client, consultant, language, status, started_at,
 * finished_at, answers (current, reached; a skipped question null; a
 * ladder the rungs of its first chain; numbers as numbers; multi as
 * arrays), history (every answer row, superseded ones too), ladders (every
 * chain: from, rungs, stop), notes and flags (true now: level, text).
 * Returns a new reference, or NULL with *err (owned). */
json_t *export_session(struct store *s, struct sess *ss, char **err);

#endif
