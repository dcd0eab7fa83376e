/* export.h: a session as data: the JSON object of SPEC section 5 (used by
 * `export --format json`, `brief --format json` and `list --json`). */
#ifndef WHYLINE_EXPORT_H
#define WHYLINE_EXPORT_H

#include <stdio.h>

#include "buf.h"
#include "jdoc.h"
#include "session.h"
#include "store.h"

/* Writes the session ss (loaded by session_load, so with a tree and an
 * engine) at w as SPEC section 5's session object: id, tree, client,
 * consultant, language, status, started_at, finished_at, updated_at,
 * answers (current, reached; a skipped question null; a ladder the rungs
 * of its first chain; numbers as numbers; multi as arrays), history
 * (every answer row, superseded ones too), ladders (every chain: from,
 * rungs, stop), notes, flags (true now: level, text), events, and codes
 * and carried when there are any. share trims it for the client (brief
 * --share): no id, notes, flags, history, events, codes or carried, and
 * no answer of a private question or of one left out of the brief.
 * Returns false with *err (owned) when the store fails; what was written
 * is then incomplete. */
bool export_session_write(struct jwriter *w, struct store *s, struct session *ss,
    bool share, char **err);

/* The document of `export --format json` and `brief --format json`,
 * {"whyline": 1, "sessions": [...]}, written session by session: an export
 * of thousands holds its text and nothing else. ascii escapes every
 * character past ASCII (and so the C1 controls, for a terminal). */
struct export_doc {
	struct buf text;
	size_t n;		/* sessions added */
	bool ascii;
	bool bad;		/* a number JSON cannot write was met */
};
void export_doc_begin(struct export_doc *d, bool ascii);
/* Adds a session (see export_session_write); false, and nothing added,
 * with *err (owned) when the store fails. */
bool export_doc_add(struct export_doc *d, struct store *s, struct session *ss,
    bool share, char **err);
/* Ends the document: its text (owned by the caller, *len bytes), or NULL
 * when a number could not be written. */
char *export_doc_end(struct export_doc *d, size_t *len);
/* Frees what a document not ended holds. */
void export_doc_free(struct export_doc *d);

/* The array of `list --json`: for each session row appended, its fields
 * as in export_session_write (no answers) and answer_count, its current
 * answers (a rung counts one). */
struct export_list {
	struct buf text;
	struct jwriter w;
};
void export_list_begin(struct export_list *l, bool ascii);
void export_list_add(struct export_list *l, const struct session_row *row);
/* Ends the array: its text with a final newline, *len bytes, kept by l. */
const char *export_list_end(struct export_list *l, size_t *len);
void export_list_free(struct export_list *l);

/* The CSV export (export-csv.c): one RFC 4180 record per current answer,
 * with the columns of export_csv_header. */
#define EXPORT_CSV_COLUMNS 16
extern const char *const export_csv_columns[EXPORT_CSV_COLUMNS];
/* Appends the header record to b. */
void export_csv_header(struct buf *b);
/* Appends one record per current, reached answer of ss in the tree's order
 * (a ladder: one per rung of each live chain; a skipped question: an empty
 * value). strip cleans the fields for a terminal (csv_row). Returns false with *err (owned) when the store fails. */
bool export_csv_session(struct store *s, struct session *ss, bool strip,
    struct buf *b, char **err);

#endif
