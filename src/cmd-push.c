/* cmd-push.c: `whyline push [--team CONNINFO]`: sends to the team store
 * the sessions this role owns (or that no one owns yet) that are new or
 * changed since the last push or pull, one transaction per session; run
 * again after an interruption, it sends what is left. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "store.h"
#include "team.h"

static int cmd_push_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_push_entry = {
	"push", "[--team CONNINFO]",
	N_("send the sessions you own, new or changed, to the team store"),
	cmd_push_exec
};

/* Pushes. */
static int
cmd_push_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *s = NULL;
	struct team *t = NULL;
	int c, status;

	if ((c = cmd_getopt(ctx, &cmd_push_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (optind < argc)
		return cmd_usage_error(_("push: unexpected argument '%s'"),
		    argv[optind]);
	if ((status = cmd_team_open(ctx, &t)) != 0)
		return status;
	if ((status = cmd_store_open(ctx, &s)) == 0)
		status = cmd_team_push(s, t, true);
	store_close(s);
	team_close(t);
	return status;
}
