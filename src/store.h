/* store.h: the SQLite database of sessions (SPEC section 4); the only
 * module that opens the file.
 *
 * WAL with synchronous=FULL: store_apply returns only after the records are
 * durable. Writes take BEGIN IMMEDIATE and wait busy_timeout for another
 * process. Migrations are data, applied one per transaction through
 * PRAGMA user_version; a file that is not whyline's, is newer than this
 * program or fails the quick check is refused and left as it was.
 *
 * Strings returned in structs are owned by the struct and freed by its
 * *_clear function. A struct passed to a callback (fn) is borrowed: valid
 * during the call only, and fn must not call into the store. Every
 * function returns a store_status; on failure store_error(s) says why in
 * one line. */
#ifndef WHYLINE_STORE_H
#define WHYLINE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

enum store_status {
	STORE_OK = 0,
	STORE_NOT_FOUND,	/* no session with that id or prefix */
	STORE_AMBIGUOUS,	/* the prefix names several sessions */
	STORE_BUSY,		/* locked by another process past the timeout */
	STORE_NOT_OURS,		/* the file is not a whyline database */
	STORE_TOO_NEW,		/* made by a newer whyline */
	STORE_CORRUPT,		/* the quick check failed */
	STORE_INVALID,		/* a row from elsewhere is not of whyline's shape */
	STORE_ERROR		/* any other failure (disk full, permissions...) */
};

struct store;

struct session_row {
	char id[37];		/* a UUID */
	char *tree_id, *tree_version, *tree_sha256, *tree_path, *title;
	char *client, *consultant, *language;
	char *status;		/* "open" or "done" */
	char *started_at, *updated_at, *finished_at;	/* UTC ISO 8601 */
	long answers;		/* current answers (rungs count one each) */
};

/* One row of the answers table. */
struct answer_row {
	char *question;
	int chain;		/* -1: not a ladder */
	int rung;		/* 0: not a rung */
	char *value;		/* NULL: skipped */
	char *reason;		/* why it was skipped */
	char *answered_at;
	char *superseded_at;	/* NULL: current */
};

struct chain_row {
	char *question;
	int chain;
	int parent_chain;	/* -1: from the request */
	int parent_rung;
	char *stop;		/* NULL: still open */
	bool dropped;
	char *goal;		/* the goal as the client restated it, or NULL */
};

struct note_row {
	char *question;
	char *text;
	char *noted_at;
};

/* start, pause, resume, lang (detail: the language), done, tree (detail:
 * the new SHA-256 when resumed on a changed tree), carry (detail:
 * "QUESTION SESSION AT", an answer confirmed as offered from session
 * SESSION, where it was given at AT; see REC_CARRY). */
struct event_row {
	char *kind;
	char *detail;
	char *at;
};

/* The path used when none is given: $WHYLINE_DB, else
 * $XDG_DATA_HOME/whyline/whyline.db, else ~/.local/share/whyline/whyline.db.
 * The caller frees it; NULL when there is no home folder. */
char *store_default_path(void);

/* Opens (creating it, mode 0600, and its folder, 0700, when missing) and
 * migrates the database. On failure *out is NULL and *err (owned) says why. */
enum store_status store_open(const char *path, struct store **out, char **err);
/* Like store_open, for commands that only read (list, show, export,
 * brief). Neither runs SQLite's quick check, which reads the whole file,
 * unless a migration is due or the last process to use the file died with
 * it open; store_open reads the root of every table. Damage met later, when
 * a page is read, is STORE_CORRUPT and rolls back what was being written. */
enum store_status store_open_read(const char *path, struct store **out,
    char **err);
/* Runs SQLite's quick check of the whole file (for a command that is
 * expected to read it all, such as merging databases): STORE_CORRUPT with
 * what it found. */
enum store_status store_verify(struct store *s);
void store_close(struct store *s);
/* The last error's message (owned by s). */
const char *store_error(const struct store *s);

/* Marks session id as run by this process (a live call) until the store
 * is closed or the process ends, whichever comes first, a crash too;
 * STORE_BUSY, saying so, when another process runs it
 * (store-live.c). */
enum store_status store_live_take(struct store *s, const char *id);

/* Takes the write lock and releases it (no commit): STORE_BUSY when another
 * process holds it past the timeout. */
enum store_status store_probe(struct store *s);
/* Reads in one transaction: store_read_begin begins one unless one is
 * open and says whether it did; store_read_end(s, that) ends it. */
bool store_read_begin(struct store *s);
void store_read_end(struct store *s, bool began);
/* Creates a session from the fields of *in (id, status and times are filled
 * in) and keeps a copy of the tree's source under its SHA-256. Records a
 * "start" event. */
enum store_status store_session_create(struct store *s, struct session_row *in,
    const char *tree_source, size_t len);
/* A tree as the store keeps it: its source, and the model made from it
 * (tree-pack.h) in layout format, or model NULL for none. */
struct store_tree {
	const char *src;
	size_t len;
	const void *model;
	size_t model_len;
	int format;
};
/* The same, the tree (NULL: none) kept with its model, and the first
 * records of the session written in the same transaction: the session
 * exists with them or not at all. With in->status "done" (a replay), the
 * session is marked done, with its "done" event, in that transaction too.
 * When in->started_at is set (store_time_now when the call began: its
 * first question was on screen before its first answer was stored), it is
 * the session's start and its "start" event's time; else now is. On
 * failure in->id is left empty. */
enum store_status store_session_start(struct store *s, struct session_row *in,
    const struct store_tree *tree, const struct record *r, size_t n);
/* The current UTC time as the store writes times (owned by the caller). */
char *store_time_now(void);
/* Finds a session by id or unique prefix (at least 4 characters); prefix
 * NULL means the most recently updated session. */
enum store_status store_session_find(struct store *s, const char *prefix,
    struct session_row *out);
/* Lists sessions, newest first, that match the filters (NULL: any):
 * client is a case-insensitive substring; status "open" or "done". */
enum store_status store_session_list(struct store *s, const char *client,
    const char *tree_id, const char *status,
    void (*fn)(void *arg, const struct session_row *), void *arg);
/* Sets language, or status (finished_at too when "done"). */
enum store_status store_session_set_language(struct store *s, const char *id,
    const char *lang);
enum store_status store_session_set_status(struct store *s, const char *id,
    const char *status);
/* Points the session at a changed tree (sha256), keeping its source and
 * model (tree NULL: neither), and records a "tree" event with the new
 * SHA-256, in one transaction. */
enum store_status store_session_set_tree(struct store *s, const char *id,
    const char *sha256, const struct store_tree *tree);
/* Records an event now. */
enum store_status store_event(struct store *s, const char *id,
    const char *kind, const char *detail);
/* Records an event (kind at most 15 bytes, no detail) that happens now,
 * written with its time at the start of the next transaction that writes
 * (the first answer, a note, the pause...), so that nothing waits for a
 * durable commit of its own; lost only when nothing is written after
 * it. */
void store_event_later(struct store *s, const char *id, const char *kind);
/* Writes the records in one transaction and commits it durably. */
enum store_status store_apply(struct store *s, const char *id,
    const struct record *r, size_t n);
/* The tree source kept for sha256; *src owned by the caller. */
enum store_status store_tree_source(struct store *s, const char *sha256,
    char **src, size_t *len);
/* The same, with the model kept beside it in layout format (*model NULL
 * when there is none), owned by the caller too. */
enum store_status store_tree_kept(struct store *s, const char *sha256,
    int format, char **src, size_t *len, char **model, size_t *model_len);
/* True for a store opened with store_open, which store_tree_model_keep
 * writes to; a store opened with store_open_read is never written to. */
bool store_writable(const struct store *s);
/* Keeps the model of the tree kept under sha256, in layout format,
 * replacing one there, in a transaction of its own that does not wait for
 * another process's lock (a model is derived data: another command will
 * keep it). Does nothing on a store that is not writable or inside a
 * transaction. */
enum store_status store_tree_model_keep(struct store *s, const char *sha256,
    int format, const void *model, size_t len);

/* A session's answer rows, read once and kept: v[i] in the order they
 * were written. */
struct answer_rows {
	struct answer_row **v;
	size_t n;
};

/* Reads every answer row of the session, superseded ones too, into *out
 * (emptied first; answer_rows_free releases it, also on failure). */
enum store_status store_answers_read(struct store *s, const char *id,
    bool current_only, struct answer_rows *out);
void answer_rows_free(struct answer_rows *rows);

/* Reads a session's rows in the order they were written. With
 * current_only, superseded answers are left out. */
enum store_status store_answers(struct store *s, const char *id,
    bool current_only, void (*fn)(void *arg, const struct answer_row *), void *arg);
/* Dropped chains come too, with dropped set: the caller chooses. */
enum store_status store_chains(struct store *s, const char *id,
    void (*fn)(void *arg, const struct chain_row *), void *arg);
enum store_status store_notes(struct store *s, const char *id,
    void (*fn)(void *arg, const struct note_row *), void *arg);
enum store_status store_events(struct store *s, const char *id,
    void (*fn)(void *arg, const struct event_row *), void *arg);
/* Reads the current answers (no skip, no ladder rung) of every session
 * whose client is client once both are folded as `list --client` folds
 * them (the same name in any case), but session except_id (NULL: none),
 * the latest first; fn gets each with the session it belongs to. */
enum store_status store_client_answers(struct store *s, const char *client,
    const char *except_id,
    void (*fn)(void *arg, const struct answer_row *, const char *session_id),
    void *arg);

void session_row_clear(struct session_row *ss);

#endif
