/* cmd-team.c: the --team option and what the commands that reach the team
 * store share: connecting, pushing, pulling, a private snapshot of the
 * store for the reading commands, and the push at the end of a call. */
#include "config.h"

#include "cmd-team.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "store.h"
#include "store-team.h"
#include "team.h"
#include "util.h"

/* The commands that take --team. */
static const char *const team_commands[] = {
	"push", "pull", "run", "resume", "amend", "list", "show", "brief", "export",
	NULL
};

/* True when command e takes --team. */
static bool
takes_team(const struct cmd_entry *e)
{
	size_t i;

	for (i = 0; team_commands[i] != NULL; i++)
		if (strcmp(e->name, team_commands[i]) == 0)
			return true;
	return false;
}

/* Adds --team before the end of all. */
void
cmd_team_option(const struct cmd_entry *e, struct option all[CMD_MAX_OPTIONS])
{
	size_t n = 0;

	if (!takes_team(e))
		return;
	while (all[n].name != NULL)
		n++;
	if (n + 1 >= CMD_MAX_OPTIONS)
		return;
	all[n].name = "team";
	all[n].has_arg = required_argument;
	all[n].flag = NULL;
	all[n].val = CMD_OPT_TEAM;
	memset(&all[n + 1], 0, sizeof all[0]);
}

/* The help line of --team. */
void
cmd_team_help(const struct cmd_entry *e)
{
	if (!takes_team(e))
		return;
	/* TRANSLATORS: keep the option name and $WHYLINE_TEAM. */
	puts(_("      --team CONNINFO    the team store on PostgreSQL (a libpq\n"
	       "                         connection string or service; default\n"
	       "                         $WHYLINE_TEAM for push, pull, run and\n"
	       "                         resume)"));
}

/* Connects to the team store. */
int
cmd_team_open(const struct cmd_ctx *ctx, struct team **out)
{
	const char *conninfo = team_conninfo(ctx->team);
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
	enum store_status r;
	bool kept;

	r = store_team_import(p->s, d->owner, d->stamp, d->doc, team_user(p->t),
	    &kept);
	/* A session whose rows are not whyline's is left on the server. */
	if (r == STORE_INVALID) {
		cmd_warn(_("%s; that session is not pulled"), store_error(p->s));
		return true;
	}
	if (r != STORE_OK) {
		team_set_error(p->t, store_error(p->s));
		return false;
	}
	if (kept)
		p->kept++;
	else
		p->pulled++;
	return true;
}

/* Pulls what changed on the server. */
int
cmd_team_pull(struct store *s, struct team *t, size_t *pulled, size_t *kept,
    size_t *ncodes)
{
	struct pull p = { s, t, 0, 0 };
	char *known = NULL, *codes = NULL;
	int status = 0;

	if (store_team_relax(s) != STORE_OK ||
	    store_team_known(s, &known) != STORE_OK)
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
	else if (team_pull(t, known, pull_one, &p) != TEAM_OK)
		status = cmd_error(EXIT_STORAGE, "%s", team_error(t));
	else if (team_pull_codes(t, &codes) != TEAM_OK)
		status = cmd_error(EXIT_STORAGE, "%s", team_error(t));
	else if (store_team_import_codes(s, codes, ncodes) != STORE_OK)
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
	free(codes);
	free(known);
	if (status != 0)
		*ncodes = 0;
	*pulled = p.pulled;
	*kept = p.kept;
	return status;
}

/* Says msg now (say) and keeps the first failure for later; msg is
 * taken. */
static int
push_failed(bool say, char *msg, char **first)
{
	if (say)
		cmd_error(EXIT_STORAGE, "%s", msg);
	if (*first == NULL)
		*first = msg;
	else
		free(msg);
	return EXIT_STORAGE;
}

/* Sends each session to push; one another role owns is refused and the
 * others still go; any other failure stops. */
int
cmd_team_push(struct store *s, struct team *t, bool say)
{
	struct store_team_doc *v;
	size_t n, i, sent = 0;
	char *stamp, *first = NULL;
	size_t ncodes = 0;
	bool fatal = false;
	int status = 0;

	if (store_team_relax(s) != STORE_OK ||
	    store_team_outbox(s, team_user(t), &v, &n) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(s));
	for (i = 0; i < n; i++) {
		enum team_status ts = team_push(t, v[i].doc, &stamp);
		char *msg = NULL;

		if (ts == TEAM_OK && store_team_sent(s, v[i].id, team_user(t),
		    v[i].mark, stamp) != STORE_OK)
			msg = xstrdup(store_error(s));
		else if (ts == TEAM_NOT_YOURS)
			msg = xasprintf(_("session %.8s is not pushed: %s"),
			    v[i].id, team_error(t));
		else if (ts != TEAM_OK)
			msg = xstrdup(team_error(t));
		free(stamp);
		if (msg == NULL) {
			sent++;
			continue;
		}
		status = push_failed(say, msg, &first);
		if (ts != TEAM_NOT_YOURS) {
			fatal = true;
			break;
		}
	}
	store_team_docs_free(v, n);
	/* Then the codes, once their sessions are there. */
	if (!fatal) {
		char *codes = NULL, *msg = NULL;

		if (store_team_codes(s, &codes) != STORE_OK)
			msg = xstrdup(store_error(s));
		else if (team_push_codes(t, codes, &ncodes) != TEAM_OK)
			msg = xstrdup(team_error(t));
		free(codes);
		if (msg != NULL)
			status = push_failed(say, msg, &first);
	}
	if (say)
		printf(ngettext("%zu session pushed\n", "%zu sessions pushed\n",
		    sent), sent);
	if (say && ncodes > 0)
		printf(ngettext("%zu code pushed\n", "%zu codes pushed\n",
		    ncodes), ncodes);
	else if (first != NULL)
		cmd_error(EXIT_STORAGE, _("the push after the call failed (run "
		    "whyline push later): %s"), first);
	free(first);
	return status;
}

/* The folder of the snapshot, removed at exit. */
static char *snapshot_dir;

/* Removes the snapshot's files and folder. */
static void
snapshot_remove(void)
{
	static const char *const files[] = {
		"team.db", "team.db-wal", "team.db-shm", "team.db-journal"
	};
	char *p;
	size_t i;

	if (snapshot_dir == NULL)
		return;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		p = xasprintf("%s/%s", snapshot_dir, files[i]);
		(void)unlink(p);
		free(p);
	}
	(void)rmdir(snapshot_dir);
	free(snapshot_dir);
	snapshot_dir = NULL;
}

/* The team store, pulled whole into a private file. */
int
cmd_team_snapshot(const struct cmd_ctx *ctx, struct store **out)
{
	const char *tmp = getenv("TMPDIR");
	struct cmd_ctx local = *ctx;
	struct team *t = NULL;
	size_t pulled, kept, codes;
	char *path;
	int status;

	*out = NULL;
	if ((status = cmd_team_open(ctx, &t)) != 0)
		return status;
	snapshot_dir = xasprintf("%s/whyline-team.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(snapshot_dir) == NULL) {
		status = cmd_error(EXIT_STORAGE, "%s: %s", snapshot_dir,
		    strerror(errno));
		free(snapshot_dir);
		snapshot_dir = NULL;
		team_close(t);
		return status;
	}
	atexit(snapshot_remove);
	path = xasprintf("%s/team.db", snapshot_dir);
	local.db_path = path;
	local.team = NULL;
	if ((status = cmd_store_open(&local, out)) == 0)
		status = cmd_team_pull(*out, t, &pulled, &kept, &codes);
	free(path);
	team_close(t);
	if (status != 0) {
		store_close(*out);
		*out = NULL;
	}
	return status;
}

/* Pushes in a grandchild detached from the call. */
void
cmd_team_push_later(const struct cmd_ctx *ctx)
{
	struct store *s = NULL;
	struct team *t = NULL;
	char *err = NULL;
	pid_t pid;
	int fd;

	if (team_conninfo(ctx->team) == NULL)
		return;
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0)
		return;
	if (pid > 0) {
		(void)waitpid(pid, NULL, 0);
		return;
	}
	/* The child leaves the call's session and process group, and its
	 * own child, adopted by init, does the push. */
	(void)setsid();
	if (fork() != 0)
		_exit(0);
	if ((fd = open("/dev/null", O_RDWR)) >= 0) {
		(void)dup2(fd, STDIN_FILENO);
		(void)dup2(fd, STDOUT_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (team_open(team_conninfo(ctx->team), &t, &err) != TEAM_OK)
		cmd_error(EXIT_STORAGE, _("the push after the call failed (run "
		    "whyline push later): %s"), err);
	else if (cmd_store_open(ctx, &s) == 0)
		(void)cmd_team_push(s, t, false);
	free(err);
	store_close(s);
	team_close(t);
	fflush(stderr);
	_exit(0);
}
