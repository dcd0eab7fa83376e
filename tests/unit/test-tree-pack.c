/* test-tree-pack.c: a tree's compiled model (tree-pack.h). Every tree of
 * interviews/ and tests/ that loads without errors packs, unpacks to the
 * same tree, every field and place compared, and packs again to the same
 * bytes; a model cut short, changed a byte at a time, of another version
 * or for other source bytes gives NULL or a whole tree, never a crash (the
 * sanitizer build runs this too). */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "tree-pack.h"
#include "tree.h"
#include "util.h"

/* ---- the comparison, every field ---- */

static void
same_mark(struct mark a, struct mark b)
{
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.col, b.col);
}

static void
same_text(const struct text *a, const struct text *b)
{
	if (a->s == NULL)
		assert_null(b->s);
	else {
		assert_non_null(b->s);
		assert_string_equal(a->s, b->s);
	}
	same_mark(a->mark, b->mark);
}

static void
same_texts(const struct text *a, size_t na, const struct text *b, size_t nb)
{
	size_t i;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		same_text(&a[i], &b[i]);
}

/* The index of q, or -1 for none: pointers compare across trees so. */
static long
qindex(const struct question *q)
{
	return q == NULL ? -1 : (long)q->index;
}

static void
same_extra(const struct question_extra *a, const struct question_extra *b)
{
	size_t i, j;

	same_text(&a->def, &b->def);
	same_mark(a->type_mark, b->type_mark);
	same_text(&a->validate, &b->validate);
	same_text(&a->invalid, &b->invalid);
	same_text(&a->from, &b->from);
	same_text(&a->goal, &b->goal);
	same_text(&a->label, &b->label);
	same_text(&a->unit, &b->unit);
	same_text(&a->corrects, &b->corrects);
	assert_int_equal(a->nlabels, b->nlabels);
	for (i = 0; i < a->nlabels; i++) {
		assert_int_equal(a->labels[i].value, b->labels[i].value);
		same_text(&a->labels[i].label, &b->labels[i].label);
	}
	same_texts(a->asks, a->nasks, b->asks, b->nasks);
	same_texts(a->means, a->nmeans, b->means, b->nmeans);
	assert_int_equal(a->nfollow_ups, b->nfollow_ups);
	for (i = 0; i < a->nfollow_ups; i++) {
		const struct follow_up *fa = &a->follow_ups[i], *fb = &b->follow_ups[i];

		same_text(&fa->value, &fb->value);
		assert_int_equal(fa->n, fb->n);
		for (j = 0; j < fa->n; j++)
			assert_int_equal(qindex(fa->questions[j]), qindex(fb->questions[j]));
		assert_null(fb->questions[fb->n]);
	}
	assert_int_equal(qindex(a->from_q), qindex(b->from_q));
	assert_int_equal(qindex(a->corrects_q), qindex(b->corrects_q));
}

static void
same_question(const struct question *a, const struct question *b)
{
	size_t i;

	same_text(&a->id, &b->id);
	same_text(&a->ask, &b->ask);
	same_text(&a->tx->help, &b->tx->help);
	same_text(&a->tx->when, &b->tx->when);
	assert_int_equal(a->tx == &question_no_texts, b->tx == &question_no_texts);
	same_mark(a->mark, b->mark);
	assert_int_equal(a->vals->nchoices, b->vals->nchoices);
	for (i = 0; i < a->vals->nchoices; i++) {
		same_text(&a->vals->choices[i].value, &b->vals->choices[i].value);
		same_text(&a->vals->choices[i].label, &b->vals->choices[i].label);
	}
	assert_true(a->vals->min == b->vals->min);
	assert_true(a->vals->max == b->vals->max);
	same_mark(a->vals->min_mark, b->vals->min_mark);
	same_mark(a->vals->max_mark, b->vals->max_mark);
	same_extra(a->x, b->x);
	assert_int_equal(a->section_index, b->section_index);
	assert_int_equal(a->index, b->index);
	assert_int_equal(a->depth, b->depth);
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->required, b->required);
	assert_int_equal(a->in_brief, b->in_brief);
	assert_int_equal(a->craft, b->craft);
	assert_int_equal(a->has_min, b->has_min);
	assert_int_equal(a->has_max, b->has_max);
	assert_int_equal(a->integer, b->integer);
	assert_int_equal(a->summary, b->summary);
	assert_int_equal(a->private, b->private);
	assert_int_equal(a->carry, b->carry);
	assert_int_equal(a->carry_set, b->carry_set);
}

static void
same_section(const struct section *a, const struct section *b)
{
	size_t i;

	same_text(&a->id, &b->id);
	same_text(&a->title, &b->title);
	same_text(&a->when, &b->when);
	same_mark(a->mark, b->mark);
	assert_int_equal(a->minutes, b->minutes);
	assert_int_equal(a->private, b->private);
	assert_int_equal(a->carry, b->carry);
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++)
		assert_int_equal(qindex(a->questions[i]), qindex(b->questions[i]));
	assert_null(b->questions[b->n]);
	assert_int_equal(a->index, b->index);
	assert_int_equal(a->first, b->first);
	assert_int_equal(a->end, b->end);
}

/* a and b are the same tree: every field, every place, the same source. */
static void
same_tree(struct tree *a, struct tree *b)
{
	const char *sa, *sb;
	size_t i, la, lb;

	assert_string_equal(a->path, b->path);
	assert_string_equal(a->dir, b->dir);
	assert_int_equal(a->format, b->format);
	same_text(&a->id, &b->id);
	same_text(&a->title, &b->title);
	same_text(&a->version, &b->version);
	same_text(&a->language, &b->language);
	same_text(&a->domain, &b->domain);
	same_text(&a->intro, &b->intro);
	same_text(&a->brief, &b->brief);
	assert_int_equal(a->nflags, b->nflags);
	for (i = 0; i < a->nflags; i++) {
		same_text(&a->flags[i].when, &b->flags[i].when);
		same_text(&a->flags[i].say, &b->flags[i].say);
		assert_int_equal(a->flags[i].level, b->flags[i].level);
		assert_int_equal(a->flags[i].index, b->flags[i].index);
	}
	assert_int_equal(a->nsections, b->nsections);
	for (i = 0; i < a->nsections; i++)
		same_section(a->sections[i], b->sections[i]);
	assert_int_equal(a->nall, b->nall);
	for (i = 0; i < a->nall; i++) {
		same_question(a->all[i], b->all[i]);
		/* The index of ids finds the same first question. */
		assert_int_equal(qindex(tree_question(a, a->all[i]->id.s)),
		    qindex(tree_question(b, b->all[i]->id.s)));
	}
	assert_null(tree_question(b, "no_such_question"));
	sa = tree_source(a, &la);
	sb = tree_source(b, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(sa, sb, la);
	assert_string_equal(tree_sha256(a), tree_sha256(b));
}

/* ---- the trees ---- */

struct trees {
	char **paths;
	size_t n, cap;
};

/* Adds the .yaml files under dir, in every folder below it. */
static void
find_yaml(struct trees *tr, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		size_t len = strlen(e->d_name);
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			find_yaml(tr, path);
		else if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0) {
			xgrow(&tr->paths, &tr->cap, tr->n + 1, sizeof *tr->paths);
			tr->paths[tr->n++] = path;
			path = NULL;
		}
		free(path);
	}
	closedir(d);
}

/* The trees of interviews/ and tests/ that load without errors. */
static int
setup(void **state)
{
	const char *top = getenv("top_srcdir");
	struct trees *tr = xcalloc(1, sizeof *tr), all = { 0 };
	char *dir;
	size_t i;

	if (top == NULL)
		top = ".";
	dir = xasprintf("%s/interviews", top);
	find_yaml(&all, dir);
	free(dir);
	dir = xasprintf("%s/tests", top);
	find_yaml(&all, dir);
	free(dir);
	for (i = 0; i < all.n; i++) {
		struct diags d = { 0 };
		struct tree *t = tree_load(all.paths[i], &d);

		if (t != NULL && d.nerrors == 0) {
			xgrow(&tr->paths, &tr->cap, tr->n + 1, sizeof *tr->paths);
			tr->paths[tr->n++] = all.paths[i];
		} else {
			free(all.paths[i]);
		}
		tree_free(t);
		diags_free(&d);
	}
	free(all.paths);
	*state = tr;
	return 0;
}

static int
teardown(void **state)
{
	struct trees *tr = *state;

	while (tr->n > 0)
		free(tr->paths[--tr->n]);
	free(tr->paths);
	free(tr);
	return 0;
}

/* The tree at path, loaded without errors. */
static struct tree *
load(const char *path)
{
	struct diags d = { 0 };
	struct tree *t = tree_load(path, &d);

	assert_non_null(t);
	assert_int_equal(d.nerrors, 0);
	diags_free(&d);
	return t;
}

/* t's model, which must be made. */
static void
pack(const struct tree *t, struct buf *b)
{
	buf_reset(b);
	assert_true(tree_pack(t, b));
	assert_true(b->len > 8);
}

/* The tree of model b for t's source, or NULL. */
static struct tree *
unpack(struct tree *t, const char *blob, size_t len)
{
	size_t srclen;
	const char *src = tree_source(t, &srclen);

	return tree_unpack(t->path, blob, len, src, srclen);
}

/* Every tree packs, unpacks to itself and packs again to the same bytes. */
static void
test_every_tree(void **state)
{
	struct trees *tr = *state;
	struct buf a = { 0 }, b = { 0 };
	size_t i, nfollow = 0, nextra = 0;

	/* Not a test that passes on nothing: the trees are there. */
	assert_true(tr->n >= 20);
	for (i = 0; i < tr->n; i++) {
		struct tree *t = load(tr->paths[i]), *u;
		size_t k;

		pack(t, &a);
		u = unpack(t, a.s, a.len);
		assert_non_null(u);
		same_tree(t, u);
		pack(u, &b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.s, b.s, a.len);
		for (k = 0; k < t->nall; k++) {
			nfollow += t->all[k]->x->nfollow_ups;
			nextra += t->all[k]->x != &question_no_extra;
		}
		tree_free(u);
		tree_free(t);
	}
	/* The rare parts were there to compare. */
	assert_true(nfollow > 0);
	assert_true(nextra > 10);
	buf_free(&a);
	buf_free(&b);
}

/* u, unpacked from a damaged model, is a whole tree: every question is
 * where its index says, ids are found, and it packs to a model that gives
 * the same tree back. */
static void
whole_tree(struct tree *u)
{
	struct buf b = { 0 };
	struct tree *v;
	size_t i;

	for (i = 0; i < u->nall; i++) {
		assert_int_equal(u->all[i]->index, i);
		assert_true(u->all[i]->section_index < u->nsections);
		assert_true(question_section(u, u->all[i])->first <= i);
		assert_true(question_section(u, u->all[i])->end > i);
		assert_non_null(tree_question(u, u->all[i]->id.s));
	}
	pack(u, &b);
	v = unpack(u, b.s, b.len);
	assert_non_null(v);
	same_tree(u, v);
	tree_free(v);
	buf_free(&b);
}

/* A model cut anywhere gives NULL; a byte changed gives NULL or a whole
 * tree. Every byte of the smaller models, a sample of the largest. */
static void
test_damage(void **state)
{
	static const unsigned char flips[] = { 0x01, 0x80, 0xff, 0x7f };
	struct trees *tr = *state;
	struct buf a = { 0 };
	size_t i, k, f, whole = 0, refused = 0;

	for (i = 0; i < tr->n; i++) {
		struct tree *t = load(tr->paths[i]), *u;
		size_t step;
		char *copy;

		pack(t, &a);
		for (k = 0; k < a.len; k++)
			assert_null(unpack(t, a.s, k));
		step = a.len / 400 + 1;
		copy = xmalloc(a.len);
		for (k = i % step; k < a.len; k += step)
			for (f = 0; f < sizeof flips; f++) {
				memcpy(copy, a.s, a.len);
				copy[k] = (char)(copy[k] ^ flips[f]);
				u = unpack(t, copy, a.len);
				if (u == NULL) {
					refused++;
					continue;
				}
				whole++;
				whole_tree(u);
				tree_free(u);
			}
		free(copy);
		tree_free(t);
	}
	/* Both kinds of change were met: places, and what is refused. */
	assert_true(whole > 0);
	assert_true(refused > 0);
	buf_free(&a);
}

/* Another version, layout or source, or no model at all, gives NULL. */
static void
test_not_this_model(void **state)
{
	struct trees *tr = *state;
	struct tree *t = load(tr->paths[0]), *u;
	struct buf a = { 0 };
	size_t srclen, vlen = strlen(PACKAGE_VERSION);
	const char *src = tree_source(t, &srclen);
	char *copy, *other;

	pack(t, &a);
	copy = xmalloc(a.len + 1);
	memcpy(copy, a.s, a.len);
	assert_null(tree_unpack(t->path, NULL, 0, src, srclen));
	assert_null(tree_unpack(t->path, "", 0, src, srclen));
	/* Another source: shorter, or as long with a byte changed. */
	assert_null(tree_unpack(t->path, a.s, a.len, src, srclen - 1));
	other = xstrndup(src, srclen);
	other[srclen / 2] = (char)(other[srclen / 2] ^ 1);
	assert_null(tree_unpack(t->path, a.s, a.len, other, srclen));
	free(other);
	/* Another layout (the byte after the magic). */
	copy[4] = TREE_PACK_FORMAT + 1;
	assert_null(tree_unpack(t->path, copy, a.len, src, srclen));
	copy[4] = TREE_PACK_FORMAT;
	/* Another version: its last character changed. */
	copy[5 + vlen] = (char)(copy[5 + vlen] ^ 1);
	assert_null(tree_unpack(t->path, copy, a.len, src, srclen));
	copy[5 + vlen] = (char)(copy[5 + vlen] ^ 1);
	/* The header is found whatever source it names (as the fuzzer
	 * uses it), and nowhere else. */
	assert_true(tree_pack_header_len(a.s, a.len) > 4 + vlen);
	assert_true(tree_pack_header_len(a.s, a.len) < a.len);
	assert_int_equal(tree_pack_header_len(a.s, 4), 0);
	assert_int_equal(tree_pack_header_len("garbage", 7), 0);
	assert_int_equal(tree_pack_header_len(NULL, 0), 0);
	/* A byte too many. */
	copy[a.len] = 0;
	assert_null(tree_unpack(t->path, copy, a.len + 1, src, srclen));
	/* And the model as it was still gives the tree. */
	u = tree_unpack(t->path, copy, a.len, src, srclen);
	assert_non_null(u);
	same_tree(t, u);
	tree_free(u);
	free(copy);
	buf_free(&a);
	tree_free(t);
}

/* A tree tree_load could not have built without errors (here, a question
 * out of its place) makes no model, nor does one without its source. */
static void
test_no_model_of_a_broken_tree(void **state)
{
	static const char yaml[] = "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n      - {id: a, ask: A?}\n      - 7\n";
	struct diags d = { 0 };
	struct tree *t = tree_load_mem("t.yaml", yaml, sizeof yaml - 1, &d);
	struct buf b = { 0 };

	(void)state;
	assert_non_null(t);
	assert_true(d.nerrors > 0);
	/* The model would hold what was read; the tree had its place. */
	t->all[0]->index = 1;
	assert_false(tree_pack(t, &b));
	assert_int_equal(b.len, 0);
	tree_free(t);
	/* Nor does a tree that kept no source. */
	t = tree_load_model_mem("t.yaml", yaml, 41, &d);
	assert_non_null(t);
	assert_false(tree_pack(t, &b));
	tree_free(t);
	diags_free(&d);
}

/* A min or max of 0 whose place is not known (a model read from a
 * database holds one) still packs as a range: has_min without its range
 * would be refused when the model is read (fuzz-model found it). */
static void
test_zero_range(void **state)
{
	static const char yaml[] = "whyline: 1\nid: t\ntitle: T\nsections:\n"
	    "  - title: A\n    questions:\n      - {id: n, type: number, ask: How many?, min: 3}\n";
	struct diags d = { 0 };
	struct tree *t = tree_load_mem("t.yaml", yaml, sizeof yaml - 1, &d), *u;
	struct buf b = { 0 };

	(void)state;
	assert_non_null(t);
	assert_int_equal(d.nerrors, 0);
	assert_true(t->all[0]->has_min);
	t->all[0]->vals->min = 0;
	t->all[0]->vals->min_mark = (struct mark){ 0, 0 };
	pack(t, &b);
	u = unpack(t, b.s, b.len);
	assert_non_null(u);
	assert_true(u->all[0]->has_min);
	assert_true(u->all[0]->vals->min == 0);
	tree_free(u);
	tree_free(t);
	buf_free(&b);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_tree),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_not_this_model),
		cmocka_unit_test(test_no_model_of_a_broken_tree),
		cmocka_unit_test(test_zero_range),
	};

	return cmocka_run_group_tests_name("tree-pack", tests, setup, teardown);
}
