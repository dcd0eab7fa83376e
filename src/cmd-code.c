/* cmd-code.c: `whyline code [--codes FILE] [--coder NAME] [--plain]
 * [SESSION...]`: walks the ladder rungs the coder has not coded yet (the
 * requests the ladders hang from too), oldest session first, and stores
 * the code typed for each, at once. Tab completes the codes known (the
 * codebook's and those in the database); a code is suggested when the rung
 * shares content words, stemmed in the session's language, with texts
 * already coded. Enter alone takes the suggestion, /skip leaves the rung
 * uncoded, /quit or end of input stops. --again walks the rungs already
 * coded too, their code offered as the suggestion, to correct one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "cmd-code.h"
#include "codes.h"
#include "hmap.h"
#include "i18n.h"
#include "io.h"
#include "store-codes.h"
#include "util.h"

static int cmd_code_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const code_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --codes FILE       the team's codebook (YAML): codes, labels, phrases"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --coder NAME       whose codes (default $WHYLINE_CONSULTANT, else\n"
	   "                         your account's full name)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --again            walk the rungs already coded too, to correct them"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --plain            plain lines, prompts on standard error, even on\n"
	   "                         a terminal"),
	NULL
};

const struct cmd_entry cmd_code_entry = {
	"code", "[--codes FILE] [--coder NAME] [--again] [--plain] [SESSION...]",
	N_("give a code to each ladder rung not coded yet"),
	cmd_code_exec,
	code_help
};

struct code_opts {
	const char *codes;
	char *coder;
	bool plain;
	bool again;		/* --again: the rungs already coded too */
};

/* A suggester for one language. */
struct lang_sg {
	char *lang;
	struct suggester *sg;
};

/* What the walk shares. */
struct code_run {
	struct cmd_ctx *ctx;
	struct store *s;
	struct io *io;
	struct code_opts o;
	struct codebook book;
	struct code_row *known;		/* every code in the database */
	size_t nknown, capknown;
	struct strset words;		/* the codes Tab completes */
	struct lang_sg *sgs;
	size_t nsgs, capsgs;
	size_t coded, left;
	bool stop;
};

/* The coder when none is given: the consultant cmd_default_consultant
 * names, or "?" for an account without a name. */
static char *
default_coder(void)
{
	char *who = cmd_default_consultant();

	return who != NULL ? who : xstrdup("?");
}

/* Keeps a copy of a stored code. */
static void
keep_code(void *arg, const struct code_row *c)
{
	struct code_run *r = arg;
	struct code_row *k;

	xgrow(&r->known, &r->capknown, r->nknown + 1, sizeof *r->known);
	k = &r->known[r->nknown++];
	memset(k, 0, sizeof *k);
	k->session = xstrdup(c->session);
	k->question = xstrdup(c->question);
	k->chain = c->chain;
	k->rung = c->rung;
	k->coder = xstrdup(c->coder);
	k->code = xstrdup(c->code);
	k->value = xstrdup(c->value);
	k->language = xstrdup_null(c->language);
	/* A merged database may hold any text: Tab offers only codes. */
	if (valid_code(c->code))
		strset_add(&r->words, c->code);
}

/* True when two strings are equal, NULL being equal to NULL. */
static bool
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* The suggester for language lang, made on first use from the codebook
 * and the codes of sessions in that language. */
static struct suggester *
suggester_for(struct code_run *r, const char *lang)
{
	struct lang_sg *l;
	size_t i, k;

	for (i = 0; i < r->nsgs; i++)
		if (same(r->sgs[i].lang, lang))
			return r->sgs[i].sg;
	xgrow(&r->sgs, &r->capsgs, r->nsgs + 1, sizeof *r->sgs);
	l = &r->sgs[r->nsgs++];
	l->lang = xstrdup_null(lang);
	l->sg = suggester_new(lang);
	for (i = 0; i < r->book.n; i++) {
		suggester_add(l->sg, r->book.v[i].code, r->book.v[i].label);
		for (k = 0; k < r->book.v[i].nphrases; k++)
			suggester_add(l->sg, r->book.v[i].code, r->book.v[i].phrases[k]);
	}
	for (i = 0; i < r->nknown; i++)
		if (same(r->known[i].language, lang))
			suggester_add(l->sg, r->known[i].code, r->known[i].value);
	return l->sg;
}

/* The code coder gave this rung with this text (the latest), or NULL. */
static const char *
coded_as(const struct code_run *r, const char *sid, const char *q, int chain,
    int rung, const char *text)
{
	const char *code = NULL;
	size_t i;

	for (i = 0; i < r->nknown; i++) {
		const struct code_row *k = &r->known[i];

		if (k->chain == chain && k->rung == rung && strcmp(k->session, sid) == 0 &&
		    strcmp(k->question, q) == 0 && strcmp(k->coder, r->o.coder) == 0 &&
		    strcmp(k->value, text) == 0)
			code = k->code;
	}
	return code;
}

/* Shows text to the coder, cleaned for the terminal. */
static void
show(struct code_run *r, const char *text)
{
	char *c = str_terminal(text, true);

	r->io->print(r->io, c);
	free(c);
}

/* The path to a rung, for context: the request, the rungs above it and the
 * rung in brackets. */
static char *
rung_path(const struct rung_ladder *l, int chain, unsigned level)
{
	struct buf b = { 0 };
	const char *texts[64];
	size_t n = 0, k;
	int c = chain;
	unsigned upto = level;

	while (c >= 0 && n < 60) {
		const struct rung_chain *rc = &l->chains[c];

		for (k = rc->nrungs; k-- > 0;)
			if (rc->first_level + k <= upto && n < 60)
				texts[n++] = rc->rungs[k];
		upto = (unsigned)rc->parent_rung;
		c = rc->parent_chain;
	}
	buf_printf(&b, "%s%s%s", level == 0 ? "[" : "", l->request, level == 0 ? "]" : "");
	while (n-- > 0)
		buf_printf(&b, " > %s%s%s", n == 0 ? "[" : "", texts[n], n == 0 ? "]" : "");
	return buf_take(&b);
}

/* Asks for the code of one rung and stores it; once the walk stopped (end
 * of input, /quit), only counts the rung as left. Returns 0 or the exit
 * status of a storage error. */
static int
code_rung(struct code_run *r, const struct session *ss,
    const struct rung_ladder *l, int chain, unsigned level, const char *text)
{
	const char *sug;
	char *path, *line = NULL, *code, *head, *prompt, *sug_copy, *sid;
	struct io_read rq = { 0 };
	struct code_row c = { 0 };
	enum io_status st;
	bool was;

	if (str_blank(text))
		return 0;
	sug = coded_as(r, ss->row.id, l->question, chain, (int)level, text);
	was = sug != NULL;
	if (was && !r->o.again)
		return 0;
	if (r->stop) {
		r->left += !was;
		return 0;
	}
	if (sug == NULL)
		sug = suggester_best(suggester_for(r, ss->row.language), text);
	/* What cannot be a code (a merged database may hold any text) is not
	 * offered: the prompt shows only codes. */
	if (sug != NULL && !valid_code(sug))
		sug = NULL;
	sug_copy = xstrdup_null(sug);	/* keep_code may move what sug points to */
	sug = sug_copy;
	path = rung_path(l, chain, level);
	/* TRANSLATORS: the heading of a rung to code: the client (or "-"),
	 * the session's short id and the ladder's question id, then the path
	 * from the request to the rung. */
	sid = str_short_id(ss->row.id);
	head = xasprintf(_("\n%s (%.8s, %s)\n  %s\n"), ss->row.client != NULL ?
	    ss->row.client : "-", sid, l->question, path);
	show(r, head);
	free(head);
	free(path);
	free(sid);
	/* TRANSLATORS: the prompt of `whyline code`, with the suggested code. */
	prompt = sug != NULL ? xasprintf(_("code [%s]> "), sug) : xstrdup(_("code> "));
	rq.prompt = prompt;
	rq.words = (const char *const *)r->words.v;
	rq.nwords = r->words.n;
	for (;;) {
		free(line);
		line = NULL;
		if ((st = r->io->read(r->io, &rq, &line)) != IO_LINE) {
			r->stop = true;
			r->left += !was;
			break;
		}
		code = str_trim(line);
		if (*code == '\0' && sug != NULL) {
			free(code);
			code = xstrdup(sug);
		}
		if (*code == '\0' || strcmp(code, "/skip") == 0) {
			r->left += !was;
			free(code);
			break;
		}
		if (strcmp(code, "/quit") == 0) {
			r->stop = true;
			r->left += !was;
			free(code);
			break;
		}
		if (!valid_code(code)) {
			char *m = xasprintf(_("'%s' cannot be a code: use at most %d characters,"
			    " without spaces or commas"), code, CODE_MAX);

			show(r, m);
			show(r, "\n");
			free(m);
			free(code);
			continue;
		}
		if (r->book.n > 0 && codebook_find(&r->book, code) == NULL &&
		    !strset_has(&r->words, code)) {
			char *m = xasprintf(_("'%s' is a new code, not in the codebook\n"), code);

			show(r, m);
			free(m);
		}
		c.session = (char *)ss->row.id;
		c.question = (char *)l->question;
		c.chain = chain;
		c.rung = (int)level;
		c.coder = r->o.coder;
		c.code = code;
		c.value = (char *)text;
		if (store_code_set(r->s, &c) != STORE_OK) {
			free(code);
			free(line);
			free(prompt);
			free(sug_copy);
			r->stop = true;
			return cmd_error(EXIT_STORAGE, "%s", store_error(r->s));
		}
		c.language = ss->row.language;
		keep_code(r, &c);
		suggester_add(suggester_for(r, ss->row.language), code, text);
		r->coded++;
		free(code);
		break;
	}
	free(line);
	free(prompt);
	free(sug_copy);
	return 0;
}

/* Walks one session's uncoded rungs. */
static int
code_session(struct code_run *r, const char *id)
{
	struct session ss = { 0 };
	struct rung_ladder *l = NULL;
	size_t n = 0, i, k, j;
	char *err = NULL;
	int status = 0;
	enum session_status st;

	st = session_load(&ss, r->s, id, SESSION_TREE_KEPT, NULL, r->ctx->locale_dir, &err);
	if (st != SESSION_OK) {
		status = cmd_error(cmd_sess_status(st), "%s", err);
		free(err);
		session_clear(&ss);
		return status;
	}
	n = rung_ladders(&ss, &l);
	for (i = 0; i < n && status == 0; i++) {
		status = code_rung(r, &ss, &l[i], 0, 0, l[i].request);
		for (k = 0; k < l[i].nchains && status == 0; k++)
			for (j = 0; j < l[i].chains[k].nrungs && status == 0; j++)
				status = code_rung(r, &ss, &l[i], (int)k,
				    l[i].chains[k].first_level + (unsigned)j,
				    l[i].chains[k].rungs[j]);
	}
	rung_ladders_free(l, n);
	session_clear(&ss);
	return status;
}

/* The ids of the sessions named, or of all, oldest first. */
static int
code_ids(struct store *s, char **names, int n, struct strset *ids)
{
	size_t a, b;
	int status = cmd_session_ids(s, names, n, ids);

	for (a = 0, b = ids->n; status == 0 && n == 0 && a + 1 < b; a++, b--) {
		char *t = ids->v[a];

		ids->v[a] = ids->v[b - 1];
		ids->v[b - 1] = t;
	}
	return status;
}

/* Reads code's options; returns -1 to go on, else an exit status. */
static int
code_parse(struct cmd_ctx *ctx, int argc, char **argv, struct code_opts *o)
{
	static const struct option options[] = {
		{ "codes", required_argument, NULL, 'c' },
		{ "coder", required_argument, NULL, 'w' },
		{ "plain", no_argument, NULL, 'p' },
		{ "again", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = cmd_getopt(ctx, &cmd_code_entry, argc, argv, "", options)) != -1) {
		switch (c) {
		case 'c':
			o->codes = optarg;
			break;
		case 'w':
			if (str_blank(optarg))
				return cmd_usage_error("%s", _("code: --coder needs a name"));
			free(o->coder);
			o->coder = xstrdup(optarg);
			break;
		case 'p':
			o->plain = true;
			break;
		case 'a':
			o->again = true;
			break;
		default:
			return cmd_getopt_status(c);
		}
	}
	return -1;
}

/* Reads the codebook of --codes, printing its errors. */
int
cmd_codebook_load(const char *path, struct codebook *b)
{
	struct diags d = { 0 };
	bool ok = codebook_load(path, b, &d);

	diags_sort(&d);
	diags_print(&d, stderr);
	diags_free(&d);
	return ok ? 0 : EXIT_INVALID;
}

/* Frees what the walk kept. */
static void
code_run_clear(struct code_run *r)
{
	size_t i;

	for (i = 0; i < r->nknown; i++) {
		free(r->known[i].session);
		free(r->known[i].question);
		free(r->known[i].coder);
		free(r->known[i].code);
		free(r->known[i].value);
		free(r->known[i].language);
	}
	free(r->known);
	strset_free(&r->words);
	for (i = 0; i < r->nsgs; i++) {
		free(r->sgs[i].lang);
		suggester_free(r->sgs[i].sg);
	}
	free(r->sgs);
	codebook_clear(&r->book);
	free(r->o.coder);
}

/* Codes rungs. */
static int
cmd_code_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct code_run r = { 0 };
	struct strset ids = { 0 };
	size_t i;
	int status;

	r.ctx = ctx;
	if ((status = code_parse(ctx, argc, argv, &r.o)) >= 0)
		goto out;
	status = 0;
	if (r.o.coder == NULL)
		r.o.coder = default_coder();
	if (r.o.codes != NULL && (status = cmd_codebook_load(r.o.codes, &r.book)) != 0)
		goto out;
	for (i = 0; i < r.book.n; i++)
		strset_add(&r.words, r.book.v[i].code);
	if ((status = cmd_store_open(ctx, &r.s)) != 0)
		goto out;
	if (store_codes(r.s, NULL, keep_code, &r) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(r.s));
		goto out;
	}
	if ((status = code_ids(r.s, argv + optind, argc - optind, &ids)) != 0)
		goto out;
	r.io = cmd_interview_io(ctx, r.o.plain);
	for (i = 0; i < ids.n && status == 0; i++)
		status = code_session(&r, ids.v[i]);
	if (status == 0) {
		char *m;

		if (r.coded + r.left == 0)
			m = xstrdup(_("Every rung is coded.\n"));
		else
			m = xasprintf(ngettext("%zu rung coded, %zu left uncoded.\n",
			    "%zu rungs coded, %zu left uncoded.\n", r.coded), r.coded, r.left);
		show(&r, m);
		free(m);
	}
	r.io->free(r.io);
out:
	strset_free(&ids);
	store_close(r.s);
	code_run_clear(&r);
	return status;
}
