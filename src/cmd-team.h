/* cmd-team.h: what the team commands (push, pull, and --team on the
 * reading commands) share: the --team option and opening the team store. */
#ifndef WHYLINE_CMD_TEAM_H
#define WHYLINE_CMD_TEAM_H

#include "cmd.h"

struct team;

/* Reads the options of a command that takes --team CONNINFO and nothing
 * else: -1 to go on (*team: the argument, or NULL), else an exit status. */
int cmd_team_parse(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
    char **argv, const char **team);
/* Connects to the team store named by team, else $WHYLINE_TEAM, and prints
 * why when it cannot; returns 0, EXIT_USAGE when none is named, or
 * EXIT_STORAGE. */
int cmd_team_open(const char *team, struct team **out);

#endif
