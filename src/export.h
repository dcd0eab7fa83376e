/* export.h: a session as data: the JSON object of SPEC section 5 (used by
 * `export --format json`, `brief --format json` and `list --json`). */
#ifndef WHYLINE_EXPORT_H
#define WHYLINE_EXPORT_H

#include <stdio.h>

#include "buf.h"
#include "jdoc.h"
#include "session.h"
#include "store.h"

/* The session ss (loaded by session_load, so with a tree and an engine) as
 * SPEC section 5's session object: id, tree, client, consultant, language,
 * status, started_at, finished_at, answers (current, reached; a skipped
 * question null; a ladder the rungs of its first chain; numbers as
 * numbers; multi as arrays), history (every answer row, superseded ones
 * too), ladders (every chain: from, rungs, stop), notes and flags (true
 * now: level, text). Returns a new reference, or NULL with *err (owned)
 * when the store fails. */
json_t *export_session(struct store *s, struct session *ss, char **err);
/* Trims a session object of tree t for the client (brief --share): no
 * id, notes, flags, history or events, and no answer of a private
 * question or of one left out of the brief. */
void export_session_share(json_t *session, const struct tree *t);

/* The document of `export --format json`: {"whyline": 1, "sessions": []}. */
json_t *export_document_new(void);
/* Appends a session object to doc, taking the reference. */
void export_document_add(json_t *doc, json_t *session);
/* The document as text, indented, with a final newline; owned by the
 * caller, NULL when out of memory. */
char *export_text(const json_t *doc, bool ascii);
/* Writes doc indented, with a final newline, to fp; ascii escapes every
 * character past ASCII (and so the C1 controls, for a terminal). Returns
 * false on a write error. */
bool export_write(const json_t *doc, FILE *fp, bool ascii);
/* The same document written session by session: each session's values
 * become text and are freed as soon as they are made, so that an export
 * of thousands holds its text and not every session's values too. The
 * text is export_text's for a document of the same sessions. */
struct export_doc {
	struct buf text;
	size_t n;		/* sessions added */
	bool ascii;
	bool bad;		/* a number JSON cannot write was met */
};
void export_doc_begin(struct export_doc *d, bool ascii);
/* Adds a session object, taking the reference. */
void export_doc_add(struct export_doc *d, json_t *session);
/* Ends the document: its text (owned by the caller, *len bytes), or NULL
 * when a number could not be written. */
char *export_doc_end(struct export_doc *d, size_t *len);

/* The array of `list --json`: for each session row appended, its fields
 * as in export_session (no answers) and answer_count, its current answers
 * (a rung counts one). */
json_t *export_list_new(void);
void export_list_add(json_t *list, const struct session_row *row);
/* Releases what export_session, export_document_new or export_list_new
 * returned. */
void export_free(json_t *j);

/* The CSV export (export-csv.c): one RFC 4180 record per current answer,
 * with the columns of export_csv_header. */
#define EXPORT_CSV_COLUMNS 16
extern const char *const export_csv_columns[EXPORT_CSV_COLUMNS];
/* Appends the header record to b. */
void export_csv_header(struct buf *b);
/* Appends one record per current, reached answer of ss in the tree's order
 * (a ladder: one per rung of each live chain; a skipped question: an empty
 * value). strip removes control characters from the fields (for a
 * terminal). Returns false with *err (owned) when the store fails. */
bool export_csv_session(struct store *s, struct session *ss, bool strip,
    struct buf *b, char **err);

#endif
