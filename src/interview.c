/* interview.c: a live interview: show the prompt, read a line, hand it to
 * the engine (or run a command), and store what changed before the next
 * prompt appears. */
#include "config.h"

#include "interview.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "refusal.h"
#include "util.h"

#define MAX_WORDS 256

/* ANSI styles, used only when colour is on. */
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

static void interview_say(struct interview *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints text as it is: callers clean untrusted text (clean()), since the
 * format's own escapes (colours) must go through. */
static void
interview_say(struct interview *iv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	iv->io->print(iv->io, s);
	free(s);
}

/* A copy of untrusted text safe for the terminal (owned). */
static char *
clean(const char *s)
{
	char *c = xstrdup(s != NULL ? s : "");

	str_strip_controls(c, true);
	return c;
}

/* Says which session goes on: its tree's title, its client, its id. The
 * title and the client come from the database: they are cleaned. */
static void
interview_banner(struct interview *iv)
{
	char *title = clean(tree_cat_tr(&iv->s.cat, iv->s.tree->title.s));
	char *client = clean(iv->s.row.client != NULL ? iv->s.row.client :
	    _("no client named"));

	interview_say(iv, _("Resuming \"%s\" (%s), session %.8s.\n"), title, client,
	    iv->s.row.id);
	free(client);
	free(title);
}

/* Wraps text in a style when colour is on (owned). */
static char *
style(const struct interview *iv, const char *code, const char *text)
{
	char *c = clean(text), *r;

	if (!iv->io->color)
		return c;
	r = xasprintf("%s%s%s", code, c, RESET);
	free(c);
	return r;
}

/* Shows the tree's title and intro. */
static void
interview_intro(struct interview *iv)
{
	char *title = style(iv, BOLD, tree_cat_tr(&iv->s.cat, iv->s.tree->title.s));
	char *intro = engine_fill(iv->s.engine, iv->s.tree->intro.s);

	interview_say(iv, "%s\n", title);
	if (intro != NULL) {
		char *c = clean(intro);

		interview_say(iv, "%s\n", c);
		free(c);
	}
	interview_say(iv, "%s\n", _("Type /help for the commands; every answer is saved as you go."));
	free(intro);
	free(title);
}

/* Prints untrusted text on its own lines, after indent, folded at spaces
 * to the terminal's width (the indent starts each line), in a style. */
static void
say_folded(struct interview *iv, const char *code, const char *indent,
    const char *text)
{
	size_t width = iv->io->width(iv->io);
	char *c = clean(text), *f, *styled;

	f = width > strlen(indent) + 20 ? str_wrap(c, width - strlen(indent), indent) : xstrdup(c);
	styled = style(iv, code, f);
	interview_say(iv, "%s%s\n", indent, styled);
	free(styled);
	free(f);
	free(c);
}

/* The hint under a question: how to answer it (owned, may be empty). */
static char *
answer_hint(const struct question *q)
{
	const char *lo;

	switch (q->type) {
	case QT_MULTI:
		return xstrdup(_("(numbers or values, separated by commas)"));
	case QT_YESNO:
		return xasprintf("(%s/%s)", _("yes"), _("no"));
	case QT_SCALE:
		return xasprintf(_("(a whole number from %g to %g)"), question_min(q),
		    question_max(q));
	case QT_NUMBER:
		if (q->has_min && q->has_max)
			return xasprintf(_("(a number from %g to %g)"), q->min, q->max);
		lo = q->integer ? _("(a whole number)") : _("(a number)");
		return xstrdup(lo);
	case QT_PARAGRAPH:
		return xstrdup(_("(several lines; an empty line ends the answer)"));
	default:
		return xstrdup("");
	}
}

/* Shows the choices of a choice, multi or scale question. */
static void
show_choices(struct interview *iv, const struct question *q)
{
	size_t i;

	for (i = 0; i < q->nchoices; i++) {
		char *label = clean(tree_cat_tr(&iv->s.cat, q->choices[i].label.s));

		interview_say(iv, "  %zu) %s\n", i + 1, label);
		free(label);
	}
	for (i = 0; i < q->nlabels; i++) {
		char *label = clean(tree_cat_tr(&iv->s.cat, q->labels[i].label.s));

		interview_say(iv, "  %ld = %s\n", q->labels[i].value, label);
		free(label);
	}
}

/* Where the screen notes that it showed the note q (one flag a question
 * of the tree). */
static bool *
note_shown(struct interview *iv, const struct question *q)
{
	if (iv->note_shown == NULL)
		iv->note_shown = xcalloc(iv->s.tree->nall, sizeof *iv->note_shown);
	return &iv->note_shown[q->index];
}

/* Counts the notes before the prompt that the screen has not shown. */
static size_t
notes_unshown(struct interview *iv, const struct prompt *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nnotes; i++)
		n += !*note_shown(iv, p->notes[i].q);
	return n;
}

/* Takes the notes before the prompt as shown, without showing them: a
 * resumed session showed them before it paused. */
static void
notes_take_as_shown(struct interview *iv, const struct prompt *p)
{
	size_t i;

	for (i = 0; i < p->nnotes; i++)
		*note_shown(iv, p->notes[i].q) = true;
}

/* Shows a prompt: the notes not shown yet, the section heading when
 * new_section, the question, its choices. */
static void
show_prompt(struct interview *iv, const struct prompt *p, bool new_section)
{
	char *where, *text, *hint;
	size_t i;

	for (i = 0; i < p->nnotes; i++) {
		char *note;

		if (*note_shown(iv, p->notes[i].q))
			continue;
		*note_shown(iv, p->notes[i].q) = true;
		note = style(iv, YELLOW, p->notes[i].text);
		interview_say(iv, "%s %s\n", _("Note:"), note);
		free(note);
	}
	if (p->kind == PROMPT_DONE) {
		interview_say(iv, "\n%s\n", _("All questions are answered. Press Enter to finish, "
		    "or /back to change an answer."));
		return;
	}
	if (new_section) {
		char *title = style(iv, BOLD, p->section_title);

		interview_say(iv, "\n== %s ==\n", title);
		free(title);
	}
	if (p->kind == PROMPT_CONFIRM) {
		char *goal = clean(p->rung_text);

		interview_say(iv, _("Is \"%s\" the underlying goal? (%s/%s)\n"), goal,
		    _("yes"), _("no"));
		free(goal);
		return;
	}
	if (p->kind == PROMPT_RUNG)
		where = xasprintf(_("[%zu/%zu, why %u/%u]"), p->pos, p->total, p->level, p->depth);
	else
		where = xasprintf("[%zu/%zu]", p->pos, p->total);
	text = xasprintf("%s %s", where, p->text);
	say_folded(iv, BOLD, "", text);
	free(where);
	free(text);
	/* A ladder asks again and again: its help is shown with the first
	 * why, and /help shows it again. */
	if (p->help != NULL && p->q != iv->helped)
		say_folded(iv, DIM, "  ", p->help);
	iv->helped = p->q;
	show_choices(iv, p->q);
	hint = answer_hint(p->q);
	if (p->kind == PROMPT_QUESTION && *hint != '\0')
		interview_say(iv, "  %s\n", hint);
	free(hint);
	if (p->revisit && iv->io->interactive)
		interview_say(iv, "  %s\n", _("(the earlier answer is offered: edit it, or press Enter to keep it)"));
	else if (p->edit != NULL) {
		char *edit = clean(p->edit);

		/* No line to edit here: say what Enter keeps. */
		interview_say(iv, p->revisit ? _("  (earlier answer: %s; press Enter to keep it)\n") :
		    _("  (default: %s; press Enter to take it)\n"), edit);
		free(edit);
	}
}

/* Keeps the store's last error as the one that ends the interview; returns
 * false. */
static bool
store_failed(struct interview *iv)
{
	free(iv->error);
	iv->error = xstrdup(store_error(iv->store));
	return false;
}

/* Stores the session row, with a copy of its tree and the engine's pending
 * records, in one transaction, unless it is stored. */
bool
interview_session_store(struct interview *iv)
{
	size_t len, n;
	const char *src;
	const struct record *r;

	if (iv->s.row.id[0] != '\0')
		return true;
	src = tree_source(iv->s.tree, &len);
	r = engine_records(iv->s.engine, &n);
	if (store_session_start(iv->store, &iv->s.row, src, len, r, n) != STORE_OK) {
		return store_failed(iv);
	}
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
	if (iv->s.row.id[0] == '\0') {
		size_t len;
		const char *src = tree_source(iv->s.tree, &len);

		st = store_session_start(iv->store, &iv->s.row, src, len, r, n);
	} else {
		st = store_apply(iv->store, iv->s.row.id, r, n);
	}
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

/* Shows the flags that the last event made true. */
static void
show_flags(struct interview *iv)
{
	static const char *const names[] = { N_("Risk"), N_("Preference"), N_("Info") };
	size_t n, i;
	const struct flag *const *f = engine_new_flags(iv->s.engine, &n);

	for (i = 0; i < n; i++) {
		char *text = engine_flag_text(iv->s.engine, f[i]);
		char *t = style(iv, f[i]->level == FLAG_RISK ? RED : YELLOW, text);

		interview_say(iv, "  [%s] %s\n", _(names[f[i]->level]), t);
		free(t);
		free(text);
	}
}

/* /help: the question's help and the commands. */
static void
show_help(struct interview *iv, const struct prompt *p)
{
	if (p->help != NULL) {
		char *h = clean(p->help);

		interview_say(iv, "%s\n\n", h);
		free(h);
	}
	interview_say(iv, "%s\n", _(
	    "  /back          return to the previous question; its answer is offered to edit\n"
	    "  /skip [REASON] leave the question unanswered (not when it is required)\n"
	    "  /note TEXT     attach a note to this question\n"
	    "  /goal          in a ladder: the last reason is the underlying goal\n"
	    "  /stuck         in a ladder: the client cannot go deeper\n"
	    "  /also TEXT     in a ladder: a second reason, drilled next\n"
	    "  /progress      what is answered and what is left\n"
	    "  /lang LL       go on in another language\n"
	    "  /pause         save and leave; 'whyline resume' goes on (Ctrl-D too)\n"
	    "  //text         an answer that begins with a slash"));
}

/* /progress: each section with what is answered. */
static void
show_progress(struct interview *iv)
{
	size_t i, answered, total;
	bool reached;

	for (i = 0; i < iv->s.tree->nsections; i++) {
		const struct section *s = iv->s.tree->sections[i];
		char *title = engine_fill(iv->s.engine, s->title.s);
		char *t = clean(title);

		engine_section_progress(iv->s.engine, s, &reached, &answered, &total);
		if (!reached)
			interview_say(iv, "  -  %s %s\n", t, _("(not asked)"));
		else
			interview_say(iv, "  %s %s %zu/%zu\n",
			    answered == total ? "ok" : "..", t, answered, total);
		free(t);
		free(title);
	}
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

/* Hands a /command to the engine; false when it is not an engine event. */
static bool
engine_command(struct engine *e, const char *cmd, const char *arg,
    enum engine_rc *rc)
{
	if (strcmp(cmd, "back") == 0)
		*rc = engine_back(e);
	else if (strcmp(cmd, "skip") == 0)
		*rc = engine_skip(e, arg);
	else if (strcmp(cmd, "note") == 0)
		*rc = engine_note(e, arg);
	else if (strcmp(cmd, "goal") == 0)
		*rc = engine_goal(e);
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
    const char *arg, enum engine_rc *rc, bool *event)
{
	*event = engine_command(iv->s.engine, cmd, arg, rc);
	if (*event)
		return LINE_NEXT;
	if (strcmp(cmd, "help") == 0)
		show_help(iv, p);
	else if (strcmp(cmd, "progress") == 0)
		show_progress(iv);
	else if (strcmp(cmd, "pause") == 0)
		return LINE_PAUSE;
	else if (strcmp(cmd, "lang") == 0) {
		if (str_blank(arg))
			interview_say(iv, "  %s\n", _("/lang needs a language, as in: /lang fr"));
		else if (!interview_set_lang(iv, arg))
			return LINE_STORAGE;
		else
			return LINE_REDRAW;
	} else {
		interview_say(iv, _("  unknown command /%s; /help lists them\n"), cmd);
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

	if (line[0] == '/' && line[1] != '/') {
		size_t n = strcspn(line + 1, " \t");
		char *cmd = xstrndup(line + 1, n);
		const char *arg = line + 1 + n;

		while (*arg == ' ' || *arg == '\t')
			arg++;
		act = run_command(iv, p, cmd, *arg != '\0' ? arg : NULL, &rc, &event);
		free(cmd);
	} else {
		rc = engine_answer(iv->s.engine, line[0] == '/' ? line + 1 : line);
	}
	if (act != LINE_NEXT || !event)
		return act;
	if (rc == ENGINE_REFUSED) {
		char *said = refusal_last(iv->s.engine);
		char *why = style(iv, RED, said);

		interview_say(iv, "  %s\n", why);
		free(why);
		free(said);
		return LINE_NEXT;
	}
	if (!interview_save(iv))
		return LINE_STORAGE;
	show_flags(iv);
	return LINE_NEXT;
}

/* Reads the lines of a paragraph after its first, up to an empty one, into
 * b; returns what ended it: IO_LINE for the empty line, or the end of
 * input, a stop or an error, which cut it short. */
static enum io_status
read_paragraph(struct interview *iv, struct io_read *r, struct buf *b)
{
	enum io_status st;
	char *line;

	r->prompt = "  ";
	r->edit = NULL;
	r->nwords = 0;
	while ((st = iv->io->read(iv->io, r, &line)) == IO_LINE && line[0] != '\0') {
		buf_putc(b, '\n');
		buf_puts(b, line);
		free(line);
	}
	if (st == IO_LINE)
		free(line);
	return st;
}

/* Reads an answer: one line, or for a paragraph, lines up to an empty one.
 * A paragraph cut short is kept, and *cut says what cut it (IO_LINE when
 * nothing did), for the caller to pause once it is stored. */
static enum io_status
read_answer(struct interview *iv, const struct prompt *p, char **out,
    enum io_status *cut)
{
	const char *words[MAX_WORDS];
	struct io_read r = { "> ", p->edit, words, 0 };
	struct buf b = { 0 };
	enum io_status st;
	char *line;

	*cut = IO_LINE;
	if (p->q != NULL && p->kind == PROMPT_QUESTION) {
		r.nwords = answer_words(p->q, &iv->s.al, words, MAX_WORDS);
	} else if (p->kind == PROMPT_CONFIRM) {
		words[r.nwords++] = _("yes");
		words[r.nwords++] = _("no");
	}
	st = iv->io->read(iv->io, &r, &line);
	if (st != IO_LINE || p->q == NULL || p->q->type != QT_PARAGRAPH ||
	    p->kind != PROMPT_QUESTION || line[0] == '/' || line[0] == '\0') {
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

	st = read_answer(iv, p, &line, &cut);
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
	struct io_read r = { "> ", NULL, NULL, 0 };
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
		interview_say(iv, "  %s\n", _("All questions are answered: press Enter to finish, "
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
		key = prompt_key(&p);
		new_section = p.kind != PROMPT_DONE && p.q->section != iv->shown_section;
		if (p.kind != PROMPT_DONE)
			iv->shown_section = p.q->section;
		if (first || strcmp(key, last) != 0 || notes_unshown(iv, &p) > 0)
			show_prompt(iv, &p, new_section);
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

/* The first 8 characters of the session id, enough to name it. */
static char *
short_id(const struct interview *iv)
{
	return xstrndup(iv->s.row.id, 8);
}

/* Runs the interview to its end and records how it ended. A new one
 * begins with the tree's intro; a resumed one says which session it is and
 * takes the notes before its first question as shown before it paused. */
enum interview_end
interview_run(struct interview *iv, bool resumed)
{
	enum interview_end end;
	char *sid;

	if (resumed) {
		struct prompt p;

		interview_banner(iv);
		engine_prompt(iv->s.engine, &p);
		notes_take_as_shown(iv, &p);
		engine_prompt_clear(&p);
	} else {
		interview_intro(iv);
	}
	end = interview_loop(iv);
	if (end != INTERVIEW_STORAGE && !interview_session_store(iv))
		end = INTERVIEW_STORAGE;
	sid = short_id(iv);
	if (end == INTERVIEW_DONE) {
		if (store_session_set_status(iv->store, iv->s.row.id, "done") != STORE_OK ||
		    store_event(iv->store, iv->s.row.id, "done", NULL) != STORE_OK) {
			store_failed(iv);
			end = INTERVIEW_STORAGE;
		} else {
			interview_say(iv, _("\nThe interview is complete. Write the brief with: whyline brief %s\n"),
			    sid);
		}
	} else if (end == INTERVIEW_PAUSED) {
		if (store_event(iv->store, iv->s.row.id, "pause", NULL) != STORE_OK) {
			store_failed(iv);
			end = INTERVIEW_STORAGE;
		} else {
			interview_say(iv, _("Paused; every answer is saved. Go on with: whyline resume %s\n"),
			    sid);
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
	free(iv->note_shown);
	free(iv->error);
	memset(iv, 0, sizeof *iv);
}
