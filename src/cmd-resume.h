/* cmd-resume.h: going on with a session, shared by `resume` and by `run`,
 * which offers a client's open session before it starts another. */
#ifndef WHYLINE_CMD_RESUME_H
#define WHYLINE_CMD_RESUME_H

#include <stdbool.h>

#include "cmd.h"

struct io;
struct store;

/* Goes on with session prefix (NULL: the latest) as `whyline resume`
 * does, through io (taken; NULL: the front end plain asks for), with the
 * client's earlier answers offered as carry says (see cmd_carry); returns
 * the exit status. */
int cmd_resume_session(struct cmd_ctx *ctx, const char *prefix, struct io *io,
    bool plain, bool discreet, int carry);

/* When client already has an open session on tree_id (the one updated
 * last), says so before a new one starts: on a terminal (not plain) asks
 * whether to resume it, through *io (made here; the caller keeps it), and
 * sets *resume (owned) to its id when the answer is yes; otherwise warns on
 * stderr, naming the command that resumes it. Returns 0, -1 when the
 * question was left with Ctrl-D (nothing is to start), or EXIT_STORAGE
 * having said why. */
int cmd_resume_offer(const struct cmd_ctx *ctx, struct store *s,
    const char *tree_id, const char *client, bool plain, struct io **io,
    char **resume);

#endif
