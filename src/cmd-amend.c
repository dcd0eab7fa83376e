/* cmd-amend.c: `whyline amend SESSION QUESTION [--answer TEXT] [--reason
 * TEXT] [--plain]`: changes an answer of a finished call afterwards, with
 * a reason (amend.c). Refused, before anything is asked: a session that is
 * not finished (resume changes its answers), a question its tree does not
 * have, a note or a ladder, and a question the call's answers do not
 * reach. The call's times stay as they were. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "interview.h"
#include "store-team.h"
#include "team.h"
#include "util.h"

static int cmd_amend_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const amend_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --answer TEXT      the new answer, as it would be typed (/skip [REASON]\n"
	   "                         leaves the question unanswered), instead of asking"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --reason TEXT      why the answer is changed, instead of asking"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --plain            plain lines, prompts on standard error, even on\n"
	   "                         a terminal"),
	NULL
};

const struct cmd_entry cmd_amend_entry = {
	"amend", "SESSION QUESTION [--answer TEXT] [--reason TEXT] [--plain]",
	N_("change an answer of a finished call, with the reason"),
	cmd_amend_exec,
	amend_help
};

/* Refuses what cannot be amended: returns 0, or the exit status having
 * said why. */
static int
amend_refuse(struct interview *iv, const char *qid, const struct question **out)
{
	const struct session *ss = &iv->s;
	const struct question *q = tree_question(ss->tree, qid);

	*out = q;
	if (ss->row.status == NULL || strcmp(ss->row.status, "done") != 0)
		return cmd_error(EXIT_INVALID, _("amend: session %.8s is not finished: go on "
		    "with it (and change an answer with /back) with: %s resume %.8s"),
		    ss->row.id, iv->self, ss->row.id);
	if (q == NULL)
		return cmd_error(EXIT_INVALID, _("amend: the tree of session %.8s (%s) has no "
		    "question \"%s\""), ss->row.id, ss->row.tree_id, qid);
	if (q->type == QT_NOTE)
		return cmd_error(EXIT_INVALID, _("amend: \"%s\" is a note: it has no answer "
		    "to change"), qid);
	if (q->type == QT_LADDER)
		return cmd_error(EXIT_INVALID, _("amend: \"%s\" is a why ladder: its rungs "
		    "cannot be amended"), qid);
	if (!engine_reached(ss->engine, q))
		return cmd_error(EXIT_INVALID, _("amend: question \"%s\" was not asked in "
		    "session %.8s: its answers do not reach it"), qid, ss->row.id);
	return 0;
}

/* Refuses a session a colleague pushed: a change made here would never be
 * pushed, and the next pull would put their copy back. Who "you" are is
 * the role the team store (--team, $WHYLINE_TEAM) is connected as; with
 * none named or reachable, the owner is said as a warning. Returns 0, or
 * the exit status having said why. */
static int
amend_refuse_owner(const struct cmd_ctx *ctx, struct interview *iv)
{
	const char *conninfo = team_conninfo(ctx->team);
	struct team *t = NULL;
	char *owner = NULL, *err = NULL;
	int status = 0;

	if (store_team_owner(iv->store, iv->s.row.id, &owner) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(iv->store));
	if (owner == NULL)
		return 0;
	if (conninfo != NULL && team_open(conninfo, &t, &err) == TEAM_OK) {
		if (strcmp(team_user(t), owner) != 0)
			status = cmd_error(EXIT_INVALID, _("amend: session %.8s belongs to the "
			    "team role %s, not to you (%s): a change made here would never be "
			    "pushed, and the next pull would put their copy back. Ask them to "
			    "amend it"), iv->s.row.id, owner, team_user(t));
	} else if (conninfo == NULL) {
		cmd_warn(_("session %.8s belongs to the team role %s: if you are not %s, "
		    "this change stays in this file, push never sends it and the next pull "
		    "puts their copy back (give --team to check)"), iv->s.row.id, owner, owner);
	} else {
		cmd_warn(_("session %.8s belongs to the team role %s: if you are not %s, "
		    "this change stays in this file, push never sends it and the next pull "
		    "puts their copy back (not checked: %s)"), iv->s.row.id, owner, owner,
		    err != NULL ? err : "");
	}
	team_close(t);
	free(err);
	free(owner);
	return status;
}

/* Amends an answer of a finished session. */
static int
cmd_amend_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "answer", required_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ "plain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct interview iv = { 0 };
	struct amend a = { 0 };
	enum session_status st;
	enum amend_end end;
	bool plain = false;
	char *err = NULL;
	int c, status;

	while ((c = cmd_getopt(ctx, &cmd_amend_entry, argc, argv, "", options)) != -1) {
		if (c == 'a')
			a.answer = optarg;
		else if (c == 'r')
			a.reason = optarg;
		else if (c == 'p')
			plain = true;
		else
			return cmd_getopt_status(c);
	}
	if (argc - optind != 2)
		return cmd_usage_error("%s", _("amend: give a session and a question"));
	if ((status = cmd_store_open(ctx, &iv.store)) != 0)
		return status;
	/* The copy of the tree the answers were given to. */
	st = cmd_sess_load(ctx, &iv.s, iv.store, argv[optind], SESSION_TREE_KEPT, NULL, &err);
	if (st != SESSION_OK) {
		status = cmd_error(cmd_sess_status(st), "%s", err);
		goto out;
	}
	iv.locale_dir = ctx->locale_dir;
	iv.self = cmd_self(ctx);
	if ((status = amend_refuse(&iv, argv[optind + 1], &a.q)) != 0 ||
	    (status = amend_refuse_owner(ctx, &iv)) != 0)
		goto out;
	iv.io = cmd_interview_io(ctx, plain);
	end = amend_run(&iv, &a);
	if (end == AMEND_INVALID)
		status = cmd_error(EXIT_INVALID, "%s", a.error);
	else if (end == AMEND_STORAGE)
		status = cmd_error(EXIT_STORAGE, "%s", a.error);
	else if (end == AMEND_CANCELLED && !iv.io->interactive)
		status = cmd_error(EXIT_INVALID, _("amend: the input ended before the new "
		    "answer and its reason; nothing was changed"));
	if (end == AMEND_STORED)	/* the team store gets it as a call */
		cmd_team_push_later(ctx);
out:
	store_close(iv.store);
	interview_clear(&iv);
	amend_clear(&a);
	free(err);
	return status;
}
