/* export-csv.c: a session's current answers as CSV records, one per answer
 * (one per rung of a ladder), in the tree's order, each with the time it
 * was given. */
#include "config.h"

#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "buf.h"
#include "csv.h"
#include "hmap.h"
#include "util.h"

const char *const export_csv_columns[EXPORT_CSV_COLUMNS] = {
	"session_id", "client", "tree_id", "question", "section", "type",
	"chain", "rung", "value", "label", "skipped", "skip_reason",
	"answered_at", "action", "owner", "due"
};

/* The times of the current answer rows, by (question, chain, rung). */
struct times {
	struct hmap map;
	char **owned;		/* keys and times, freed together */
	size_t n, cap;
};

/* The map key of (question, chain, rung) (owned). */
static char *
times_key(const char *question, int chain, int rung)
{
	return xasprintf("%s\x1f%d\x1f%d", question, chain, rung);
}

/* Keeps the time of one current answer row. */
static void
times_add(void *arg, const struct answer_row *r)
{
	struct times *t = arg;

	xgrow(&t->owned, &t->cap, t->n + 2, sizeof *t->owned);
	t->owned[t->n] = times_key(r->question, r->chain, r->rung);
	t->owned[t->n + 1] = xstrdup(r->answered_at);
	hmap_put(&t->map, t->owned[t->n], t->owned[t->n + 1]);
	t->n += 2;
}

/* The time of an answer, or NULL. */
static const char *
times_get(const struct times *t, const char *question, int chain, int rung)
{
	char *k = times_key(question, chain, rung);
	const char *at = hmap_get(&t->map, k);

	free(k);
	return at;
}

/* Frees what the map holds. */
static void
times_free(struct times *t)
{
	size_t i;

	hmap_free(&t->map);
	for (i = 0; i < t->n; i++)
		free(t->owned[i]);
	free(t->owned);
}

/* What every record of one session shares. */
struct csv_out {
	struct session *ss;
	struct times times;
	bool strip;
	struct buf *b;
};

/* The fields of one answer that change from record to record. */
struct csv_answer {
	const struct question *q;
	int chain, rung;	/* -1 and 0 when not a rung */
	const char *value, *label, *reason;
	bool skipped;
};

/* Appends one record, without control characters when asked. */
static void
put_row(struct csv_out *o, const struct csv_answer *a)
{
	char chain[16] = "", rung[16] = "";
	const char *f[EXPORT_CSV_COLUMNS];
	char **action = NULL;
	size_t i;

	if (a->chain >= 0)
		snprintf(chain, sizeof chain, "%d", a->chain);
	if (a->rung > 0)
		snprintf(rung, sizeof rung, "%d", a->rung);
	f[0] = o->ss->row.id;
	f[1] = o->ss->row.client;
	f[2] = o->ss->row.tree_id;
	f[3] = a->q->id.s;
	f[4] = question_section(o->ss->tree, a->q)->id.s;
	f[5] = qtype_name(a->q->type);
	f[6] = chain;
	f[7] = rung;
	f[8] = a->value;
	f[9] = a->label;
	f[10] = a->skipped ? "yes" : "no";
	f[11] = a->reason;
	f[12] = times_get(&o->times, a->q->id.s, a->chain, a->rung);
	/* A next step's fields, each in its own column. */
	if (a->q->type == QT_ACTION && a->value != NULL)
		answer_action_fields(a->value, &action);
	for (i = 0; i < 3; i++)
		f[13 + i] = action != NULL ? action[i] : NULL;
	csv_row(o->b, f, EXPORT_CSV_COLUMNS, o->strip);
	answer_action_free(action);
}

/* Appends a record for each rung of each live chain of ladder q. */
static void
put_ladder(struct csv_out *o, const struct question *q)
{
	struct csv_answer a = { q, 0, 0, NULL, NULL, NULL, false };
	struct engine_chain c;
	size_t i, k, n = engine_nchains(o->ss->engine, q);

	for (i = 0; i < n; i++) {
		if (!engine_chain(o->ss->engine, q, i, &c))	/* dropped */
			continue;
		for (k = 0; k < c.nrungs; k++) {
			a.chain = (int)i;
			a.rung = (int)(c.first_level + k);
			a.value = a.label = c.rungs[k];
			put_row(o, &a);
		}
	}
}

/* Appends the records of one question, if it is reached and answered. */
static void
put_question(struct csv_out *o, const struct question *q)
{
	struct csv_answer a = { q, -1, 0, NULL, NULL, NULL, false };
	struct engine *e = o->ss->engine;
	char *label = NULL;
	bool answered;

	if (q->type == QT_NOTE || !engine_reached(e, q))
		return;
	a.value = engine_value(e, q, &answered, &a.skipped, &a.reason);
	if (!answered)
		return;
	if (q->type == QT_LADDER && !a.skipped) {
		put_ladder(o, q);
		return;
	}
	if (!a.skipped)
		a.label = label = answer_display(q, a.value, &o->ss->al);
	put_row(o, &a);
	free(label);
}

/* Appends the header record. */
void
export_csv_header(struct buf *b)
{
	csv_row(b, export_csv_columns, EXPORT_CSV_COLUMNS, false);
}

/* Appends the records of one session. */
bool
export_csv_session(struct store *s, struct session *ss, bool strip,
    struct buf *b, char **err)
{
	struct csv_out o = { ss, { { 0 }, NULL, 0, 0 }, strip, b };
	size_t i;

	*err = NULL;
	if (store_answers(s, ss->row.id, true, times_add, &o.times) != STORE_OK) {
		*err = xstrdup(store_error(s));
		times_free(&o.times);
		return false;
	}
	for (i = 0; i < ss->tree->nall; i++)
		put_question(&o, ss->tree->all[i]);
	times_free(&o.times);
	return true;
}
