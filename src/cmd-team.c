/* cmd-team.c: the --team option and opening the team store, for the
 * commands that reach it. */
#include "config.h"

#include "cmd-team.h"

#include <stdlib.h>

#include "i18n.h"
#include "team.h"

enum { OPT_TEAM = 1000 };

/* Reads --team CONNINFO; no other argument. */
int
cmd_team_parse(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
    char **argv, const char **team)
{
	static const struct option own[] = {
		{ "team", required_argument, NULL, OPT_TEAM },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*team = NULL;
	while ((c = cmd_getopt(ctx, e, argc, argv, "", own)) != -1) {
		if (c != OPT_TEAM)
			return cmd_getopt_status(c);
		*team = optarg;
	}
	if (optind < argc)
		return cmd_usage_error(_("%s: unexpected argument '%s'"),
		    e->name, argv[optind]);
	return -1;
}

/* Connects to the team store. */
int
cmd_team_open(const char *team, struct team **out)
{
	const char *conninfo = team_conninfo(team);
	char *err = NULL;
	int status = 0;

	*out = NULL;
	if (conninfo == NULL)
		return cmd_usage_error("%s", _("no team store: give --team "
		    "CONNINFO or set WHYLINE_TEAM"));
	if (team_open(conninfo, out, &err) != TEAM_OK)
		status = cmd_error(EXIT_STORAGE, "%s", err);
	free(err);
	return status;
}
