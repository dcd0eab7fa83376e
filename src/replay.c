/* replay.c: an interview answered from an answers file. */
#include "config.h"

#include "replay.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "i18n.h"
#include "refusal.h"
#include "util.h"

/* The answers mapping of a document. */
const struct ynode *
replay_answers(const struct ydoc *doc, struct diags *d)
{
	const struct ynode *root = ydoc_root(doc), *a, *sessions;

	if (root == NULL || root->kind != YNODE_MAP) {
		diags_add(d, DIAG_ERROR, ydoc_name(doc), root != NULL ? root->mark : (struct mark){ 1, 1 },
		    "%s", _("an answers file is a mapping from question ids to answers"));
		return NULL;
	}
	sessions = ynode_get(root, "sessions");
	if (sessions != NULL && sessions->kind == YNODE_SEQ && sessions->n > 0) {
		root = sessions->items[0];
		/* An export's session is a mapping too; anything else would be
		 * read as pairs it does not have. */
		if (root->kind != YNODE_MAP) {
			diags_add(d, DIAG_ERROR, ydoc_name(doc), root->mark, "%s",
			    _("an answers file is a mapping from question ids to answers"));
			return NULL;
		}
	}
	a = ynode_get(root, "answers");
	if (a != NULL && a->kind == YNODE_MAP)
		return a;
	return root;
}

/* Records an error about question q's answer, at the answer, or at the
 * answers mapping when there is none. */
static void
replay_error(struct diags *d, const char *file, const struct ynode *v,
    const struct ynode *answers, const struct question *q, const char *why)
{
	diags_add(d, DIAG_ERROR, file, v != NULL ? v->mark : answers->mark,
	    _("question '%s': %s"), q->id.s, why);
}

/* Gives the next rung of a ladder (or confirms its goal when confirm), or
 * stops its chain. A rung that is not
 * text, or is empty, is refused with *why: an empty answer would confirm the
 * last rung as the goal and drop the rungs after it. */
static enum engine_rc
replay_rung(struct engine *e, bool confirm, const struct ynode *v,
    size_t *fed, const char **why)
{
	size_t n = v->kind == YNODE_SEQ ? v->n : 1;
	const struct ynode *rung;

	if (confirm)
		return engine_answer(e, "yes");
	if (*fed >= n)
		return *fed > 0 ? engine_goal(e) : engine_stuck(e);
	rung = v->kind == YNODE_SEQ ? v->items[*fed] : v;
	(*fed)++;
	if (rung->kind != YNODE_SCALAR || rung->nul || str_blank(rung->str)) {
		*why = _("a rung must be text");
		return ENGINE_REFUSED;
	}
	return engine_answer(e, rung->str);
}

/* Gives the answer to a question that is not a ladder. */
static enum engine_rc
replay_value(struct engine *e, const struct question *q, const struct ynode *v,
    const char **why)
{
	const char **items;
	enum engine_rc rc;
	size_t i;

	if (v->kind == YNODE_SCALAR && v->nul) {
		*why = _("the answer holds a NUL byte");
		return ENGINE_REFUSED;
	}
	if (v->kind == YNODE_SCALAR)
		return engine_answer(e, v->str);
	if (v->kind == YNODE_MAP || q->type != QT_MULTI) {
		*why = q->type == QT_MULTI ? _("the answer must be a list of values") :
		    _("the answer must be a single value, not a list or a mapping");
		return ENGINE_REFUSED;
	}
	/* Every item is text as given: a list or a mapping among them, or a
	 * NUL that would cut one short, is refused rather than dropped. */
	for (i = 0; i < v->n; i++)
		if (v->items[i]->kind != YNODE_SCALAR || v->items[i]->nul) {
			*why = _("every value of the list must be text");
			return ENGINE_REFUSED;
		}
	items = xcalloc(v->n + 1, sizeof *items);
	for (i = 0; i < v->n; i++)
		items[i] = v->items[i]->str;
	rc = engine_answer_list(e, items, v->n);
	free(items);
	return rc;
}

/* Warns about answers no question used. */
static void
replay_unused(const struct tree *t, const struct ynode *answers, const bool *used,
    const char *file, struct diags *d)
{
	size_t i;

	for (i = 0; i < answers->n; i++) {
		const struct ynode *k = answers->items[2 * i];
		const struct question *q = k->kind == YNODE_SCALAR ? tree_question(t, k->str) : NULL;

		if (q == NULL)
			diags_add(d, DIAG_WARNING, file, k->mark,
			    _("'%s' is not a question of this tree; its answer is not used"),
			    k->kind == YNODE_SCALAR ? k->str : "?");
		else if (!used[q->index])
			diags_add(d, DIAG_WARNING, file, k->mark,
			    _("question '%s' was not reached; its answer is not used"), k->str);
	}
}

/* Answers every question from answers. */
bool
replay_run(struct engine *e, const struct tree *t, const struct ynode *answers,
    const char *file, struct diags *d)
{
	size_t *fed = xcalloc(t->nall + 1, sizeof *fed), steps = 0, i;
	bool *used = xcalloc(t->nall + 1, sizeof *used), ok = false;
	size_t limit = t->nall * (TREE_MAX_DEPTH + 3) + 16;
	struct hmap by_id = { 0 };

	/* The answers by question id, as ynode_get finds them (the first of
	 * a repeated key; no key holding a NUL), each found in constant time. */
	for (i = 0; i < answers->n; i++) {
		const struct ynode *k = answers->items[2 * i];

		if (k->kind == YNODE_SCALAR && !k->nul && hmap_get(&by_id, k->str) == NULL)
			hmap_put(&by_id, k->str, answers->items[2 * i + 1]);
	}
	while (steps++ < limit) {
		const struct question *q;
		const struct ynode *v;
		const char *why = NULL;
		enum engine_rc rc;
		bool confirm;

		q = engine_asking(e, &confirm);
		if (q == NULL) {
			ok = true;
			break;
		}
		v = hmap_get(&by_id, q->id.s);
		used[q->index] = true;
		if (v == NULL || ynode_is_null(v)) {
			if (q->required) {
				replay_error(d, file, v, answers, q, v == NULL ?
				    _("it is required and the answers file has no answer") :
				    _("it is required and cannot be skipped"));
				break;
			}
			rc = engine_skip(e, NULL);
		} else if (q->type == QT_LADDER) {
			rc = replay_rung(e, confirm, v, &fed[q->index], &why);
		} else {
			rc = replay_value(e, q, v, &why);
		}
		if (rc == ENGINE_REFUSED) {
			char *said = why == NULL ? refusal_last(e) : NULL;

			replay_error(d, file, v, answers, q, why != NULL ? why : said);
			free(said);
			break;
		}
	}
	if (ok)
		replay_unused(t, answers, used, file, d);
	hmap_free(&by_id);
	free(fed);
	free(used);
	return ok;
}
