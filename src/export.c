/* export.c: a session as the JSON object of SPEC section 5, written as it
 * is read (jdoc.h's jw_*, byte for byte what jansson's json_dumps would
 * write of the same values): its row, its current answers typed by
 * question, every stored answer row, the ladders' live chains, notes,
 * events and the flags that hold now. It includes <jansson.h> to read a
 * stored number or list back as JSON (jdoc.h lists every module that
 * may). */
#include "config.h"

#include <jansson.h>

#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "buf.h"
#include "carry.h"
#include "jdoc.h"
#include "store-codes.h"
#include "util.h"

/* A stored number as a JSON number (an integer when it is one); the text
 * itself when it does not read as a number. */
static json_t *
typed_number(const char *v)
{
	json_t *j = json_loads(v, JSON_DECODE_ANY, NULL);

	if (j == NULL)	/* an integer too large for json_int_t */
		j = json_loads(v, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, NULL);
	if (j != NULL && json_is_number(j))
		return j;
	json_decref(j);
	return jdoc_string_lossy(v);
}

/* A stored multi answer (a JSON array of values) as an array; the text
 * itself when it is not one. */
static json_t *
typed_list(const char *v)
{
	json_t *j = json_loads(v, 0, NULL), *it;
	size_t i;

	if (j != NULL && json_is_array(j)) {
		json_array_foreach(j, i, it)
			if (!json_is_string(it))
				break;
		if (i == json_array_size(j))
			return j;
	}
	json_decref(j);
	return jdoc_string_lossy(v);
}

/* Writes a stored next step as {"action", "owner", "due"}; the text
 * itself when it is not one. */
static void
write_action(struct jwriter *w, const char *v)
{
	char **f;

	if (!answer_action_fields(v, &f)) {
		jw_string(w, v);
		return;
	}
	jw_object(w);
	jw_field(w, "action", f[0]);
	jw_field(w, "owner", f[1]);
	jw_field(w, "due", f[2]);
	jw_end(w);
	answer_action_free(f);
}

/* Writes a value built with jansson and releases it. */
static void
write_json(struct jwriter *w, json_t *j)
{
	jw_json(w, j);
	json_decref(j);
}

/* Writes a stored value typed by its question (q NULL: a question the
 * tree no longer has): numbers, arrays for multi, text for the rest. */
static void
write_typed(struct jwriter *w, const struct question *q, const char *v)
{
	if (v == NULL || q == NULL) {
		jw_string(w, v);
		return;
	}
	switch (q->type) {
	case QT_NUMBER:
	case QT_SCALE:
		write_json(w, typed_number(v));
		break;
	case QT_MULTI:
		write_json(w, typed_list(v));
		break;
	case QT_ACTION:
		write_action(w, v);
		break;
	default:
		jw_string(w, v);
		break;
	}
}

/* Writes the rungs of a chain as an array of strings. */
static void
write_rungs(struct jwriter *w, const struct engine_chain *c)
{
	size_t i;

	jw_array(w);
	for (i = 0; i < c->nrungs; i++)
		jw_string(w, c->rungs[i]);
	jw_end(w);
}

/* Writes a ladder's answer: the rungs of its first live chain from the
 * request. */
static void
write_ladder_answer(struct jwriter *w, struct engine *e, const struct question *q)
{
	struct engine_chain c;
	size_t i, n = engine_nchains(e, q);

	for (i = 0; i < n; i++)
		if (engine_chain(e, q, i, &c) && c.parent_chain < 0) {
			write_rungs(w, &c);
			return;
		}
	jw_array(w);
	jw_end(w);
}

/* True when q's answer goes to a copy of the brief for the client. */
static bool
shared(const struct question *q)
{
	return !question_private(q) && q->in_brief;
}

/* Writes the answers object: every question reached and answered, in the
 * tree's order; a skipped one is null. */
static void
write_answers(struct jwriter *w, struct engine *e, const struct tree *t, bool share)
{
	bool answered, skipped;
	const char *v;
	size_t i;

	jw_object(w);
	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (q->type == QT_NOTE || (share && !shared(q)) || !engine_reached(e, q))
			continue;
		v = engine_value(e, q, &answered, &skipped, NULL);
		if (!answered)
			continue;
		jw_key(w, q->id.s);
		if (skipped)
			jw_null(w);
		else if (q->type == QT_LADDER)
			write_ladder_answer(w, e, q);
		else
			write_typed(w, q, v);
	}
	jw_end(w);
}

/* Writes one chain of a ladder: from, rungs, stop, and where it hangs. */
static void
write_chain(struct jwriter *w, size_t i, const struct engine_chain *c)
{
	jw_object(w);
	jw_key(w, "chain");
	jw_int(w, (long long)i);
	jw_field(w, "from", c->from);
	jw_key(w, "rungs");
	write_rungs(w, c);
	jw_field(w, "goal", c->goal);
	jw_field(w, "stop", c->stop);
	jw_key(w, "parent_chain");
	jw_int_or_null(w, c->parent_chain, -1);
	jw_key(w, "parent_rung");
	jw_int(w, c->parent_rung);
	jw_end(w);
}

/* Writes the ladders object: each reached, unskipped ladder's live
 * chains. */
static void
write_ladders(struct jwriter *w, struct engine *e, const struct tree *t, bool share)
{
	struct engine_chain c;
	bool skipped;
	size_t i, k, n;

	jw_object(w);
	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (q->type != QT_LADDER || (share && !shared(q)) || !engine_reached(e, q))
			continue;
		engine_value(e, q, NULL, &skipped, NULL);
		if (skipped || (n = engine_nchains(e, q)) == 0)
			continue;
		jw_key(w, q->id.s);
		jw_array(w);
		for (k = 0; k < n; k++)
			if (engine_chain(e, q, k, &c))
				write_chain(w, k, &c);
		jw_end(w);
	}
	jw_end(w);
}

/* What the store's callbacks write to: the writer, the tree to type
 * values. */
struct rows {
	struct jwriter *w;
	const struct tree *t;
};

/* Writes one answer row, superseded or not, of the history. */
static void
write_history_row(struct jwriter *w, const struct tree *t, const struct answer_row *r)
{
	jw_object(w);
	jw_field(w, "question", r->question);
	jw_key(w, "chain");
	jw_int_or_null(w, r->chain, -1);
	jw_key(w, "rung");
	jw_int_or_null(w, r->rung, 0);
	jw_key(w, "value");
	write_typed(w, tree_question(t, r->question), r->value);
	jw_field(w, "skip_reason", r->value == NULL ? r->reason : NULL);
	jw_field(w, "at", r->answered_at);
	jw_field(w, "superseded_at", r->superseded_at);
	jw_end(w);
}

/* Writes an object of n string fields (a NULL value: null). */
static void
write_strings(struct jwriter *w, const char *const *keys, const char *const *vals,
    size_t n)
{
	size_t i;

	jw_object(w);
	for (i = 0; i < n; i++)
		jw_field(w, keys[i], vals[i]);
	jw_end(w);
}

/* Writes one note. */
static void
write_note(void *arg, const struct note_row *r)
{
	static const char *const keys[] = { "question", "text", "at" };
	const char *vals[] = { r->question, r->text, r->noted_at };

	write_strings(((struct rows *)arg)->w, keys, vals, 3);
}

/* Writes one event (start, pause, resume, lang, tree, done). */
static void
write_event(void *arg, const struct event_row *r)
{
	static const char *const keys[] = { "kind", "detail", "at" };
	const char *vals[] = { r->kind, r->detail, r->at };

	write_strings(((struct rows *)arg)->w, keys, vals, 3);
}

/* Writes the flags whose condition holds now: level and filled text. */
static void
write_flags(struct jwriter *w, struct engine *e, const struct tree *t)
{
	static const char *const keys[] = { "level", "text" };
	const char *vals[2];
	char *text;
	size_t i;

	jw_array(w);
	for (i = 0; i < t->nflags; i++) {
		if (!engine_flag_true(e, &t->flags[i]))
			continue;
		text = engine_flag_text(e, &t->flags[i]);
		vals[0] = flag_level_name(t->flags[i].level);
		vals[1] = text;
		write_strings(w, keys, vals, 2);
		free(text);
	}
	jw_end(w);
}

/* Writes the session's own fields, in the order SPEC section 5 shows
 * them, into the object open; with_id false leaves out its id. */
static void
write_row_fields(struct jwriter *w, const struct session_row *row, bool with_id)
{
	if (with_id) {
		jw_field(w, "id", row->id);
	}
	jw_key(w, "tree");
	jw_object(w);
	jw_field(w, "id", row->tree_id);
	jw_field(w, "version", row->tree_version);
	jw_field(w, "title", row->title);
	jw_field(w, "sha256", row->tree_sha256);
	jw_end(w);
	jw_field(w, "client", row->client);
	jw_field(w, "consultant", row->consultant);
	jw_field(w, "language", row->language);
	jw_field(w, "status", row->status);
	jw_field(w, "started_at", row->started_at);
	jw_field(w, "finished_at", row->finished_at);
	jw_field(w, "updated_at", row->updated_at);
}

/* Writes the history (the session's answer rows, read with it), the
 * ladders, and the stored notes and events, and the flags. */
static bool
write_stored(struct jwriter *w, struct store *s, struct session *ss)
{
	struct rows rs = { w, ss->tree };
	bool ok;
	size_t i;

	jw_key(w, "history");
	jw_array(w);
	for (i = 0; i < ss->answers.n; i++)
		write_history_row(w, ss->tree, ss->answers.v[i]);
	jw_end(w);
	jw_key(w, "ladders");
	write_ladders(w, ss->engine, ss->tree, false);
	jw_key(w, "notes");
	jw_array(w);
	ok = store_notes(s, ss->row.id, write_note, &rs) == STORE_OK;
	jw_end(w);
	jw_key(w, "flags");
	write_flags(w, ss->engine, ss->tree);
	jw_key(w, "events");
	jw_array(w);
	ok = ok && store_events(s, ss->row.id, write_event, &rs) == STORE_OK;
	jw_end(w);
	return ok;
}

/* ---- the codes of ladder rungs (issue 14) ---- */

/* Writes one stored code, the key "codes" and its array before the first. */
static void
write_code(void *arg, const struct code_row *c)
{
	struct jwriter *w = ((struct rows *)arg)->w;

	if (((struct rows *)arg)->t != NULL) {
		((struct rows *)arg)->t = NULL;
		jw_key(w, "codes");
		jw_array(w);
	}
	jw_object(w);
	jw_field(w, "question", c->question);
	jw_key(w, "chain");
	jw_int(w, c->chain);
	jw_key(w, "rung");
	jw_int(w, c->rung);
	jw_field(w, "coder", c->coder);
	jw_field(w, "code", c->code);
	jw_field(w, "value", c->value);
	jw_field(w, "at", c->coded_at);
	jw_end(w);
}

/* Writes "codes", the session's rung codes by every coder, when it has
 * any (chain 0, rung 0: the request the ladder hangs from). */
static bool
write_codes(struct jwriter *w, struct store *s, struct session *ss)
{
	/* t stands for "no code yet": the first one opens the array. */
	struct rows rs = { w, ss->tree };
	bool ok = store_codes(s, ss->row.id, write_code, &rs) == STORE_OK;

	if (rs.t == NULL)
		jw_end(w);
	return ok;
}

/* Writes "carried", the answers confirmed as offered from an earlier call
 * and not changed since, when there are any: question, from_session (the
 * session the answer came from), from_at (when it was given there) and at
 * (when it was confirmed). */
static bool
write_carried(struct jwriter *w, struct store *s, struct session *ss, char **err)
{
	struct carry_confirmed *c;
	size_t n, i;

	if (!carry_confirmed(ss, s, &c, &n, err))
		return false;
	if (n > 0) {
		jw_key(w, "carried");
		jw_array(w);
		for (i = 0; i < n; i++) {
			static const char *const keys[] = { "question", "from_session",
				"from_at", "at" };
			const char *vals[] = { c[i].q->id.s, c[i].from, c[i].from_at, c[i].at };

			write_strings(w, keys, vals, 4);
		}
		jw_end(w);
	}
	carry_confirmed_free(c, n);
	return true;
}

/* Writes the session as SPEC section 5's session object (see export.h). */
bool
export_session_write(struct jwriter *w, struct store *s, struct session *ss,
    bool share, char **err)
{
	*err = NULL;
	jw_object(w);
	write_row_fields(w, &ss->row, !share);
	jw_key(w, "answers");
	write_answers(w, ss->engine, ss->tree, share);
	if (share) {
		jw_key(w, "ladders");
		write_ladders(w, ss->engine, ss->tree, true);
	} else if (!write_stored(w, s, ss) || !write_codes(w, s, ss) ||
	    !write_carried(w, s, ss, err)) {
		free(*err);
		*err = xstrdup(store_error(s));
		return false;
	}
	jw_end(w);
	return true;
}

/* Begins the document: {"whyline": 1, "sessions": [ up to its first
 * session. */
void
export_doc_begin(struct export_doc *d, bool ascii)
{
	memset(d, 0, sizeof *d);
	d->ascii = ascii;
	buf_puts(&d->text, "{\n  \"whyline\": 1,\n  \"sessions\": [");
}

/* Writes a session in the array, two levels down; nothing of it when the
 * store fails. */
bool
export_doc_add(struct export_doc *d, struct store *s, struct session *ss,
    bool share, char **err)
{
	size_t len = d->text.len;
	struct jwriter w;

	buf_puts(&d->text, d->n > 0 ? ",\n    " : "\n    ");
	jw_init(&w, &d->text, 2, d->ascii);
	if (!export_session_write(&w, s, ss, share, err)) {
		buf_truncate(&d->text, len);
		return false;
	}
	d->bad = d->bad || w.bad;
	d->n++;
	return true;
}

/* Closes the array and the document. */
char *
export_doc_end(struct export_doc *d, size_t *len)
{
	buf_puts(&d->text, d->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	if (d->bad) {
		buf_free(&d->text);
		return NULL;
	}
	*len = d->text.len;
	return buf_take(&d->text);
}

/* Frees what the document holds (after export_doc_end, nothing). */
void
export_doc_free(struct export_doc *d)
{
	buf_free(&d->text);
}

/* Begins the array of `list --json`. */
void
export_list_begin(struct export_list *l, bool ascii)
{
	memset(l, 0, sizeof *l);
	jw_init(&l->w, &l->text, 0, ascii);
	jw_array(&l->w);
}

/* Appends a session row and its count of answers. */
void
export_list_add(struct export_list *l, const struct session_row *row)
{
	jw_object(&l->w);
	write_row_fields(&l->w, row, true);
	jw_key(&l->w, "answer_count");
	jw_int(&l->w, row->answers);
	jw_end(&l->w);
}

/* Ends the array: its text, with a final newline (l keeps it). */
const char *
export_list_end(struct export_list *l, size_t *len)
{
	jw_end(&l->w);
	buf_putc(&l->text, '\n');
	*len = l->text.len;
	return l->text.s;
}

/* Frees the array's text. */
void
export_list_free(struct export_list *l)
{
	buf_free(&l->text);
}
