/* amend.c: an answer of a finished call changed afterwards, with its
 * reason (see amend.h). */
#include "config.h"

#include "amend.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "interview-int.h"
#include "refusal.h"
#include "tree-cat.h"
#include "util.h"

/* What the call looked like before the change: which questions were
 * reached and which flags held. */
struct before {
	bool *reached;
	bool *flags;
};

/* Notes what is reached and which flags hold. */
static void
before_take(const struct interview *iv, struct before *b)
{
	const struct tree *t = iv->s.tree;
	size_t i;

	b->reached = xcalloc(t->nall + 1, sizeof *b->reached);
	b->flags = xcalloc(t->nflags + 1, sizeof *b->flags);
	for (i = 0; i < t->nall; i++)
		b->reached[i] = engine_reached(iv->s.engine, t->all[i]);
	for (i = 0; i < t->nflags; i++)
		b->flags[i] = engine_flag_true(iv->s.engine, &t->flags[i]);
}

/* The answer of q as a person reads it (owned). */
static char *
shown_answer(const struct interview *iv, const struct question *q)
{
	bool answered, skipped;
	const char *reason;
	char *v;

	engine_value(iv->s.engine, q, &answered, &skipped, &reason);
	if (!answered)
		return xstrdup(_("(not answered)"));
	if (skipped && !str_blank(reason))
		return xasprintf(_("(skipped: %s)"), reason);
	if (skipped)
		return xstrdup(_("(skipped)"));
	v = engine_display(iv->s.engine, q);
	return v != NULL ? v : xstrdup("");
}

/* Keeps why in a->error (owned) and returns AMEND_INVALID. */
static enum amend_end
invalid(struct amend *a, char *why)
{
	free(a->error);
	a->error = why;
	return AMEND_INVALID;
}

/* Words a refusal that is not asked again, of the new answer or (reason)
 * of the reason, with why (taken); returns AMEND_INVALID. */
static enum amend_end
refused(struct amend *a, bool reason, char *why)
{
	char *msg = reason ? xasprintf(_("the amendment of \"%s\" is refused: %s"),
	    a->q->id.s, why) : xasprintf(_("the new answer to \"%s\" is refused: %s"),
	    a->q->id.s, why);

	free(why);
	return invalid(a, msg);
}

/* Hands one line to the engine: an answer, or /skip [REASON]. Returns
 * true when the engine took it as an event (*rc its outcome); false for
 * another command, which has no place here. */
static bool
amend_event(struct interview *iv, const char *line, enum engine_rc *rc)
{
	size_t n;
	const char *arg;

	if (line[0] != '/' || line[1] == '/') {
		*rc = engine_answer(iv->s.engine, line[0] == '/' ? line + 1 : line);
		return true;
	}
	n = strcspn(line + 1, " \t");
	if (n != 4 || strncmp(line + 1, "skip", 4) != 0)
		return false;
	arg = line + 5;
	arg += strspn(arg, " \t");
	*rc = engine_skip(iv->s.engine, *arg != '\0' ? arg : NULL);
	return true;
}

/* Reads (or takes the given) new answer and hands it to the engine until
 * it is taken; on a terminal a refusal asks again. */
static enum amend_end
new_answer(struct interview *iv, struct amend *a)
{
	struct prompt p;
	enum io_status st, cut;
	enum engine_rc rc;
	char *line, *why;
	bool event;

	for (;;) {
		engine_prompt(iv->s.engine, &p);
		if (a->answer != NULL) {
			line = xstrdup(a->answer);
		} else if ((st = interview_read_answer(iv, &p, &line, &cut)) != IO_LINE) {
			engine_prompt_clear(&p);
			return AMEND_CANCELLED;
		} else if (cut != IO_LINE) {
			/* A paragraph cut short is not an answer to store. */
			free(line);
			engine_prompt_clear(&p);
			return AMEND_CANCELLED;
		}
		engine_prompt_clear(&p);
		event = amend_event(iv, line, &rc);
		free(line);
		if (event && rc == ENGINE_OK)
			return AMEND_STORED;
		why = event ? refusal_last(iv->s.engine) :
		    xstrdup(_("type the new answer, /skip [REASON] to leave it unanswered, "
		    "or Ctrl-D to change nothing"));
		if (a->answer != NULL || !iv->io->interactive)
			return refused(a, false, why);
		screen_refusal(iv, why);
		free(why);
	}
}

/* Reads (or takes the given) reason into *out (owned, trimmed); on a
 * terminal an empty one is asked again. */
static enum amend_end
reason(struct interview *iv, struct amend *a, char **out)
{
	struct io_read r = { "> ", NULL, NULL, 0, false };
	char *line, *why = NULL;
	enum io_status st;

	*out = NULL;
	if (a->reason == NULL)
		screen_say(iv, "%s\n", _("Why is it changed? (required: the reason is kept "
		    "with the change)"));
	for (;;) {
		if (a->reason != NULL)
			line = xstrdup(a->reason);
		else if ((st = iv->io->read(iv->io, &r, &line)) != IO_LINE)
			return AMEND_CANCELLED;
		*out = str_trim(line);
		free(line);
		if (**out != '\0' && answer_length_ok(*out, &why))
			return AMEND_STORED;
		if (why == NULL)
			why = xstrdup(_("a reason is required"));
		free(*out);
		*out = NULL;
		if (a->reason != NULL || !iv->io->interactive)
			return refused(a, true, why);
		screen_refusal(iv, why);
		free(why);
		why = NULL;
	}
}

/* Says, one line each, the questions the change reaches that have no
 * answer, and those it no longer reaches (their answers set aside). */
static void
say_reach(struct interview *iv, const struct before *b)
{
	const struct tree *t = iv->s.tree;
	bool answered, skipped;
	const char *reason;
	char *fill, *ask;
	size_t i;

	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];
		bool now = engine_reached(iv->s.engine, q);

		if (q->type == QT_NOTE || now == b->reached[i])
			continue;
		engine_value(iv->s.engine, q, &answered, &skipped, &reason);
		fill = engine_fill(iv->s.engine, q->ask.s);
		ask = screen_clean(fill);
		free(fill);
		if (now && !answered)
			screen_say(iv, _("  Now asked, not answered (an open item in the brief): "
			    "\"%s\"; to answer it: %s amend %.8s %s\n"), ask,
			    iv->self != NULL ? iv->self : "whyline", iv->s.row.id, q->id.s);
		else if (now)
			screen_say(iv, _("  Asked again, with its earlier answer: \"%s\" (%s).\n"),
			    ask, q->id.s);
		else
			screen_say(iv, _("  No longer asked (its answer is set aside, kept): "
			    "\"%s\" (%s).\n"), ask, q->id.s);
		free(ask);
	}
}

/* Says which flags the change raised and which no longer hold. */
static void
say_flags(struct interview *iv, const struct before *b)
{
	const struct tree *t = iv->s.tree;
	char *text, *c;
	size_t i;

	screen_flags(iv);
	for (i = 0; i < t->nflags; i++) {
		if (!b->flags[i] || engine_flag_true(iv->s.engine, &t->flags[i]))
			continue;
		text = engine_flag_text(iv->s.engine, &t->flags[i]);
		c = screen_clean(text);
		screen_say(iv, _("  No longer holds: %s\n"), c);
		free(c);
		free(text);
	}
}

/* Stores the engine's records r (n) and the amendment's, with its reason,
 * in one transaction, at one time; false with a->error. */
static bool
amend_store(struct interview *iv, struct amend *a, const struct record *r, size_t n,
    const char *why)
{
	struct record *all = xcalloc(n + 1, sizeof *all);
	enum store_status st;

	memcpy(all, r, n * sizeof *r);
	all[n].kind = REC_AMEND;
	all[n].question = a->q->id.s;
	all[n].chain = -1;
	all[n].reason = why;
	st = store_apply(iv->store, iv->s.row.id, all, n + 1);
	free(all);
	if (st == STORE_OK)
		return true;
	free(a->error);
	a->error = xasprintf(_("could not save the amendment: %s (nothing was changed)"),
	    store_error(iv->store));
	return false;
}

/* Amends a->q. */
enum amend_end
amend_run(struct interview *iv, struct amend *a)
{
	struct before b = { 0 };
	struct prompt p;
	const struct record *r;
	enum amend_end end;
	char *old = NULL, *new = NULL, *why = NULL, *detail, *c, *name;
	size_t n;

	if (!engine_revisit(iv->s.engine, a->q))
		return invalid(a, xasprintf(_("\"%s\" cannot be amended"), a->q->id.s));
	before_take(iv, &b);
	old = shown_answer(iv, a->q);
	engine_prompt(iv->s.engine, &p);
	iv->amending = true;
	screen_notes_take_as_shown(iv, &p);
	screen_prompt(iv, &p, true);
	engine_prompt_clear(&p);
	c = screen_clean(old);
	if (a->answer != NULL)
		screen_say(iv, _("  Current answer: %s\n"), c);
	else
		screen_say(iv, iv->io->interactive ? _("  Current answer: %s (on the line to "
		    "edit; Enter keeps it)\n") : _("  Current answer: %s (an empty line keeps "
		    "it)\n"), c);
	free(c);
	if ((end = new_answer(iv, a)) != AMEND_STORED)
		goto out;
	r = engine_records(iv->s.engine, &n);
	if (n == 0) {
		end = AMEND_UNCHANGED;
		goto out;
	}
	if ((end = reason(iv, a, &why)) != AMEND_STORED)
		goto out;
	if (!amend_store(iv, a, r, n, why)) {
		end = AMEND_STORAGE;
		goto out;
	}
	engine_records_clear(iv->s.engine);
	new = shown_answer(iv, a->q);
	/* the label the brief shows, else the question's text */
	name = screen_question_name(iv, a->q, NULL);
	detail = xasprintf(_("Amended \"%s\": %s → %s."), name, old, new);
	c = screen_clean(detail);
	screen_say(iv, "%s\n", c);
	free(c);
	free(detail);
	free(name);
	say_reach(iv, &b);
	say_flags(iv, &b);
	screen_say(iv, _("Write the brief again with: %s brief %.8s\n"),
	    iv->self != NULL ? iv->self : "whyline", iv->s.row.id);
out:
	if (end == AMEND_UNCHANGED)
		screen_say(iv, "%s\n", _("The answer is the same: nothing was changed."));
	else if (end == AMEND_CANCELLED && iv->io->interactive)
		screen_say(iv, "%s\n", _("Nothing was changed."));
	free(b.reached);
	free(b.flags);
	free(old);
	free(new);
	free(why);
	return end;
}

/* Frees what a holds. */
void
amend_clear(struct amend *a)
{
	free(a->error);
	a->error = NULL;
}
