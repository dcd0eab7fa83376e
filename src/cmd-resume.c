/* cmd-resume.c: `whyline resume [SESSION]`: go on with a paused session
 * from its first unanswered question. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd-team.h"
#include "i18n.h"
#include "interview.h"
#include "util.h"

static int cmd_resume_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const resume_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --plain            plain lines, prompts on standard error, even on\n"
	   "                         a terminal"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --discreet         for a shared screen: flags as a count, private\n"
	   "                         questions hidden until /show"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --carry            offer at every question the client's answer\n"
	   "                         from an earlier call, to confirm or change"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --no-carry         offer none, not even where the tree says carry"),
	NULL
};

const struct cmd_entry cmd_resume_entry = {
	"resume", "[SESSION] [--plain] [--discreet] [--carry | --no-carry]",
	N_("go on with a paused interview (the latest one by default)"),
	cmd_resume_exec,
	resume_help
};

/* Says what changed in the tree and keeps the new one with the session. */
static int
resume_changed_tree(struct interview *iv)
{
	const struct session *ss = &iv->s;
	const char *src;
	size_t len;

	if (ss->from_copy)
		cmd_warn(_("%s cannot be used; going on with the copy kept with the session"),
		    session_tree_name(ss));
	if (!ss->changed)
		return 0;
	cmd_warn(ngettext("%s changed since the session began; %zu stored answer "
	    "no longer fits it and is set aside (kept, not used)",
	    "%s changed since the session began; %zu stored answers "
	    "no longer fit it and are set aside (kept, not used)", ss->aside),
	    session_tree_name(ss), ss->aside);
	src = tree_source(ss->tree, &len);
	if (store_session_set_tree(iv->store, ss->row.id, tree_sha256(ss->tree),
	    src, len) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(iv->store));
	return 0;
}

/* True when the session is done and nothing is left to ask: there is
 * nothing to resume, and nothing is recorded. */
static bool
resume_nothing_left(struct interview *iv)
{
	if (iv->s.row.status == NULL || strcmp(iv->s.row.status, "done") != 0 ||
	    !engine_done(iv->s.engine))
		return false;
	fprintf(stderr, _("whyline: session %.8s is complete; write the brief with: %s brief %.8s\n"),
	    iv->s.row.id, iv->self, iv->s.row.id);
	return true;
}

/* Says once, on stderr, when the session's language has no catalog here:
 * whyline's messages stay in English, or the tree's strings as written. */
static void
resume_lang_warn(const struct cmd_ctx *ctx, const struct interview *iv)
{
	const char *ll = iv->s.lang;
	bool own, tree;

	if (ll == NULL)
		return;
	cmd_lang_catalogs(ctx, iv->s.tree, ll, &own, &tree);
	if (!own && !tree)
		fprintf(stderr, _("whyline: no catalog for the session's language (%s) was found; "
		    "going on in the tree's language (give --locale-dir DIR if the catalogs are in DIR)\n"), ll);
	else if (!own)
		fprintf(stderr, _("whyline: no catalog of whyline's messages for %s was found; "
		    "they stay in English\n"), ll);
	else if (!tree)
		fprintf(stderr, _("whyline: no catalog of the tree's strings for %s was found; "
		    "they stay as written\n"), ll);
}

/* Goes on with a session. */
static int
cmd_resume_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "plain", no_argument, NULL, 'p' },
		{ "discreet", no_argument, NULL, 'd' },
		{ "carry", no_argument, NULL, 'k' },
		{ "no-carry", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct interview iv = { 0 };
	enum session_status st;
	bool plain = false;
	char *err = NULL;
	int c, status, carry = 0;

	while ((c = cmd_getopt(ctx, &cmd_resume_entry, argc, argv, "", options)) != -1) {
		if (c == 'd')
			iv.discreet = true;
		else if (c == 'p')
			plain = true;
		else if ((c == 'k' || c == 'K') && carry == (c == 'k' ? -1 : 1))
			return cmd_usage_error("%s", _("resume: give --carry or --no-carry, not both"));
		else if (c == 'k' || c == 'K')
			carry = c == 'k' ? 1 : -1;
		else
			return cmd_getopt_status(c);
	}
	if (argc - optind > 1)
		return cmd_usage_error("%s", _("resume: give at most one session"));
	if ((status = cmd_store_open(ctx, &iv.store)) != 0)
		return status;
	st = cmd_sess_load(ctx, &iv.s, iv.store, optind < argc ? argv[optind] : NULL,
	    SESSION_TREE_FILE, NULL, &err);
	if (st != SESSION_OK) {
		status = cmd_error(cmd_sess_status(st), "%s", err);
		goto out;
	}
	iv.locale_dir = ctx->locale_dir;
	iv.self = cmd_self(ctx);
	if ((status = resume_changed_tree(&iv)) != 0 || resume_nothing_left(&iv) ||
	    (status = cmd_carry(&iv, carry)) != 0)
		goto out;
	if (store_event(iv.store, iv.s.row.id, "resume", NULL) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(iv.store));
		goto out;
	}
	if (ctx->lang != NULL && (iv.s.row.language == NULL ||
	    strcmp(ctx->lang, iv.s.row.language) != 0) && !interview_set_lang(&iv, ctx->lang)) {
		status = cmd_error(EXIT_STORAGE, "%s", iv.error);
		goto out;
	}
	resume_lang_warn(ctx, &iv);
	iv.io = cmd_interview_io(ctx, plain);
	status = cmd_interview_status(&iv, interview_run(&iv, true));
out:
	store_close(iv.store);
	if (iv.io != NULL)	/* a call ended or paused: push it, detached */
		cmd_team_push_later(ctx);
	interview_clear(&iv);
	free(err);
	return status;
}
