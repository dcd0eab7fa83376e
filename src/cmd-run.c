/* cmd-run.c: `whyline run TREE`: a new session on a tree, asked live, or
 * answered from a file with --answers. */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "interview.h"
#include "replay.h"
#include "util.h"
#include "ydoc.h"

static int cmd_run_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_run_entry = {
	"run", "TREE [--client NAME] [--consultant NAME] [--answers FILE] [--plain]",
	N_("start an interview on a question tree"),
	cmd_run_exec
};

struct run_opts {
	const char *tree;
	const char *client;
	const char *consultant;
	const char *answers;
	bool plain;
};

/* The consultant's name when none is given: the account's full name. */
static char *
default_consultant(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *env = getenv("WHYLINE_CONSULTANT");

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (pw != NULL && pw->pw_gecos != NULL && *pw->pw_gecos != '\0')
		return xstrndup(pw->pw_gecos, strcspn(pw->pw_gecos, ","));
	if (pw != NULL)
		return xstrdup(pw->pw_name);
	return NULL;
}

/* Fills the session row for the interview's tree; it is stored with the
 * first answer (interview_save), so that the first prompt waits for no
 * disk write. */
static void
session_prepare(struct interview *iv, const struct run_opts *o, const char *lang)
{
	struct tree *t = iv->s.tree;
	char *real = realpath(o->tree, NULL);

	iv->s.row.tree_id = xstrdup(t->id.s);
	iv->s.row.tree_version = xstrdup_null(t->version.s);
	iv->s.row.tree_sha256 = xstrdup(tree_sha256(t));
	iv->s.row.tree_path = real != NULL ? real : xstrdup(o->tree);
	iv->s.row.title = xstrdup(t->title.s);
	iv->s.row.client = xstrdup_null(o->client);
	iv->s.row.consultant = o->consultant != NULL ? xstrdup(o->consultant) :
	    default_consultant();
	iv->s.row.language = xstrdup(lang);
}

/* Answers the interview from a file and prints the new session's id. The
 * file is replayed once, storing nothing; only when it answers the whole
 * interview is the session stored, with every record, in one transaction,
 * so that a wrong file or a storage error leaves no half session behind. */
static int
run_answers(struct interview *iv, const struct run_opts *o, const char *lang)
{
	struct diags d = { 0 };
	struct ydoc *doc = ydoc_load(o->answers, &d);
	const struct ynode *answers = doc != NULL ? replay_answers(doc, &d) : NULL;
	int status = 0;

	/* An error anywhere (a duplicate key too) fails the run: what was
	 * replayed is not what the file says. */
	if (answers == NULL || !replay_run(iv->s.engine, iv->s.tree, answers,
	    o->answers, &d) || d.nerrors > 0)
		status = EXIT_INVALID;
	diags_print(&d, stderr);
	if (status == 0) {
		session_prepare(iv, o, lang);
		/* Stored done, in the one transaction that stores it. */
		free(iv->s.row.status);
		iv->s.row.status = xstrdup("done");
		if (!interview_session_store(iv))
			status = cmd_error(EXIT_STORAGE, "%s", iv->error);
	}
	if (status == 0)
		printf("%s\n", iv->s.row.id);
	diags_free(&d);
	ydoc_free(doc);
	return status;
}

/* Parses run's options. */
static int
run_parse(struct cmd_ctx *ctx, int argc, char **argv, struct run_opts *o)
{
	static const struct option options[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "consultant", required_argument, NULL, 'C' },
		{ "answers", required_argument, NULL, 'a' },
		{ "plain", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = cmd_getopt(ctx, &cmd_run_entry, argc, argv, "", options)) != -1) {
		switch (c) {
		case 'c':
			o->client = optarg;
			break;
		case 'C':
			o->consultant = optarg;
			break;
		case 'a':
			o->answers = optarg;
			break;
		case 'p':
			o->plain = true;
			break;
		default:
			return cmd_getopt_status(c) == 0 ? -1 : EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("run: give one tree"));
	o->tree = argv[optind];
	return 0;
}

/* Starts an interview. */
static int
cmd_run_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct run_opts o = { 0 };
	struct interview iv = { 0 };
	char *lang = NULL, *err = NULL;
	int status = run_parse(ctx, argc, argv, &o);

	if (status != 0)
		return status < 0 ? 0 : status;
	if ((status = cmd_tree_load(o.tree, &iv.s.tree)) != 0)
		goto out;
	lang = ctx->lang != NULL ? xstrdup(ctx->lang) : lang_current();
	lang_set(lang, ctx->locale_dir);
	session_set_lang(&iv.s, lang, ctx->locale_dir);
	iv.locale_dir = ctx->locale_dir;
	iv.s.engine = engine_new(iv.s.tree, &iv.s.al, &err);
	if (iv.s.engine == NULL) {
		status = cmd_error(EXIT_INVALID, "%s", err);
		goto out;
	}
	if ((status = cmd_store_open(ctx, &iv.store)) != 0)
		goto out;
	if (o.answers != NULL) {
		status = run_answers(&iv, &o, lang);
		goto out;
	}
	session_prepare(&iv, &o, lang);
	/* Fail now, not after the first answer, when another process holds
	 * the database. */
	if (store_probe(iv.store) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(iv.store));
		goto out;
	}
	iv.io = cmd_interview_io(ctx, o.plain);
	status = cmd_interview_status(&iv, interview_run(&iv, false));
out:
	store_close(iv.store);
	interview_clear(&iv);
	free(lang);
	free(err);
	return status;
}
