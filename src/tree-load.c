/* tree-load.c: builds the tree model from a YAML document's nodes.
 *
 * Every mapping is read through a table of {key, kind, field or handler,
 * question types it applies to}. Problems of shape are reported and the
 * build goes on, so that one run shows them all. */
#include "config.h"

#include <ctype.h>
#include <libgen.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "tree.h"
#include "util.h"
#include "ydoc.h"

/* Each item of a list takes two bytes at least ("[a,b]"). */
_Static_assert(YDOC_MAX_BYTES / 2 <= TREE_MAX_SECTIONS, "a section's index fits its bit field");

/* A key's place in its table, found by the address of the key's string:
 * a file holds each key once (ydoc), so that most lookups are one
 * comparison. */
struct key_seen {
	const char *str;
	const struct key *keys;
	size_t j;
};

struct builder {
	/* key_at's cache, by address; and the required keys of the tables
	 * seen, as bits. */
	struct key_seen seen[64];
	struct {
		const struct key *keys;
		unsigned long long bits;
	} required[8];
	struct tree *t;
	struct diags *d;
	const char *file;
	bool too_many;
	/* Sections whose questions were taken as they were read (see
	 * tree_load_model), by place in the list of sections, until
	 * t_sections reaches them; and the room of each one's questions. */
	struct section **pending;
	struct section *section;	/* of the question being built */
	size_t *pending_cap;
	size_t npending;
};

enum key_kind {
	K_TEXT,		/* a struct text at offset */
	K_BOOL,		/* a bool at offset */
	K_XTEXT,	/* a struct text at offset in a question's extra part */
	K_TTEXT,	/* a struct text at offset in a question's texts */
	K_CUSTOM	/* handled by a function */
};

struct key;
typedef void key_fn(struct builder *, void *, const struct key *, const struct ynode *);

struct key {
	const char *name;
	enum key_kind kind;
	size_t offset;
	key_fn *fn;
	unsigned types;		/* question types it applies to (bit per qtype), 0: any */
	bool required;
};

#define T(x) (1u << (x))
#define ALL_ANSWERED (~T(QT_NOTE) & 0x3ffu)

/* err(b, mark, fmt, ...) adds an error at mark in the tree's file:
 * diags_add, which checks the format, with the builder's list and file. */
#define err(b, ...) diags_add((b)->d, DIAG_ERROR, (b)->file, __VA_ARGS__)

/* Reads a scalar into *out; reports a wrong kind or an empty value. The
 * value is named in messages by key, quoted, or else by what ("a choice",
 * untranslated): names are made only for a message, never on the way. */
static bool
scalar_named(struct builder *b, const char *key, const char *what,
    const struct ynode *v, struct text *out)
{
	char *name;

	if (v->kind != YNODE_SCALAR || ynode_is_null(v) || v->nul) {
		/* TRANSLATORS: a key of the tree file, quoted, in messages. */
		name = key != NULL ? xasprintf(_("'%s'"), key) : xstrdup(_(what));
		if (v->kind != YNODE_SCALAR || ynode_is_null(v))
			err(b, v->mark, _("%s must be a string, not %s"), name,
			    ynode_kind_name(v));
		else
			err(b, v->mark, _("%s holds a NUL character"), name);
		free(name);
		return false;
	}
	out->s = v->str;	/* borrowed: the tree keeps the document */
	out->mark = v->mark;
	return true;
}

/* Reads the scalar value of key into *out. */
static bool
scalar_text(struct builder *b, const char *key, const struct ynode *v,
    struct text *out)
{
	return scalar_named(b, key, NULL, v, out);
}

/* Reads a scalar named by what (untranslated) into *out. */
static bool
scalar_string(struct builder *b, const char *what, const struct ynode *v,
    struct text *out)
{
	return scalar_named(b, NULL, what, v, out);
}

/* Reads a boolean (true/false, also yes/no and on/off). */
static bool
scalar_bool(struct builder *b, const char *key, const struct ynode *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	size_t i;

	if (v->kind == YNODE_SCALAR && !v->nul)
		for (i = 0; i < 3; i++) {
			if (strcasecmp(v->str, yes[i]) == 0) {
				*out = true;
				return true;
			}
			if (strcasecmp(v->str, no[i]) == 0) {
				*out = false;
				return true;
			}
		}
	err(b, v->mark, _("'%s' must be true or false"), key);
	return false;
}

/* True when the value of key k is a list; reports it otherwise. */
static bool
want_list(struct builder *b, const struct key *k, const struct ynode *v)
{
	if (v->kind == YNODE_SEQ)
		return true;
	err(b, v->mark, _("'%s' must be a list, not %s"), k->name, ynode_kind_name(v));
	return false;
}

/* Reads a finite number. */
static bool
scalar_number(struct builder *b, const char *key, const struct ynode *v,
    double *out)
{
	char *end;
	double x;

	if (v->kind == YNODE_SCALAR && v->len > 0 && !v->nul) {
		x = strtod(v->str, &end);
		if (*end == '\0' && isfinite(x)) {
			*out = x;
			return true;
		}
	}
	err(b, v->mark, _("'%s' must be a number"), key);
	return false;
}

/* Suggests the known key nearest to name, or NULL. */
static const char *
nearest_key(const char *name, const struct key *keys, size_t nkeys)
{
	struct near n;
	size_t i;

	near_init(&n, name);
	for (i = 0; i < nkeys; i++)
		near_try(&n, keys[i].name);
	return n.best;
}

/* "question 'id'", or "a question" when it has none yet. */
static char *
question_what(const struct ynode *map)
{
	const struct ynode *id = ynode_get(map, "id");

	if (id != NULL && id->kind == YNODE_SCALAR && id->len > 0 && !id->nul)
		return xasprintf(_("question '%s'"), id->str);
	return xstrdup(_("a question"));
}

/* The name of a mapping for a message, made once and kept in *cache: what
 * translated, or a question's name when what is NULL. */
static const char *
map_name(char **cache, const struct ynode *map, const char *what)
{
	if (*cache == NULL)
		*cache = what != NULL ? xstrdup(_(what)) : question_what(map);
	return *cache;
}

/* The place of key s in keys (of nkeys), or nkeys when it is none. */
static size_t
key_at(struct builder *b, const char *s, const struct key *keys, size_t nkeys)
{
	struct key_seen *c = &b->seen[((uintptr_t)s / 8) % (sizeof b->seen / sizeof *b->seen)];
	size_t j;

	if (c->str == s && c->keys == keys)
		return c->j;
	for (j = 0; j < nkeys; j++)
		if (keys[j].name[0] == s[0] && strcmp(keys[j].name, s) == 0)
			break;
	c->str = s;
	c->keys = keys;
	c->j = j;
	return j;
}

/* The required keys of keys (of nkeys), as bits. */
static unsigned long long
keys_required(struct builder *b, const struct key *keys, size_t nkeys)
{
	size_t i, n = sizeof b->required / sizeof *b->required, j;
	unsigned long long bits = 0;

	for (i = 0; i < n && b->required[i].keys != NULL; i++)
		if (b->required[i].keys == keys)
			return b->required[i].bits;
	for (j = 0; j < nkeys; j++)
		if (keys[j].required)
			bits |= 1ull << j;
	if (i < n) {
		b->required[i].keys = keys;
		b->required[i].bits = bits;
	}
	return bits;
}

/* Reads every key of map into obj through the table keys; what names the
 * mapping in messages, untranslated ("the tree"), or is NULL for a question
 * (named from its id). qtype is the question's type, or -1 for mappings
 * that are not questions. */
static void
build_map(struct builder *b, const struct ynode *map, const struct key *keys,
    size_t nkeys, void *obj, const char *what, int qtype)
{
	unsigned long long seen = 0, required;
	char *name = NULL;
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
		const struct key *spec = NULL;

		if (k->kind != YNODE_SCALAR) {
			err(b, k->mark, _("a key in %s must be a string, not %s"),
			    map_name(&name, map, what), ynode_kind_name(k));
			continue;
		}
		if (k->nul) {
			/* "id\0x" is not "id": the comparisons below would say so. */
			err(b, k->mark, _("a key in %s holds a NUL character"),
			    map_name(&name, map, what));
			continue;
		}
		if ((j = key_at(b, k->str, keys, nkeys)) < nkeys)
			spec = &keys[j];
		if (spec == NULL) {
			const char *near = nearest_key(k->str, keys, nkeys);

			if (near != NULL)
				err(b, k->mark, _("unknown key '%s' in %s; did you mean '%s'?"),
				    k->str, map_name(&name, map, what), near);
			else
				err(b, k->mark, _("unknown key '%s' in %s"), k->str,
				    map_name(&name, map, what));
			continue;
		}
		if (seen & (1ull << j))
			continue;	/* a duplicate, reported by ydoc */
		seen |= 1ull << j;
		if (qtype >= 0 && spec->types != 0 && !(spec->types & T(qtype))) {
			err(b, k->mark, _("'%s' does not apply to a question of type %s"),
			    spec->name, qtype_name((enum qtype)qtype));
			continue;
		}
		switch (spec->kind) {
		case K_TEXT:
			scalar_text(b, spec->name, v,
			    (struct text *)((char *)obj + spec->offset));
			break;
		case K_TTEXT:
			scalar_text(b, spec->name, v, (struct text *)((char *)
			    question_texts_mut(b->t, (struct question *)obj) + spec->offset));
			break;
		case K_XTEXT:
			scalar_text(b, spec->name, v, (struct text *)((char *)
			    question_extra_mut((struct question *)obj) + spec->offset));
			break;
		case K_BOOL:
			scalar_bool(b, spec->name, v, (bool *)((char *)obj + spec->offset));
			break;
		case K_CUSTOM:
			spec->fn(b, obj, spec, v);
			break;
		}
	}
	required = keys_required(b, keys, nkeys);
	if ((seen & required) != required)
		for (j = 0; j < nkeys; j++)
			if (keys[j].required && !(seen & (1ull << j)))
				err(b, map->mark, _("%s has no '%s'"), map_name(&name, map, what),
				    keys[j].name);
	free(name);
}

/* ---- questions ---- */

static void question_build(struct builder *, struct section *,
    const struct ynode *, struct question ***list, size_t *n);

/* id: [a-z][a-z0-9_]*, not a reserved word. */
static void
q_id(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;

	if (!scalar_text(b, k->name, v, &q->id))
		return;
	if (!tree_question_id_valid(q->id.s))
		err(b, v->mark, _("question id '%s' is malformed: it must match [a-z][a-z0-9_]*"),
		    q->id.s);
	else if (strcmp(q->id.s, "rung") == 0 || strcmp(q->id.s, "value") == 0)
		err(b, v->mark, _("question id '%s' is reserved for templates and conditions"),
		    q->id.s);
}

/* type: one of the names of qtype_name, read before the other keys. */
static void
q_type(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	(void)b, (void)obj, (void)k, (void)v;	/* read first, in question_build */
}

/* choices: a list of {value, label} or of plain strings. */
static void
q_choices(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	static const struct key keys[] = {
		{ "value", K_TEXT, offsetof(struct choice, value), NULL, 0, true },
		{ "label", K_TEXT, offsetof(struct choice, label), NULL, 0, false },
	};
	struct question_values *qv;
	size_t i;

	if (!want_list(b, k, v))
		return;
	qv = question_values_mut(b->t, obj);
	qv->choices = tree_choices_new(b->t, v->n);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];
		struct choice *c = &qv->choices[qv->nchoices];

		if (it->kind == YNODE_MAP) {
			build_map(b, it, keys, 2, c, N_("a choice"), -1);
		} else if (it->kind != YNODE_SCALAR) {
			err(b, it->mark, _("a choice must be a value or a mapping with 'value' and 'label', not %s"),
			    ynode_kind_name(it));
			continue;
		} else if (!scalar_string(b, N_("a choice"), it, &c->value)) {
			continue;
		}
		if (c->value.s == NULL) {
			memset(c, 0, sizeof *c);
			continue;
		}
		if (c->label.s == NULL) {
			c->label.s = c->value.s;
			c->label.mark = c->value.mark;
		}
		qv->nchoices++;
	}
}

/* follow_up: a map from a value to the questions asked after it. */
static void
q_follow_up(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;
	size_t i, j;

	if (v->kind != YNODE_MAP) {
		err(b, v->mark, _("'%s' must be a mapping from a value to questions, not %s"),
		    k->name, ynode_kind_name(v));
		return;
	}
	question_extra_mut(q)->follow_ups = xcalloc(v->n, sizeof *q->x->follow_ups);
	for (i = 0; i < v->n; i++) {
		const struct ynode *key = v->items[2 * i], *list = v->items[2 * i + 1];
		struct follow_up *f = &q->x->follow_ups[q->x->nfollow_ups];

		if (!scalar_string(b, N_("a follow_up value"), key, &f->value))
			continue;
		q->x->nfollow_ups++;
		if (list->kind != YNODE_SEQ) {
			err(b, list->mark, _("the follow-ups of '%s' must be a list of questions, not %s"),
			    f->value.s, ynode_kind_name(list));
			continue;
		}
		f->questions = xcalloc(list->n + 1, sizeof *f->questions);
		for (j = 0; j < list->n; j++)
			question_build(b, b->section, list->items[j], &f->questions,
			    &f->n);
	}
}

/* min and max: numbers. */
static void
q_min(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;

	q->has_min = scalar_number(b, k->name, v, &question_values_mut(b->t, q)->min);
	q->vals->min_mark = v->mark;
}

static void
q_max(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;

	q->has_max = scalar_number(b, k->name, v, &question_values_mut(b->t, q)->max);
	q->vals->max_mark = v->mark;
}

/* Reads a whole number from 1 to max into *out; reports one that is not. */
static void
scalar_count(struct builder *b, const struct key *k, const struct ynode *v,
    int max, unsigned *out)
{
	double x;

	if (!scalar_number(b, k->name, v, &x))
		return;
	if (x != floor(x) || x < 1 || x > max) {
		err(b, v->mark, _("'%s' must be a whole number from 1 to %d"), k->name, max);
		return;
	}
	*out = (unsigned)x;
}

/* depth: an integer from 1 to TREE_MAX_DEPTH. */
static void
q_depth(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	unsigned depth = 0;

	scalar_count(b, k, v, TREE_MAX_DEPTH, &depth);
	if (depth > 0)
		((struct question *)obj)->depth = (uint8_t)depth;
}

/* labels: checked for kind here, read in labels_build once min is known. */
static void
q_labels(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	(void)obj;
	if (v->kind == YNODE_SCALAR)
		err(b, v->mark, _("'%s' must be a list or a mapping from a value to a label, not %s"),
		    k->name, ynode_kind_name(v));
}

/* Reads a scale's labels: a list (from min up) or a map from a value. */
static void
labels_build(struct builder *b, struct question *q, const struct ynode *v)
{
	size_t i, n = v->n;
	double min = question_min(q);
	long base = fabs(min) <= TREE_MAX_SCALE ? (long)min : 0;	/* else reported */

	question_extra_mut(q)->labels = xcalloc(n, sizeof *q->x->labels);
	for (i = 0; i < n; i++) {
		struct scale_label *l = &q->x->labels[q->x->nlabels];
		const struct ynode *label = v->kind == YNODE_MAP ? v->items[2 * i + 1] : v->items[i];

		if (v->kind == YNODE_MAP) {
			const struct ynode *k = v->items[2 * i];
			char *end = NULL;
			double x = 0;

			if (k->kind == YNODE_SCALAR && k->len > 0 && !k->nul)
				x = strtod(k->str, &end);
			if (end == NULL || *end != '\0' || x != floor(x) ||
			    fabs(x) > TREE_MAX_SCALE) {
				err(b, k->mark, _("a key of 'labels' must be the whole number it labels"));
				continue;
			}
			l->value = (long)x;
		} else {
			l->value = base + (long)i;
		}
		if (scalar_string(b, N_("a label"), label, &l->label))
			q->x->nlabels++;
	}
}

/* ask: a string; a ladder's may be a list of phrasings, used in turn. */
static void
q_ask(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;
	size_t i;

	if (v->kind != YNODE_SEQ || q->type != QT_LADDER) {
		scalar_text(b, k->name, v, &q->ask);
		return;
	}
	if (v->n == 0) {
		err(b, v->mark, _("'%s' is an empty list: give at least one phrasing"), k->name);
		return;
	}
	question_extra_mut(q)->asks = xcalloc(v->n, sizeof *q->x->asks);
	for (i = 0; i < v->n; i++)
		if (scalar_string(b, N_("a phrasing of 'ask'"), v->items[i], &q->x->asks[q->x->nasks]))
			q->x->nasks++;
	if (q->x->nasks > 0)
		q->ask = q->x->asks[0];
}

/* means: a ladder's list of words that begin a means ("a new website"),
 * added to the built-in ones of the call's language; each has a word. */
static void
q_means(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;
	const char *c;
	size_t i;

	if (v->kind != YNODE_SEQ) {
		err(b, v->mark, _("'%s' must be a list of words, as in [a new website, more posts], not %s"),
		    k->name, ynode_kind_name(v));
		return;
	}
	question_extra_mut(q)->means = xcalloc(v->n + 1, sizeof *q->x->means);
	for (i = 0; i < v->n; i++) {
		struct text *t = &q->x->means[q->x->nmeans];

		if (!scalar_string(b, N_("an entry of 'means'"), v->items[i], t))
			continue;
		for (c = t->s; *c != '\0' && !((*c & 0x80) || isalnum((unsigned char)*c)); c++)
			;
		if (*c == '\0') {
			err(b, t->mark, _("'%s' has an entry with no word: \"%s\""), k->name, t->s);
			continue;
		}
		q->x->nmeans++;
	}
}

/* carry: true or false, which wins over the section's. */
static void
q_carry(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct question *q = obj;

	bool carry;

	q->carry_set = scalar_bool(b, k->name, v, &carry);
	if (q->carry_set)
		q->carry = carry;
}

/* A question's boolean keys, each a bit of the question: read with
 * scalar_bool, left as they are when it reports a problem. */
#define Q_BOOL(field) \
	static void \
	q_##field(struct builder *b, void *obj, const struct key *k, const struct ynode *v) \
	{ \
		bool x; \
		if (scalar_bool(b, k->name, v, &x)) \
			((struct question *)obj)->field = x; \
	}
Q_BOOL(required)
Q_BOOL(in_brief)
Q_BOOL(craft)
Q_BOOL(integer)
Q_BOOL(summary)
Q_BOOL(private)

static const struct key question_keys[] = {
	{ "id", K_CUSTOM, 0, q_id, 0, true },
	{ "type", K_CUSTOM, 0, q_type, 0, false },
	{ "ask", K_CUSTOM, 0, q_ask, 0, true },
	{ "help", K_TTEXT, offsetof(struct question_texts, help), NULL, 0, false },
	{ "required", K_CUSTOM, 0, q_required, ALL_ANSWERED, false },
	{ "default", K_XTEXT, offsetof(struct question_extra, def), NULL, ALL_ANSWERED & ~T(QT_LADDER), false },
	{ "when", K_TTEXT, offsetof(struct question_texts, when), NULL, 0, false },
	{ "validate", K_XTEXT, offsetof(struct question_extra, validate), NULL,
	  T(QT_TEXT) | T(QT_PARAGRAPH) | T(QT_NUMBER) | T(QT_SCALE) | T(QT_LADDER) | T(QT_MULTI), false },
	{ "invalid", K_XTEXT, offsetof(struct question_extra, invalid), NULL,
	  T(QT_TEXT) | T(QT_PARAGRAPH) | T(QT_NUMBER) | T(QT_SCALE) | T(QT_LADDER) | T(QT_MULTI), false },
	{ "follow_up", K_CUSTOM, 0, q_follow_up, T(QT_CHOICE) | T(QT_MULTI) | T(QT_YESNO), false },
	{ "brief", K_CUSTOM, 0, q_in_brief, 0, false },
	{ "craft", K_CUSTOM, 0, q_craft, 0, false },
	{ "choices", K_CUSTOM, 0, q_choices, T(QT_CHOICE) | T(QT_MULTI), false },
	{ "min", K_CUSTOM, 0, q_min, T(QT_NUMBER) | T(QT_SCALE) | T(QT_MULTI), false },
	{ "max", K_CUSTOM, 0, q_max, T(QT_NUMBER) | T(QT_SCALE) | T(QT_MULTI), false },
	{ "integer", K_CUSTOM, 0, q_integer, T(QT_NUMBER), false },
	{ "labels", K_CUSTOM, 0, q_labels, T(QT_SCALE), false },
	{ "from", K_XTEXT, offsetof(struct question_extra, from), NULL, T(QT_LADDER), false },
	{ "depth", K_CUSTOM, 0, q_depth, T(QT_LADDER), false },
	{ "goal", K_XTEXT, offsetof(struct question_extra, goal), NULL, T(QT_LADDER), false },
	{ "means", K_CUSTOM, 0, q_means, T(QT_LADDER), false },
	{ "label", K_XTEXT, offsetof(struct question_extra, label), NULL, ALL_ANSWERED, false },
	{ "unit", K_XTEXT, offsetof(struct question_extra, unit), NULL, T(QT_NUMBER), false },
	{ "summary", K_CUSTOM, 0, q_summary, ALL_ANSWERED, false },
	{ "corrects", K_XTEXT, offsetof(struct question_extra, corrects), NULL,
	  T(QT_TEXT) | T(QT_PARAGRAPH), false },
	{ "private", K_CUSTOM, 0, q_private, 0, false },
	{ "carry", K_CUSTOM, 0, q_carry, ALL_ANSWERED & ~T(QT_LADDER), false },
};

/* Reads the type first, since it decides which keys apply. An unknown type
 * is reported and read as text; *known is then false. */
static enum qtype
question_type(struct builder *b, const struct ynode *map, bool *known,
    struct mark *mark)
{
	const struct ynode *v = ynode_get(map, "type");
	struct text name;
	enum qtype t;
	struct near n;
	size_t i;

	*known = false;
	*mark = map->mark;
	if (v == NULL) {
		*known = true;
		return QT_TEXT;
	}
	*mark = v->mark;
	/* Not a string, or one holding a NUL ("scale\0x" is not "scale"). */
	if (!scalar_text(b, "type", v, &name))
		return QT_TEXT;
	if (qtype_parse(name.s, &t)) {
		*known = true;
		return t;
	}
	near_init(&n, name.s);
	for (i = 0; i <= QT_ACTION; i++)
		near_try(&n, qtype_name((enum qtype)i));
	if (n.best != NULL)
		err(b, v->mark, _("unknown type '%s'; did you mean '%s'?"), name.s, n.best);
	else
		err(b, v->mark, _("unknown type '%s' (text, paragraph, choice, multi, yesno, number, scale, ladder, note or action)"),
		    name.s);
	return QT_TEXT;
}

/* Reads one question (and its follow-ups) and appends it to *list, which has
 * room for it. */
static void
question_build(struct builder *b, struct section *s, const struct ynode *map,
    struct question ***list, size_t *n)
{
	struct tree *t = b->t;
	struct question *q;
	const struct ynode *labels;
	struct mark type_mark;
	bool known;

	if (map->kind != YNODE_MAP) {
		err(b, map->mark, _("a question must be a mapping with 'id' and 'ask', not %s"),
		    ynode_kind_name(map));
		return;
	}
	if (t->nall >= TREE_MAX_QUESTIONS) {
		if (!b->too_many)
			err(b, map->mark, _("more than %d questions"), TREE_MAX_QUESTIONS);
		b->too_many = true;
		return;
	}
	q = tree_question_new(t);
	q->mark = map->mark;
	b->section = s;		/* for its follow-ups; its index: section_index_all */
	q->in_brief = true;
	q->craft = true;
	q->index = (uint32_t)t->nall;
	t->nall++;		/* t->all is made at the end: tree_index_all */
	(*list)[(*n)++] = q;	/* room for every item was made by the caller */

	q->type = question_type(b, map, &known, &type_mark);
	/* Under an unknown type, no key is said not to apply: the type is the
	 * one mistake. */
	build_map(b, map, question_keys, sizeof question_keys / sizeof *question_keys,
	    q, NULL, known ? (int)q->type : -1);
	labels = ynode_get(map, "labels");
	if (q->type == QT_SCALE && labels != NULL && labels->kind != YNODE_SCALAR)
		labels_build(b, q, labels);
	if (q->type == QT_LADDER && q->depth == 0)
		q->depth = TREE_DEFAULT_DEPTH;
	if ((q->type == QT_CHOICE || q->type == QT_MULTI) && q->vals->nchoices == 0)
		question_extra_mut(q)->type_mark = type_mark;
}

/* ---- sections ---- */

/* Gives s a list of its own (ended by NULL) when its questions are so
 * far all those made from its first (taken, with no follow-up yet). */
static void
section_own(const struct tree *t, struct section *s)
{
	if (s->questions != NULL || s->n == 0)
		return;
	s->questions = xmalloc((s->n + 1) * sizeof *s->questions);
	tree_questions_at(t, s->first, s->n, s->questions);
	s->questions[s->n] = NULL;
}

/* questions: a list of question mappings. */
static void
s_questions(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct section *s = obj;
	size_t i, left = 0;

	if (!want_list(b, k, v))
		return;
	if (v->n == 0)
		err(b, v->mark, _("'%s' is empty: a section needs at least one question"),
		    k->name);
	/* Questions taken as they were read are in already: room for the
	 * others, and the NULL that ends the list. */
	for (i = 0; i < v->n; i++)
		left += v->items[i]->kind != YNODE_TAKEN;
	if (left == 0 && s->n > 0)
		return;		/* all taken as they were read */
	section_own(b->t, s);
	s->questions = xrealloc(s->questions, (s->n + left + 1) * sizeof *s->questions);
	memset(s->questions + s->n, 0, (left + 1) * sizeof *s->questions);
	for (i = 0; i < v->n; i++)
		if (v->items[i]->kind != YNODE_TAKEN)
			question_build(b, s, v->items[i], &s->questions, &s->n);
}

/* id: [a-z0-9][a-z0-9_-]*. */
static void
s_id(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct section *s = obj;

	if (scalar_text(b, k->name, v, &s->id) && !tree_id_valid(s->id.s))
		err(b, v->mark, _("section id '%s' is malformed: it must match [a-z0-9][a-z0-9_-]*"),
		    s->id.s);
}

/* minutes: the section's time budget, a whole number from 1 to 600. */
static void
s_minutes(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	scalar_count(b, k, v, 600, &((struct section *)obj)->minutes);
}

static const struct key section_keys[] = {
	{ "id", K_CUSTOM, 0, s_id, 0, false },
	{ "title", K_TEXT, offsetof(struct section, title), NULL, 0, true },
	{ "when", K_TEXT, offsetof(struct section, when), NULL, 0, false },
	{ "minutes", K_CUSTOM, 0, s_minutes, 0, false },
	{ "questions", K_CUSTOM, 0, s_questions, 0, true },
	{ "private", K_BOOL, offsetof(struct section, private), NULL, 0, false },
	{ "carry", K_BOOL, offsetof(struct section, carry), NULL, 0, false },
};

/* ---- flags ---- */

/* level: risk, preference or info. */
static void
f_level(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct flag *f = obj;
	struct text t = { 0 };

	if (!scalar_text(b, k->name, v, &t))
		return;
	if (!flag_level_parse(t.s, &f->level))
		err(b, v->mark, _("unknown flag level '%s' (risk, preference or info)"), t.s);
}

static const struct key flag_keys[] = {
	{ "when", K_TEXT, offsetof(struct flag, when), NULL, 0, true },
	{ "level", K_CUSTOM, 0, f_level, 0, false },
	{ "say", K_TEXT, offsetof(struct flag, say), NULL, 0, true },
};

/* ---- the tree ---- */

/* whyline: the format version, 1. */
static void
t_format(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct tree *t = obj;
	double x;

	if (!scalar_number(b, k->name, v, &x))
		return;
	if (x != floor(x) || x < 1) {
		err(b, v->mark, _("'whyline' must be the format version, %d"), TREE_FORMAT);
		return;
	}
	if (x > TREE_FORMAT) {
		err(b, v->mark, _("this tree is written for format %g; this whyline reads format %d"),
		    x, TREE_FORMAT);
		return;
	}
	t->format = (int)x;
}

/* id: [a-z0-9][a-z0-9_-]*. */
static void
t_id(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct tree *t = obj;

	if (scalar_text(b, k->name, v, &t->id) && !tree_id_valid(t->id.s))
		err(b, v->mark, _("tree id '%s' is malformed: it must match [a-z0-9][a-z0-9_-]*"),
		    t->id.s);
}

/* domain: a gettext domain names a catalog file, so it is a file name:
 * [A-Za-z0-9][A-Za-z0-9._-]*, never a path. */
static void
t_domain(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct tree *t = obj;
	const char *p;

	if (!scalar_text(b, k->name, v, &t->domain))
		return;
	for (p = t->domain.s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (p > t->domain.s && strchr("._-", *p) != NULL)))
			break;
	if (p == t->domain.s || *p != '\0')
		err(b, v->mark, _("domain '%s' is malformed: it names a catalog file and must "
		    "match [A-Za-z0-9][A-Za-z0-9._-]*"), t->domain.s);
}

/* sections: a list of section mappings. */
static void
t_sections(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct tree *t = obj;
	size_t i;

	if (!want_list(b, k, v))
		return;
	if (v->n == 0)
		err(b, v->mark, _("'%s' is empty: a tree needs at least one section"), k->name);
	t->sections = xcalloc(v->n, sizeof *t->sections);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];
		struct section *s = NULL;
		size_t before = t->nall;

		if (it->kind != YNODE_MAP) {
			err(b, it->mark, _("a section must be a mapping with 'title' and 'questions', not %s"),
			    ynode_kind_name(it));
			continue;
		}
		if (i < b->npending) {
			s = b->pending[i];	/* some questions taken, first set */
			b->pending[i] = NULL;
		}
		if (s == NULL) {
			s = xcalloc(1, sizeof *s);
			s->first = t->nall;
		}
		s->mark = it->mark;
		s->index = t->nsections;
		t->sections[t->nsections++] = s;
		build_map(b, it, section_keys, sizeof section_keys / sizeof *section_keys,
		    s, N_("a section"), -1);
		if (t->nall > before || s->end == 0)
			s->end = t->nall;
	}
}

/* flags: a list of flag mappings. */
static void
t_flags(struct builder *b, void *obj, const struct key *k, const struct ynode *v)
{
	struct tree *t = obj;
	size_t i;

	if (!want_list(b, k, v))
		return;
	t->flags = xcalloc(v->n, sizeof *t->flags);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];
		struct flag *f;

		if (it->kind != YNODE_MAP) {
			err(b, it->mark, _("a flag must be a mapping with 'when' and 'say', not %s"),
			    ynode_kind_name(it));
			continue;
		}
		f = &t->flags[t->nflags];
		f->level = FLAG_INFO;
		f->index = t->nflags++;
		build_map(b, it, flag_keys, sizeof flag_keys / sizeof *flag_keys, f,
		    N_("a flag"), -1);
	}
}

static const struct key tree_keys[] = {
	{ "whyline", K_CUSTOM, 0, t_format, 0, true },
	{ "id", K_CUSTOM, 0, t_id, 0, true },
	{ "title", K_TEXT, offsetof(struct tree, title), NULL, 0, true },
	{ "version", K_TEXT, offsetof(struct tree, version), NULL, 0, false },
	{ "language", K_TEXT, offsetof(struct tree, language), NULL, 0, false },
	{ "domain", K_CUSTOM, 0, t_domain, 0, false },
	{ "intro", K_TEXT, offsetof(struct tree, intro), NULL, 0, false },
	{ "sections", K_CUSTOM, 0, t_sections, 0, true },
	{ "flags", K_CUSTOM, 0, t_flags, 0, false },
	{ "brief", K_TEXT, offsetof(struct tree, brief), NULL, 0, false },
};

/* Indexes the questions by id, the first in document order winning (a
 * question's follow-ups are built before it is complete, so this waits for
 * the end), and resolves each ladder's first rung: its from, or the
 * question before it. */
void
tree_link(struct tree *t)
{
	size_t i;

	tree_index_ids(t);
	for (i = 0; i < t->nall; i++) {
		struct question *q = t->all[i];

		size_t f, k;

		if (q->x->corrects.s != NULL)
			q->x->corrects_q = tree_question(t, q->x->corrects.s);
		/* A private section's questions, and a private question's
		 * follow-ups (after it in document order), are private. */
		q->private = q->private || question_section(t, q)->private;
		for (f = 0; q->private && f < q->x->nfollow_ups; f++)
			for (k = 0; k < q->x->follow_ups[f].n; k++)
				q->x->follow_ups[f].questions[k]->private = true;
		/* A question's carry holds for its follow-ups (after it in
		 * document order) that say nothing; else its section's does.
		 * Ladders and notes are never carried. */
		if (!q->carry_set)
			q->carry = question_section(t, q)->carry;
		q->carry = q->carry && q->type != QT_LADDER && q->type != QT_NOTE;
		for (f = 0; f < q->x->nfollow_ups; f++)
			for (k = 0; k < q->x->follow_ups[f].n; k++) {
				struct question *fq = q->x->follow_ups[f].questions[k];

				if (!fq->carry_set && q->carry_set) {
					fq->carry = q->carry;
					fq->carry_set = true;
				}
			}
		if (q->type != QT_LADDER)
			continue;
		if (q->x->from.s != NULL)
			q->x->from_q = tree_question(t, q->x->from.s);
		else if (i > 0)
			question_extra_mut(q)->from_q = t->all[i - 1];
	}
}

/* A new empty tree for path, which names it in messages and locates its
 * folder. */
struct tree *
tree_new(const char *path)
{
	struct tree *t = xcalloc(1, sizeof *t);
	char *copy = xstrdup(path);

	t->path = xstrdup(path);
	t->dir = xstrdup(strcmp(path, "-") == 0 ? "." : dirname(copy));
	free(copy);
	return t;
}

/* Starts a tree for path; problems go to d. */
static void
builder_start(struct builder *b, const char *path, struct diags *d)
{
	memset(b, 0, sizeof *b);
	b->t = tree_new(path);
	b->d = d;
	b->file = path;
}

/* Frees the sections still pending and their lists. */
static void
pending_free(struct builder *b)
{
	size_t i;

	for (i = 0; i < b->npending; i++)
		if (b->pending[i] != NULL) {
			free(b->pending[i]->questions);
			free(b->pending[i]);
		}
	free(b->pending);
	free(b->pending_cap);
	b->pending = NULL;
	b->pending_cap = NULL;
	b->npending = 0;
}

/* The section at place i of the list, made when its first question is
 * taken. */
static struct section *
pending_section(struct builder *b, size_t i)
{
	if (i >= b->npending) {
		b->pending = xrealloc(b->pending, (i + 1) * sizeof *b->pending);
		b->pending_cap = xrealloc(b->pending_cap, (i + 1) * sizeof *b->pending_cap);
		memset(b->pending + b->npending, 0, (i + 1 - b->npending) * sizeof *b->pending);
		memset(b->pending_cap + b->npending, 0,
		    (i + 1 - b->npending) * sizeof *b->pending_cap);
		b->npending = i + 1;
	}
	if (b->pending[i] == NULL) {
		b->pending[i] = xcalloc(1, sizeof *b->pending[i]);
		b->pending[i]->first = b->t->nall;
	}
	return b->pending[i];
}

/* Builds a question of sections[index[0]].questions as soon as it is read,
 * so that its nodes can be freed (a ydoc_take_fn). */
static bool
take_question(void *arg, const struct ynode *map, const size_t *index)
{
	struct builder *b = arg;
	struct section *s = pending_section(b, index[0]);
	struct question *one[1], **list = one;
	size_t before = b->t->nall, n = 0;

	/* A section without follow-ups is all the questions made from its
	 * first: it gets a list of its own only at its first follow-up (see
	 * section_own), and at the end the part of t->all they are
	 * (section_share). */
	question_build(b, s, map, &list, &n);
	if (n == 1 && s->questions == NULL && b->t->nall == before + 1) {
		s->n++;
	} else if (n == 1) {
		if (s->questions == NULL) {
			section_own(b->t, s);
			b->pending_cap[index[0]] = s->n + (s->n > 0);
		}
		xgrow(&s->questions, &b->pending_cap[index[0]], s->n + 2, sizeof *s->questions);
		s->questions[s->n++] = one[0];
		s->questions[s->n] = NULL;
	}
	s->end = b->t->nall;
	return true;
}

/* Gives each question its section's index: the questions of a section
 * (its follow-ups too) are those of t->all from its first to its end. */
static void
section_index_all(struct tree *t)
{
	size_t i, j;

	for (i = 0; i < t->nsections; i++)
		for (j = t->sections[i]->first; j < t->sections[i]->end && j < t->nall; j++)
			t->all[j]->section_index = (uint32_t)i;
}

/* Makes s's list of questions the part of t->all it is, when it has no
 * follow-up among them: a pointer a question less, for most sections. */
static void
section_share(struct tree *t, struct section *s)
{
	size_t i;

	if (s->n > 0 && s->questions == NULL) {	/* taken, no follow-up */
		s->questions = t->all + s->first;
		s->questions_in_all = true;
		return;
	}
	if (s->n == 0 || s->questions_in_all || s->end - s->first != s->n)
		return;
	for (i = 0; i < s->n; i++)
		if (s->questions[i] != t->all[s->first + i])
			return;
	free(s->questions);
	s->questions = t->all + s->first;
	s->questions_in_all = true;
}

/* Builds the tree from its parsed document. */
static struct tree *
builder_finish(struct builder *b, struct ydoc *doc)
{
	struct tree *t = b->t;
	const struct ynode *root;
	size_t i;

	root = ydoc_root(doc);
	if (root == NULL || ynode_is_null(root))
		err(b, (struct mark){ 1, 1 }, "%s", _("the file is empty: a tree needs 'whyline', 'id', 'title' and 'sections'"));
	else if (root->kind != YNODE_MAP)
		err(b, root->mark, _("a tree must be a mapping with 'whyline', 'id', 'title' and 'sections', not %s"),
		    ynode_kind_name(root));
	else
		build_map(b, root, tree_keys, sizeof tree_keys / sizeof *tree_keys,
		    t, N_("the tree"), -1);
	/* A section whose questions were taken is always reached by
	 * t_sections; were one not, it would still belong to the tree. */
	for (i = 0; i < b->npending; i++)
		if (b->pending[i] != NULL) {
			t->sections = xrealloc(t->sections, (t->nsections + 1) * sizeof *t->sections);
			b->pending[i]->index = t->nsections;
			t->sections[t->nsections++] = b->pending[i];
			b->pending[i] = NULL;
		}
	pending_free(b);
	/* The model holds no node: only the strings are kept. t->all is
	 * made once, of the size it needs, where the nodes were. */
	ydoc_drop_nodes(doc);
	tree_index_all(t);
	section_index_all(t);
	for (i = 0; i < t->nsections; i++)
		section_share(t, t->sections[i]);
	tree_link(t);
	t->doc = doc;		/* the tree's strings live in it */
	return t;
}

/* Builds the tree from a parsed document; path names it in messages and
 * locates its folder. */
static struct tree *
tree_build(struct ydoc *doc, const char *path, struct diags *d)
{
	struct builder b;

	builder_start(&b, path, d);
	return builder_finish(&b, doc);
}



/* Loads and builds the tree in path. */
struct tree *
tree_load(const char *path, struct diags *d)
{
	struct ydoc *doc = ydoc_load(path, d);

	return doc != NULL ? tree_build(doc, path, d) : NULL;
}

/* Builds the tree in path (or in len bytes of buf when buf is not NULL)
 * without keeping its bytes, nor the nodes of each question: a question is
 * built as soon as it is read. */
static struct tree *
model_load(const char *path, const char *buf, size_t len, struct diags *d)
{
	static const char *const questions[] = { "sections", "questions" };
	struct diags early = { 0 };
	struct builder b;
	struct ydoc *doc;
	size_t i;

	/* The problems of questions taken wait until the file is known to
	 * be YAML: a file that is not has that one error only. */
	builder_start(&b, path, &early);
	doc = buf != NULL ?
	    ydoc_parse_taking(path, buf, len, d, questions, 2, take_question, &b) :
	    ydoc_load_taking(path, d, questions, 2, take_question, &b);
	if (doc == NULL) {
		pending_free(&b);
		tree_free(b.t);
		diags_free(&early);
		return NULL;
	}
	ydoc_drop_bytes(doc);
	for (i = 0; i < early.n; i++)
		diags_add(d, early.v[i].level, early.v[i].file, early.v[i].mark, "%s",
		    early.v[i].msg);
	diags_free(&early);
	b.d = d;
	return builder_finish(&b, doc);
}

/* Loads and builds the tree in path, keeping only the model. */
struct tree *
tree_load_model(const char *path, struct diags *d)
{
	return model_load(path, NULL, 0, d);
}

/* tree_load_model from len bytes of buf. */
struct tree *
tree_load_model_mem(const char *path, const char *buf, size_t len, struct diags *d)
{
	return model_load(path, buf != NULL ? buf : "", buf != NULL ? len : 0, d);
}

/* Builds a tree from len bytes of buf, as if read from path. */
struct tree *
tree_load_mem(const char *path, const char *buf, size_t len, struct diags *d)
{
	struct ydoc *doc = ydoc_parse(path, buf, len, d);

	return doc != NULL ? tree_build(doc, path, d) : NULL;
}
