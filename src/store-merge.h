/* store-merge.h: importing the sessions of other whyline databases into
 * this one (`whyline merge`).
 *
 * Rows are matched on their natural keys, never on their local integer
 * ids: a session by its UUID, an answer by (session, question, chain,
 * rung, time, value, reason), a note by (session, question, text, time),
 * an event by (session, kind, detail, time), a tree by its SHA-256. So
 * merging twice changes nothing, and merging A into B or B into A gives
 * the same rows. Where both files hold a session, the copy updated last
 * gives its header; every answer of both is kept and, of the answers to
 * one question that are current in either, the latest stays current. */
#ifndef WHYLINE_STORE_MERGE_H
#define WHYLINE_STORE_MERGE_H

#include <stddef.h>

#include "store.h"

/* The most files one merge reads at once. */
#define STORE_MERGE_MAX 10

struct store_merge_stats {
	long sessions;		/* sessions read from the files */
	long added;		/* of which new to this database */
	long rows;		/* answers, chains, notes and events added */
};

/* Checks each file (a whyline database, not newer than this program,
 * passing the quick check, not this database itself) without writing to
 * it, then imports the sessions of all of them in one transaction: on any
 * failure this database is as it was. */
enum store_status store_merge(struct store *s, const char *const *paths,
    size_t n, struct store_merge_stats *stats);

#endif
