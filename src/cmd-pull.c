/* cmd-pull.c: `whyline pull [--team CONNINFO]`: brings the team's sessions
 * into the local file, so that list, show, brief and export work on them
 * offline; only the copies that changed on the server since the last pull
 * travel. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "store.h"
#include "team.h"

static int cmd_pull_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_pull_entry = {
	"pull", "[--team CONNINFO]",
	N_("bring the team's sessions into this database"),
	cmd_pull_exec,
	NULL
};

/* Pulls. */
static int
cmd_pull_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *s = NULL;
	struct team *t = NULL;
	size_t pulled = 0, kept = 0, codes = 0;
	int c, status;

	if ((c = cmd_getopt(ctx, &cmd_pull_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (optind < argc)
		return cmd_usage_error(_("pull: unexpected argument '%s'"),
		    argv[optind]);
	if ((status = cmd_team_open(ctx, &t)) != 0)
		return status;
	if ((status = cmd_store_open(ctx, &s)) == 0) {
		status = cmd_team_pull(s, t, &pulled, &kept, &codes);
		printf(ngettext("%zu session pulled\n", "%zu sessions pulled\n",
		    pulled), pulled);
		if (codes > 0)
			printf(ngettext("%zu code pulled\n", "%zu codes pulled\n",
			    codes), codes);
		if (kept > 0)
			printf(ngettext("%zu session of yours changed here is "
			    "kept: push it\n", "%zu sessions of yours changed "
			    "here are kept: push them\n", kept), kept);
	}
	store_close(s);
	team_close(t);
	return status;
}
