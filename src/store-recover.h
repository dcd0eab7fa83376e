/* store-recover.h: what recovery reads: how a session was left (its last
 * event, its last answer) and a client's open session on a tree. Like
 * store-codes.c, its statements are prepared apart from store_stmt_sql. */
#ifndef WHYLINE_STORE_RECOVER_H
#define WHYLINE_STORE_RECOVER_H

#include "store.h"

/* How session id was left: the kind of its last event (NULL: none) and
 * when its last answer was saved (NULL: none), both owned by the caller. */
enum store_status store_session_left(struct store *s, const char *id,
    char **last_event, char **last_answer_at);
/* The open session on tree_id whose client is client, folded as
 * `list --client` folds it (whyline_same), updated last when there are
 * several; out->id is empty when there is none. */
enum store_status store_session_open_for(struct store *s, const char *tree_id,
    const char *client, struct session_row *out);
#endif
