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

/* Prints untrusted text on its own lines, after first, folded at spaces to
 * the terminal's width, each further line (a line of the text's own too)
 * after indent, in a style (NULL: none). */
static void
say_folded(struct interview *iv, const char *code, const char *first,
    const char *indent, const char *text)
{
	size_t width = iv->io->width(iv->io);
	char *c = clean(text), *f, *styled;

	/* Not folded (a pipe has no width), a line of the text's own is
	 * still indented. */
	f = str_wrap(c, width > strlen(first) + 20 ? width - strlen(first) : (size_t)-1 / 2,
	    indent);
	styled = code != NULL ? style(iv, code, f) : clean(f);
	interview_say(iv, "%s%s\n", first, styled);
	free(styled);
	free(f);
	free(c);
}

/* Shows the tree's title and intro. */
static void
interview_intro(struct interview *iv)
{
	char *title = style(iv, BOLD, tree_cat_tr(&iv->s.cat, iv->s.tree->title.s));
	char *intro = engine_fill(iv->s.engine, iv->s.tree->intro.s);

	interview_say(iv, "%s\n", title);
	if (intro != NULL)
		say_folded(iv, NULL, "", "", intro);
	say_folded(iv, NULL, "", "", _("Type /help for the commands; every answer is saved as you go."));
	free(intro);
	free(title);
}

/* The hint under a question: how to answer it (owned, may be empty); a
 * paragraph is typed differently on a terminal. */
static char *
answer_hint(const struct question *q, bool terminal)
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
		return xstrdup(terminal ? _("(Enter ends the answer; Alt-Enter starts a new line)") :
		    _("(several lines; an empty line ends the answer)"));
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

/* How long section s has taken at now, in whole minutes; true when it has
 * a budget and runs over it. */
static bool
section_over(const struct interview *iv, const struct section *s, long long now,
    long long *minutes)
{
	long long ms = call_clock_section(&iv->clock, s->index, now);

	*minutes = ms / 60000;
	return s->minutes > 0 && ms > (long long)s->minutes * 60000;
}

/* The place in the call, "[3/12]" ("[3/12, why 2/5]" in a ladder), and on
 * a terminal the call's time, with the section's when it runs over its
 * budget (owned). */
static char *
prompt_where(struct interview *iv, const struct prompt *p)
{
	long long now = call_clock_now(), spent;
	struct buf b = { 0 };

	buf_printf(&b, "[%zu/%zu", p->pos, p->total);
	if (p->kind == PROMPT_RUNG)
		buf_printf(&b, _(", why %u/%u"), p->level, p->depth);
	if (iv->io->interactive) {
		buf_puts(&b, ", ");
		buf_printf(&b, _("%lld min"), call_clock_elapsed(&iv->clock, now) / 60000);
		if (section_over(iv, p->q->section, now, &spent)) {
			char *title = clean(p->section_title);

			buf_puts(&b, ", ");
			buf_printf(&b, _("%s over: %lld of %u min"), title, spent,
			    p->q->section->minutes);
			free(title);
		}
	}
	buf_putc(&b, ']');
	return buf_take(&b);
}

/* True when q's text stays off a shared screen: discreet mode, a private
 * question, not shown with /show. */
static bool
hidden(const struct interview *iv, const struct question *q)
{
	return iv->discreet && q != NULL && question_private(q) && iv->revealed != q;
}

/* Shows the notes before the prompt that the screen has not shown: those
 * of section here (mine) or those of the other sections (!mine), each
 * folded to the width. */
static void
show_notes(struct interview *iv, const struct prompt *p, const struct section *here,
    bool mine)
{
	size_t i;

	for (i = 0; i < p->nnotes; i++) {
		char *text;

		if (*note_shown(iv, p->notes[i].q) || (p->notes[i].q->section == here) != mine)
			continue;
		*note_shown(iv, p->notes[i].q) = true;
		text = xasprintf("%s %s", _("Note:"), hidden(iv, p->notes[i].q) ?
		    _("(private: /show to read it)") : p->notes[i].text);
		say_folded(iv, YELLOW, "", "  ", text);
		free(text);
	}
}

/* Shows a prompt: the notes not shown yet, the section heading when
 * new_section, the question, its choices. */
static void
show_prompt(struct interview *iv, const struct prompt *p, bool new_section)
{
	const struct section *here = p->q != NULL ? p->q->section : NULL;
	char *where, *text, *hint;

	/* A section's notes come under its heading; the notes of a section
	 * left behind, before it. */
	show_notes(iv, p, here, false);
	if (p->kind == PROMPT_DONE) {
		interview_say(iv, "\n%s\n", _("All questions are answered. Press Enter to finish, "
		    "or /back to change an answer."));
		return;
	}
	if (new_section) {
		char *title = style(iv, BOLD, iv->discreet && p->q->section->is_private ?
		    _("(a private section)") : p->section_title);

		interview_say(iv, "\n== %s ==\n", title);
		free(title);
	}
	show_notes(iv, p, here, true);
	if (p->kind == PROMPT_CONFIRM) {
		char *ask = xasprintf(_("Is \"%s\" the underlying goal? (%s/%s, or the goal in the "
		    "client's words)\n"), p->rung_text, _("yes"), _("no"));

		ask[strlen(ask) - 1] = '\0';	/* say_folded ends the line */
		say_folded(iv, NULL, "", "", ask);
		free(ask);
		return;
	}
	where = prompt_where(iv, p);
	text = xasprintf("%s %s", where, hidden(iv, p->q) ?
	    _("(a private question: /show to read it)") : p->text);
	say_folded(iv, BOLD, "", "", text);
	free(where);
	free(text);
	if (hidden(iv, p->q))
		return;
	/* A ladder asks again and again: its help is shown with the first
	 * why, and /help shows it again. */
	if (p->help != NULL && p->q != iv->helped)
		say_folded(iv, DIM, "  ", "  ", p->help);
	iv->helped = p->q;
	show_choices(iv, p->q);
	hint = answer_hint(p->q, iv->io->interactive);
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

/* Shows a flag: its level and its text, folded. */
static void
show_flag(struct interview *iv, const struct flag *f)
{
	static const char *const names[] = { N_("Risk"), N_("Preference"), N_("Info") };
	char *text = engine_flag_text(iv->s.engine, f);
	char *line = xasprintf("[%s] %s", _(names[f->level]), text);

	say_folded(iv, f->level == FLAG_RISK ? RED : YELLOW, "  ", "    ", line);
	free(line);
	free(text);
}

/* Shows the flags that the last event made true; in discreet mode, only
 * how many, and where to read them. */
static void
show_flags(struct interview *iv)
{
	size_t n, i;
	const struct flag *const *f = engine_new_flags(iv->s.engine, &n);

	if (iv->discreet && n > 0) {
		char *said = xasprintf(ngettext("%zu new flag: /flags to read it",
		    "%zu new flags: /flags to read them", n), n);
		char *t = style(iv, YELLOW, said);

		interview_say(iv, "  %s\n", t);
		free(t);
		free(said);
		return;
	}
	for (i = 0; i < n; i++)
		show_flag(iv, f[i]);
}

/* /flags: the flags raised so far that still hold. */
static void
list_flags(struct interview *iv)
{
	size_t i, n = 0;

	for (i = 0; i < iv->s.tree->nflags; i++)
		if (engine_flag_true(iv->s.engine, &iv->s.tree->flags[i])) {
			show_flag(iv, &iv->s.tree->flags[i]);
			n++;
		}
	if (n == 0)
		interview_say(iv, "  %s\n", _("No flag is raised."));
}

/* /show: the private question (and notes) discreet mode keeps off the
 * screen; false when there is nothing hidden to show. */
static bool
reveal(struct interview *iv, const struct prompt *p)
{
	size_t i;
	bool any = false;

	for (i = 0; i < p->nnotes; i++)
		if (iv->discreet && question_private(p->notes[i].q)) {
			char *text = xasprintf("%s %s", _("Note:"), p->notes[i].text);

			say_folded(iv, YELLOW, "", "  ", text);
			free(text);
			any = true;
		}
	if (hidden(iv, p->q)) {
		iv->revealed = p->q;
		return true;
	}
	if (!any)
		interview_say(iv, "  %s\n", _("Nothing is hidden here."));
	return false;
}

/* /help: the question's help and the commands. */
static void
show_help(struct interview *iv, const struct prompt *p)
{
	if (p->help != NULL && !hidden(iv, p->q)) {
		char *h = clean(p->help);

		interview_say(iv, "%s\n\n", h);
		free(h);
	}
	interview_say(iv, "%s\n", _(
	    "  /back          return to the previous question; its answer is offered to edit\n"
	    "  /skip [REASON] leave the question unanswered (not when it is required)\n"
	    "  /note TEXT     attach a note to this question\n"
	    "  /goal [TEXT]   in a ladder: the reason asked about is the underlying goal;\n"
	    "                 TEXT: the goal as the client restates it\n"
	    "  /stuck         in a ladder: the client cannot go deeper\n"
	    "  /also TEXT     in a ladder: a second reason, drilled next\n"
	    "  /drop          after /back in a ladder: remove that reason and those under it\n"
	    "  /progress      what is answered and what is left\n"
	    "  /flags         the flags raised so far\n"
	    "  /show          with --discreet: the private question kept off the screen\n"
	    "  /lang LL       go on in another language\n"
	    "  /pause         save and leave; 'whyline resume' goes on (Ctrl-D too)\n"
	    "  //text         an answer that begins with a slash"));
}

/* /progress: each section with what is answered. */
static void
show_progress(struct interview *iv)
{
	size_t i, answered, total;
	long long now = call_clock_now();
	bool reached;

	for (i = 0; i < iv->s.tree->nsections; i++) {
		const struct section *s = iv->s.tree->sections[i];
		char *title = engine_fill(iv->s.engine, s->title.s);
		char *t = clean(title);

		engine_section_progress(iv->s.engine, s, &reached, &answered, &total);
		if (!reached) {
			interview_say(iv, "  -  %s %s\n", t, _("(not asked)"));
		} else {
			struct buf b = { 0 };
			long long spent;
			bool over = section_over(iv, s, now, &spent);

			buf_printf(&b, "  %s %s %zu/%zu", answered == total ? "ok" : "..", t,
			    answered, total);
			if (answered < total)
				buf_printf(&b, _(", %zu left"), total - answered);
			if (over)
				buf_printf(&b, _(" (%lld of %u min: over)"), spent, s->minutes);
			else if (s->minutes > 0)
				buf_printf(&b, _(" (%lld of %u min)"), spent, s->minutes);
			else if (spent > 0)
				buf_printf(&b, _(" (%lld min)"), spent);
			interview_say(iv, "%s\n", b.s);
			buf_free(&b);
		}
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
	if (store_session_set_language(iv->store, iv->s.row.id, ll) != STORE_OK ||
	    store_event(iv->store, iv->s.row.id, "lang", ll) != STORE_OK) {
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

/* The goal the last event recorded (borrowed from the engine's records
 * or the prompt), or NULL when it recorded none. */
static const char *
goal_recorded(const struct interview *iv, const struct prompt *p)
{
	size_t n, i;
	const struct record *r = engine_records(iv->s.engine, &n);

	for (i = n; i-- > 0;)
		if (r[i].kind == REC_STOP && r[i].stop != NULL &&
		    strcmp(r[i].stop, "goal") == 0)
			return r[i].value != NULL ? r[i].value : p->rung_text;
	return NULL;
}

/* True when cmd (may be NULL: an answer) is the command name. */
static bool
is(const char *cmd, const char *name)
{
	return cmd != NULL && strcmp(cmd, name) == 0;
}

/* Words in one line what an accepted event did (owned, NULL when there is
 * nothing to say): the consultant cannot stop to check. The texts quoted
 * come from answers: they are cleaned. */
static char *
acknowledgement(struct interview *iv, const struct prompt *p, const char *cmd,
    const char *arg, size_t removed)
{
	const char *goal = goal_recorded(iv, p);
	const char *qid = p->q != NULL ? p->q->id.s : "";
	char *a = clean(arg), *said = NULL, *t;

	if (goal != NULL && (cmd == NULL || is(cmd, "goal"))) {
		t = clean(goal);
		said = xasprintf(_("Goal: \"%s\"."), t);
		free(t);
	} else if (is(cmd, "also")) {
		said = xasprintf(_("Second reason noted: \"%s\"; it is drilled after this chain."),
		    a);
	} else if (is(cmd, "note")) {
		said = p->q != NULL ? xasprintf(_("Note added to \"%s\"."), qid) :
		    xstrdup(_("Note added to the last question."));
	} else if (is(cmd, "stuck")) {
		t = clean(p->rung_text);
		said = xasprintf(_("Chain stopped at \"%s\": the client cannot go deeper."), t);
		free(t);
	} else if (is(cmd, "skip")) {
		said = arg != NULL ? xasprintf(_("Skipped \"%s\": %s."), qid, a) :
		    xasprintf(_("Skipped \"%s\"."), qid);
	} else if (is(cmd, "drop")) {
		t = clean(p->edit);
		said = removed <= 1 ? xasprintf(_("Removed \"%s\"."), t) :
		    xasprintf(ngettext("Removed \"%s\" and the reason under it.",
		    "Removed \"%s\" and the %zu reasons under it.", removed - 1), t,
		    removed - 1);
		free(t);
	}
	free(a);
	return said;
}

/* Shows an acknowledgement (owned), if any. */
static void
acknowledge(struct interview *iv, char *said)
{
	char *t;

	if (said == NULL)
		return;
	t = style(iv, CYAN, said);
	interview_say(iv, "  %s\n", t);
	free(t);
	free(said);
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
		show_help(iv, p);
	else if (strcmp(cmd, "progress") == 0)
		show_progress(iv);
	else if (strcmp(cmd, "flags") == 0)
		list_flags(iv);
	else if (strcmp(cmd, "show") == 0)
		return reveal(iv, p) ? LINE_REDRAW : LINE_NEXT;
	else if (strcmp(cmd, "pause") == 0)
		return LINE_PAUSE;
	else if (strcmp(cmd, "lang") == 0) {
		char *ll;

		if (str_blank(arg)) {
			interview_say(iv, "  %s\n", _("/lang needs a language, as in: /lang fr"));
			return LINE_NEXT;
		}
		if (!interview_set_lang(iv, arg))
			return LINE_STORAGE;
		ll = clean(arg);
		interview_say(iv, _("  Language: %s.\n"), ll);
		free(ll);
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
	char *cmd = NULL;
	const char *arg = NULL;
	char *said;
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
		char *why = style(iv, RED, refused);

		interview_say(iv, "  %s\n", why);
		free(why);
		free(refused);
		goto out;
	}
	said = acknowledgement(iv, p, cmd, arg, removed);
	if (!interview_save(iv)) {
		free(said);
		act = LINE_STORAGE;
	} else {
		acknowledge(iv, said);
		show_flags(iv);
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
		call_clock_prompt(&iv->clock, p.kind != PROMPT_DONE ? p.q->section->index :
		    (size_t)-1, call_clock_now());
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

	call_clock_init(&iv->clock, iv->s.tree, call_clock_now());
	/* The clock is a help on screen: a session whose times cannot be read
	 * goes on with this run's. */
	if (resumed)
		(void)call_clock_restore(&iv->clock, iv->s.tree, iv->store, iv->s.row.id);
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
			interview_say(iv, _("\nThe interview is complete. Write the brief with: %s brief %s\n"),
			    iv->self != NULL ? iv->self : "whyline", sid);
		}
	} else if (end == INTERVIEW_PAUSED) {
		if (store_event(iv->store, iv->s.row.id, "pause", NULL) != STORE_OK) {
			store_failed(iv);
			end = INTERVIEW_STORAGE;
		} else {
			interview_say(iv, _("Paused; every answer is saved. Go on with: %s resume %s\n"),
			    iv->self != NULL ? iv->self : "whyline", sid);
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
	free(iv->note_shown);
	free(iv->error);
	memset(iv, 0, sizeof *iv);
}
