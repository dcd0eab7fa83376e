/* team.h: the team store, a PostgreSQL database the consultancy shares,
 * reached through libpq, which is loaded (dlopen of libpq.so.5) only when a
 * team command connects: no other command pays for it.
 *
 * The server's schema (in the schema "whyline") is created and migrated
 * here, as data with a version table; a server newer than this program is
 * refused. Row-level security lets every role read the team's sessions and
 * change only those it pushed.
 *
 * A session travels as one JSON document, the same both ways:
 *   {"session": {...the row...}, "tree_sha256": "...", "tree": "HEX",
 *    "answers": [...], "chains": [...], "notes": [...], "events": [...]}
 * each row of the arrays with "seq", its place in the session. The store
 * (store-team.c) writes and reads these documents; this module only moves
 * them. It never prints: on failure team_error says why in one line. */
#ifndef WHYLINE_TEAM_H
#define WHYLINE_TEAM_H

#include <stdbool.h>
#include <stddef.h>

enum team_status {
	TEAM_OK = 0,
	TEAM_NOT_BUILT,		/* built without libpq, or libpq.so.5 missing */
	TEAM_BAD_CONNINFO,	/* cannot be parsed, or holds a password */
	TEAM_CONNECT,		/* the server cannot be reached or refused us */
	TEAM_TOO_NEW,		/* the server's schema is newer than ours */
	TEAM_NOT_YOURS,		/* the session belongs to another role */
	TEAM_ERROR		/* any other failure */
};

struct team;

/* The connection string: conninfo when not NULL, else $WHYLINE_TEAM; NULL
 * when neither is set. A bare word is a service name (service=WORD). */
const char *team_conninfo(const char *conninfo);

/* Connects to the team store named by conninfo (a libpq connection
 * string, URI or service name; one holding a password is refused: use a
 * password file, a service file or the environment) and creates or
 * migrates its schema. On failure *out is NULL and *err (owned) says why. */
enum team_status team_open(const char *conninfo, struct team **out,
    char **err);
void team_close(struct team *t);
/* The last error's message (owned by t). */
const char *team_error(const struct team *t);
/* The role this connection acts as: the owner of what it pushes. */
const char *team_user(const struct team *t);

/* Sends one session's document, replacing the server's copy, in one
 * transaction. *stamp (owned) is the server's mark of this copy.
 * TEAM_NOT_YOURS when another role pushed that session. */
enum team_status team_push(struct team *t, const char *doc, char **stamp);

/* Sends codes, a JSON array of code rows: each is kept, as this role's,
 * when its session is on the server, no other role wrote its rung and
 * coder, and it is newer than the server's; *changed: how many were. */
enum team_status team_push_codes(struct team *t, const char *codes,
    size_t *changed);

/* Every code on the server, as a JSON array of rows (*codes owned). */
enum team_status team_pull_codes(struct team *t, char **codes);

/* One session as the server has it. */
struct team_doc {
	const char *id;
	const char *owner;	/* the role that pushed it */
	const char *stamp;	/* the server's mark of this copy */
	const char *doc;	/* the JSON document */
};

/* Calls fn for each session of the team store, oldest first, but those
 * listed in known, a JSON array of {"id", "stamp"} of the copies already
 * here. The struct is borrowed for the call; fn returns false to stop
 * (then team_pull returns TEAM_ERROR with fn's reason, set through
 * team_set_error). */
enum team_status team_pull(struct team *t, const char *known,
    bool (*fn)(void *arg, const struct team_doc *), void *arg);
/* Sets the error message a failing callback reports. */
void team_set_error(struct team *t, const char *msg);

#endif
