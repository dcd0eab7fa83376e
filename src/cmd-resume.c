/* cmd-resume.c: `whyline resume [SESSION]`: go on with a paused session
 * from its first unanswered question, saying so when it was interrupted
 * rather than paused; and the offer `run` makes of a client's open
 * session. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "cmd.h"
#include "cmd-resume.h"
#include "cmd-team.h"
#include "i18n.h"
#include "interview.h"
#include "isotime.h"
#include "store-recover.h"
#include "tree-cat.h"
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
	struct store_tree tree;
	struct buf model = { 0 };
	enum store_status st;

	if (ss->from_copy && ss->file_error != NULL)
		cmd_warn(_("%s cannot be used; going on with the copy kept with the session. "
		    "Its first error: %s"), session_tree_name(ss), ss->file_error);
	else if (ss->from_copy)
		cmd_warn(_("%s cannot be used; going on with the copy kept with the session. "
		    "To see why: whyline check %s"), session_tree_name(ss), session_tree_name(ss));
	if (!ss->changed)
		return 0;
	if (ss->aside == 0)
		cmd_warn(_("%s changed since the session began; every stored answer still fits it"),
		    session_tree_name(ss));
	else
		cmd_warn(ngettext("%s changed since the session began; %zu stored answer "
		    "no longer fits it and is set aside (kept, not used): %s",
		    "%s changed since the session began; %zu stored answers "
		    "no longer fit it and are set aside (kept, not used): %s", ss->aside),
		    session_tree_name(ss), ss->aside, ss->aside_questions.s);
	session_tree_copy(ss, &model, &tree);
	st = store_session_set_tree(iv->store, ss->row.id, tree_sha256(ss->tree), &tree);
	buf_free(&model);
	if (st != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(iv->store));
	return 0;
}

/* Refuses a finished (done) session: a call's time never changes after it
 * ends, so its answers change with `whyline amend`, and nothing is
 * recorded. A question its answers reach that has no answer (after an
 * amendment) is named, on the copy of the tree the answers were given to,
 * which is the one amend uses, and is an error; a complete session is
 * not (-1: nothing to do). Returns 0 for a session that is not done. */
static int
resume_refuse_done(const struct cmd_ctx *ctx, struct interview *iv)
{
	struct prompt p;
	char *err = NULL, *text, *sid;
	enum session_status st;
	int status;

	if (iv->s.row.status == NULL || strcmp(iv->s.row.status, "done") != 0)
		return 0;
	if (iv->s.changed || iv->s.from_copy) {
		char *id = xstrdup(iv->s.row.id);

		session_clear(&iv->s);
		st = cmd_sess_load(ctx, &iv->s, iv->store, id, SESSION_TREE_KEPT, NULL, &err);
		free(id);
		if (st != SESSION_OK) {
			status = cmd_error(cmd_sess_status(st), "%s", err);
			free(err);
			return status;
		}
	}
	engine_prompt(iv->s.engine, &p);
	/* The id comes from the database: cleaned (str_short_id). */
	sid = str_short_id(iv->s.row.id);
	if (p.kind != PROMPT_QUESTION || p.q == NULL) {
		engine_prompt_clear(&p);
		cmd_warn(_("resume: session %.8s is finished and is not "
		    "resumed: a call's time never changes after it ends. Write the brief with: "
		    "%s brief %.8s; change an answer with: %s amend %.8s QUESTION"),
		    sid, iv->self, sid, iv->self, sid);
		free(sid);
		return -1;
	}
	/* --discreet keeps a private question's text off the screen. */
	text = xstrdup(iv->discreet && p.q->private ? _("a private question") :
	    p.text != NULL ? p.text : "");
	str_strip_controls(text, false);
	status = cmd_error(EXIT_INVALID, _("resume: session %.8s is finished and is not "
	    "resumed: a call's time never changes after it ends. \"%s\" (%s) has no answer; "
	    "to answer it: %s amend %.8s %s"), sid, text, p.q->id.s, iv->self,
	    sid, p.q->id.s);
	free(text);
	free(sid);
	engine_prompt_clear(&p);
	return status;
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
	tree_cat_lang_catalogs(iv->s.tree, ctx->locale_dir, ll, &own, &tree);
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

/* Notes whether an open session was interrupted (a crash, a kill) rather
 * than paused: its last event is not a pause. Read before resuming writes
 * an event of its own. */
static int
resume_left(struct interview *iv)
{
	char *last = NULL, *saved = NULL;

	if (iv->s.row.status == NULL || strcmp(iv->s.row.status, "open") != 0)
		return 0;
	if (store_session_left(iv->store, iv->s.row.id, &last, &saved) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(iv->store));
	iv->interrupted = last == NULL || strcmp(last, "pause") != 0;
	if (iv->interrupted)
		iv->last_saved_at = saved;
	else
		free(saved);
	free(last);
	return 0;
}

/* Goes on with a session through io (taken). */
int
cmd_resume_session(struct cmd_ctx *ctx, const char *prefix, struct io *io,
    bool plain, bool discreet, int carry)
{
	struct interview iv = { 0 };
	enum session_status st;
	char *err = NULL, *why;
	int status;

	iv.discreet = discreet;
	if ((status = cmd_store_open(ctx, &iv.store)) != 0)
		goto out;
	st = cmd_sess_load(ctx, &iv.s, iv.store, prefix, SESSION_TREE_FILE, NULL, &err);
	if (st != SESSION_OK) {
		status = cmd_error(cmd_sess_status(st), "%s", err);
		goto out;
	}
	iv.locale_dir = ctx->locale_dir;
	iv.self = cmd_self(ctx);
	if ((status = resume_refuse_done(ctx, &iv)) != 0) {
		status = status < 0 ? 0 : status;
		goto out;
	}
	/* A usage error changes nothing: before the tree is moved on. */
	if (ctx->lang != NULL && (why = tree_cat_lang_refusal(iv.s.tree, ctx->locale_dir,
	    ctx->lang)) != NULL) {
		status = cmd_usage_error("%s", why);
		free(why);
		goto out;
	}
	/* One whyline at a time runs a session: a second one would write
	 * over the first one's answers. */
	if (store_live_take(iv.store, iv.s.row.id) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(iv.store));
		goto out;
	}
	if ((status = resume_left(&iv)) != 0 || (status = resume_changed_tree(&iv)) != 0 ||
	    (status = cmd_carry(&iv, carry)) != 0)
		goto out;
	/* The event is written with the first thing the call writes: the
	 * first question does not wait for a commit of its own. Whether
	 * another process holds the database is known now, as run does. */
	if (store_probe(iv.store) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(iv.store));
		goto out;
	}
	store_event_later(iv.store, iv.s.row.id, "resume");
	if (ctx->lang != NULL && (iv.s.row.language == NULL ||
	    strcmp(ctx->lang, iv.s.row.language) != 0) && !interview_set_lang(&iv, ctx->lang)) {
		status = cmd_error(EXIT_STORAGE, "%s", iv.error);
		goto out;
	}
	resume_lang_warn(ctx, &iv);
	iv.io = io != NULL ? io : cmd_interview_io(ctx, plain);
	io = NULL;
	status = cmd_interview_status(&iv, interview_run(&iv, true));
out:
	store_close(iv.store);
	if (iv.io != NULL)	/* a call ended or paused: push it, detached */
		cmd_team_push_later(ctx);
	if (io != NULL)
		io->free(io);
	interview_clear(&iv);
	free(err);
	return status;
}

/* Asks on the terminal whether to resume the open session row: 1 yes, 0
 * no, -1 when the question is left (Ctrl-D, a signal, a read error). */
static int
offer_ask(struct io *io, const struct session_row *row)
{
	struct io_read r = { "> ", NULL, NULL, 0, false };
	const char *words[2];
	char started[ISOTIME_LEN], *text, *line, *yn, *why;
	/* The names come from the database: one line each, cleaned. */
	char *client = str_terminal(row->client, false);
	char *tree = str_terminal(row->tree_id, false), *sid = str_short_id(row->id);
	char *folded;
	size_t width;
	int choice = -2;

	words[0] = _("yes");
	words[1] = _("no");
	r.words = words;
	r.nwords = 2;
	isotime_local(row->started_at, false, started);
	text = xasprintf(ngettext("%s already has an open session on tree %s: %.8s, "
	    "started %s, %ld answer.\nResume it? Enter or y resumes it; n starts a new session.\n",
	    "%s already has an open session on tree %s: %.8s, started %s, %ld answers.\n"
	    "Resume it? Enter or y resumes it; n starts a new session.\n",
	    (unsigned long)row->answers), client, tree, sid, started, row->answers);
	width = io->width(io);
	folded = width > 20 ? str_wrap(text, width, "") : xstrdup(text);
	io->print(io, folded);
	free(folded);
	free(text);
	free(client);
	free(tree);
	free(sid);
	while (choice == -2) {
		if (io->read(io, &r, &line) != IO_LINE)
			return -1;
		yn = str_trim(line);
		why = NULL;
		free(line);
		if (*yn == '\0') {
			choice = 1;
		} else if ((line = answer_yesno(yn, &why)) != NULL) {
			choice = strcmp(line, "yes") == 0;
			free(line);
		} else {
			io->print(io, _("  Type y (or press Enter) to resume it, or n to start a new session.\n"));
		}
		free(why);
		free(yn);
	}
	return choice;
}

/* Offers a client's open session before a new one starts. */
int
cmd_resume_offer(const struct cmd_ctx *ctx, struct store *s, const char *tree_id,
    const char *client, bool plain, struct io **io, char **resume)
{
	struct session_row row;
	char started[ISOTIME_LEN], *self, *sid;
	int choice;

	*resume = NULL;
	if (store_session_open_for(s, tree_id, client, &row) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(s));
	if (row.id[0] == '\0')
		return 0;
	if (!plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		if (*io == NULL)
			*io = cmd_interview_io(ctx, false);
		choice = offer_ask(*io, &row);
		if (choice > 0)
			*resume = xstrdup(row.id);
		session_row_clear(&row);
		return choice < 0 ? -1 : 0;
	}
	isotime_local(row.started_at, false, started);
	self = cmd_self(ctx);
	sid = str_short_id(row.id);
	cmd_warn(ngettext("%s already has an open session on tree %s: %.8s, started %s, "
	    "%ld answer; starting a new session. To go on with that one instead: %s resume %.8s",
	    "%s already has an open session on tree %s: %.8s, started %s, "
	    "%ld answers; starting a new session. To go on with that one instead: %s resume %.8s",
	    (unsigned long)row.answers), row.client, row.tree_id, sid, started, row.answers,
	    self, sid);
	free(sid);
	free(self);
	session_row_clear(&row);
	return 0;
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
	bool plain = false, discreet = false;
	int c, carry = 0;

	while ((c = cmd_getopt(ctx, &cmd_resume_entry, argc, argv, "", options)) != -1) {
		if (c == 'd')
			discreet = true;
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
	return cmd_resume_session(ctx, optind < argc ? argv[optind] : NULL, NULL,
	    plain, discreet, carry);
}
