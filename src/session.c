/* session.c: a stored session brought back: row, tree, engine. */
#include "config.h"

#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "i18n.h"
#include "tree-pack.h"
#include "tree-path.h"
#include "util.h"
#include "ydoc.h"

/* The copy of the session's tree kept under its SHA-256: its source and
 * its model, read at most once a load. */
struct kept {
	char *src, *model;
	size_t len, model_len;
	bool read;		/* asked for already */
	/* A tree read from the source because the model was missing or
	 * unreadable (borrowed): its model is kept once the load is read. */
	struct tree *rebuilt;
};

/* True when the kept copy is there (read the first time). */
static bool
kept_read(const struct session *ss, struct store *s, struct kept *k)
{
	if (!k->read && ss->row.tree_sha256 != NULL)
		store_tree_kept(s, ss->row.tree_sha256, TREE_PACK_FORMAT, &k->src,
		    &k->len, &k->model, &k->model_len);
	k->read = true;
	return k->src != NULL;
}

static void
kept_clear(struct kept *k)
{
	free(k->src);
	free(k->model);
	memset(k, 0, sizeof *k);
}

/* The tree of the kept copy, read as if from path: from its model, else
 * from its source. It passed check when it was kept, so it is only read
 * again (engine_new still refuses a condition that does not compile). */
static struct tree *
tree_of_kept(struct kept *k, const char *path)
{
	struct diags d = { 0 };
	struct tree *t = tree_unpack(path, k->model, k->model_len, k->src, k->len);

	if (t != NULL)
		return t;
	t = tree_load_mem(path, k->src, k->len, &d);
	if (t != NULL && d.nerrors > 0) {
		tree_free(t);
		t = NULL;
	}
	diags_free(&d);
	k->rebuilt = t;
	return t;
}

/* True when path is a file holding the tree t was kept from (the same
 * bytes), or another version of it (a tree of the same id): then t's
 * folder is where its brief: template and catalogs are. A session from
 * elsewhere names a path of another machine, which here may be any
 * folder: a kept copy read from there would bring its files into a
 * brief. */
static bool
kept_at(const struct tree *t, const struct kept *k, const char *path)
{
	struct diags d = { 0 };
	struct tree *there;
	char *bytes;
	size_t len = 0;
	bool same;

	if (path == NULL || path[0] != '/' || (bytes = ydoc_read(path, &len, &d)) == NULL) {
		diags_free(&d);
		return false;
	}
	same = len == k->len && memcmp(bytes, k->src, len) == 0;
	if (!same && (there = tree_load_mem(path, bytes, len, &d)) != NULL) {
		same = d.nerrors == 0 && t->id.s != NULL && there->id.s != NULL &&
		    strcmp(t->id.s, there->id.s) == 0;
		tree_free(there);
	}
	diags_free(&d);
	free(bytes);
	return same;
}

/* The tree of the kept copy, its folder forgotten unless the file at its
 * path is that tree (kept_at). */
static struct tree *
tree_of_kept_at(const struct session *ss, struct kept *k)
{
	const char *path = ss->row.tree_path;
	struct tree *t = tree_of_kept(k, path);

	if (t != NULL && !kept_at(t, k, path)) {
		free(t->dir);
		t->dir = NULL;
	}
	return t;
}

/* The first error of d, in the order of the file, as a line (owned), or
 * NULL when it has none. */
static char *
first_error(struct diags *d)
{
	size_t i;

	diags_sort(d);
	for (i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR)
			return diag_format(&d->v[i]);
	return NULL;
}

/* The tree in the session's file, checked, or NULL when it has errors or
 * no file is recorded. A file that is gone is looked for by the tree's id
 * where `whyline run ID` finds trees (a tree installed elsewhere since).
 * A file that is still the one the session began with (the same bytes as
 * the kept copy, which costs less to compare than to hash, else the same
 * SHA-256) passed check then, as a kept copy did: it is only read again,
 * from the kept copy's model when its bytes are the copy's. */
static struct tree *
tree_file(struct session *ss, struct store *s, struct kept *k)
{
	const char *sha = ss->row.tree_sha256;
	struct diags d = { 0 };
	struct tree *t = NULL;
	char *found = NULL, *bytes = NULL;
	const char *path;
	size_t len = 0;

	if (ss->row.tree_path != NULL && access(ss->row.tree_path, F_OK) != 0 &&
	    ss->row.tree_id != NULL)
		found = tree_path_find_default(ss->row.tree_id);
	path = found != NULL ? found : ss->row.tree_path;
	if (path != NULL)
		bytes = ydoc_read(path, &len, &d);
	if (bytes != NULL && kept_read(ss, s, k) && k->len == len &&
	    memcmp(k->src, bytes, len) == 0) {
		t = tree_of_kept(k, path);
		if (t != NULL)
			tree_source_is(t, k->src, k->len, sha);
	} else if (bytes != NULL) {
		t = tree_load_mem(path, bytes, len, &d);
		if (t != NULL && d.nerrors == 0 &&
		    (sha == NULL || strcmp(tree_sha256(t), sha) != 0))
			check_tree(t, false, &d);
		if (t != NULL && d.nerrors > 0) {
			tree_free(t);
			t = NULL;
		}
	}
	if (t == NULL && ss->file_error == NULL)
		ss->file_error = first_error(&d);
	diags_free(&d);
	free(bytes);
	free(found);
	return t;
}

/* Counts a stored row that no longer fits the tree, and names its
 * question once in ss->aside_questions. */
static void
set_aside(struct session *ss, const char *question)
{
	size_t n = strlen(question);
	const char *at = ss->aside_questions.s;

	ss->aside++;
	/* A row from elsewhere may hold anything: an empty id is counted,
	 * not named (strstr would find it everywhere). */
	if (n == 0)
		return;
	while (at != NULL && (at = strstr(at, question)) != NULL) {
		if ((at == ss->aside_questions.s || at[-1] == ' ') && (at[n] == ',' || at[n] == '\0'))
			return;
		at += n;
	}
	if (ss->aside_questions.len > 0)
		buf_puts(&ss->aside_questions, ", ");
	buf_puts(&ss->aside_questions, question);
}

/* The copy of the tree kept under the session's SHA-256, or NULL. */
static struct tree *
tree_kept(struct session *ss, struct store *s, struct kept *k)
{
	if (ss->row.tree_path == NULL || !kept_read(ss, s, k))
		return NULL;
	return tree_of_kept_at(ss, k);
}

/* Keeps the model of a tree read from its kept source because its model
 * was missing or unreadable, when the store is open for writing (a
 * command that only reads writes nothing). Failing costs nothing but
 * time: the next load reads the source again. */
static void
kept_model_keep(const struct session *ss, struct store *s, const struct kept *k)
{
	struct buf b = { 0 };

	if (k->rebuilt != NULL && ss->row.tree_sha256 != NULL &&
	    store_writable(s) && tree_pack(k->rebuilt, &b))
		store_tree_model_keep(s, ss->row.tree_sha256, TREE_PACK_FORMAT, b.s,
		    b.len);
	buf_free(&b);
}

/* The session's tree as the store keeps it, with its model made in
 * model (the caller frees it). */
void
session_tree_copy(const struct session *ss, struct buf *model,
    struct store_tree *out)
{
	memset(out, 0, sizeof *out);
	out->src = tree_source(ss->tree, &out->len);
	if (out->src != NULL && tree_pack(ss->tree, model)) {
		out->model = model->s;
		out->model_len = model->len;
		out->format = TREE_PACK_FORMAT;
	}
}

/* A tree kept in a session_trees, and the engine that compiled its
 * conditions (made when a session first needs it). */
struct shared_tree {
	char *key;
	struct tree *tree;
	struct engine *model;
	/* The language and folder last found to have no catalog for the
	 * tree (NULL: none yet): the sessions after it look no more. */
	char *no_cat_lang, *no_cat_dir;
};

/* The kept tree, from ss->trees when it was read already, else read and
 * added there. */
static struct tree *
tree_kept_shared(struct session *ss, struct store *s, struct kept *k)
{
	struct session_trees *st = ss->trees;
	struct shared_tree *e;
	struct tree *t;
	char *key;

	if (st == NULL || ss->row.tree_sha256 == NULL || ss->row.tree_path == NULL)
		return tree_kept(ss, s, k);
	key = xasprintf("%s\n%s", ss->row.tree_sha256, ss->row.tree_path);
	e = hmap_get(&st->by_key, key);
	if (e == NULL && (t = tree_kept(ss, s, k)) != NULL) {
		e = xcalloc(1, sizeof *e);
		e->key = key;
		e->tree = t;
		xgrow(&st->v, &st->cap, st->n + 1, sizeof *st->v);
		st->v[st->n++] = e;
		hmap_put(&st->by_key, key, e);
		key = NULL;
	}
	free(key);
	ss->shared = e;
	return e != NULL ? e->tree : NULL;
}

/* The session's engine: one that borrows the conditions of its shared
 * tree's model, else its own. */
static struct engine *
session_engine(struct session *ss, char **err)
{
	struct shared_tree *e = ss->shared;

	if (e == NULL)
		return engine_new(ss->tree, &ss->al, err);
	if (e->model == NULL && (e->model = engine_new(e->tree, NULL, err)) == NULL)
		return NULL;
	return engine_new_like(e->model, &ss->al);
}

/* Frees the trees kept in st. */
void
session_trees_free(struct session_trees *st)
{
	struct shared_tree *e;

	hmap_free(&st->by_key);
	while (st->n > 0) {
		e = st->v[--st->n];
		engine_free(e->model);
		tree_free(e->tree);
		free(e->no_cat_lang);
		free(e->no_cat_dir);
		free(e->key);
		free(e);
	}
	free(st->v);
	memset(st, 0, sizeof *st);
}

/* True when t is not the tree the session's answers were given to. */
static bool
tree_differs(const struct session *ss, struct tree *t)
{
	return ss->row.tree_sha256 == NULL || strcmp(tree_sha256(t), ss->row.tree_sha256) != 0;
}

/* Chooses the tree: the kept copy or the file, falling back on the other. */
static bool
session_tree(struct session *ss, struct store *s, enum session_tree which,
    struct kept *k)
{
	struct tree *file = NULL;

	if (which == SESSION_TREE_FILE) {
		file = tree_file(ss, s, k);
		if (file != NULL) {
			ss->changed = tree_differs(ss, file);
			ss->tree = file;
			return true;
		}
		ss->from_copy = true;
	}
	ss->tree = tree_kept_shared(ss, s, k);
	if (ss->tree == NULL && which == SESSION_TREE_KEPT) {
		ss->tree = tree_file(ss, s, k);
		ss->changed = ss->tree != NULL && tree_differs(ss, ss->tree);
	}
	return ss->tree != NULL;
}

/* Puts back one chain. */
static void
restore_chain(void *arg, const struct chain_row *r)
{
	struct session *ss = arg;

	if (!r->dropped && !engine_restore_chain(ss->engine, r->question, r->chain,
	    r->parent_chain, r->parent_rung, r->stop, r->goal))
		set_aside(ss, r->question);
}

/* Puts back one current answer. */
static void
restore_answer(struct session *ss, const struct answer_row *r)
{
	if (!engine_restore_answer(ss->engine, r->question, r->chain, r->rung,
	    r->value, r->reason))
		set_aside(ss, r->question);
}

/* The tree's file as recorded, for messages. */
const char *
session_tree_name(const struct session *ss)
{
	return ss->row.tree_path != NULL ? ss->row.tree_path : _("(no tree file recorded)");
}

/* Switches the tree's strings to ll. */
void
session_set_lang(struct session *ss, const char *ll, const char *locale_dir)
{
	char *copy = xstrdup_null(ll);	/* ll may be ss->lang itself */

	free(ss->lang);
	ss->lang = copy;
	tree_cat_open(&ss->cat, ss->tree, locale_dir, copy);
	ss->al.tr = tree_cat_tr;
	ss->al.arg = &ss->cat;
}

/* Loads a session. */
enum session_status
session_load(struct session *ss, struct store *s, const char *prefix,
    enum session_tree which, const char *lang, const char *locale_dir, char **err)
{
	return session_load_shared(ss, s, prefix, which, lang, locale_dir, NULL,
	    err);
}

/* True when a and b are the same string, or both NULL. */
static bool
same_str(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* session_set_lang, but a tree shared with sessions loaded before asks
 * the folders again only for another language: a session of an export
 * of thousands looked for the same missing catalog each time. */
static void
session_lang_shared(struct session *ss, const char *ll, const char *locale_dir)
{
	struct shared_tree *e = ss->shared;

	if (e != NULL && e->no_cat_lang != NULL && ll != NULL &&
	    strcmp(e->no_cat_lang, ll) == 0 && same_str(e->no_cat_dir, locale_dir)) {
		ss->lang = xstrdup(ll);
		ss->al.tr = tree_cat_tr;
		ss->al.arg = &ss->cat;
		return;
	}
	session_set_lang(ss, ll, locale_dir);
	if (e != NULL && ll != NULL && ss->cat.cat[0] == NULL && ss->cat.cat[1] == NULL) {
		free(e->no_cat_lang);
		free(e->no_cat_dir);
		e->no_cat_lang = xstrdup(ll);
		e->no_cat_dir = xstrdup_null(locale_dir);
	}
}

/* Loads a session, its kept tree from trees when there. */
static enum session_status
load(struct session *ss, struct store *s, const char *prefix,
    enum session_tree which, const char *lang, const char *locale_dir,
    struct session_trees *trees, struct kept *k, char **err)
{
	size_t i;

	memset(ss, 0, sizeof *ss);
	ss->trees = trees;
	switch (store_session_find(s, prefix, &ss->row)) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
	case STORE_AMBIGUOUS:
		*err = xstrdup(store_error(s));
		return SESSION_NOT_FOUND;
	default:
		*err = xstrdup(store_error(s));
		return SESSION_STORAGE;
	}
	if (!session_tree(ss, s, which, k)) {
		*err = xasprintf(_("%s: the tree cannot be read, and no usable copy was kept"),
		    session_tree_name(ss));
		return SESSION_BAD_TREE;
	}
	session_lang_shared(ss, lang != NULL ? lang : ss->row.language, locale_dir);
	ss->engine = session_engine(ss, err);
	if (ss->engine == NULL)
		return SESSION_BAD_TREE;
	if (store_chains(s, ss->row.id, restore_chain, ss) != STORE_OK ||
	    store_answers_read(s, ss->row.id, false, &ss->answers) != STORE_OK) {
		*err = xstrdup(store_error(s));
		return SESSION_STORAGE;
	}
	for (i = 0; i < ss->answers.n; i++)
		if (ss->answers.v[i]->superseded_at == NULL)
			restore_answer(ss, ss->answers.v[i]);
	engine_restore_done(ss->engine);
	return SESSION_OK;
}

/* Loads a session, its kept tree from trees when there, reading in one
 * transaction. */
enum session_status
session_load_shared(struct session *ss, struct store *s, const char *prefix,
    enum session_tree which, const char *lang, const char *locale_dir,
    struct session_trees *trees, char **err)
{
	bool began = store_read_begin(s);
	enum session_status st;
	struct kept k = { 0 };

	st = load(ss, s, prefix, which, lang, locale_dir, trees, &k, err);
	store_read_end(s, began);
	/* Written once the reading is over, not to turn it into a write. */
	kept_model_keep(ss, s, &k);
	kept_clear(&k);
	return st;
}

/* Frees what the session holds. */
void
session_clear(struct session *ss)
{
	engine_free(ss->engine);
	if (ss->shared == NULL)
		tree_free(ss->tree);
	tree_cat_clear(&ss->cat);
	free(ss->lang);
	session_row_clear(&ss->row);
	answer_rows_free(&ss->answers);
	free(ss->file_error);
	buf_free(&ss->aside_questions);
	memset(ss, 0, sizeof *ss);
}
