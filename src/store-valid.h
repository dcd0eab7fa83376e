/* store-valid.h: what the rows of another database must hold before this
 * one keeps them (merge, pull): ids, times, languages, paths, hashes and
 * codes of the shapes whyline writes (valid.h), in tables that are
 * tables. A row from elsewhere becomes a folder name, a path or a line on
 * a terminal here; one of another shape is refused, never kept. */
#ifndef WHYLINE_STORE_VALID_H
#define WHYLINE_STORE_VALID_H

#include "store.h"

/* Checks the rows of s's schema "main" (all of them when session is
 * NULL, else that session's): STORE_OK, or STORE_INVALID with why in s,
 * the message naming where (a file, or the team store), the table, the
 * row and the column. The tables whyline reads must be tables, not views
 * nor virtual tables, and hold no generated column. */
enum store_status store_valid_rows(struct store *s, const char *where,
    const char *session);

#endif
