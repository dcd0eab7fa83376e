/* tree-pack.c: a loaded tree as a compact binary model, and back.
 *
 * A model is, in order: the magic "WLTP"; the layout (TREE_PACK_FORMAT);
 * the version of whyline that wrote it; the length and a hash of the
 * source it was made from (a source edited in the database is not read
 * through a model of another); the strings, each once, NUL-terminated, in one table; then
 * the tree: its own values, its flags, and its sections, each followed by
 * its questions in document order, a question's follow-ups right after
 * it (as tree_load meets them), so that no question can be reached twice
 * nor be its own follow-up. Numbers are unsigned LEB128 (signed ones
 * zigzagged first), a text is its string's offset in the table plus one
 * (0: absent) and its line and column, a double its 8 bytes, low first.
 *
 * Each struct is written by one put_* and read by one get_* function,
 * side by side: a field added to the model is added to both, and to the
 * comparison of tests/unit/test-tree-pack.c, with a new TREE_PACK_FORMAT.
 * Reading checks every count against the bytes left, every offset against
 * the table, every enumeration and every value tree_load would refuse. */
#include "config.h"

#include "tree-pack.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "util.h"
#include "ydoc.h"

static const char magic[4] = { 'W', 'L', 'T', 'P' };

/* How deep follow-ups may nest: more than a YAML file within ydoc's
 * depth limit can hold (each level is three deep there). */
#define MAX_NEST (YDOC_MAX_DEPTH / 3 + 1)

/* A question's booleans, and whether it has a range and an extra part. */
enum {
	QF_REQUIRED = 1 << 0,
	QF_IN_BRIEF = 1 << 1,
	QF_CRAFT = 1 << 2,
	QF_HAS_MIN = 1 << 3,
	QF_HAS_MAX = 1 << 4,
	QF_INTEGER = 1 << 5,
	QF_SUMMARY = 1 << 6,
	QF_PRIVATE = 1 << 7,
	QF_CARRY = 1 << 8,
	QF_CARRY_SET = 1 << 9,
	QF_RANGE = 1 << 10,
	QF_EXTRA = 1 << 11,
	QF_ALL = (1 << 12) - 1
};

/* A section's booleans. */
enum {
	SF_PRIVATE = 1 << 0,
	SF_CARRY = 1 << 1,
	SF_ALL = (1 << 2) - 1
};

/* A 64-bit hash of the n bytes at p, FNV-1a's taken eight bytes (low
 * first) at a time: cheap next to the unpacking, and enough to tell a
 * model's source from another. */
static uint64_t
source_hash(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t h = 14695981039346656037ull, w;
	size_t i, k;

	for (i = 0; i + 8 <= n; i += 8) {
		w = (uint64_t)u[i] | (uint64_t)u[i + 1] << 8 |
		    (uint64_t)u[i + 2] << 16 | (uint64_t)u[i + 3] << 24 |
		    (uint64_t)u[i + 4] << 32 | (uint64_t)u[i + 5] << 40 |
		    (uint64_t)u[i + 6] << 48 | (uint64_t)u[i + 7] << 56;
		h = (h ^ w) * 1099511628211ull;
	}
	for (w = 0, k = 0; i + k < n; k++)
		w |= (uint64_t)u[i + k] << (8 * k);
	return ((h ^ w) * 1099511628211ull) ^ n;
}

/* ---- writing ---- */

struct wr {
	const struct tree *t;
	struct buf body;	/* the tree, after the table */
	struct buf table;	/* the strings */
	struct hmap offsets;	/* string -> its offset in table + 1 */
	size_t next;		/* the index in t->all the next question has */
	bool bad;		/* the model would not give the tree back */
};

static void
put_u(struct buf *b, uint64_t v)
{
	char c[10];
	size_t n = 0;

	do {
		c[n] = (char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			c[n] = (char)(c[n] | 0x80);
		n++;
	} while (v != 0);
	buf_add(b, c, n);
}

static void
put_s(struct buf *b, long v)
{
	put_u(b, ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0));
}

static void
put_double(struct buf *b, double x)
{
	uint64_t v;
	char c[8];
	size_t i;

	memcpy(&v, &x, sizeof v);
	for (i = 0; i < 8; i++)
		c[i] = (char)(v >> (8 * i) & 0xff);
	buf_add(b, c, 8);
}

static void
put_mark(struct wr *w, struct mark m)
{
	put_u(&w->body, m.line);
	put_u(&w->body, m.col);
}

/* A text: its string's place in the table (added the first time), its mark. */
static void
put_text(struct wr *w, const struct text *x)
{
	uintptr_t ref;

	if (x->s == NULL) {
		/* An absent key has no place: one would be lost. */
		w->bad = w->bad || x->mark.line != 0 || x->mark.col != 0;
		put_u(&w->body, 0);
		return;
	}
	ref = (uintptr_t)hmap_get(&w->offsets, x->s);
	if (ref == 0) {
		ref = w->table.len + 1;
		buf_add(&w->table, x->s, strlen(x->s) + 1);
		hmap_put(&w->offsets, x->s, (void *)ref);
	}
	put_u(&w->body, ref);
	put_mark(w, x->mark);
}

static void
put_texts(struct wr *w, const struct text *v, size_t n)
{
	size_t i;

	put_u(&w->body, n);
	for (i = 0; i < n; i++)
		put_text(w, &v[i]);
}

/* True when q's min or max was written (QF_RANGE): it has one, or its
 * values hold more than choices. */
static bool
has_range(const struct question *q)
{
	const struct question_values *v = q->vals;

	return q->has_min || q->has_max || v->min_mark.line != 0 || v->max_mark.line != 0 ||
	    v->min != 0 || v->max != 0;
}

static void
put_range(struct wr *w, const struct question_values *r)
{
	put_double(&w->body, r->min);
	put_double(&w->body, r->max);
	put_mark(w, r->min_mark);
	put_mark(w, r->max_mark);
}

/* The extra part, but the questions of its follow-ups (which follow the
 * question). */
static void
put_extra(struct wr *w, const struct question_extra *x)
{
	size_t i;

	put_text(w, &x->def);
	put_text(w, &x->validate);
	put_text(w, &x->invalid);
	put_text(w, &x->from);
	put_text(w, &x->goal);
	put_text(w, &x->label);
	put_text(w, &x->unit);
	put_text(w, &x->corrects);
	put_mark(w, x->type_mark);
	put_u(&w->body, x->nlabels);
	for (i = 0; i < x->nlabels; i++) {
		put_s(&w->body, x->labels[i].value);
		put_text(w, &x->labels[i].label);
	}
	put_texts(w, x->asks, x->nasks);
	put_texts(w, x->means, x->nmeans);
	put_u(&w->body, x->nfollow_ups);
	for (i = 0; i < x->nfollow_ups; i++) {
		put_text(w, &x->follow_ups[i].value);
		put_u(&w->body, x->follow_ups[i].n);
	}
}

/* A question of section s, then its follow-ups; it must be the next
 * question in document order. */
static void
put_question(struct wr *w, const struct section *s, const struct question *q,
    unsigned nest)
{
	const struct question_extra *x = q->x;
	unsigned flags = 0;
	size_t i, j;

	if (nest > MAX_NEST || w->next >= w->t->nall || w->t->all[w->next] != q ||
	    q->index != w->next || question_section(w->t, q) != s) {
		w->bad = true;
		return;
	}
	w->next++;
	flags |= q->required ? QF_REQUIRED : 0;
	flags |= q->in_brief ? QF_IN_BRIEF : 0;
	flags |= q->craft ? QF_CRAFT : 0;
	flags |= q->has_min ? QF_HAS_MIN : 0;
	flags |= q->has_max ? QF_HAS_MAX : 0;
	flags |= q->integer ? QF_INTEGER : 0;
	flags |= q->summary ? QF_SUMMARY : 0;
	flags |= q->private ? QF_PRIVATE : 0;
	flags |= q->carry ? QF_CARRY : 0;
	flags |= q->carry_set ? QF_CARRY_SET : 0;
	flags |= has_range(q) ? QF_RANGE : 0;
	flags |= x != &question_no_extra ? QF_EXTRA : 0;
	put_text(w, &q->id);
	put_text(w, &q->ask);
	put_text(w, &q->tx->help);
	put_text(w, &q->tx->when);
	put_mark(w, q->mark);
	put_u(&w->body, q->type);
	put_u(&w->body, flags);
	put_u(&w->body, q->depth);
	put_u(&w->body, q->vals->nchoices);
	for (i = 0; i < q->vals->nchoices; i++) {
		put_text(w, &q->vals->choices[i].value);
		put_text(w, &q->vals->choices[i].label);
	}
	if (flags & QF_RANGE)
		put_range(w, q->vals);
	if (!(flags & QF_EXTRA))
		return;
	put_extra(w, x);
	for (i = 0; i < x->nfollow_ups; i++)
		for (j = 0; j < x->follow_ups[i].n; j++)
			put_question(w, s, x->follow_ups[i].questions[j], nest + 1);
}

static void
put_section(struct wr *w, const struct section *s, size_t index)
{
	size_t i;

	w->bad = w->bad || s->index != index || s->first != w->next;
	put_text(w, &s->id);
	put_text(w, &s->title);
	put_text(w, &s->when);
	put_mark(w, s->mark);
	put_u(&w->body, s->minutes);
	put_u(&w->body, (s->private ? SF_PRIVATE : 0) | (s->carry ? SF_CARRY : 0));
	put_u(&w->body, s->n);
	for (i = 0; i < s->n; i++)
		put_question(w, s, s->questions[i], 0);
	w->bad = w->bad || s->end != w->next;
}

static void
put_flag(struct wr *w, const struct flag *f, size_t index)
{
	w->bad = w->bad || f->index != index;
	put_text(w, &f->when);
	put_text(w, &f->say);
	put_u(&w->body, f->level);
}

static void
put_tree(struct wr *w, const struct tree *t)
{
	size_t i;

	put_u(&w->body, (uint64_t)t->format);
	put_text(w, &t->id);
	put_text(w, &t->title);
	put_text(w, &t->version);
	put_text(w, &t->language);
	put_text(w, &t->domain);
	put_text(w, &t->intro);
	put_text(w, &t->brief);
	put_u(&w->body, t->nflags);
	put_u(&w->body, t->nsections);
	put_u(&w->body, t->nall);
	for (i = 0; i < t->nflags; i++)
		put_flag(w, &t->flags[i], i);
	for (i = 0; i < t->nsections; i++)
		put_section(w, t->sections[i], i);
	w->bad = w->bad || w->next != t->nall;
}

/* Appends the header of a model of the srclen bytes at src. */
void
tree_pack_header(struct buf *out, const char *src, size_t srclen)
{
	buf_add(out, magic, sizeof magic);
	put_u(out, TREE_PACK_FORMAT);
	put_u(out, strlen(PACKAGE_VERSION));
	buf_add(out, PACKAGE_VERSION, strlen(PACKAGE_VERSION));
	put_u(out, srclen);
	put_u(out, source_hash(src, srclen));
}

/* Appends t's model to out. */
bool
tree_pack(const struct tree *t, struct buf *out)
{
	struct wr w = { 0 };
	const char *src;
	size_t srclen;
	bool ok;

	w.t = t;
	src = tree_source(t, &srclen);
	put_tree(&w, t);
	ok = !w.bad && src != NULL && t->format > 0;
	if (ok) {
		tree_pack_header(out, src, srclen);
		put_u(out, w.table.len);
		buf_add(out, w.table.s, w.table.len);
		buf_add(out, w.body.s, w.body.len);
	}
	hmap_free(&w.offsets);
	buf_free(&w.table);
	buf_free(&w.body);
	return ok;
}

/* ---- reading ---- */

struct rd {
	const unsigned char *p, *end;
	struct tree *t;
	const char *strs;	/* the table, in t->strs */
	size_t nstrs;
	size_t nall;		/* the questions the model says it has */
	bool bad;		/* once set, every read gives 0 */
};

static uint64_t
get_u(struct rd *r)
{
	uint64_t v = 0;
	unsigned shift;

	/* Most numbers are one byte. */
	if (r->p < r->end && *r->p < 0x80)
		return *r->p++;
	for (shift = 0; shift < 64 && r->p < r->end; shift += 7) {
		uint64_t c = *r->p++;

		if (shift == 63 && c > 1)
			break;
		v |= (c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

/* A number at most max; the reading goes bad otherwise. */
static uint64_t
get_max(struct rd *r, uint64_t max)
{
	uint64_t v = get_u(r);

	if (v > max)
		r->bad = true;
	return r->bad ? 0 : v;
}

/* A count of items of at least one byte each: no more than the bytes
 * left, so that no model makes a large allocation. */
static size_t
get_count(struct rd *r, uint64_t max)
{
	uint64_t left = (uint64_t)(r->end - r->p);

	return (size_t)get_max(r, max < left ? max : left);
}

static long
get_s(struct rd *r)
{
	uint64_t v = get_u(r);
	uint64_t m = (v >> 1) ^ (uint64_t)-(int64_t)(v & 1);
	int64_t x;

	memcpy(&x, &m, sizeof x);
#if LONG_MAX < INT64_MAX
	if (x < LONG_MIN || x > LONG_MAX)
		r->bad = true;
#endif
	return r->bad ? 0 : (long)x;
}

/* A finite double. */
static double
get_double(struct rd *r)
{
	uint64_t v = 0;
	double x;
	size_t i;

	if (r->end - r->p < 8) {
		r->bad = true;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	memcpy(&x, &v, sizeof x);
	if (!isfinite(x))
		r->bad = true;
	return r->bad ? 0 : x;
}

static struct mark
get_mark(struct rd *r)
{
	struct mark m;

	m.line = (unsigned)get_max(r, UINT_MAX);
	m.col = (unsigned)get_max(r, UINT_MAX);
	return m;
}

/* A text; with required, an absent one makes the reading bad. */
static struct text
get_text(struct rd *r, bool required)
{
	struct text x = { 0 };
	uint64_t ref = get_max(r, r->nstrs);

	if (ref == 0) {
		r->bad = r->bad || required;
		return x;
	}
	/* Every offset is in the table, which ends with a NUL, and begins a
	 * string (never a character's middle). */
	x.s = r->strs + ref - 1;
	if (ref > 1 && x.s[-1] != '\0')
		r->bad = true;
	x.mark = get_mark(r);
	return x;
}

/* n texts, none absent, in an array with room for one more (as
 * tree_load makes them); NULL for none. */
static struct text *
get_texts(struct rd *r, size_t *n)
{
	struct text *v;
	size_t i;

	*n = get_count(r, SIZE_MAX - 1);
	if (*n == 0)
		return NULL;
	v = xcalloc(*n + 1, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = get_text(r, true);
	return v;
}

static void
get_range(struct rd *r, struct question_values *g)
{
	g->min = get_double(r);
	g->max = get_double(r);
	g->min_mark = get_mark(r);
	g->max_mark = get_mark(r);
}

/* The extra part, but the questions of its follow-ups (the caller reads
 * them): each follow-up's list has room for its n and a NULL. */
static void
get_extra(struct rd *r, struct question_extra *x, size_t *nfq)
{
	size_t i;

	x->def = get_text(r, false);
	x->validate = get_text(r, false);
	x->invalid = get_text(r, false);
	x->from = get_text(r, false);
	x->goal = get_text(r, false);
	x->label = get_text(r, false);
	x->unit = get_text(r, false);
	x->corrects = get_text(r, false);
	x->type_mark = get_mark(r);
	x->nlabels = get_count(r, SIZE_MAX);
	if (x->nlabels > 0)
		x->labels = xcalloc(x->nlabels, sizeof *x->labels);
	for (i = 0; i < x->nlabels; i++) {
		x->labels[i].value = get_s(r);
		x->labels[i].label = get_text(r, true);
	}
	x->asks = get_texts(r, &x->nasks);
	x->means = get_texts(r, &x->nmeans);
	x->nfollow_ups = get_count(r, SIZE_MAX);
	if (x->nfollow_ups > 0)
		x->follow_ups = xcalloc(x->nfollow_ups, sizeof *x->follow_ups);
	*nfq = 0;
	for (i = 0; i < x->nfollow_ups && !r->bad; i++) {
		struct follow_up *f = &x->follow_ups[i];
		size_t n;

		f->value = get_text(r, true);
		/* Each question takes more than a byte. */
		n = get_count(r, TREE_MAX_QUESTIONS);
		f->questions = xcalloc(n + 1, sizeof *f->questions);
		f->n = n;	/* filled by the caller, which checks them all */
		*nfq += n;
	}
}

/* True when what was read of q is a question tree_load could build. */
static bool
question_valid(const struct question *q, unsigned flags)
{
	size_t i;

	if (!tree_question_id_valid(q->id.s) || strcmp(q->id.s, "rung") == 0 ||
	    strcmp(q->id.s, "value") == 0 || q->type > QT_ACTION ||
	    q->depth > TREE_MAX_DEPTH || (q->type == QT_LADDER) != (q->depth > 0) ||
	    ((flags & (QF_HAS_MIN | QF_HAS_MAX)) && !(flags & QF_RANGE)))
		return false;
	for (i = 0; i < q->vals->nchoices; i++)
		if (q->vals->choices[i].value.s == NULL || q->vals->choices[i].label.s == NULL)
			return false;
	return true;
}

static bool get_questions(struct rd *, struct section *, struct question **,
    size_t n, unsigned nest);

/* Reads a question of section s, and its follow-ups, into t->all. */
static struct question *
get_question(struct rd *r, struct section *s, unsigned nest)
{
	struct tree *t = r->t;
	struct question *q;
	struct question_values *qv;
	struct text help, when;
	unsigned flags;
	size_t i, n, nfq = 0;

	if (r->bad || nest > MAX_NEST || t->nall >= r->nall)
		return NULL;
	q = tree_question_new(t);
	q->index = (uint32_t)t->nall;
	t->all[t->nall++] = q;
	q->section_index = (uint32_t)s->index;
	q->id = get_text(r, true);
	q->ask = get_text(r, true);
	help = get_text(r, false);
	when = get_text(r, false);
	if (help.s != NULL || when.s != NULL) {
		question_texts_mut(t, q)->help = help;
		q->tx->when = when;
	}
	q->mark = get_mark(r);
	q->type = (enum qtype)get_max(r, QT_ACTION);
	flags = (unsigned)get_max(r, QF_ALL);
	q->depth = (unsigned)get_max(r, TREE_MAX_DEPTH);
	q->required = flags & QF_REQUIRED;
	q->in_brief = flags & QF_IN_BRIEF;
	q->craft = flags & QF_CRAFT;
	q->has_min = flags & QF_HAS_MIN;
	q->has_max = flags & QF_HAS_MAX;
	q->integer = flags & QF_INTEGER;
	q->summary = flags & QF_SUMMARY;
	q->private = flags & QF_PRIVATE;
	q->carry = flags & QF_CARRY;
	q->carry_set = flags & QF_CARRY_SET;
	n = get_count(r, UINT32_MAX);
	if (n > 0) {
		qv = question_values_mut(t, q);
		qv->choices = tree_choices_new(t, n);
		for (qv->nchoices = 0; qv->nchoices < n; qv->nchoices++) {
			qv->choices[qv->nchoices].value = get_text(r, true);
			qv->choices[qv->nchoices].label = get_text(r, true);
		}
	}
	if (flags & QF_RANGE)
		get_range(r, question_values_mut(t, q));
	if (flags & QF_EXTRA)
		get_extra(r, question_extra_mut(q), &nfq);
	if (r->bad || !question_valid(q, flags) || nfq > r->nall - t->nall)
		return NULL;
	for (i = 0; i < q->x->nfollow_ups; i++)
		if (!get_questions(r, s, q->x->follow_ups[i].questions,
		    q->x->follow_ups[i].n, nest + 1))
			return NULL;
	return q;
}

/* Reads n questions of s into list (zeroed, with room for them). */
static bool
get_questions(struct rd *r, struct section *s, struct question **list, size_t n,
    unsigned nest)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((list[i] = get_question(r, s, nest)) == NULL)
			return false;
	return true;
}

static bool
get_section(struct rd *r, struct section *s)
{
	unsigned flags;
	size_t n;

	s->id = get_text(r, false);
	s->title = get_text(r, true);
	s->when = get_text(r, false);
	s->mark = get_mark(r);
	s->minutes = (unsigned)get_max(r, 600);
	flags = (unsigned)get_max(r, SF_ALL);
	s->private = flags & SF_PRIVATE;
	s->carry = flags & SF_CARRY;
	n = get_count(r, r->nall - r->t->nall);
	if (r->bad || n == 0 || (s->id.s != NULL && !tree_id_valid(s->id.s)))
		return false;
	s->first = r->t->nall;
	s->questions = xcalloc(n + 1, sizeof *s->questions);
	s->n = n;
	if (!get_questions(r, s, s->questions, n, 0))
		return false;
	s->end = r->t->nall;
	return true;
}

static bool
get_flag(struct rd *r, struct flag *f)
{
	f->when = get_text(r, true);
	f->say = get_text(r, true);
	f->level = (enum flag_level)get_max(r, FLAG_INFO);
	return !r->bad;
}

static bool
get_tree(struct rd *r, struct tree *t)
{
	size_t i, nflags, nsections;

	t->format = (int)get_max(r, TREE_FORMAT);
	t->id = get_text(r, true);
	t->title = get_text(r, true);
	t->version = get_text(r, false);
	t->language = get_text(r, false);
	t->domain = get_text(r, false);
	t->intro = get_text(r, false);
	t->brief = get_text(r, false);
	nflags = get_count(r, SIZE_MAX);
	nsections = get_count(r, TREE_MAX_SECTIONS);
	r->nall = get_count(r, TREE_MAX_QUESTIONS);
	if (r->bad || t->format < 1 || !tree_id_valid(t->id.s) || nsections == 0)
		return false;
	if (nflags > 0)
		t->flags = xcalloc(nflags, sizeof *t->flags);
	for (i = 0; i < nflags; i++) {
		t->flags[i].index = t->nflags++;
		if (!get_flag(r, &t->flags[i]))
			return false;
	}
	t->sections = xcalloc(nsections, sizeof *t->sections);
	t->all = xcalloc(r->nall, sizeof *t->all);
	for (i = 0; i < nsections; i++) {
		struct section *s = xcalloc(1, sizeof *s);

		s->index = t->nsections;
		t->sections[t->nsections++] = s;
		if (!get_section(r, s))
			return false;
	}
	return t->nall == r->nall && r->p == r->end;
}

/* True when the n bytes at s, NUL-terminated, are NUL-separated UTF-8. */
static bool
table_valid(const char *s, size_t n)
{
	size_t i = 0, k;

	if (n == 0 || s[n - 1] != '\0')
		return false;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = str_char_len(s + i, NULL)) == 0)
			return false;
		i += k;
	}
	return true;
}

/* Reads a header of this version and layout, its source's length and
 * hash in *srclen and *hash. */
static bool
get_header(struct rd *r, uint64_t *srclen, uint64_t *hash)
{
	size_t vlen = strlen(PACKAGE_VERSION);

	if (r->end - r->p < (ptrdiff_t)sizeof magic ||
	    memcmp(r->p, magic, sizeof magic) != 0)
		return false;
	r->p += sizeof magic;
	if (get_u(r) != TREE_PACK_FORMAT || get_u(r) != vlen ||
	    r->bad || (size_t)(r->end - r->p) < vlen ||
	    memcmp(r->p, PACKAGE_VERSION, vlen) != 0)
		return false;
	r->p += vlen;
	*srclen = get_u(r);
	*hash = get_u(r);
	return !r->bad;
}

/* The length of the header at blob. */
size_t
tree_pack_header_len(const void *blob, size_t len)
{
	struct rd r = { 0 };
	uint64_t srclen, hash;

	r.p = blob;
	r.end = r.p + len;
	return blob != NULL && get_header(&r, &srclen, &hash) ?
	    (size_t)(r.p - (const unsigned char *)blob) : 0;
}

/* Reads the header and the table; true when the header is this
 * version's, for the srclen bytes at src. */
static bool
get_start(struct rd *r, const char *src, size_t srclen)
{
	uint64_t len, hash;
	size_t n;

	if (!get_header(r, &len, &hash) || len != srclen ||
	    hash != source_hash(src, srclen))
		return false;
	n = get_count(r, SIZE_MAX);
	if (r->bad || (size_t)(r->end - r->p) < n)
		return false;
	r->strs = (const char *)r->p;
	r->nstrs = n;
	r->p += n;
	return table_valid(r->strs, n);
}

/* The tree of a model, or NULL. */
struct tree *
tree_unpack(const char *path, const void *blob, size_t len, const char *src,
    size_t srclen)
{
	struct rd r = { 0 };
	struct tree *t;

	if (blob == NULL)
		return NULL;
	if (src == NULL)
		src = "", srclen = 0;
	r.p = blob;
	r.end = r.p + len;
	if (!get_start(&r, src, srclen))
		return NULL;
	t = tree_new(path);
	t->strs = xmalloc(r.nstrs);
	memcpy(t->strs, r.strs, r.nstrs);
	r.strs = t->strs;
	r.t = t;
	if (!get_tree(&r, t) || r.bad) {
		tree_free(t);
		return NULL;
	}
	tree_link(t);
	t->doc = ydoc_of_bytes(path, src, srclen);
	return t;
}
