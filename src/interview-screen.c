/* interview-screen.c: what a live interview shows: the intro and the
 * banner, each prompt (its notes under its section's heading, the place
 * in the call and the clock, the choices, the hint), flags, /help,
 * /progress, /flags, /show, refusals and the one line that says what a
 * command did. Untrusted text is cleaned and folded to the width; in
 * discreet mode private text stays off the screen. */
#include "config.h"

#include "interview-int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "isotime.h"
#include "util.h"

/* ANSI styles, used only when colour is on. */
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

/* The columns the n bytes at s take on a terminal: a character's
 * (str_width: two for 日), none for a style (an ANSI CSI sequence,
 * ESC [ ... final byte). */
static size_t
columns(const char *s, size_t n)
{
	size_t i = 0, c = 0, len;

	while (i < n) {
		if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
			for (i += 2; i < n && !(s[i] >= 0x40 && s[i] <= 0x7e); i++)
				;
			i += i < n;
			continue;
		}
		len = str_char_len(s + i, NULL);
		len = len > 0 ? len : 1;
		c += str_width_n(s + i, len);
		i += len;
	}
	return c;
}

/* Where the second column of a table row starts (text, two spaces or
 * more, text): its byte offset, or 0 when the line is not one. */
static size_t
table_column(const char *line, size_t n)
{
	size_t lead = strspn(line, " "), g;
	const char *gap;

	if (lead >= n || (gap = memmem(line + lead, n - lead, "  ", 2)) == NULL)
		return 0;
	for (g = (size_t)(gap - line); g < n && line[g] == ' '; g++)
		;
	return g < n ? g : 0;
}

/* Appends the line of n bytes at line to out, folded at spaces to width
 * columns. Its lines after the first start under its text: under its
 * second column when it is a row of a table (text, two spaces or more,
 * text, as in /help; table: where the other rows of its text have it),
 * else at its own indent. A word longer than a line stays whole. */
static void
fold_line(struct buf *out, const char *line, size_t n, size_t width, size_t table)
{
	size_t lead = 0, hang, pos = 0, b, last, g;
	bool over;

	if (columns(line, n) <= width) {
		buf_add(out, line, n);
		return;
	}
	g = table_column(line, n);
	while (lead < n && line[lead] == ' ')
		lead++;
	/* A row whose first column fills it has one space before the
	 * second: the table's column, from its other rows. */
	if (g == 0 && table > lead && table < n && line[table - 1] == ' ' &&
	    line[table] != ' ')
		g = table;
	hang = g > 0 && columns(line, g) < width / 2 ? columns(line, g) : lead;
	for (;;) {
		size_t room = width - (pos > 0 ? hang : 0);

		if (columns(line + pos, n - pos) <= room)
			break;
		/* The last space that leaves the line within room, past the
		 * indent; else the first after (a word longer than a line). */
		last = 0;
		for (b = pos + (pos == 0 ? lead : 0); b < n; b++)
			if (line[b] == ' ' && b > pos && line[b - 1] != ' ' &&
			    !str_space_tied(line, b)) {
				over = columns(line + pos, b - pos) > room;
				if (!over || last == 0)
					last = b;
				if (over)
					break;
			}
		if (last == 0)
			break;
		buf_add(out, line + pos, last - pos);
		buf_putc(out, '\n');
		for (b = 0; b < hang; b++)
			buf_putc(out, ' ');
		for (pos = last; pos < n && line[pos] == ' '; pos++)
			;
	}
	buf_add(out, line + pos, n - pos);
}

/* Prints a line that holds a command to copy as it is, not folded: a
 * fold would put a newline inside the command (the terminal's own wrap
 * does not, for a copy). */
void
screen_say_whole(struct interview *iv, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	iv->io->print(iv->io, s);
	free(s);
}

/* Prints text as it is: callers clean untrusted text (screen_clean), since
 * the format's own escapes (colours) must go through. On a terminal, each
 * line is folded at spaces to its width (fold_line). */
void
screen_say(struct interview *iv, const char *fmt, ...)
{
	struct buf b = { 0 };
	size_t width = iv->io->width(iv->io), n, table = 0;
	va_list ap;
	char *s;
	const char *p;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (width == 0) {
		iv->io->print(iv->io, s);
		free(s);
		return;
	}
	for (p = s; *p != '\0' && table == 0; p += n + (p[n] == '\n'))
		table = table_column(p, n = strcspn(p, "\n"));
	for (p = s; *p != '\0'; p += n) {
		n = strcspn(p, "\n");
		fold_line(&b, p, n, width, table);
		if (p[n] == '\n') {
			buf_putc(&b, '\n');
			n++;
		}
	}
	iv->io->print(iv->io, buf_str(&b));
	buf_free(&b);
	free(s);
}

/* A copy of untrusted text safe for the terminal (owned). */
char *
screen_clean(const char *s)
{
	return str_terminal(s, true);
}


/* Wraps text in a style when colour is on (owned). */
static char *
style(const struct interview *iv, const char *code, const char *text)
{
	char *c = screen_clean(text), *r;

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
	char *c = screen_clean(text), *f, *styled;

	/* Not folded (a pipe has no width), a line of the text's own is
	 * still indented. */
	f = str_wrap(c, width > strlen(first) + 20 ? width - strlen(first) : (size_t)-1 / 2,
	    indent);
	styled = code != NULL ? style(iv, code, f) : screen_clean(f);
	screen_say(iv, "%s%s\n", first, styled);
	free(styled);
	free(f);
	free(c);
}

/* Shows the tree's title and intro. */
void
screen_intro(struct interview *iv)
{
	char *title = style(iv, BOLD, tree_cat_tr(&iv->s.cat, iv->s.tree->title.s));
	char *intro = engine_fill(iv->s.engine, iv->s.tree->intro.s);

	screen_say(iv, "%s\n", title);
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
			return xasprintf(_("(a number from %g to %g)"), q->vals->min, q->vals->max);
		lo = q->integer ? _("(a whole number)") : _("(a number)");
		return xstrdup(lo);
	case QT_PARAGRAPH:
		return xstrdup(terminal ? _("(Enter ends the answer; Alt-Enter starts a new line)") :
		    _("(several lines; an empty line ends the answer)"));
	case QT_ACTION:
		return xstrdup(_("(what; who; by when, YYYY-MM-DD)"));
	default:
		return xstrdup("");
	}
}

/* Shows the choices of a choice, multi or scale question. */
static void
show_choices(struct interview *iv, const struct question *q)
{
	size_t i;

	for (i = 0; i < q->vals->nchoices; i++) {
		char *label = screen_clean(tree_cat_tr(&iv->s.cat, q->vals->choices[i].label.s));

		screen_say(iv, "  %zu) %s\n", i + 1, label);
		free(label);
	}
	for (i = 0; i < q->x->nlabels; i++) {
		char *label = screen_clean(tree_cat_tr(&iv->s.cat, q->x->labels[i].label.s));

		screen_say(iv, "  %ld = %s\n", q->x->labels[i].value, label);
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
size_t
screen_notes_unshown(struct interview *iv, const struct prompt *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nnotes; i++)
		n += !*note_shown(iv, p->notes[i].q);
	return n;
}

/* Takes the notes before the prompt as shown, without showing them: a
 * resumed session showed them before it paused. */
void
screen_notes_take_as_shown(struct interview *iv, const struct prompt *p)
{
	size_t i;

	for (i = 0; i < p->nnotes; i++)
		*note_shown(iv, p->notes[i].q) = true;
}

/* text cleaned for the screen (owned), or when it is NULL, the tree
 * string tmpl filled (and translated) then cleaned. */
static char *
filled_clean(const struct interview *iv, const char *text, const char *tmpl)
{
	char *filled, *t;

	if (text != NULL)
		return screen_clean(text);
	filled = engine_fill(iv->s.engine, tmpl);
	t = screen_clean(filled);
	free(filled);
	return t;
}

/* Section s's title as the screen shows it, cleaned (owned): with
 * --discreet, a private section's is "(a private section)". title is its
 * filled and translated title, or NULL to fill it here. */
static char *
section_shown(struct interview *iv, const struct section *s, const char *title)
{
	if (iv->discreet && s->private)
		return xstrdup(_("(a private section)"));
	return filled_clean(iv, title, s->title.s);
}

/* How long section s has taken at now, in whole minutes; true when it has
 * a budget and runs over it, *over then by how much, in whole minutes but
 * at least 1 (75 s of a 1-minute budget: over by 1 min, never "1 of 1"). */
static bool
section_over(const struct interview *iv, const struct section *s, long long now,
    long long *minutes, long long *over)
{
	long long ms = call_clock_section(&iv->clock, s->index, now);
	long long budget = (long long)s->minutes * 60000;

	*minutes = ms / 60000;
	*over = ms > budget ? (ms - budget) / 60000 : 0;
	if (ms > budget && *over == 0)
		*over = 1;
	return s->minutes > 0 && ms > budget;
}

/* The place in the call, "[3/12]" ("[3/12, why 2/5]" in a ladder), and on
 * a terminal the call's time, with the section's when it runs over its
 * budget (owned). */
static char *
prompt_where(struct interview *iv, const struct prompt *p)
{
	long long now = call_clock_now(), spent, over;
	struct buf b = { 0 };

	buf_printf(&b, "[%zu/%zu", p->pos, p->total);
	if (p->kind == PROMPT_RUNG)
		buf_printf(&b, _(", why %u/%u"), p->level, p->depth);
	if (iv->io->interactive && !iv->amending) {
		buf_puts(&b, ", ");
		buf_printf(&b, _("%lld min"), call_clock_elapsed(&iv->clock, now) / 60000);
		if (section_over(iv, question_section(iv->s.tree, p->q), now, &spent, &over)) {
			char *title = section_shown(iv, question_section(iv->s.tree, p->q),
			    p->section_title);

			buf_puts(&b, ", ");
			buf_printf(&b, _("%s: over by %lld min (budget %u min)"), title, over,
			    question_section(iv->s.tree, p->q)->minutes);
			free(title);
		}
	}
	buf_putc(&b, ']');
	return buf_take(&b);
}

/* True when q's text stays off a shared screen: discreet mode, a private
 * question, not shown with /show. */
bool
screen_hidden(const struct interview *iv, const struct question *q)
{
	return iv->discreet && q != NULL && question_private(q) && iv->revealed != q;
}

/* What comes next, in words (owned): the question (kept off a shared
 * screen when private), a ladder's why, the goal to confirm, or that
 * nothing is left to ask. */
static char *
next_words(const struct interview *iv, const struct prompt *p)
{
	if (p->kind == PROMPT_DONE)
		return xstrdup(_("nothing is left to ask (Enter finishes the call)"));
	if (p->kind == PROMPT_CONFIRM)
		return xasprintf(_("whether \"%s\" is the underlying goal"), p->rung_text);
	if (screen_hidden(iv, p->q))
		return xstrdup(_("a private question"));
	/* TRANSLATORS: a question quoted, as in "Next: %s." */
	return xasprintf(_("\"%s\""), p->text != NULL ? p->text : "");
}

/* Says that the session was interrupted rather than paused: when its last
 * answer was saved (local time), how many answers are kept and what comes
 * next. */
static void
say_recovery(struct interview *iv)
{
	char when[ISOTIME_LEN];
	char *next, *line, *saved;
	struct prompt p;
	long n = iv->s.row.answers;

	engine_prompt(iv->s.engine, &p);
	next = next_words(iv, &p);
	engine_prompt_clear(&p);
	if (iv->last_saved_at != NULL) {
		isotime_local(iv->last_saved_at, true, when);
		saved = xasprintf(_("its last answer was saved at %s"), when);
	} else {
		saved = xstrdup(_("no answer was saved"));
	}
	line = xasprintf(ngettext("The call was interrupted, not paused: %s; %ld answer is kept.",
	    "The call was interrupted, not paused: %s; %ld answers are kept.", (unsigned long)n),
	    saved, n);
	say_folded(iv, NULL, "", "", line);
	free(line);
	line = xasprintf(_("Next: %s."), next);
	say_folded(iv, NULL, "", "", line);
	free(line);
	free(saved);
	free(next);
}

/* Says which session goes on: its tree's title, its client, its id, and
 * after a crash, what was recovered. The title and the client come from
 * the database: they are cleaned. */
void
screen_banner(struct interview *iv)
{
	char *title = screen_clean(tree_cat_tr(&iv->s.cat, iv->s.tree->title.s));
	char *client = screen_clean(iv->s.row.client != NULL ? iv->s.row.client :
	    _("no client named"));
	char *sid = str_short_id(iv->s.row.id);

	screen_say(iv, _("Resuming \"%s\" (%s), session %.8s.\n"), title, client, sid);
	free(sid);
	free(client);
	free(title);
	if (iv->interrupted)
		say_recovery(iv);
}

/* Shows one line of a ladder's aids, folded to the width. */
void
screen_aid(struct interview *iv, const char *text)
{
	say_folded(iv, YELLOW, "  ", "  ", text);
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

		if (*note_shown(iv, p->notes[i].q) || (question_section(iv->s.tree, p->notes[i].q) == here) != mine)
			continue;
		*note_shown(iv, p->notes[i].q) = true;
		text = xasprintf("%s %s", _("Note:"), screen_hidden(iv, p->notes[i].q) ?
		    _("(private: /show to read it)") : p->notes[i].text);
		say_folded(iv, YELLOW, "", "  ", text);
		free(text);
	}
}

/* The local date of a stored time, for "the call of 2026-11-12" (owned). */
static char *
call_day(const char *at)
{
	char *day = isotime_format(at, ISOTIME_DATE);

	return day != NULL ? day : screen_clean(at != NULL ? at : "?");
}

/* Shows a prompt: the notes not shown yet, the section heading when
 * new_section, the question, its choices. */
void
screen_prompt(struct interview *iv, const struct prompt *p, bool new_section)
{
	const struct section *here = p->q != NULL ? question_section(iv->s.tree, p->q) : NULL;
	char *where, *text, *hint;

	/* A section's notes come under its heading; the notes of a section
	 * left behind, before it. */
	show_notes(iv, p, here, false);
	if (p->kind == PROMPT_DONE) {
		screen_say(iv, "\n%s\n", _("All questions are answered. Press Enter to finish, "
		    "or /back to change an answer."));
		return;
	}
	if (new_section) {
		char *shown = section_shown(iv, here, p->section_title);
		char *title = style(iv, BOLD, shown);

		screen_say(iv, "\n== %s ==\n", title);
		free(title);
		free(shown);
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
	text = xasprintf("%s %s", where, screen_hidden(iv, p->q) ?
	    _("(a private question: /show to read it)") : p->text);
	say_folded(iv, BOLD, "", "", text);
	free(where);
	free(text);
	if (screen_hidden(iv, p->q)) {
		/* An answer from an earlier call stays off the line too. */
		if (p->edit_from != NULL)
			screen_say(iv, "  %s\n", _("(an answer from an earlier call is offered: "
			    "/show to read it)"));
		return;
	}
	/* A ladder asks again and again: its help is shown with the first
	 * why, and /help shows it again. */
	if (p->help != NULL && p->q != iv->helped)
		say_folded(iv, DIM, "  ", "  ", p->help);
	iv->helped = p->q;
	show_choices(iv, p->q);
	hint = answer_hint(p->q, iv->io->interactive);
	if (p->kind == PROMPT_QUESTION && *hint != '\0')
		screen_say(iv, "  %s\n", hint);
	free(hint);
	if (iv->amending)	/* amend.c says what the answer is */
		return;
	if (p->revisit && iv->io->interactive) {
		screen_say(iv, "  %s\n", _("(the earlier answer is offered: edit it, or press Enter to keep it)"));
	} else if (p->edit_from != NULL) {
		char *day = call_day(p->edit_from), *edit = screen_clean(p->edit);

		/* An answer from an earlier call: on a terminal it is on the
		 * line to edit; on plain lines, shown, and an empty line
		 * confirms it. */
		if (iv->io->interactive)
			screen_say(iv, _("  (from the call of %s: edit it, or press Enter to confirm it)\n"),
			    day);
		else
			screen_say(iv, _("  (from the call of %s: %s; press Enter to confirm it)\n"),
			    day, edit);
		free(day);
		free(edit);
	} else if (p->edit != NULL) {
		char *edit = screen_clean(p->edit);

		/* No line to edit here: say what Enter keeps. */
		screen_say(iv, p->revisit ? _("  (earlier answer: %s; press Enter to keep it)\n") :
		    _("  (default: %s; press Enter to take it)\n"), edit);
		free(edit);
	}
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
void
screen_flags(struct interview *iv)
{
	size_t n, i;
	const struct flag *const *f = engine_new_flags(iv->s.engine, &n);

	if (iv->discreet && n > 0) {
		char *said = xasprintf(ngettext("%zu new flag: /flags to read it",
		    "%zu new flags: /flags to read them", n), n);
		char *t = style(iv, YELLOW, said);

		screen_say(iv, "  %s\n", t);
		free(t);
		free(said);
		return;
	}
	for (i = 0; i < n; i++)
		show_flag(iv, f[i]);
}

/* /flags: the flags raised so far that still hold. */
void
screen_flag_list(struct interview *iv)
{
	size_t i, n = 0;

	for (i = 0; i < iv->s.tree->nflags; i++)
		if (engine_flag_true(iv->s.engine, &iv->s.tree->flags[i])) {
			show_flag(iv, &iv->s.tree->flags[i]);
			n++;
		}
	if (n == 0)
		screen_say(iv, "  %s\n", _("No flag is raised."));
}

/* /show: the private question (and notes) discreet mode keeps off the
 * screen; false when there is nothing hidden to show. */
bool
screen_reveal(struct interview *iv, const struct prompt *p)
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
	if (screen_hidden(iv, p->q)) {
		iv->revealed = p->q;
		return true;
	}
	if (!any)
		screen_say(iv, "  %s\n", _("Nothing is hidden here."));
	return false;
}

/* /help: the question's help and the commands. */
void
screen_help(struct interview *iv, const struct prompt *p)
{
	if (p->help != NULL && !screen_hidden(iv, p->q)) {
		char *h = screen_clean(p->help);

		screen_say(iv, "%s\n\n", h);
		free(h);
	}
	screen_say(iv, "%s\n", _(
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
void
screen_progress(struct interview *iv)
{
	size_t i, answered, total;
	long long now = call_clock_now();
	bool reached;

	for (i = 0; i < iv->s.tree->nsections; i++) {
		const struct section *s = iv->s.tree->sections[i];
		char *t = section_shown(iv, s, NULL);

		engine_section_progress(iv->s.engine, s, &reached, &answered, &total);
		if (!reached) {
			screen_say(iv, "  -  %s %s\n", t, _("(not asked)"));
		} else {
			struct buf b = { 0 };
			long long spent, by;
			bool over = section_over(iv, s, now, &spent, &by);

			buf_printf(&b, "  %s %s %zu/%zu",
			    /* TRANSLATORS: /progress's mark of a section whose
			     * questions are all answered (".." marks the others). */
			    answered == total ? _("ok") : "..", t, answered, total);
			if (answered < total)
				buf_printf(&b, ngettext(", %zu left", ", %zu left",
				    total - answered), total - answered);
			if (over)
				buf_printf(&b, _(" (budget %u min: over by %lld min)"), s->minutes, by);
			else if (s->minutes > 0)
				buf_printf(&b, _(" (%lld of %u min)"), spent, s->minutes);
			else if (spent > 0)
				buf_printf(&b, _(" (%lld min)"), spent);
			screen_say(iv, "%s\n", b.s);
			buf_free(&b);
		}
		free(t);
	}
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

/* When the answer just given is the one offered from an earlier call:
 * when it was given there; else NULL. */
static const char *
carry_recorded(struct interview *iv)
{
	size_t n, i;
	const struct record *r = engine_records(iv->s.engine, &n);

	for (i = 0; i < n; i++)
		if (r[i].kind == REC_CARRY)
			return r[i].reason != NULL ? r[i].reason : "";
	return NULL;
}

/* How the screen names q (owned, cleaned): its label, else its text
 * (text: the prompt's, filled and translated, or NULL to fill it here);
 * a private question kept off a shared screen is "a private question". */
char *
screen_question_name(const struct interview *iv, const struct question *q, const char *text)
{
	if (screen_hidden(iv, q))
		return xstrdup(_("a private question"));
	if (q->x->label.s != NULL)
		return screen_clean(tree_cat_tr((void *)&iv->s.cat, q->x->label.s));
	return filled_clean(iv, text, q->ask.s);
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
char *
screen_ack_words(struct interview *iv, const struct prompt *p, const char *cmd,
    const char *arg, size_t removed)
{
	const char *goal = goal_recorded(iv, p);
	const char *from = carry_recorded(iv);
	char *a = screen_clean(arg), *said = NULL, *t;
	/* The question's name, for /note and /skip only (not every answer). */
	char *qname = p->q != NULL && (is(cmd, "note") || is(cmd, "skip")) ?
	    screen_question_name(iv, p->q, p->text) : NULL;

	if (from != NULL && cmd == NULL) {
		t = call_day(from);
		said = xasprintf(_("Confirmed from the call of %s."), t);
		free(t);
	} else if (goal != NULL && (cmd == NULL || is(cmd, "goal"))) {
		t = screen_clean(goal);
		said = xasprintf(_("Goal: \"%s\"."), t);
		free(t);
	} else if (is(cmd, "also")) {
		said = xasprintf(_("Second reason noted: \"%s\"; it is drilled after this chain."),
		    a);
	} else if (is(cmd, "note")) {
		said = p->q != NULL ? xasprintf(_("Note added to \"%s\"."), qname) :
		    xstrdup(_("Note added to the last question."));
	} else if (is(cmd, "stuck")) {
		t = screen_clean(p->rung_text);
		said = xasprintf(_("Chain stopped at \"%s\": the client cannot go deeper."), t);
		free(t);
	} else if (is(cmd, "skip")) {
		said = arg != NULL ? xasprintf(_("Skipped \"%s\": %s."), qname ? qname : "", a) :
		    xasprintf(_("Skipped \"%s\"."), qname ? qname : "");
	} else if (is(cmd, "drop")) {
		t = screen_clean(p->edit);
		said = removed <= 1 ? xasprintf(_("Removed \"%s\"."), t) :
		    xasprintf(ngettext("Removed \"%s\" and the reason under it.",
		    "Removed \"%s\" and the %zu reasons under it.", removed - 1), t,
		    removed - 1);
		free(t);
	}
	free(a);
	free(qname);
	return said;
}

/* Shows an acknowledgement (owned), if any. */
void
screen_ack(struct interview *iv, char *said)
{
	char *t;

	if (said == NULL)
		return;
	t = style(iv, CYAN, said);
	screen_say(iv, "  %s\n", t);
	free(t);
	free(said);
}

/* Says why an answer or a command was refused, in red. */
void
screen_refusal(struct interview *iv, const char *why)
{
	char *t = style(iv, RED, why);

	screen_say(iv, "  %s\n", t);
	free(t);
}
