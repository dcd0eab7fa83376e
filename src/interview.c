/* interview.c: a live interview: show the prompt (interview-screen.c),
 * read a line, hand it to the engine (or run a command), and store what
 * changed before the next prompt appears. */
#include "config.h"

#include "interview-int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "ladder-aids.h"
#include "lang.h"
#include "refusal.h"
#include "tree-cat.h"
#include "util.h"
#include "valid.h"

#define MAX_WORDS 256

/* Keeps the store's last error as the one that ends the interview; returns
 * false. */
static bool
store_failed(struct interview *iv)
{
	free(iv->error);
	iv->error = xstrdup(store_error(iv->store));
	return false;
}

/* Stores the session row with a copy of its tree (and its model) and the
 * n records r, in one transaction. */
static enum store_status
session_start(struct interview *iv, const struct record *r, size_t n)
{
	struct store_tree tree;
	struct buf model = { 0 };
	enum store_status st;

	session_tree_copy(&iv->s, &model, &tree);
	st = store_session_start(iv->store, &iv->s.row, &tree, r, n);
	buf_free(&model);
	/* From now on the session can be resumed: this call holds it. A new
	 * id is no one else's, and a lock that cannot be had only leaves the
	 * call unguarded. */
	if (st == STORE_OK)
		(void)store_live_take(iv->store, iv->s.row.id);
	return st;
}

/* Stores the session row, with a copy of its tree and the engine's pending
 * records, in one transaction, unless it is stored. */
bool
interview_session_store(struct interview *iv)
{
	const struct record *r;
	size_t n;

	if (iv->s.row.id[0] != '\0')
		return true;
	r = engine_records(iv->s.engine, &n);
	if (session_start(iv, r, n) != STORE_OK)
		return store_failed(iv);
	engine_records_clear(iv->s.engine);
	return true;
}

/* Writes the engine's pending records in one durable transaction. */
static bool
interview_save(struct interview *iv)
{
	size_t n;
	const struct record *r = engine_records(iv->s.engine, &n);
	enum store_status st;

	if (n == 0)
		return true;
	/* The first answer stores the session too, in the same transaction. */
	st = iv->s.row.id[0] == '\0' ? session_start(iv, r, n) :
	    store_apply(iv->store, iv->s.row.id, r, n);
	if (st != STORE_OK) {
		size_t i;
		struct buf b = { 0 };

		/* Nothing typed is lost: what could not be stored is shown. */
		buf_printf(&b, _("could not save the answer: %s"), store_error(iv->store));
		for (i = 0; i < n; i++)
			if (r[i].kind == REC_ANSWER || r[i].kind == REC_NOTE)
				buf_printf(&b, _("\n  not saved: %s: %s"), r[i].question,
				    r[i].value != NULL ? r[i].value : _("(skipped)"));
		free(iv->error);
		iv->error = buf_take(&b);
		return false;
	}
	engine_records_clear(iv->s.engine);
	return true;
}

/* Switches the language of prompts and tree strings, and records it. */
bool
interview_set_lang(struct interview *iv, const char *ll)
{
	lang_set(ll, iv->locale_dir);
	session_set_lang(&iv->s, ll, iv->locale_dir);
	/* Before the first answer no session is stored: it will be, in the
	 * language chosen. */
	if (iv->s.row.id[0] != '\0' &&
	    (store_session_set_language(iv->store, iv->s.row.id, ll) != STORE_OK ||
	    store_event(iv->store, iv->s.row.id, "lang", ll) != STORE_OK)) {
		return store_failed(iv);
	}
	free(iv->s.row.language);
	iv->s.row.language = xstrdup(ll);
	return true;
}

enum line_action {
	LINE_NEXT,	/* go on to the next prompt */
	LINE_REDRAW,	/* show the prompt again in full */
	LINE_PAUSE,
	LINE_STORAGE,
	LINE_FINISH	/* all answered and confirmed: the session is done */
};

/* Hands a /command to the engine; false when it is not an engine event.
 * *removed is how many rungs /drop removed. */
static bool
engine_command(struct engine *e, const char *cmd, const char *arg,
    enum engine_rc *rc, size_t *removed)
{
	if (strcmp(cmd, "drop") == 0)
		*rc = engine_drop(e, removed);
	else if (strcmp(cmd, "back") == 0)
		*rc = engine_back(e);
	else if (strcmp(cmd, "skip") == 0)
		*rc = engine_skip(e, arg);
	else if (strcmp(cmd, "note") == 0)
		*rc = engine_note(e, arg);
	else if (strcmp(cmd, "goal") == 0)
		*rc = arg != NULL ? engine_goal_said(e, arg) : engine_goal(e);
	else if (strcmp(cmd, "stuck") == 0)
		*rc = engine_stuck(e);
	else if (strcmp(cmd, "also") == 0)
		*rc = engine_also(e, arg);
	else
		return false;
	return true;
}

/* Runs a /command; returns what to do next. *event says whether it was an
 * engine event, whose outcome is in *rc, to be shown and stored. */
static enum line_action
run_command(struct interview *iv, const struct prompt *p, const char *cmd,
    const char *arg, enum engine_rc *rc, bool *event, size_t *removed)
{
	*event = engine_command(iv->s.engine, cmd, arg, rc, removed);
	if (*event)
		return LINE_NEXT;
	if (strcmp(cmd, "help") == 0)
		screen_help(iv, p);
	else if (strcmp(cmd, "progress") == 0)
		screen_progress(iv);
	else if (strcmp(cmd, "flags") == 0)
		screen_flag_list(iv);
	else if (strcmp(cmd, "show") == 0)
		return screen_reveal(iv, p) ? LINE_REDRAW : LINE_NEXT;
	else if (strcmp(cmd, "pause") == 0)
		return LINE_PAUSE;
	else if (strcmp(cmd, "lang") == 0) {
		char *ll, *name;

		if (str_blank(arg)) {
			screen_say(iv, "  %s\n", _("/lang needs a language, as in: /lang fr"));
			return LINE_NEXT;
		}
		if (!valid_lang(arg)) {
			ll = screen_clean(arg);
			screen_say(iv, _("  '%s' is not a language, as in: /lang fr\n"), ll);
			free(ll);
			return LINE_NEXT;
		}
		if ((name = tree_cat_lang_refusal(iv->s.tree, iv->locale_dir, arg)) != NULL) {
			ll = screen_clean(name);
			screen_say(iv, "  %s\n", ll);
			free(ll);
			free(name);
			return LINE_NEXT;
		}
		if (!interview_set_lang(iv, arg))
			return LINE_STORAGE;
		name = lang_name(iv->s.row.language);
		ll = screen_clean(name);
		free(name);
		screen_say(iv, _("  Language: %s.\n"), ll);
		free(ll);
		return LINE_REDRAW;
	} else {
		screen_say(iv, _("  unknown command /%s; /help lists them\n"), cmd);
	}
	return LINE_NEXT;
}

/* Hands one line to the engine or runs the command it holds. */
static enum line_action
handle_line(struct interview *iv, const struct prompt *p, const char *line)
{
	enum engine_rc rc = ENGINE_OK;
	enum line_action act = LINE_NEXT;
	bool event = true;
	char *cmd = NULL;
	const char *arg = NULL;
	char *said, *aids, *circle;
	size_t removed = 0;

	if (line[0] == '/' && line[1] != '/') {
		size_t n = strcspn(line + 1, " \t");

		cmd = xstrndup(line + 1, n);
		arg = line + 1 + n;
		while (*arg == ' ' || *arg == '\t')
			arg++;
		if (*arg == '\0')
			arg = NULL;
		act = run_command(iv, p, cmd, arg, &rc, &event, &removed);
	} else {
		rc = engine_answer(iv->s.engine, line[0] == '/' ? line + 1 : line);
	}
	if (act != LINE_NEXT || !event)
		goto out;
	if (rc == ENGINE_REFUSED) {
		char *refused = refusal_last(iv->s.engine);

		screen_refusal(iv, refused);
		free(refused);
		goto out;
	}
	said = screen_ack_words(iv, p, cmd, arg, removed);
	aids = aids_words(iv, p, &circle);
	if (!interview_save(iv)) {
		free(said);
		free(aids);
		free(circle);
		act = LINE_STORAGE;
	} else {
		screen_ack(iv, said);
		if (!aids_show(iv, aids, circle))
			act = LINE_STORAGE;
		screen_flags(iv);
	}
out:
	free(cmd);
	return act;
}

/* Reads the lines of a paragraph after its first into b: on a terminal,
 * while a line ends with Alt-Enter; otherwise up to an empty line. Returns
 * what ended it: IO_LINE when the answer is whole, or the end of input, a
 * stop or an error, which cut it short. */
static enum io_status
read_paragraph(struct interview *iv, struct io_read *r, struct buf *b)
{
	bool term = iv->io->interactive;
	enum io_status st = IO_LINE;
	char *line;

	r->prompt = "  ";
	r->edit = NULL;
	r->nwords = 0;
	while (term ? iv->io->continues : true) {
		if ((st = iv->io->read(iv->io, r, &line)) != IO_LINE)
			break;
		if (!term && line[0] == '\0') {
			free(line);
			break;
		}
		buf_putc(b, '\n');
		buf_puts(b, line);
		free(line);
	}
	return st;
}

/* Reads an answer: one line, or for a paragraph, lines up to an empty one.
 * A paragraph cut short is kept, and *cut says what cut it (IO_LINE when
 * nothing did), for the caller to pause once it is stored. */
enum io_status
interview_read_answer(struct interview *iv, const struct prompt *p, char **out,
    enum io_status *cut)
{
	const char *words[MAX_WORDS];
	/* An answer from an earlier call to a private question stays off a
	 * shared screen until /show. */
	struct io_read r = { "> ", p->edit_from != NULL && screen_hidden(iv, p->q) ?
	    NULL : p->edit, words, 0, false };
	struct buf b = { 0 };
	enum io_status st;
	char *line;

	*cut = IO_LINE;
	r.lines = p->q != NULL && p->kind == PROMPT_QUESTION && p->q->type == QT_PARAGRAPH;
	if (p->q != NULL && p->kind == PROMPT_QUESTION) {
		r.nwords = answer_words(p->q, &iv->s.al, words, MAX_WORDS);
	} else if (p->kind == PROMPT_CONFIRM) {
		words[r.nwords++] = _("yes");
		words[r.nwords++] = _("no");
	}
	st = iv->io->read(iv->io, &r, &line);
	if (st != IO_LINE || p->q == NULL || p->q->type != QT_PARAGRAPH ||
	    p->kind != PROMPT_QUESTION || line[0] == '/' ||
	    (line[0] == '\0' && !iv->io->continues) ||
	    (iv->io->interactive && !iv->io->continues)) {
		*out = st == IO_LINE ? line : NULL;
		return st;
	}
	buf_puts(&b, line);
	free(line);
	*cut = read_paragraph(iv, &r, &b);
	*out = buf_take(&b);
	return IO_LINE;
}

/* What a prompt asks, as a string (owned): two prompts with the same key
 * ask the same thing, as when a refused answer is asked again. The text
 * counts, so that the first why of a new chain at the same level shows. */
static char *
prompt_key(const struct prompt *p)
{
	return xasprintf("%d|%p|%u|%d|%zu|%s|%s", (int)p->kind, (const void *)p->q,
	    p->level, (int)p->revisit, p->pos, p->text != NULL ? p->text : "",
	    p->rung_text != NULL ? p->rung_text : "");
}

/* Reads and handles one answer to p; returns how the loop goes on. The end
 * of input, a stopping signal and a read error pause. */
static enum line_action
ask_once(struct interview *iv, const struct prompt *p)
{
	enum line_action act;
	enum io_status st, cut;
	char *line = NULL;

	st = interview_read_answer(iv, p, &line, &cut);
	if (st == IO_LINE) {
		act = handle_line(iv, p, line);
		free(line);
		/* Ctrl-D in a paragraph keeps it and pauses, as anywhere else. */
		if (cut == IO_LINE || act != LINE_NEXT)
			return act;
		st = cut;
	}
	if (st == IO_ERROR) {
		free(iv->error);
		iv->error = xstrdup(_("cannot read the answer"));
	}
	return LINE_PAUSE;
}

/* At the end: Enter (or the end of input) finishes; /back and the other
 * commands still work, so the last answers can be changed. */
static enum line_action
ask_done(struct interview *iv, const struct prompt *p)
{
	struct io_read r = { "> ", NULL, NULL, 0, false };
	enum line_action act;
	enum io_status st;
	char *line = NULL, *t;

	st = iv->io->read(iv->io, &r, &line);
	if (st == IO_EOF)
		return LINE_FINISH;
	if (st != IO_LINE)
		return LINE_PAUSE;
	t = str_trim(line);
	if (*t == '\0')
		act = LINE_FINISH;
	else if (t[0] == '/' && t[1] != '/')
		act = handle_line(iv, p, t);
	else {
		screen_say(iv, "  %s\n", _("All questions are answered: press Enter to finish, "
		    "or /back to change an answer."));
		act = LINE_NEXT;
	}
	free(t);
	free(line);
	return act;
}

/* Asks until done or paused. */
static enum interview_end
interview_loop(struct interview *iv)
{
	enum line_action act = LINE_NEXT;
	char *last = NULL;
	bool first = true;

	for (;;) {
		struct prompt p;
		char *key;
		bool new_section;

		engine_prompt(iv->s.engine, &p);
		call_clock_prompt(&iv->clock, p.kind != PROMPT_DONE ?
		    question_section(iv->s.tree, p.q)->index :
		    (size_t)-1, call_clock_now());
		key = prompt_key(&p);
		new_section = p.kind != PROMPT_DONE &&
		    question_section(iv->s.tree, p.q) != iv->shown_section;
		if (p.kind != PROMPT_DONE)
			iv->shown_section = question_section(iv->s.tree, p.q);
		if (first || strcmp(key, last) != 0 || screen_notes_unshown(iv, &p) > 0) {
			screen_prompt(iv, &p, new_section);
			aids_depth(iv, &p);
		}
		free(last);
		last = key;
		act = p.kind == PROMPT_DONE ? ask_done(iv, &p) : ask_once(iv, &p);
		engine_prompt_clear(&p);
		if (act == LINE_PAUSE || act == LINE_STORAGE || act == LINE_FINISH)
			break;
		first = act == LINE_REDRAW;
	}
	free(last);
	if (act == LINE_PAUSE)
		return INTERVIEW_PAUSED;
	return act == LINE_STORAGE ? INTERVIEW_STORAGE : INTERVIEW_DONE;
}

/* Runs the interview to its end and records how it ended. A new one
 * begins with the tree's intro; a resumed one says which session it is and
 * takes the notes before its first question as shown before it paused. */
enum interview_end
interview_run(struct interview *iv, bool resumed)
{
	enum interview_end end;
	size_t pending;
	char *sid;

	call_clock_init(&iv->clock, iv->s.tree, call_clock_now());
	/* A new call begins now, though it is stored with its first answer:
	 * the minutes before it count when the call is resumed. */
	if (!resumed && iv->s.row.id[0] == '\0' && iv->s.row.started_at == NULL)
		iv->s.row.started_at = store_time_now();
	/* The clock is a help on screen: a session whose times cannot be read
	 * goes on with this run's. */
	if (resumed)
		(void)call_clock_restore(&iv->clock, iv->s.tree, iv->store, iv->s.row.id,
		    &iv->s.answers);
	if (resumed) {
		struct prompt p;

		screen_banner(iv);
		engine_prompt(iv->s.engine, &p);
		screen_notes_take_as_shown(iv, &p);
		engine_prompt_clear(&p);
	} else {
		screen_intro(iv);
	}
	end = interview_loop(iv);
	/* A call paused before anything was recorded leaves nothing behind:
	 * a session is stored with its first answer. */
	if (end == INTERVIEW_PAUSED && iv->s.row.id[0] == '\0' &&
	    (engine_records(iv->s.engine, &pending), pending == 0)) {
		screen_say(iv, _("Paused before the first answer: nothing was stored.\n"));
		return end;
	}
	if (end != INTERVIEW_STORAGE && !interview_session_store(iv))
		end = INTERVIEW_STORAGE;
	sid = str_short_id(iv->s.row.id);
	if (end == INTERVIEW_DONE) {
		if (store_session_set_status(iv->store, iv->s.row.id, "done") != STORE_OK ||
		    store_event(iv->store, iv->s.row.id, "done", NULL) != STORE_OK) {
			store_failed(iv);
			end = INTERVIEW_STORAGE;
		} else {
			screen_say_whole(iv, _("\nThe interview is complete. Write the brief with: %s brief %s\n"),
			    iv->self != NULL ? iv->self : "whyline", sid);
		}
	} else if (end == INTERVIEW_PAUSED) {
		if (store_event(iv->store, iv->s.row.id, "pause", NULL) != STORE_OK) {
			store_failed(iv);
			end = INTERVIEW_STORAGE;
		} else {
			/* A shared screen stays discreet when the call goes on. */
			char *go = iv->discreet ? xasprintf("--discreet %s", sid) : xstrdup(sid);

			screen_say_whole(iv, _("Paused; every answer is saved. Go on with: %s resume %s\n"),
			    iv->self != NULL ? iv->self : "whyline", go);
			free(go);
		}
	}
	free(sid);
	return end;
}

/* Frees what the interview holds (not the store it borrows). */
void
interview_clear(struct interview *iv)
{
	if (iv->io != NULL)
		iv->io->free(iv->io);
	session_clear(&iv->s);
	call_clock_clear(&iv->clock);
	free(iv->self);
	free(iv->last_saved_at);
	ladder_aids_free(iv->aids);
	free(iv->aids_lang);
	free(iv->note_shown);
	free(iv->error);
	memset(iv, 0, sizeof *iv);
}
