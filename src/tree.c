/* tree.c: the question tree model: names, look-ups and freeing. */
#include "config.h"

#include "tree.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "util.h"
#include "ydoc.h"

static const char *const qtype_names[] = {
	"text", "paragraph", "choice", "multi", "yesno", "number", "scale",
	"ladder", "note", "action"
};

static const char *const flag_level_names[] = { "risk", "preference", "info" };

/* The YAML name of a question type. */
const char *
qtype_name(enum qtype t)
{
	return qtype_names[t];
}

/* Reads a question type's name. */
bool
qtype_parse(const char *s, enum qtype *t)
{
	size_t i;

	for (i = 0; i < sizeof qtype_names / sizeof *qtype_names; i++)
		if (strcmp(s, qtype_names[i]) == 0) {
			*t = (enum qtype)i;
			return true;
		}
	return false;
}

/* The YAML name of a flag level. */
const char *
flag_level_name(enum flag_level l)
{
	return flag_level_names[l];
}

/* Reads a flag level's name. */
bool
flag_level_parse(const char *s, enum flag_level *l)
{
	size_t i;

	for (i = 0; i < sizeof flag_level_names / sizeof *flag_level_names; i++)
		if (strcmp(s, flag_level_names[i]) == 0) {
			*l = (enum flag_level)i;
			return true;
		}
	return false;
}

/* True when id matches [a-z][a-z0-9_]*. */
bool
tree_question_id_valid(const char *id)
{
	if (*id < 'a' || *id > 'z')
		return false;
	for (id++; *id != '\0'; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '_'))
			return false;
	return true;
}

/* True when id matches [a-z0-9][a-z0-9_-]*. */
bool
tree_id_valid(const char *id)
{
	if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9')))
		return false;
	for (id++; *id != '\0'; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') ||
		    *id == '_' || *id == '-'))
			return false;
	return true;
}

/* The file's bytes, as read. */
const char *
tree_source(const struct tree *t, size_t *len)
{
	return ydoc_bytes(t->doc, len);
}

/* The digest of the tree's bytes, computed once. */
const char *
tree_sha256(struct tree *t)
{
	size_t len;
	const char *src;

	if (t->sha256_hex[0] == '\0') {
		src = tree_source(t, &len);
		sha256_hex(src, len, t->sha256_hex);
	}
	return t->sha256_hex;
}

/* Compares t's source with a copy whose SHA-256 is known; the same
 * bytes have the same hash. */
bool
tree_source_is(struct tree *t, const char *src, size_t len, const char *sha)
{
	size_t n;
	const char *mine = tree_source(t, &n);

	if (src == NULL || sha == NULL || strlen(sha) != sizeof t->sha256_hex - 1 ||
	    n != len || memcmp(mine, src, len) != 0)
		return false;
	memcpy(t->sha256_hex, sha, sizeof t->sha256_hex);
	return true;
}

/* The bits of a slot of t->by_id that hold a question's index + 1; the
 * others hold the top of its id's hash. */
#define ID_BITS 17
#define ID_MASK ((1u << ID_BITS) - 1)
_Static_assert(TREE_MAX_QUESTIONS < ID_MASK, "a question's index + 1 fits in ID_BITS");
_Static_assert(TREE_MAX_QUESTIONS <= 1 << 20 && TREE_MAX_DEPTH < 1 << 5 && QT_ACTION < 1 << 4,
    "struct question's bit fields hold their values");

/* The slot of id (whose hash is h) in t->by_id: the one holding it, or
 * the empty one where it would go. */
static uint32_t *
id_slot(const struct tree *t, const char *id, uint32_t h)
{
	uint32_t tag = h & ~ID_MASK;
	/* Any number of slots: the first tried is the hash scaled to them
	 * (mixed first, since its top bits are the tag). */
	size_t i = (size_t)(((uint64_t)(h * 0x9e3779b1u) * t->by_id_cap) >> 32);

	for (;;) {
		uint32_t *s = &t->by_id[i];

		if (*s == 0 || ((*s & ~ID_MASK) == tag &&
		    strcmp(t->all[(*s & ID_MASK) - 1]->id.s, id) == 0))
			return s;
		if (++i == t->by_id_cap)
			i = 0;
	}
}

/* Indexes every question with an id, the first of each, at most 3/4 of
 * the slots used (and no more slots than that needs). */
void
tree_index_ids(struct tree *t)
{
	size_t cap = ((t->nall + 1) * 4 + 2) / 3, i;

	if (cap < 16)
		cap = 16;
	free(t->by_id);
	t->by_id = xcalloc(cap, sizeof *t->by_id);
	t->by_id_cap = cap;
	t->by_id_seed = hmap_seed(t);
	for (i = 0; i < t->nall; i++) {
		const char *id = t->all[i]->id.s;
		uint32_t h, *s;

		if (id == NULL)
			continue;
		h = hmap_hash(t->by_id_seed, id);
		s = id_slot(t, id, h);
		t->all[i]->id_twice = *s != 0;
		if (*s == 0)
			*s = (h & ~ID_MASK) | (uint32_t)(i + 1);
	}
}

/* The question with id, or NULL. */
struct question *
tree_question(const struct tree *t, const char *id)
{
	uint32_t s;

	if (t->by_id == NULL)
		return NULL;
	s = *id_slot(t, id, hmap_hash(t->by_id_seed, id));
	return s == 0 ? NULL : t->all[(s & ID_MASK) - 1];
}

/* The choice of q with value, or NULL. */
const struct choice *
question_choice(const struct question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->vals->nchoices; i++)
		if (strcmp(q->vals->choices[i].value.s, value) == 0)
			return &q->vals->choices[i];
	return NULL;
}

/* The follow-ups of q for value, or NULL. */
const struct follow_up *
question_follow_up(const struct question *q, const char *value)
{
	size_t i;

	for (i = 0; i < q->x->nfollow_ups; i++)
		if (strcmp(q->x->follow_ups[i].value.s, value) == 0)
			return &q->x->follow_ups[i];
	return NULL;
}

/* The label of a scale value, or NULL. */
const char *
question_scale_label(const struct question *q, long value)
{
	size_t i;

	for (i = 0; i < q->x->nlabels; i++)
		if (q->x->labels[i].value == value)
			return q->x->labels[i].label.s;
	return NULL;
}

/* The minimum, with the type's default (1 for a scale). */
double
question_min(const struct question *q)
{
	if (q->has_min)
		return q->vals->min;
	return q->type == QT_SCALE ? 1 : 0;
}

/* The maximum, with the type's default (5 for a scale). */
double
question_max(const struct question *q)
{
	if (q->has_max)
		return q->vals->max;
	return q->type == QT_SCALE ? 5 : 0;
}

/* Questions, allocated many at a time. */
struct question_block {
	struct question_block *next;
	size_t used, cap;
	struct question q[];
};

/* A new zeroed question in t's blocks. Built with -DWHYLINE_NO_ARENA, each
 * question is a block of its own (for fuzzing and sanitizers). */
struct question *
tree_question_new(struct tree *t)
{
	struct question_block *b = t->qblocks;
	struct question *q;

	if (b == NULL || b->used == b->cap) {
#ifdef WHYLINE_NO_ARENA
		size_t cap = 1;
#else
		/* Blocks grow with the tree: a short tree wastes little. */
		size_t cap = b == NULL ? 8 : b->cap < 256 ? b->cap * 2 : 256;
#endif

		b = xmalloc(sizeof *b + cap * sizeof *b->q);
		b->cap = cap;
		b->used = 0;
		b->next = t->qblocks;
		t->qblocks = b;
	}
	q = &b->q[b->used++];
	memset(q, 0, sizeof *q);
	q->x = (struct question_extra *)&question_no_extra;
	q->tx = (struct question_texts *)&question_no_texts;
	q->vals = (struct question_values *)&question_no_values;
	return q;
}

/* Copies the questions of indexes first to first + n - 1 into out: the
 * blocks, newest first, hold them in order. */
void
tree_questions_at(const struct tree *t, size_t first, size_t n, struct question **out)
{
	const struct question_block *b;
	size_t j;

	for (b = t->qblocks; b != NULL && n > 0; b = b->next) {
		for (j = 0; j < b->used; j++)
			if (b->q[j].index >= first && b->q[j].index < first + n)
				out[b->q[j].index - first] = (struct question *)&b->q[j];
		if (b->used > 0 && b->q[0].index <= first)
			break;
	}
}

/* Makes t->all from the blocks. */
void
tree_index_all(struct tree *t)
{
	free(t->all);
	t->all = NULL;
	if (t->nall == 0)
		return;
	t->all = xmalloc(t->nall * sizeof *t->all);
	tree_questions_at(t, 0, t->nall, t->all);
}

/* Small parts of questions, allocated many at a time. */
struct tree_block {
	struct tree_block *next;
	size_t used, cap;
	max_align_t data[];
};

/* n zeroed bytes (n a multiple of a max_align_t) in t's blocks. Built with
 * -DWHYLINE_NO_ARENA, each is a block of its own. */
static void *
tree_alloc(struct tree *t, size_t n)
{
	struct tree_block *b = t->blocks;
	void *p;

#ifndef WHYLINE_NO_ARENA
	/* A large part (a long list of choices) gets a block of its own,
	 * behind the current one, which goes on serving small parts. */
	if (n > 4096 && b != NULL) {
		struct tree_block *own = xmalloc(sizeof *own + n);

		own->cap = own->used = n;
		own->next = b->next;
		b->next = own;
		memset(own->data, 0, n);
		return own->data;
	}
#endif
	if (b == NULL || b->cap - b->used < n) {
#ifdef WHYLINE_NO_ARENA
		size_t cap = n;
#else
		/* Blocks grow with the tree: a short tree wastes little. */
		size_t cap = b == NULL ? 256 : b->cap < 16384 ? b->cap * 2 : 16384;

		if (cap < n)
			cap = n;
#endif
		b = xmalloc(sizeof *b + cap);
		b->cap = cap;
		b->used = 0;
		b->next = t->blocks;
		t->blocks = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

const struct question_texts question_no_texts;

/* q's own help and when, in t's blocks, made the first time. */
struct question_texts *
question_texts_mut(struct tree *t, struct question *q)
{
	_Static_assert(sizeof(struct question_texts) % _Alignof(max_align_t) == 0,
	    "question_texts keep the blocks aligned");

	if (q->tx == &question_no_texts)
		q->tx = tree_alloc(t, sizeof *q->tx);
	return q->tx;
}

const struct question_values question_no_values;

/* q's own values, in t's blocks, allocated the first time. */
struct question_values *
question_values_mut(struct tree *t, struct question *q)
{
	_Static_assert(sizeof(struct question_values) % _Alignof(max_align_t) == 0,
	    "question_values keep the blocks aligned");

	if (q->vals == &question_no_values)
		q->vals = tree_alloc(t, sizeof *q->vals);
	return q->vals;
}

/* n zeroed choices in t's blocks (question_free leaves them). */
struct choice *
tree_choices_new(struct tree *t, size_t n)
{
	_Static_assert(sizeof(struct choice) % _Alignof(max_align_t) == 0,
	    "choices keep the blocks aligned");

	return tree_alloc(t, n * sizeof(struct choice));
}

const struct question_extra question_no_extra;

/* q's own extra part, allocated the first time (question_free frees it). */
struct question_extra *
question_extra_mut(struct question *q)
{
	if (q->x == &question_no_extra)
		q->x = xcalloc(1, sizeof *q->x);
	return q->x;
}

/* Frees a question's lists (the question is in the tree's blocks; the
 * strings live in the tree's document). */
static void
question_free(struct question *q)
{
	struct question_extra *x = q->x;
	size_t i;

	if (x == &question_no_extra)
		return;
	free(x->labels);
	free(x->asks);
	free(x->means);
	for (i = 0; i < x->nfollow_ups; i++)
		free(x->follow_ups[i].questions);
	free(x->follow_ups);
	free(x);
}

/* Frees the tree and everything in it. */
void
tree_free(struct tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	free(t->all);
	/* Every question made, in t->all or not (a load that failed). */
	while (t->qblocks != NULL) {
		struct question_block *next = t->qblocks->next;

		for (i = 0; i < t->qblocks->used; i++)
			question_free(&t->qblocks->q[i]);
		free(t->qblocks);
		t->qblocks = next;
	}
	for (i = 0; i < t->nsections; i++) {
		if (!t->sections[i]->questions_in_all)
			free(t->sections[i]->questions);
		free(t->sections[i]);
	}
	while (t->blocks != NULL) {
		struct tree_block *next = t->blocks->next;

		free(t->blocks);
		t->blocks = next;
	}
	free(t->sections);
	free(t->flags);
	free(t->path);
	free(t->dir);
	free(t->strs);
	ydoc_free(t->doc);
	free(t->by_id);
	free(t);
}

/* The phrasing of q's `ask` for the why at level: a list is used in turn. */
const struct text *
question_ask(const struct question *q, unsigned level)
{
	if (q->x->nasks == 0)
		return &q->ask;
	return &q->x->asks[(level > 0 ? level - 1 : 0) % q->x->nasks];
}

/* True when q or its section is private: tree_load makes the questions
 * of a private section private. */
bool
question_private(const struct question *q)
{
	return q->private;
}

/* The section q is in. */
struct section *
question_section(const struct tree *t, const struct question *q)
{
	return t->sections[q->section_index];
}
