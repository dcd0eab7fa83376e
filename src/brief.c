/* brief.c: the brief's content, built once from a loaded session: the
 * ladders, each section's answers, the open items and the notes (the
 * history and the flags are in brief-history.c and brief-flags.c). */
#include "config.h"

#include "brief-int.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lang.h"
#include "util.h"
#include "isotime.h"
#include "answer.h"
#include "carry.h"

/* Copies the live chains of ladder q that have rungs. */
static void
ladder_chains(struct brief_ladder *l, struct session *ss)
{
	const struct question *q = l->q;
	size_t n = engine_nchains(ss->engine, q), i, r;

	l->chains = xcalloc(n > 0 ? n : 1, sizeof *l->chains);
	for (i = 0; i < n; i++) {
		struct engine_chain c;
		struct brief_chain *bc = &l->chains[l->nchains];

		if (!engine_chain(ss->engine, q, i, &c) || c.nrungs == 0)
			continue;
		bc->index = (int)i;
		bc->parent_chain = c.parent_chain;
		bc->parent_rung = c.parent_rung;
		bc->first_level = c.first_level;
		bc->from = brief_str(c.from, true);
		bc->stop = c.stop;
		bc->goal = c.goal != NULL ? brief_str(c.goal, true) : NULL;
		bc->rungs = xcalloc(c.nrungs, sizeof *bc->rungs);
		for (r = 0; r < c.nrungs; r++)
			bc->rungs[r] = brief_str(c.rungs[r], true);
		bc->nrungs = c.nrungs;
		if (l->request == NULL && c.parent_chain < 0)
			l->request = xstrdup(bc->from);
		l->nchains++;
	}
}

/* Lists the ladder's goals: the last rungs of the chains stopped at one. */
static void
ladder_goals(struct brief_ladder *l)
{
	size_t c;

	l->goals = xcalloc(l->nchains, sizeof *l->goals);
	for (c = 0; c < l->nchains; c++) {
		const struct brief_chain *ch = &l->chains[c];

		if (ch->stop != NULL && strcmp(ch->stop, "goal") == 0)
			l->goals[l->ngoals++] = ch->goal != NULL ? ch->goal :
			    ch->rungs[ch->nrungs - 1];
	}
}

/* Appends a node to the ladder's tree (sized for every rung). */
static void
node_add(struct brief_ladder *l, size_t depth, const char *text, int chain,
    unsigned level, const char *stop, bool end)
{
	struct brief_node *n;

	n = &l->nodes[l->nnodes++];
	n->depth = depth;
	n->text = text;
	n->chain = chain;
	n->level = level;
	n->stop = stop;
	n->end = end;
}

static void nodes_from(struct brief_ladder *, int, int, size_t);

/* Adds rung r of chain c at depth d, then what hangs below it. */
static void
nodes_rung(struct brief_ladder *l, size_t c, size_t r, size_t d)
{
	const struct brief_chain *ch = &l->chains[c];
	bool end = r + 1 == ch->nrungs;

	node_add(l, d, ch->rungs[r], (int)c, ch->first_level + (unsigned)r,
	    end ? ch->stop : NULL, end);
	if (!end)
		nodes_rung(l, c, r + 1, d + 1);
	nodes_from(l, ch->index, (int)(ch->first_level + r), d + 1);
}

/* Adds the chains hanging from (parent chain, rung level) at depth d. */
static void
nodes_from(struct brief_ladder *l, int parent, int level, size_t d)
{
	size_t c;

	for (c = 0; c < l->nchains; c++)
		if (l->chains[c].parent_chain == parent &&
		    (parent < 0 || l->chains[c].parent_rung == level))
			nodes_rung(l, c, 0, d);
}

/* Draws the ladder as a tree from its request. */
static void
ladder_nodes(struct brief_ladder *l)
{
	bool root = l->request != NULL && *l->request != '\0';
	size_t c, n = 1;

	for (c = 0; c < l->nchains; c++)
		n += l->chains[c].nrungs;
	l->nodes = xcalloc(n, sizeof *l->nodes);
	if (root)
		node_add(l, 0, l->request, -1, 0, NULL, false);
	nodes_from(l, -1, 0, root ? 1 : 0);
}

/* Adds ladder q, when it has rungs. */
static void
add_ladder(struct brief *b, struct session *ss, const struct question *q)
{
	struct brief_ladder *l;

	b->ladders = xrealloc(b->ladders, (b->nladders + 1) * sizeof *b->ladders);
	l = &b->ladders[b->nladders];
	memset(l, 0, sizeof *l);
	l->q = q;
	ladder_chains(l, ss);
	if (l->nchains == 0) {
		free(l->chains);
		free(l->request);
		return;
	}
	l->heading = brief_str(brief_ladder_heading(ss, q), false);
	if (b->request == NULL && l->request != NULL)
		b->request = xstrdup(l->request);
	ladder_nodes(l);
	ladder_goals(l);
	b->nladders++;
}

/* Adds a question to the open items: skipped (reason, NULL: none given)
 * or, when unanswered, required and not answered yet. */
static void
add_open(struct brief *b, struct session *ss, const struct question *q,
    const char *reason, bool unanswered)
{
	struct brief_open *o;

	b->open = xrealloc(b->open, (b->nopen + 1) * sizeof *b->open);
	o = &b->open[b->nopen++];
	o->q = q;
	o->question = brief_question_text(ss, q);
	o->label = brief_label_text(ss, q, o->question);
	o->reason = str_blank(reason) || b->share ? NULL : brief_str(reason, false);
	o->unanswered = unanswered;
}

/* Adds an answered question to section bs (sized for all its questions). */
static void
add_qa(struct brief *b, struct brief_section *bs, struct session *ss,
    const struct question *q, const char *value)
{
	struct brief_qa *qa;

	qa = &bs->qa[bs->n++];
	qa->q = q;
	qa->question = brief_question_text(ss, q);
	qa->label = brief_label_text(ss, q, qa->question);
	qa->answer = brief_answer_text(ss, q, value);
	qa->value = brief_str(value, true);
	qa->answered_at = b->answered_at[q->index] != NULL ?
	    xstrdup(b->answered_at[q->index]) : NULL;
}

/* Adds a next step. */
static void
add_action(struct brief *b, struct session *ss, const struct question *q,
    const char *value)
{
	struct brief_action *a;
	char **f;

	if (!answer_action_fields(value, &f))
		return;
	b->actions = xrealloc(b->actions, (b->nactions + 1) * sizeof *b->actions);
	a = &b->actions[b->nactions++];
	a->q = q;
	a->label = brief_label_text(ss, q, NULL);
	a->what = brief_str(f[0], false);
	a->owner = brief_str(f[1], false);
	a->due = brief_str(f[2], false);
	a->due_text = answer_date_text(a->due);
	a->text = brief_answer_text(ss, q, value);
	answer_action_free(f);
}

/* Adds a line to the summary (label and answer taken). */
static void
add_summary(struct brief *b, const struct question *q, char *label, char *answer)
{
	struct brief_item *it;

	b->summary = xrealloc(b->summary, (b->nsummary + 1) * sizeof *b->summary);
	it = &b->summary[b->nsummary++];
	it->q = q;
	it->label = label;
	it->answer = answer;
}

/* The answer that corrects q (a later question's `corrects`), reached
 * and given, or NULL: the last one in the tree's order wins. */
static const char *
corrected(struct session *ss, const struct question *q)
{
	const struct tree *t = ss->tree;
	const char *v, *found = NULL;
	bool answered, skipped;
	size_t i;

	for (i = q->index + 1; i < t->nall; i++) {
		if (t->all[i]->x->corrects_q != q || !engine_reached(ss->engine, t->all[i]))
			continue;
		v = engine_value(ss->engine, t->all[i], &answered, &skipped, NULL);
		if (answered && !skipped && v != NULL)
			found = v;
	}
	return found;
}

/* True when the tree has a question that corrects another (most trees
 * have none, and then nothing is looked for). */
static bool
tree_corrects(const struct tree *t)
{
	size_t i;

	for (i = 0; i < t->nall; i++)
		if (t->all[i]->x->corrects_q != NULL)
			return true;
	return false;
}

/* Sorts the questions of section sec into answers, ladders, next steps,
 * open items. */
static void
add_section(struct brief *b, struct session *ss, const struct section *sec,
    bool corrections)
{
	const struct tree *t = ss->tree;
	struct brief_section bs = { 0 };
	bool done = ss->row.status != NULL && strcmp(ss->row.status, "done") == 0;
	char *title;
	size_t i;

	bs.qa = xcalloc(sec->end > sec->first ? sec->end - sec->first : 1, sizeof *bs.qa);
	for (i = sec->first; i < sec->end; i++) {
		const struct question *q = t->all[i];
		bool answered, skipped;
		const char *reason, *v, *fix;

		if (q->type == QT_NOTE || (b->share && question_private(q)))
			continue;
		v = engine_value(ss->engine, q, &answered, &skipped, &reason);
		if (!engine_reached(ss->engine, q))
			continue;
		fix = corrections && q->type != QT_LADDER ? corrected(ss, q) : NULL;
		if (fix != NULL) {
			v = fix;
			answered = true;
			skipped = false;
		}
		if (!answered)
			b->unanswered++;
		if (!q->in_brief || q->x->corrects_q != NULL)
			continue;
		/* In a finished call, a question reached and not answered was
		 * reached by an amendment: it is open, required or not. */
		if (!answered && (q->required || done))
			add_open(b, ss, q, NULL, true);
		if (!answered)
			continue;
		/* Skipped: open when a reason says what is missing ("don't
		 * know"); passed over with no reason, or as not applicable, not. */
		if (skipped && !str_blank(reason) && !brief_reason_na(reason))
			add_open(b, ss, q, reason, false);
		else if (skipped)
			continue;
		else if (q->type == QT_LADDER)
			add_ladder(b, ss, q);
		else if (q->type == QT_ACTION)
			add_action(b, ss, q, v);
		else if (v != NULL)
			add_qa(b, &bs, ss, q, v);
	}
	if (bs.n == 0) {
		free(bs.qa);
		return;
	}
	bs.s = sec;
	title = engine_fill(ss->engine, sec->title.s);
	bs.title = brief_str(title != NULL ? title : "", false);
	free(title);
	b->sections = xrealloc(b->sections, (b->nsections + 1) * sizeof *b->sections);
	b->sections[b->nsections++] = bs;
}

/* The answer shown for q in the sections, or NULL. */
static struct brief_qa *
find_qa(struct brief *b, const struct question *q)
{
	size_t i, j;

	for (i = 0; i < b->nsections; i++)
		for (j = 0; j < b->sections[i].n; j++)
			if (b->sections[i].qa[j].q == q)
				return &b->sections[i].qa[j];
	return NULL;
}

/* Marks the answers confirmed as offered from an earlier call, each on
 * the answer it shows (a correction's on the answer it corrects). */
static bool
mark_confirmed(struct brief *b, struct session *ss, struct store *s, char **err)
{
	struct carry_confirmed *c;
	size_t n, i;

	if (!carry_confirmed(ss, s, &c, &n, err))
		return false;
	for (i = 0; i < n; i++) {
		const struct question *q = c[i].q->x->corrects_q != NULL ? c[i].q->x->corrects_q :
		    c[i].q;
		struct brief_qa *qa = find_qa(b, q);
		bool answered, skipped;
		const char *v = engine_value(ss->engine, c[i].q, &answered, &skipped, NULL);
		char *own = brief_str(v, true);

		if (qa != NULL && own != NULL && strcmp(own, qa->value) == 0 &&
		    (qa->confirmed_from = isotime_format(c[i].from_at, ISOTIME_DATE)) != NULL)
			qa->confirmed_text = answer_date_text(qa->confirmed_from);
		free(own);
	}
	carry_confirmed_free(c, n);
	return true;
}

/* Puts each ladder's correction (a later answer's `corrects`), when the
 * client gave one, in the place of its first goal, keeping that goal as
 * what was stated. */
static void
restate_goals(struct brief *b, struct session *ss)
{
	size_t i;

	for (i = 0; i < b->nladders; i++) {
		struct brief_ladder *l = &b->ladders[i];
		const char *fix = corrected(ss, l->q);

		if (fix == NULL || (l->restated = brief_str(fix, false)) == NULL)
			continue;
		if (l->ngoals > 0 && strcmp(l->goals[0], l->restated) != 0)
			l->stated = l->goals[0];
		l->goals[0] = l->restated;
		if (l->ngoals == 0)
			l->ngoals = 1;
	}
}

/* The summary: the stated request, the goal (in the client's words when
 * they corrected it), then every answer marked `summary: true`, in the
 * tree's order. */
static void
build_summary(struct brief *b, struct session *ss)
{
	const struct brief_ladder *l = b->nladders > 0 ? &b->ladders[0] : NULL;
	const struct question *from = l != NULL ? l->q->x->from_q : NULL;
	const struct tree *t = ss->tree;
	size_t i;

	if (l != NULL && l->ngoals > 0)
		b->goal = xstrdup(l->goals[0]);
	if (b->request != NULL)
		add_summary(b, from, from != NULL && from->x->label.s != NULL ?
		    brief_label_text(ss, from, NULL) : xstrdup(_("Request")), xstrdup(b->request));
	if (b->goal != NULL)
		add_summary(b, l->q, xstrdup(l->heading), xstrdup(b->goal));
	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];
		const struct brief_qa *qa;

		if (!q->summary || q == from || q->type == QT_LADDER ||
		    (qa = find_qa(b, q)) == NULL)
			continue;
		add_summary(b, q, xstrdup(qa->label), xstrdup(qa->answer));
	}
}
struct note_ctx {
	struct brief *b;
	struct session *ss;
};

/* Keeps one note. */
static void
add_note(void *arg, const struct note_row *r)
{
	struct note_ctx *nc = arg;
	struct brief *b = nc->b;
	struct brief_note *n;

	b->notes = xrealloc(b->notes, (b->nnotes + 1) * sizeof *b->notes);
	n = &b->notes[b->nnotes++];
	n->q = r->question != NULL ? tree_question(nc->ss->tree, r->question) : NULL;
	n->question = n->q != NULL ? brief_question_text(nc->ss, n->q) : NULL;
	n->text = brief_str(r->text, true);
	n->at = xstrdup(r->noted_at);
	n->time = isotime_format(n->at, ISOTIME_TIME);
}

/* Frees the notes and the changes, and forgets them. */
static void
notes_changes_clear(struct brief *b)
{
	size_t i;

	for (i = 0; i < b->nnotes; i++) {
		free(b->notes[i].question);
		free(b->notes[i].text);
		free(b->notes[i].at);
		free(b->notes[i].time);
	}
	for (i = 0; i < b->nchanges; i++) {
		free(b->changes[i].question);
		free(b->changes[i].label);
		free(b->changes[i].before);
		free(b->changes[i].after);
		free(b->changes[i].at);
		free(b->changes[i].time);
		free(b->changes[i].reason);
		free(b->changes[i].date);
	}
	b->nnotes = b->nchanges = 0;
}

/* Builds the brief. */
bool
brief_build(struct brief *b, struct session *ss, struct store *s, bool share,
    char **err)
{
	struct note_ctx nc = { b, ss };
	const char *title, *client = ss->row.client;
	char *heading;
	size_t i;

	memset(b, 0, sizeof *b);
	b->ss = ss;
	b->share = share;
	b->seconds = -1;
	b->lang = lang_code(ss->lang);
	*err = NULL;
	title = ss->tree->title.s != NULL ? ss->tree->title.s : ss->row.title;
	b->title = brief_str(title != NULL ? tree_cat_tr(&ss->cat, title) : "", false);
	if (client != NULL && *client != '\0') {
		/* TRANSLATORS: the brief's title: the tree's title, the client. */
		heading = xasprintf(_("%s: %s"), b->title, client);
		b->heading = brief_str(heading, false);
		free(heading);
	} else {
		b->heading = xstrdup(b->title);
	}
	if (brief_history(b, ss, s) != STORE_OK ||
	    store_notes(s, ss->row.id, add_note, &nc) != STORE_OK) {
		*err = xstrdup(store_error(s));
		return false;
	}
	for (i = 0; i < ss->tree->nsections; i++)
		add_section(b, ss, ss->tree->sections[i], tree_corrects(ss->tree));
	if (tree_corrects(ss->tree))
		restate_goals(b, ss);
	build_summary(b, ss);
	/* Where an answer came from is the consultant's business. */
	if (!share && !mark_confirmed(b, ss, s, err))
		return false;
	/* A client's copy drops what only the consultant reads: the notes and
	 * the changes; the flags are never collected. */
	if (!share)
		brief_flags(b, ss);
	else
		notes_changes_clear(b);
	return true;
}

/* Frees the strings of a section's answers. */
static void
section_clear_answers(struct brief_section *bs)
{
	size_t i;

	for (i = 0; i < bs->n; i++) {
		free(bs->qa[i].label);
		free(bs->qa[i].question);
		free(bs->qa[i].answer);
		free(bs->qa[i].value);
		free(bs->qa[i].answered_at);
		free(bs->qa[i].confirmed_from);
		free(bs->qa[i].confirmed_text);
	}
}

/* Frees one section. */
static void
section_clear(struct brief_section *bs)
{
	section_clear_answers(bs);
	free(bs->qa);
	free(bs->title);
}

/* Frees one ladder. */
static void
ladder_clear(struct brief_ladder *l)
{
	size_t i, r;

	for (i = 0; i < l->nchains; i++) {
		for (r = 0; r < l->chains[i].nrungs; r++)
			free(l->chains[i].rungs[r]);
		free(l->chains[i].rungs);
		free(l->chains[i].from);
		free(l->chains[i].goal);
	}
	free(l->chains);
	free(l->nodes);
	free(l->goals);
	free(l->restated);
	free(l->heading);
	free(l->request);
}

/* Frees what the brief holds. */
void
brief_clear(struct brief *b)
{
	size_t i, j;

	for (i = 0; i < b->nladders; i++)
		ladder_clear(&b->ladders[i]);
	for (i = 0; i < b->nsections; i++)
		section_clear(&b->sections[i]);
	for (i = 0; i < b->nflags; i++) {
		for (j = 0; j < b->flags[i].ncauses; j++) {
			free(b->flags[i].causes[j].question);
			free(b->flags[i].causes[j].label);
			free(b->flags[i].causes[j].answer);
		}
		free(b->flags[i].causes);
		free(b->flags[i].text);
	}
	for (i = 0; i < b->nsummary; i++) {
		free(b->summary[i].label);
		free(b->summary[i].answer);
	}
	for (i = 0; i < b->nactions; i++) {
		free(b->actions[i].label);
		free(b->actions[i].what);
		free(b->actions[i].owner);
		free(b->actions[i].due);
		free(b->actions[i].due_text);
		free(b->actions[i].text);
	}
	for (i = 0; i < b->nopen; i++) {
		free(b->open[i].label);
		free(b->open[i].question);
		free(b->open[i].reason);
	}
	notes_changes_clear(b);
	for (i = 0; b->answered_at != NULL && i < b->ss->tree->nall; i++)
		free(b->answered_at[i]);
	free(b->answered_at);
	free(b->summary);
	free(b->actions);
	free(b->goal);
	free(b->ladders);
	free(b->sections);
	free(b->flags);
	free(b->open);
	free(b->notes);
	free(b->changes);
	free(b->lang);
	free(b->title);
	free(b->heading);
	free(b->request);
	free(b->first_at);
	free(b->last_at);
	memset(b, 0, sizeof *b);
}
