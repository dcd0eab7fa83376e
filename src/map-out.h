/* map-out.h: a map written out: the implication matrix as CSV, the whole
 * map as JSON. The codebook (may be empty) gives the codes' labels. */
#ifndef WHYLINE_MAP_OUT_H
#define WHYLINE_MAP_OUT_H

#include "buf.h"
#include "codes.h"
#include "map.h"

/* The implication matrix as RFC 4180 records: a header with "code" and
 * every code, then one record per code: its name and, for each code, the
 * links from it to that one as "DIRECT/INDIRECT" (empty when both are 0).
 * With clean (standard output is a terminal), the code names are cleaned
 * as export cleans its fields there (csv_row). */
void map_csv(const struct map *m, bool clean, struct buf *b);
/* The map as a JSON document: sessions, ladders, codes (code, label,
 * sessions, requests, goals, level, linked_to_goal), links (from, to,
 * direct, indirect; every pair with a link), paths (codes, ladders, quotes
 * (client, rungs)) and unlinked (the codes never on a chain that reached a
 * goal). share leaves the clients out. */
void map_json(const struct map *m, const struct codebook *book, bool share,
    struct buf *b);
/* Appends s as a JSON string, bytes that are not UTF-8 as U+FFFD. */
void map_json_string(struct buf *b, const char *s);

#endif
