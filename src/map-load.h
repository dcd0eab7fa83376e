/* map-load.h: stored sessions into a map. */
#ifndef WHYLINE_MAP_LOAD_H
#define WHYLINE_MAP_LOAD_H

#include <stdbool.h>

#include "map.h"
#include "session.h"
#include "store.h"

/* Adds every ladder of the loaded session ss to m, each rung with its
 * code: coder's (NULL: whoever coded the rung last), and only while the
 * rung's text is the one that was coded. False with *err (owned) when the
 * store fails. */
bool map_add_session(struct map *m, struct store *s, struct session *ss,
    const char *coder, char **err);

#endif
