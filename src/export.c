/* export.c: a session as the JSON object of SPEC section 5, built with
 * jansson: its row, its current answers typed by question, every stored
 * answer row, the ladders' live chains, notes, events and the flags that
 * hold now. It includes <jansson.h> because it builds that document value
 * by value (jdoc.h lists every module that may). */
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

/* An integer, or null for the value that stands for "none". */
static json_t *
jint_or_null(int v, int none)
{
	return v == none ? json_null() : json_integer(v);
}

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

/* A stored next step as {"action", "owner", "due"}; the text itself when
 * it is not one. */
static json_t *
typed_action(const char *v)
{
	json_t *o;
	char **f;

	if (!answer_action_fields(v, &f))
		return jdoc_string_lossy(v);
	o = json_object();
	json_object_set_new(o, "action", jdoc_string_lossy(f[0]));
	json_object_set_new(o, "owner", jdoc_string_lossy(f[1]));
	json_object_set_new(o, "due", jdoc_string_lossy(f[2]));
	answer_action_free(f);
	return o;
}

/* A stored value typed by its question (q NULL: a question the tree no
 * longer has): numbers, arrays for multi, text for the rest. */
static json_t *
typed_value(const struct question *q, const char *v)
{
	if (v == NULL)
		return json_null();
	if (q == NULL)
		return jdoc_string_lossy(v);
	switch (q->type) {
	case QT_NUMBER:
	case QT_SCALE:
		return typed_number(v);
	case QT_MULTI:
		return typed_list(v);
	case QT_ACTION:
		return typed_action(v);
	default:
		return jdoc_string_lossy(v);
	}
}

/* The rungs of a chain as an array of strings. */
static json_t *
chain_rungs(const struct engine_chain *c)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < c->nrungs; i++)
		json_array_append_new(a, jdoc_string_lossy(c->rungs[i]));
	return a;
}

/* A ladder's answer: the rungs of its first live chain from the request. */
static json_t *
ladder_answer(struct engine *e, const struct question *q)
{
	struct engine_chain c;
	size_t i, n = engine_nchains(e, q);

	for (i = 0; i < n; i++)
		if (engine_chain(e, q, i, &c) && c.parent_chain < 0)
			return chain_rungs(&c);
	return json_array();
}

/* The answers object: every question reached and answered, in the tree's
 * order; a skipped one is null. */
static json_t *
export_answers(struct engine *e, const struct tree *t)
{
	json_t *o = json_object();
	bool answered, skipped;
	const char *v;
	size_t i;

	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (q->type == QT_NOTE || !engine_reached(e, q))
			continue;
		v = engine_value(e, q, &answered, &skipped, NULL);
		if (!answered)
			continue;
		json_object_set_new(o, q->id.s, skipped ? json_null() :
		    q->type == QT_LADDER ? ladder_answer(e, q) : typed_value(q, v));
	}
	return o;
}

/* One chain of a ladder: from, rungs, stop, and where it hangs. */
static json_t *
chain_object(size_t i, const struct engine_chain *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "chain", json_integer((json_int_t)i));
	json_object_set_new(o, "from", jdoc_string_lossy(c->from));
	json_object_set_new(o, "rungs", chain_rungs(c));
	json_object_set_new(o, "goal", jdoc_string_lossy(c->goal));
	json_object_set_new(o, "stop", jdoc_string_lossy(c->stop));
	json_object_set_new(o, "parent_chain", jint_or_null(c->parent_chain, -1));
	json_object_set_new(o, "parent_rung", json_integer(c->parent_rung));
	return o;
}

/* The ladders object: each reached, unskipped ladder's live chains. */
static json_t *
export_ladders(struct engine *e, const struct tree *t)
{
	json_t *o = json_object(), *a;
	struct engine_chain c;
	bool skipped;
	size_t i, k, n;

	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (q->type != QT_LADDER || !engine_reached(e, q))
			continue;
		engine_value(e, q, NULL, &skipped, NULL);
		if (skipped || (n = engine_nchains(e, q)) == 0)
			continue;
		a = json_array();
		for (k = 0; k < n; k++)
			if (engine_chain(e, q, k, &c))
				json_array_append_new(a, chain_object(k, &c));
		json_object_set_new(o, q->id.s, a);
	}
	return o;
}

/* What the store's callbacks fill: an array, the tree to type values. */
struct rows {
	json_t *a;
	const struct tree *t;
};

/* Adds one answer row, superseded or not, to the history. */
static void
add_history(void *arg, const struct answer_row *r)
{
	struct rows *rs = arg;
	json_t *o = json_object();

	json_object_set_new(o, "question", jdoc_string_lossy(r->question));
	json_object_set_new(o, "chain", jint_or_null(r->chain, -1));
	json_object_set_new(o, "rung", jint_or_null(r->rung, 0));
	json_object_set_new(o, "value", typed_value(tree_question(rs->t,
	    r->question), r->value));
	json_object_set_new(o, "skip_reason", jdoc_string_lossy(r->value == NULL ?
	    r->reason : NULL));
	json_object_set_new(o, "at", jdoc_string_lossy(r->answered_at));
	json_object_set_new(o, "superseded_at", jdoc_string_lossy(r->superseded_at));
	json_array_append_new(rs->a, o);
}

/* Adds one note. */
static void
add_note(void *arg, const struct note_row *r)
{
	struct rows *rs = arg;
	json_t *o = json_object();

	json_object_set_new(o, "question", jdoc_string_lossy(r->question));
	json_object_set_new(o, "text", jdoc_string_lossy(r->text));
	json_object_set_new(o, "at", jdoc_string_lossy(r->noted_at));
	json_array_append_new(rs->a, o);
}

/* Adds one event (start, pause, resume, lang, tree, done). */
static void
add_event(void *arg, const struct event_row *r)
{
	struct rows *rs = arg;
	json_t *o = json_object();

	json_object_set_new(o, "kind", jdoc_string_lossy(r->kind));
	json_object_set_new(o, "detail", jdoc_string_lossy(r->detail));
	json_object_set_new(o, "at", jdoc_string_lossy(r->at));
	json_array_append_new(rs->a, o);
}

/* The flags whose condition holds now: level and filled text. */
static json_t *
export_flags(struct engine *e, const struct tree *t)
{
	json_t *a = json_array(), *o;
	char *text;
	size_t i;

	for (i = 0; i < t->nflags; i++) {
		if (!engine_flag_true(e, &t->flags[i]))
			continue;
		text = engine_flag_text(e, &t->flags[i]);
		o = json_object();
		json_object_set_new(o, "level", jdoc_string_lossy(flag_level_name(t->flags[i].level)));
		json_object_set_new(o, "text", jdoc_string_lossy(text));
		json_array_append_new(a, o);
		free(text);
	}
	return a;
}

/* The tree object: id, version, title, sha256. */
static json_t *
export_tree(const struct session_row *row)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", jdoc_string_lossy(row->tree_id));
	json_object_set_new(o, "version", jdoc_string_lossy(row->tree_version));
	json_object_set_new(o, "title", jdoc_string_lossy(row->title));
	json_object_set_new(o, "sha256", jdoc_string_lossy(row->tree_sha256));
	return o;
}

/* The session's own fields, in the order SPEC section 5 shows them. */
static json_t *
export_row(const struct session_row *row)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", jdoc_string_lossy(row->id));
	json_object_set_new(o, "tree", export_tree(row));
	json_object_set_new(o, "client", jdoc_string_lossy(row->client));
	json_object_set_new(o, "consultant", jdoc_string_lossy(row->consultant));
	json_object_set_new(o, "language", jdoc_string_lossy(row->language));
	json_object_set_new(o, "status", jdoc_string_lossy(row->status));
	json_object_set_new(o, "started_at", jdoc_string_lossy(row->started_at));
	json_object_set_new(o, "finished_at", jdoc_string_lossy(row->finished_at));
	json_object_set_new(o, "updated_at", jdoc_string_lossy(row->updated_at));
	return o;
}

/* Reads the stored rows (history, notes, events) into arrays of o. */
static bool
export_stored(struct store *s, struct session *ss, json_t *o)
{
	struct rows h = { json_array(), ss->tree };
	struct rows n = { json_array(), ss->tree };
	struct rows ev = { json_array(), ss->tree };
	bool ok;

	ok = store_answers(s, ss->row.id, false, add_history, &h) == STORE_OK &&
	    store_notes(s, ss->row.id, add_note, &n) == STORE_OK &&
	    store_events(s, ss->row.id, add_event, &ev) == STORE_OK;
	json_object_set_new(o, "history", h.a);
	json_object_set_new(o, "ladders", export_ladders(ss->engine, ss->tree));
	json_object_set_new(o, "notes", n.a);
	json_object_set_new(o, "flags", export_flags(ss->engine, ss->tree));
	json_object_set_new(o, "events", ev.a);
	return ok;
}

/* ---- the codes of ladder rungs (issue 14) ---- */

/* Appends one stored code to the array. */
static void
add_code(void *arg, const struct code_row *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "question", jdoc_string_lossy(c->question));
	json_object_set_new(o, "chain", json_integer(c->chain));
	json_object_set_new(o, "rung", json_integer(c->rung));
	json_object_set_new(o, "coder", jdoc_string_lossy(c->coder));
	json_object_set_new(o, "code", jdoc_string_lossy(c->code));
	json_object_set_new(o, "value", jdoc_string_lossy(c->value));
	json_object_set_new(o, "at", jdoc_string_lossy(c->coded_at));
	json_array_append_new(arg, o);
}

/* Sets "codes", the session's rung codes by every coder, when it has any
 * (chain 0, rung 0: the request the ladder hangs from). */
static bool
export_codes(struct store *s, struct session *ss, json_t *o)
{
	json_t *a = json_array();
	bool ok = store_codes(s, ss->row.id, add_code, a) == STORE_OK;

	if (json_array_size(a) > 0)
		json_object_set_new(o, "codes", a);
	else
		json_decref(a);
	return ok;
}

/* Sets "carried", the answers confirmed as offered from an earlier call
 * and not changed since, when there are any: question, from_session (the
 * session the answer came from), from_at (when it was given there) and at
 * (when it was confirmed). */
static bool
export_carried(struct store *s, struct session *ss, json_t *o, char **err)
{
	struct carry_confirmed *c;
	json_t *a;
	size_t n, i;

	if (!carry_confirmed(ss, s, &c, &n, err))
		return false;
	a = json_array();
	for (i = 0; i < n; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "question", jdoc_string_lossy(c[i].q->id.s));
		json_object_set_new(x, "from_session", jdoc_string_lossy(c[i].from));
		json_object_set_new(x, "from_at", jdoc_string_lossy(c[i].from_at));
		json_object_set_new(x, "at", jdoc_string_lossy(c[i].at));
		json_array_append_new(a, x);
	}
	if (n > 0)
		json_object_set_new(o, "carried", a);
	else
		json_decref(a);
	carry_confirmed_free(c, n);
	return true;
}

/* The session as SPEC section 5's session object. */
json_t *
export_session(struct store *s, struct session *ss, char **err)
{
	json_t *o;

	*err = NULL;
	o = export_row(&ss->row);
	json_object_set_new(o, "answers", export_answers(ss->engine, ss->tree));
	if (!export_stored(s, ss, o) || !export_codes(s, ss, o) ||
	    !export_carried(s, ss, o, err)) {
		free(*err);
		*err = xstrdup(store_error(s));
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Trims a session object for a brief that goes to the client: what only
 * the consultant reads goes (notes, flags, history, events, the session's
 * id), and so do the answers of private questions and of those left out
 * of the brief, and the chains of private ladders. */
void
export_session_share(json_t *session, const struct tree *t)
{
	json_t *answers = json_object_get(session, "answers");
	json_t *ladders = json_object_get(session, "ladders");
	size_t i;

	json_object_del(session, "id");
	json_object_del(session, "notes");
	json_object_del(session, "flags");
	json_object_del(session, "history");
	json_object_del(session, "events");
	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (!question_private(q) && q->in_brief)
			continue;
		json_object_del(answers, q->id.s);
		json_object_del(ladders, q->id.s);
	}
	json_object_del(session, "codes");
	json_object_del(session, "carried");
}

/* A new, empty export document. */
json_t *
export_document_new(void)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "whyline", json_integer(1));
	json_object_set_new(doc, "sessions", json_array());
	return doc;
}

/* Appends a session to the document. */
void
export_document_add(json_t *doc, json_t *session)
{
	json_array_append_new(json_object_get(doc, "sessions"), session);
}

/* The document as text, indented, with a final newline (the caller frees
 * it; NULL when out of memory). Numbers get 15 significant digits: every
 * decimal typed with up to 15 reads back as typed (0.1, not
 * 0.10000000000000001). */
char *
export_text(const json_t *doc, bool ascii)
{
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
	    (ascii ? JSON_ENSURE_ASCII : 0)), *line;

	if (text == NULL)
		return NULL;
	line = xasprintf("%s\n", text);
	free(text);
	return line;
}

/* Writes the document, indented, with a final newline, in one piece. */
bool
export_write(const json_t *doc, FILE *fp, bool ascii)
{
	char *text = export_text(doc, ascii);
	bool ok = text != NULL && fputs(text, fp) != EOF;

	free(text);
	return ok;
}

/* A new, empty list of sessions. */
json_t *
export_list_new(void)
{
	return json_array();
}

/* Appends a session row and its count of answers to the list. */
void
export_list_add(json_t *list, const struct session_row *row)
{
	json_t *o = export_row(row);

	json_object_set_new(o, "answer_count", json_integer(row->answers));
	json_array_append_new(list, o);
}

/* Releases a JSON value. */
void
export_free(json_t *j)
{
	json_decref(j);
}
