/* cmd-show.c: `whyline show [SESSION]`: a session as a person reads it:
 * its header, then every answer given (changed ones marked superseded,
 * with when; skips with their reason), every note and every event (start,
 * pause, resume, language, tree change, done, an amendment with its
 * reason), in the order they happened, in local time. Answers and tree
 * strings lose their control characters. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carry.h"
#include "cmd.h"
#include "i18n.h"
#include "session.h"
#include "util.h"
#include "isotime.h"

static int cmd_show_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_show_entry = {
	"show", "[SESSION]",
	N_("show a session: every answer with its time, notes, pauses"),
	cmd_show_exec,
	NULL
};

/* One entry of the account. */
struct entry {
	char *at;
	int rank;		/* at the same time: 0 openings, 1 the rest, 2 closings */
	size_t q;		/* the question's place in the tree, for ties */
	char *text;
};

/* The entries of one table, in the order it wrote them. */
struct entries {
	struct entry *v;
	size_t n, cap, next;
};

enum { ANSWERS, NOTES, EVENTS, NLISTS };

struct timeline {
	struct session *ss;
	struct entries list[NLISTS];
};

/* Adds an entry to a list; text (owned) is cleaned for the terminal. */
static void
add(struct timeline *tl, int which, const char *at, int rank, size_t q,
    char *text)
{
	struct entries *l = &tl->list[which];
	struct entry *e;

	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	e = &l->v[l->n++];
	e->at = xstrdup(at != NULL ? at : "");
	e->rank = rank;
	e->q = q;
	e->text = str_terminal(text, true);
	free(text);
}

/* The place of question id in the tree; past every question when unknown. */
static size_t
q_place(const struct session *ss, const char *id)
{
	const struct question *q = ss->tree != NULL && id != NULL ?
	    tree_question(ss->tree, id) : NULL;

	return q != NULL ? q->index : (size_t)-1;
}

/* True when a current answer row still counts: its question is in the
 * tree and reached, and a rung's chain is live. */
static bool
row_used(struct session *ss, const struct question *q, const struct answer_row *r)
{
	struct engine_chain c;

	if (q == NULL || ss->engine == NULL || !engine_reached(ss->engine, q))
		return false;
	if (r->chain < 0)
		return true;
	if ((size_t)r->chain >= engine_nchains(ss->engine, q))
		return false;
	return engine_chain(ss->engine, q, (size_t)r->chain, &c);
}

/* The question an answer row is about: its id, and the rung of a ladder. */
static char *
row_subject(const struct answer_row *r)
{
	if (r->rung <= 0)
		return xstrdup(r->question);
	if (r->chain <= 0)
		return xasprintf(_("%s, rung %d"), r->question, r->rung);
	return xasprintf(_("%s, chain %d, rung %d"), r->question, r->chain, r->rung);
}

/* What was answered, as a person reads it. */
static char *
row_value(struct session *ss, const struct question *q, const struct answer_row *r)
{
	if (r->value == NULL && r->reason != NULL)
		return xasprintf(_("skipped (%s)"), r->reason);
	if (r->value == NULL)
		return xstrdup(_("skipped"));
	if (q != NULL && q->type != QT_LADDER && answer_stored_valid(q, r->value))
		return answer_display(q, r->value, &ss->al);
	return xstrdup(r->value);
}

/* Adds one answer row, marked when superseded or set aside. */
static void
add_answer(void *arg, const struct answer_row *r)
{
	struct timeline *tl = arg;
	const struct question *q = tl->ss->tree != NULL ?
	    tree_question(tl->ss->tree, r->question) : NULL;
	char *subject = row_subject(r), *value = row_value(tl->ss, q, r), *mark;
	char when[ISOTIME_LEN];

	if (r->superseded_at != NULL) {
		isotime_local(r->superseded_at, true, when);
		mark = xasprintf(_(" [superseded %s]"), when);
	} else if (!row_used(tl->ss, q, r)) {
		mark = xstrdup(_(" [set aside: no longer asked]"));
	} else {
		mark = xstrdup("");
	}
	add(tl, ANSWERS, r->answered_at, 1, q_place(tl->ss, r->question),
	    xasprintf("%s: %s%s", subject, value, mark));
	free(subject);
	free(value);
	free(mark);
}

/* Adds one note. */
static void
add_note(void *arg, const struct note_row *r)
{
	struct timeline *tl = arg;

	add(tl, NOTES, r->noted_at, 1, q_place(tl->ss, r->question),
	    r->question != NULL ? xasprintf(_("note on %s: %s"), r->question,
	    r->text) : xasprintf(_("note: %s"), r->text));
}

/* A circle event's detail ("why 0 4 1": the ladder, the chain, the rung
 * and the rung it repeats) in words (owned), or NULL when it does not read. */
static char *
circle_words(const char *d)
{
	char q[128], *where, *text;
	int chain, rung, back;

	if (sscanf(d, "%127s %d %d %d", q, &chain, &rung, &back) != 4)
		return NULL;
	where = chain > 0 ? xasprintf(_("%s, chain %d, rung %d"), q, chain, rung) :
	    xasprintf(_("%s, rung %d"), q, rung);
	text = back == 0 ? xasprintf(_("%s: a circle, back to the request"), where) :
	    xasprintf(_("%s: a circle, back to rung %d"), where, back);
	free(where);
	return text;
}

/* A carry event as a person reads it: the answer confirmed, and the call
 * it came from. */
static char *
carry_words(const char *detail)
{
	char *q, *from, *at, *day, *text;

	if (!carry_detail_parse(detail, &q, &from, &at))
		return xasprintf("carry %s", detail);
	day = isotime_format(at, ISOTIME_DATE);
	/* TRANSLATORS: a question id, the date of the earlier call, and the
	 * short id of its session. */
	text = xasprintf(_("%s confirmed from the call of %s (session %.8s)"), q,
	    day != NULL ? day : at, from);
	free(q);
	free(from);
	free(at);
	free(day);
	return text;
}

/* Adds one event. */
static void
add_event(void *arg, const struct event_row *r)
{
	const char *d = r->detail != NULL ? r->detail : "", *sep;
	char *text;
	int rank = 0;

	if (strcmp(r->kind, "start") == 0)
		text = xstrdup(_("started"));
	else if (strcmp(r->kind, "resume") == 0)
		text = xstrdup(_("resumed"));
	else if (strcmp(r->kind, "lang") == 0)
		text = xasprintf(_("language changed to %s"), d);
	else if (strcmp(r->kind, "tree") == 0)
		text = xasprintf(_("resumed on a changed tree (sha256 %.12s)"), d);
	else if (strcmp(r->kind, "pause") == 0)
		rank = 2, text = xstrdup(_("paused"));
	else if (strcmp(r->kind, "done") == 0)
		rank = 2, text = xstrdup(_("finished"));
	else if (strcmp(r->kind, "circle") == 0 && (text = circle_words(d)) != NULL)
		rank = 1;	/* at the rung's time: after it */
	else if (strcmp(r->kind, "carry") == 0)
		rank = 2, text = carry_words(d);
	else if (strcmp(r->kind, "amend") == 0 && (sep = strstr(d, ": ")) != NULL)
		/* After the answer it wrote, at the same time. */
		rank = 2, text = xasprintf(_("amended %.*s after the call: %s"),
		    (int)(sep - d), d, sep + 2);
	else
		text = xasprintf("%s %s", r->kind, d);
	add(arg, EVENTS, r->at, rank, 0, text);
}

/* True when entry x of list i happened before entry y of list j. Each
 * table keeps its own order; between tables, the time decides, and at the
 * same millisecond (piped answers) openings come first and closings last,
 * and a note, typed at its question, comes before the answers to it and
 * to later questions. */
static bool
before(const struct entry *x, int i, const struct entry *y, int j)
{
	int c = strcmp(x->at, y->at);

	if (c != 0)
		return c < 0;
	if (x->rank != y->rank)
		return x->rank < y->rank;
	if (i == NOTES && j == ANSWERS)
		return x->q <= y->q;
	if (i == ANSWERS && j == NOTES)
		return x->q < y->q;
	return i < j;
}

/* The next entry of the merged lists, or NULL at the end. */
static const struct entry *
next_entry(struct timeline *tl)
{
	const struct entry *best = NULL;
	int i, from = -1;

	for (i = 0; i < NLISTS; i++) {
		struct entries *l = &tl->list[i];

		if (l->next < l->n && (best == NULL ||
		    before(&l->v[l->next], i, best, from))) {
			best = &l->v[l->next];
			from = i;
		}
	}
	if (from >= 0)
		tl->list[from].next++;
	return best;
}

/* Prints one header line, the label padded to 12 columns (not bytes:
 * a translated label may hold accents); value is cleaned for the
 * terminal. */
static void
header(const char *label, const char *value)
{
	char *v = str_terminal(value != NULL && *value != '\0' ? value : "-", false);
	size_t w = str_width(label);

	printf("  %s%*s %s\n", label, w < 12 ? (int)(12 - w) : 0, "", v);
	free(v);
}

/* Prints the session's header: the tree's title in the session's language
 * when the tree is there. */
static void
show_header(const struct session *ss)
{
	const struct session_row *row = &ss->row;
	const char *title = ss->tree != NULL && ss->tree->title.s != NULL ?
	    tree_cat_tr((void *)&ss->cat, ss->tree->title.s) : row->title;
	char started[ISOTIME_LEN], updated[ISOTIME_LEN], finished[ISOTIME_LEN];
	char *id = str_terminal(row->id, false);
	char *tree = xasprintf("%s (%s%s%s, sha256 %.12s)", title != NULL ?
	    title : "", row->tree_id, row->tree_version != NULL ? " " : "",
	    row->tree_version != NULL ? row->tree_version : "",
	    row->tree_sha256 != NULL ? row->tree_sha256 : "");

	isotime_local(row->started_at, true, started);
	isotime_local(row->updated_at, true, updated);
	isotime_local(row->finished_at, true, finished);
	printf(_("Session %s\n"), id);
	free(id);
	header(_("Tree:"), tree);
	header(_("Client:"), row->client);
	header(_("Consultant:"), row->consultant);
	header(_("Language:"), row->language);
	header(_("Status:"), cmd_status_word(row->status));
	header(_("Started:"), started);
	header(_("Updated:"), updated);
	header(_("Finished:"), finished);
	free(tree);
}

/* Prints the entries in the order they happened, a multi-line one
 * indented under its first line. */
static void
show_entries(struct timeline *tl)
{
	const struct entry *e;
	char when[ISOTIME_LEN];
	const char *p, *nl;

	putchar('\n');
	while ((e = next_entry(tl)) != NULL) {
		isotime_local(e->at, true, when);
		p = e->text;
		printf("%-19s  ", when);
		while ((nl = strchr(p, '\n')) != NULL) {
			printf("%.*s\n%21s", (int)(nl - p), p, "");
			p = nl + 1;
		}
		printf("%s\n", p);
	}
}

/* Reads the session's rows and prints the account. */
static int
show_session(struct store *s, struct session *ss)
{
	struct timeline tl = { ss, { { 0 } } };
	int status = 0;
	size_t i;
	int k;

	for (i = 0; i < ss->answers.n; i++)
		add_answer(&tl, ss->answers.v[i]);
	if (store_notes(s, ss->row.id, add_note, &tl) != STORE_OK ||
	    store_events(s, ss->row.id, add_event, &tl) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
		goto out;
	}
	show_header(ss);
	show_entries(&tl);
out:
	for (k = 0; k < NLISTS; k++) {
		for (i = 0; i < tl.list[k].n; i++) {
			free(tl.list[k].v[i].at);
			free(tl.list[k].v[i].text);
		}
		free(tl.list[k].v);
	}
	return status;
}

/* Shows a session. */
static int
cmd_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store *s = NULL;
	struct session ss;
	enum session_status st;
	char *err = NULL;
	int c, status;

	if ((c = cmd_getopt(ctx, &cmd_show_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (argc - optind > 1)
		return cmd_usage_error("%s", _("show: give at most one session"));
	if ((status = cmd_store_open_read(ctx, &s)) != 0)
		return status;
	st = cmd_sess_load(ctx, &ss, s, optind < argc ? argv[optind] : NULL,
	    SESSION_TREE_KEPT, ctx->lang, &err);
	if (st == SESSION_NOT_FOUND || st == SESSION_STORAGE) {
		status = cmd_error(st == SESSION_STORAGE ? EXIT_STORAGE : EXIT_INVALID, "%s", err);
		goto out;
	}
	if (st == SESSION_BAD_TREE)	/* the rows can still be shown, as stored */
		cmd_warn(_("%s; answers are shown as stored"), err);
	status = show_session(s, &ss);
out:
	session_clear(&ss);
	free(err);
	store_close(s);
	return status;
}
