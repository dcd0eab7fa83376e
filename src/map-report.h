/* map-report.h: the ladder map for people: the hierarchical value map as
 * Graphviz DOT, and a report in Markdown (the strongest request-to-goal
 * paths with quotes, the codes never linked to a goal, every code). The
 * report's own words go through gettext; untrusted text (rungs, clients,
 * codes, labels) is escaped for the format. */
#ifndef WHYLINE_MAP_REPORT_H
#define WHYLINE_MAP_REPORT_H

#include <stdbool.h>

#include "buf.h"
#include "codes.h"
#include "map.h"

/* How many paths the report lists. */
#define MAP_REPORT_PATHS 10

/* The hierarchical value map: a node per code linked at or above cutoff,
 * with its label (the codebook's, else the code) and how many sessions hold
 * it; the requests on the top rank, the goals on the bottom one; an edge
 * per direct link of at least cutoff ladders, labelled with the count. */
void map_dot(const struct map *m, const struct codebook *book, unsigned cutoff,
    struct buf *b);
/* The report in Markdown. share leaves the clients' names out. */
void map_md(const struct map *m, const struct codebook *book, bool share,
    struct buf *b);

#endif
