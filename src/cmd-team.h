/* cmd-team.h: what the commands that reach the team store share: the
 * --team option (push, pull, run, resume, amend, and list, show, brief and
 * export, which then read the server), connecting, pulling, and the push
 * at the end of a call or an amendment. */
#ifndef WHYLINE_CMD_TEAM_H
#define WHYLINE_CMD_TEAM_H

#include <getopt.h>
#include <stddef.h>

#include "cmd.h"

struct store;
struct team;

/* Adds --team to the options all of command e when e takes it. */
void cmd_team_option(const struct cmd_entry *e,
    struct option all[CMD_MAX_OPTIONS]);
/* Prints the help line of --team when command e takes it. */
void cmd_team_help(const struct cmd_entry *e);
/* Connects to the team store of ctx (--team, else $WHYLINE_TEAM) and
 * prints why when it cannot; returns 0, EXIT_USAGE when none is named, or
 * EXIT_STORAGE. */
int cmd_team_open(const struct cmd_ctx *ctx, struct team **out);
/* Brings the team's sessions that changed into s, counting those written
 * and those kept (changed here), then the codes of the sessions here,
 * counting those written; prints why it failed and returns EXIT_STORAGE,
 * else 0. */
int cmd_team_pull(struct store *s, struct team *t, size_t *pulled,
    size_t *kept, size_t *codes);
/* For list, show, brief and export with --team: the whole team store
 * pulled into a private file, removed at exit; returns 0 or an exit
 * status. */
int cmd_team_snapshot(const struct cmd_ctx *ctx, struct store **out);
/* After a call, with --team or $WHYLINE_TEAM: pushes in a detached
 * process, so the call ends now; a failure is one line on stderr. */
void cmd_team_push_later(const struct cmd_ctx *ctx);
/* Pushes the sessions to push; with say, prints each failure and the count,
 * else only the first failure (one line, as the push after a call).
 * Returns 0 or EXIT_STORAGE. */
int cmd_team_push(struct store *s, struct team *t, bool say);

#endif
