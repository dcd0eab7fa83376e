/* map-load.h: stored sessions into a map.
 *
 * A loader reads every code once and each tree once (by its SHA-256).
 * A session whose ladders are all asked whatever the answers (no `when` on
 * them or their section, not a follow-up, hanging from a text question) is
 * read from its rows alone; any other goes through session_load, so that a
 * ladder no longer reached is left out as the brief leaves it out. */
#ifndef WHYLINE_MAP_LOAD_H
#define WHYLINE_MAP_LOAD_H

#include <stdbool.h>

#include "map.h"
#include "session.h"
#include "store.h"

struct map_loader;

/* A loader over s, with coder's codes (NULL: whoever coded each rung
 * last); NULL with *err (owned) when the store fails. locale_dir is
 * passed to session_load. */
struct map_loader *map_loader_new(struct store *s, const char *coder,
    const char *locale_dir, char **err);
void map_loader_free(struct map_loader *ml);

/* Adds session row's ladders to m. On failure *err (owned) says why: a
 * session that cannot be loaded (SESSION_NOT_FOUND, SESSION_BAD_TREE) or
 * the store (SESSION_STORAGE). */
enum session_status map_loader_add(struct map_loader *ml, struct map *m,
    const struct session_row *row, char **err);

/* Adds every ladder of the loaded session ss to m, each rung with its
 * code: coder's (NULL: whoever coded the rung last), and only while the
 * rung's text is the one that was coded. False with *err (owned) when the
 * store fails. */
bool map_add_session(struct map *m, struct store *s, struct session *ss,
    const char *coder, char **err);

#endif
