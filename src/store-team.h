/* store-team.h: the local side of the team store: which sessions push
 * sends, each as the JSON document of team.h, and the documents pull
 * brings, written into this file.
 *
 * A session pulled from another role keeps that role as its owner and is
 * never pushed back. What push sends is the sessions owned by this role or
 * by no one yet (made here, never pushed) whose rows changed since the
 * last push or pull: their mark (the update time, status and counts of
 * rows, superseded answers, stopped and dropped chains) differs. */
#ifndef WHYLINE_STORE_TEAM_H
#define WHYLINE_STORE_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* Lets the commits of this connection wait for the next checkpoint to
 * reach the disk (synchronous=NORMAL) instead of each being synced: push
 * and pull write what the team store holds anyway, and a power cut that
 * loses the last of them only makes the next push or pull do them again,
 * which changes nothing. A call's answers are never written so. */
enum store_status store_team_relax(struct store *s);

/* The team role session id belongs to (*owner owned; NULL when it was
 * never pushed or pulled, or there is no such session). */
enum store_status store_team_owner(struct store *s, const char *id, char **owner);

/* A session to send. */
struct store_team_doc {
	char id[37];
	char *mark;		/* its mark now */
	char *doc;		/* the JSON document */
};

/* The sessions push sends for role me, oldest first (*v owned: free with
 * store_team_docs_free). */
enum store_status store_team_outbox(struct store *s, const char *me,
    struct store_team_doc **v, size_t *n);
void store_team_docs_free(struct store_team_doc *v, size_t n);
/* Records that the session was pushed as role owner with that mark, and
 * the server's stamp of its copy. */
enum store_status store_team_sent(struct store *s, const char *id,
    const char *owner, const char *mark, const char *stamp);
/* The copies of the team store this file holds unchanged since, as the
 * JSON array team_pull takes; *json owned. */
enum store_status store_team_known(struct store *s, char **json);

/* Every code of this file as the JSON array team_push_codes takes;
 * *json owned. */
enum store_status store_team_codes(struct store *s, char **json);

/* Keeps the pulled codes (team_pull_codes) of the sessions here, per
 * rung and coder the one coded last winning; *changed: how many were
 * written. */
enum store_status store_team_import_codes(struct store *s, const char *json,
    size_t *changed);
/* Writes a session pulled from the team store (owner, stamp, doc), in one
 * transaction, in place of the copy here; but a session of role me changed
 * here since its last push is kept (*kept true), to be pushed. */
enum store_status store_team_import(struct store *s, const char *owner,
    const char *stamp, const char *doc, const char *me, bool *kept);

#endif
