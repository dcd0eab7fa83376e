/* cmd-run.c: `whyline run TREE`: a new session on a tree, asked live, or
 * answered from a file with --answers. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "carry.h"
#include "cmd.h"
#include "cmd-resume.h"
#include "cmd-team.h"
#include "i18n.h"
#include "interview.h"
#include "lang.h"
#include "replay.h"
#include "tree-cat.h"
#include "util.h"
#include "ydoc.h"

static int cmd_run_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const run_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --client NAME      the client's name, kept with the session"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --consultant NAME  who runs the call (default $WHYLINE_CONSULTANT,\n"
	   "                         else your account's full name)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --answers FILE     take the answers from a YAML or JSON file instead\n"
	   "                         of asking; print the new session's id"),
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

const struct cmd_entry cmd_run_entry = {
	"run", "TREE [--client NAME] [--consultant NAME] [--answers FILE] [--plain] [--discreet] [--carry | --no-carry]",
	N_("start an interview on a question tree"),
	cmd_run_exec,
	run_help
};

struct run_opts {
	const char *tree;
	const char *client;
	const char *consultant;
	const char *answers;
	bool plain;
	bool discreet;
	int carry;		/* 0: as the tree marks; 1: --carry; -1: --no-carry */
};

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
	    cmd_default_consultant();
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

/* Appends a word to a command line, quoted for a shell when it needs it. */
static void
put_word(struct buf *b, const char *w)
{
	buf_putc(b, ' ');
	buf_shell_word(b, w);
}

/* True when "whyline" on PATH is the program at self. */
static bool
on_path(const char *self)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *cand, *real;
	bool found = false;

	if (path == NULL)
		return false;
	copy = xstrdup(path);
	/* The first one found is the one a shell runs. */
	for (dir = strtok_r(copy, ":", &save); dir != NULL; dir = strtok_r(NULL, ":", &save)) {
		cand = xasprintf("%s/whyline", *dir != '\0' ? dir : ".");
		real = access(cand, X_OK) == 0 ? realpath(cand, NULL) : NULL;
		free(cand);
		if (real != NULL) {
			found = strcmp(real, self) == 0;
			free(real);
			break;
		}
	}
	free(copy);
	return found;
}

/* How to run whyline again: the name on PATH or the program's path, with
 * the --db and --locale-dir given (the environment is the user's). */
char *
cmd_self(const struct cmd_ctx *ctx)
{
	struct buf b = { 0 };
	char *self = realpath("/proc/self/exe", NULL), *abs;
	const char *env = getenv("WHYLINE_LOCALEDIR");

	if (self == NULL || on_path(self))
		buf_puts(&b, " whyline");
	else
		put_word(&b, self);
	free(self);
	if (ctx->db_path != NULL) {
		abs = realpath(ctx->db_path, NULL);
		buf_puts(&b, " --db");
		put_word(&b, abs != NULL ? abs : ctx->db_path);
		free(abs);
	}
	if (ctx->locale_dir != NULL && (env == NULL || strcmp(env, ctx->locale_dir) != 0)) {
		abs = realpath(ctx->locale_dir, NULL);
		buf_puts(&b, " --locale-dir");
		put_word(&b, abs != NULL ? abs : ctx->locale_dir);
		free(abs);
	}
	memmove(b.s, b.s + 1, b.len);	/* the space put_word put first */
	return buf_take(&b);
}

/* Offers the client's known answers: carry > 0 at every question
 * (--carry, which says how many it found), < 0 at none (--no-carry), 0 at
 * the questions the tree marks. */
int
cmd_carry(struct interview *iv, int carry)
{
	enum carry_mode mode = carry > 0 ? CARRY_ALL : carry < 0 ? CARRY_OFF : CARRY_MARKED;
	const char *client = iv->s.row.client;
	char *err = NULL;
	long n;

	if (carry > 0 && (client == NULL || *client == '\0'))
		return cmd_usage_error("%s", _("--carry needs a client, whose earlier answers it offers"));
	n = carry_offer(&iv->s, iv->store, mode, iv->locale_dir, &err);
	if (n < 0) {
		cmd_error(EXIT_STORAGE, "%s", err);
		free(err);
		return EXIT_STORAGE;
	}
	if (carry > 0 && n == 0)
		cmd_warn(_("no earlier answer of the client \"%s\" to offer (the name must be "
		    "the same, in any case)"), client);
	else if (carry > 0)
		cmd_warn(ngettext("%ld answer from earlier calls with \"%s\" is offered: "
		    "Enter confirms it, or change it",
		    "%ld answers from earlier calls with \"%s\" are offered: "
		    "Enter confirms each, or change it", n), n, client);
	return 0;
}

/* Refuses --lang ll when neither whyline nor the tree has a catalog for it
 * and the tree is not written in it, naming the languages there are. */
static int
run_check_lang(const struct cmd_ctx *ctx, const struct tree *t, const char *ll)
{
	char *why = tree_cat_lang_refusal(t, ctx->locale_dir, ll);

	if (why == NULL)
		return 0;
	cmd_usage_error("%s", why);
	free(why);
	return EXIT_USAGE;
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
		{ "discreet", no_argument, NULL, 'd' },
		{ "carry", no_argument, NULL, 'k' },
		{ "no-carry", no_argument, NULL, 'K' },
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
		case 'd':
			o->discreet = true;
			break;
		case 'k':
		case 'K':
			if (o->carry != 0 && o->carry != (c == 'k' ? 1 : -1))
				return cmd_usage_error("%s", _("run: give --carry or --no-carry, not both"));
			o->carry = c == 'k' ? 1 : -1;
			break;
		default:
			return cmd_getopt_status(c) == 0 ? -1 : EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("run: give one tree"));
	if (o->carry > 0 && o->client == NULL)
		return cmd_usage_error("%s", _("run: --carry needs --client, whose earlier answers it offers"));
	if (o->carry != 0 && o->answers != NULL)
		return cmd_usage_error("%s", _("run: --answers takes every answer from its file; "
		    "it carries none (leave out --carry and --no-carry)"));
	o->tree = argv[optind];
	return 0;
}

/* Starts an interview. */
static int
cmd_run_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct run_opts o = { 0 };
	struct interview iv = { 0 };
	struct io *io;
	char *lang = NULL, *err = NULL, *path = NULL, *resume = NULL;
	int status = run_parse(ctx, argc, argv, &o);

	if (status != 0)
		return status < 0 ? 0 : status;
	/* A name (five-whys) is looked for where trees are installed. */
	if ((status = cmd_tree_find(o.tree, &path)) != 0)
		goto out;
	o.tree = path;
	if ((status = cmd_tree_load(o.tree, &iv.s.tree)) != 0)
		goto out;
	if (ctx->lang != NULL && (status = run_check_lang(ctx, iv.s.tree, ctx->lang)) != 0)
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
	/* A client's open session on this tree: resume it rather than split
	 * the call in two? */
	if (o.client != NULL && (status = cmd_resume_offer(ctx, iv.store, iv.s.tree->id.s,
	    o.client, o.plain || o.answers != NULL, &iv.io, &resume)) != 0) {
		if (status < 0 && iv.io != NULL) {	/* nothing ran: nothing to push */
			iv.io->free(iv.io);
			iv.io = NULL;
		}
		status = status < 0 ? 0 : status;
		goto out;
	}
	if (resume != NULL) {
		store_close(iv.store);
		iv.store = NULL;
		io = iv.io;
		iv.io = NULL;
		status = cmd_resume_session(ctx, resume, io, false, o.discreet, o.carry);
		goto out;
	}
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
	if ((status = cmd_carry(&iv, o.carry)) != 0)
		goto out;
	if (iv.io == NULL)
		iv.io = cmd_interview_io(ctx, o.plain);
	iv.self = cmd_self(ctx);
	iv.discreet = o.discreet;
	status = cmd_interview_status(&iv, interview_run(&iv, false));
out:
	store_close(iv.store);
	if (iv.io != NULL)	/* a call ended or paused: push it, detached */
		cmd_team_push_later(ctx);
	interview_clear(&iv);
	free(lang);
	free(err);
	free(path);
	free(resume);
	return status;
}
