/* cmd-pull.c: `whyline pull [--team CONNINFO]`: brings the team's sessions
 * into the local file, so that list, show, brief and export work on them
 * offline; only the copies that changed on the server since the last pull
 * travel. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "store-team.h"
#include "team.h"

static int cmd_pull_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_pull_entry = {
	"pull", "[--team CONNINFO]",
	N_("bring the team's sessions into this database"),
	cmd_pull_exec
};

struct pull {
	struct store *s;
	struct team *t;
	size_t pulled, kept;
};

/* Writes one pulled session here. */
static bool
pull_one(void *arg, const struct team_doc *d)
{
	struct pull *p = arg;
	bool kept;

	if (store_team_import(p->s, d->owner, d->stamp, d->doc,
	    team_user(p->t), &kept) != STORE_OK) {
		team_set_error(p->t, store_error(p->s));
		return false;
	}
	if (kept)
		p->kept++;
	else
		p->pulled++;
	return true;
}

/* Pulls. */
static int
cmd_pull_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct pull p = { 0 };
	const char *team = NULL;
	char *known = NULL;
	int status;

	if ((status = cmd_team_parse(ctx, &cmd_pull_entry, argc, argv,
	    &team)) >= 0)
		return status;
	if ((status = cmd_team_open(team, &p.t)) != 0)
		return status;
	if ((status = cmd_store_open(ctx, &p.s)) != 0)
		goto out;
	if (store_team_known(p.s, &known) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(p.s));
		goto out;
	}
	if (team_pull(p.t, known, pull_one, &p) != TEAM_OK)
		status = cmd_error(EXIT_STORAGE, "%s", team_error(p.t));
	printf(ngettext("%zu session pulled\n", "%zu sessions pulled\n",
	    p.pulled), p.pulled);
	if (p.kept > 0)
		printf(ngettext("%zu session of yours changed here is kept: "
		    "push it\n", "%zu sessions of yours changed here are kept: "
		    "push them\n", p.kept), p.kept);
out:
	free(known);
	store_close(p.s);
	team_close(p.t);
	return status;
}
