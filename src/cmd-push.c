/* cmd-push.c: `whyline push [--team CONNINFO]`: sends to the team store
 * the sessions this role owns (or that no one owns yet) that are new or
 * changed since the last push or pull, one transaction per session; run
 * again after an interruption, it sends what is left. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "store-team.h"
#include "team.h"

static int cmd_push_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_push_entry = {
	"push", "[--team CONNINFO]",
	N_("send the sessions you own, new or changed, to the team store"),
	cmd_push_exec
};

/* Sends each session of the outbox; a session another role owns is
 * refused and the others still go. */
static int
push_all(struct store *s, struct team *t)
{
	struct store_team_doc *v;
	size_t n, i, sent = 0;
	char *stamp;
	int status = 0;

	if (store_team_outbox(s, team_user(t), &v, &n) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(s));
	for (i = 0; i < n; i++) {
		enum team_status ts = team_push(t, v[i].doc, &stamp);

		if (ts == TEAM_NOT_YOURS) {
			status = cmd_error(EXIT_STORAGE, _("session %.8s is not "
			    "pushed: %s"), v[i].id, team_error(t));
			continue;
		}
		if (ts != TEAM_OK) {
			status = cmd_error(EXIT_STORAGE, "%s", team_error(t));
			break;
		}
		if (store_team_sent(s, v[i].id, team_user(t), v[i].mark,
		    stamp) != STORE_OK) {
			free(stamp);
			status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
			break;
		}
		free(stamp);
		sent++;
	}
	store_team_docs_free(v, n);
	printf(ngettext("%zu session pushed\n", "%zu sessions pushed\n", sent),
	    sent);
	return status;
}

/* Pushes. */
static int
cmd_push_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *s = NULL;
	struct team *t = NULL;
	const char *team = NULL;
	int status;

	if ((status = cmd_team_parse(ctx, &cmd_push_entry, argc, argv,
	    &team)) >= 0)
		return status;
	if ((status = cmd_team_open(team, &t)) != 0)
		return status;
	if ((status = cmd_store_open(ctx, &s)) == 0)
		status = push_all(s, t);
	store_close(s);
	team_close(t);
	return status;
}
