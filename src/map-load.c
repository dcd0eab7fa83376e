/* map-load.c: a stored session's ladders added to a map, each rung with
 * its code (see map-load.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "hmap.h"
#include "map-load.h"
#include "store-codes.h"
#include "util.h"

/* A rung's code as chosen. */
struct rung_code {
	char *question;
	int chain, rung;
	char *code, *value, *coded_at;
};

struct code_list {
	const char *coder;
	char *session;		/* in a loader: the session, the map's key */
	struct rung_code *v;
	size_t n, cap;
};

/* Keeps a stored code when it is the coder's (any coder's when none is
 * asked for: the code given last to a rung wins). */
static void
keep(void *arg, const struct code_row *c)
{
	struct code_list *l = arg;
	struct rung_code *r = NULL;
	size_t i;

	if (l->coder != NULL && strcmp(l->coder, c->coder) != 0)
		return;
	for (i = 0; i < l->n; i++)
		if (l->v[i].chain == c->chain && l->v[i].rung == c->rung &&
		    strcmp(l->v[i].question, c->question) == 0)
			r = &l->v[i];
	if (r == NULL) {
		xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
		r = &l->v[l->n++];
		r->question = xstrdup(c->question);
		r->chain = c->chain;
		r->rung = c->rung;
	} else if (strcmp(c->coded_at, r->coded_at) < 0) {
		return;		/* the codes of all sessions come in any order */
	} else {
		free(r->code);
		free(r->value);
		free(r->coded_at);
	}
	r->code = xstrdup(c->code);
	r->value = xstrdup(c->value);
	r->coded_at = xstrdup(c->coded_at);
}

/* The code of a rung whose text is text, or NULL. */
static const char *
lookup(const struct code_list *l, const char *q, int chain, int rung,
    const char *text)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].chain == chain && l->v[i].rung == rung &&
		    strcmp(l->v[i].question, q) == 0)
			return strcmp(l->v[i].value, text) == 0 ? l->v[i].code : NULL;
	return NULL;
}

/* Appends to steps the path down to level upto of chain k. */
static void
chain_steps(const struct rung_ladder *l, const struct code_list *cl, size_t k,
    unsigned upto, struct map_step **steps, size_t *n, size_t *cap,
    unsigned depth)
{
	const struct rung_chain *c = &l->chains[k];
	size_t j;

	if (c->parent_chain < 0 || (size_t)c->parent_chain >= l->nchains ||
	    depth > 64) {
		xgrow(steps, cap, *n + 1, sizeof **steps);
		(*steps)[(*n)++] = (struct map_step){
			lookup(cl, l->question, 0, 0, l->request), l->request };
	} else {
		chain_steps(l, cl, (size_t)c->parent_chain,
		    (unsigned)c->parent_rung, steps, n, cap, depth + 1);
	}
	for (j = 0; j < c->nrungs && c->first_level + j <= upto; j++) {
		const char *text = c->rungs[j] != NULL ? c->rungs[j] : "";

		xgrow(steps, cap, *n + 1, sizeof **steps);
		(*steps)[(*n)++] = (struct map_step){ lookup(cl, l->question, (int)k,
		    (int)(c->first_level + j), text), text };
	}
}

/* Adds the ladders l (n of them) of session sid to m, codes from cl. */
static void
add_ladders(struct map *m, const char *sid, const char *client,
    const struct rung_ladder *l, size_t n, const struct code_list *cl)
{
	struct map_path *paths;
	size_t i, k, np, cap;

	for (i = 0; i < n; i++) {
		paths = xcalloc(l[i].nchains + 1, sizeof *paths);
		for (k = 0, np = 0; k < l[i].nchains; k++) {
			struct map_step *steps = NULL;
			size_t ns = 0;

			if (l[i].chains[k].dropped)
				continue;
			cap = 0;
			chain_steps(&l[i], cl, k, (unsigned)-1, &steps, &ns, &cap, 0);
			paths[np++] = (struct map_path){ steps, ns,
			    l[i].chains[k].stop != NULL &&
			    strcmp(l[i].chains[k].stop, "goal") == 0 };
		}
		map_add_ladder(m, sid, client, paths, np);
		for (k = 0; k < np; k++)
			free((void *)paths[k].steps);
		free(paths);
	}
}

/* Frees a list of codes. */
static void
code_list_clear(struct code_list *cl)
{
	size_t i;

	for (i = 0; i < cl->n; i++) {
		free(cl->v[i].question);
		free(cl->v[i].code);
		free(cl->v[i].value);
		free(cl->v[i].coded_at);
	}
	free(cl->v);
	cl->v = NULL;
	cl->n = cl->cap = 0;
}

/* Adds every ladder of ss to m. */
bool
map_add_session(struct map *m, struct store *s, struct session *ss,
    const char *coder, char **err)
{
	struct code_list cl = { .coder = coder };
	struct rung_ladder *l = NULL;
	size_t n;

	*err = NULL;
	if (store_codes(s, ss->row.id, keep, &cl) != STORE_OK) {
		*err = xstrdup(store_error(s));
		code_list_clear(&cl);
		return false;
	}
	n = rung_ladders(ss, &l);
	add_ladders(m, ss->row.id, ss->row.client, l, n, &cl);
	rung_ladders_free(l, n);
	code_list_clear(&cl);
	return true;
}

/* ---- the loader ---- */

/* A tree read once, and whether its ladders can be read from rows. */
struct loaded_tree {
	char *sha;
	struct tree *tree;	/* NULL: cannot be read from the copy */
	bool plain;		/* every ladder asked whatever the answers */
};

struct map_loader {
	struct store *s;
	const char *coder, *locale_dir;
	struct hmap codes;		/* session id -> struct code_list */
	struct code_list **lists;
	size_t nlists, caplists;
	struct hmap trees;		/* sha256 -> struct loaded_tree */
	struct loaded_tree **tv;
	size_t ntv, captv;
};

/* Files one stored code under its session. */
static void
keep_all(void *arg, const struct code_row *c)
{
	struct map_loader *ml = arg;
	struct code_list *cl = hmap_get(&ml->codes, c->session);

	if (ml->coder != NULL && strcmp(ml->coder, c->coder) != 0)
		return;
	if (cl == NULL) {
		cl = xcalloc(1, sizeof *cl);
		cl->coder = ml->coder;
		cl->session = xstrdup(c->session);
		hmap_put(&ml->codes, cl->session, cl);
		xgrow(&ml->lists, &ml->caplists, ml->nlists + 1, sizeof *ml->lists);
		ml->lists[ml->nlists++] = cl;
	}
	keep(cl, c);
}

struct map_loader *
map_loader_new(struct store *s, const char *coder, const char *locale_dir,
    char **err)
{
	struct map_loader *ml = xcalloc(1, sizeof *ml);

	*err = NULL;
	ml->s = s;
	ml->coder = coder;
	ml->locale_dir = locale_dir;
	if (store_codes(s, NULL, keep_all, ml) != STORE_OK) {
		*err = xstrdup(store_error(s));
		map_loader_free(ml);
		return NULL;
	}
	return ml;
}

void
map_loader_free(struct map_loader *ml)
{
	size_t i;

	if (ml == NULL)
		return;
	for (i = 0; i < ml->nlists; i++) {
		code_list_clear(ml->lists[i]);
		free(ml->lists[i]->session);
		free(ml->lists[i]);
	}
	free(ml->lists);
	hmap_free(&ml->codes);
	for (i = 0; i < ml->ntv; i++) {
		tree_free(ml->tv[i]->tree);
		free(ml->tv[i]->sha);
		free(ml->tv[i]);
	}
	free(ml->tv);
	hmap_free(&ml->trees);
	free(ml);
}

/* True when q is a follow-up of a question of t. */
static bool
is_follow_up(const struct tree *t, const struct question *q)
{
	size_t i, k, j;

	for (i = 0; i < t->nall; i++)
		for (k = 0; k < t->all[i]->x->nfollow_ups; k++)
			for (j = 0; j < t->all[i]->x->follow_ups[k].n; j++)
				if (t->all[i]->x->follow_ups[k].questions[j] == q)
					return true;
	return false;
}

/* True when every ladder of t is asked whatever the answers, and hangs
 * from a question whose stored value is the text shown. */
static bool
tree_plain(const struct tree *t)
{
	size_t i;

	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];

		if (q->type != QT_LADDER)
			continue;
		if (q->tx->when.s != NULL || question_section(t, q)->when.s != NULL ||
		    is_follow_up(t, q) || (q->x->from_q != NULL &&
		    q->x->from_q->type != QT_TEXT && q->x->from_q->type != QT_PARAGRAPH))
			return false;
	}
	return true;
}

/* The tree kept under sha, read once. */
static struct loaded_tree *
tree_for(struct map_loader *ml, const struct session_row *row)
{
	struct loaded_tree *lt = hmap_get(&ml->trees, row->tree_sha256);
	struct diags d = { 0 };
	char *src = NULL;
	size_t len = 0;

	if (lt != NULL)
		return lt;
	lt = xcalloc(1, sizeof *lt);
	lt->sha = xstrdup(row->tree_sha256);
	if (store_tree_source(ml->s, row->tree_sha256, &src, &len) == STORE_OK)
		lt->tree = tree_load_mem(row->tree_path != NULL ? row->tree_path : "-",
		    src, len, &d);
	if (lt->tree != NULL && d.nerrors > 0) {
		tree_free(lt->tree);
		lt->tree = NULL;
	}
	lt->plain = lt->tree != NULL && tree_plain(lt->tree);
	diags_free(&d);
	free(src);
	hmap_put(&ml->trees, lt->sha, lt);
	xgrow(&ml->tv, &ml->captv, ml->ntv + 1, sizeof *ml->tv);
	ml->tv[ml->ntv++] = lt;
	return lt;
}

/* A session's rows, gathered for its ladders. */
struct rows {
	const struct tree *t;
	struct rung_ladder *l;
	size_t n;
	bool *skipped;
};

/* The ladder of question id, or NULL. */
static struct rung_ladder *
ladder_of(struct rows *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->l[i].question, id) == 0)
			return &r->l[i];
	return NULL;
}

/* Files one live chain under its ladder. */
static void
row_chain(void *arg, const struct chain_row *c)
{
	struct rows *r = arg;
	struct rung_ladder *l = ladder_of(r, c->question);
	struct rung_chain *rc;
	size_t k;

	if (l == NULL || c->dropped || c->chain < 0 || c->chain > 10000)
		return;
	if ((size_t)c->chain >= l->nchains) {
		l->chains = xrealloc(l->chains, ((size_t)c->chain + 1) * sizeof *l->chains);
		for (k = l->nchains; k <= (size_t)c->chain; k++)
			l->chains[k] = (struct rung_chain){ .dropped = true };
		l->nchains = (size_t)c->chain + 1;
	}
	rc = &l->chains[c->chain];
	rc->dropped = false;
	rc->parent_chain = c->parent_chain;
	rc->parent_rung = c->parent_rung;
	rc->first_level = c->parent_chain < 0 ? 1 : (unsigned)c->parent_rung + 1;
	free(rc->stop);
	rc->stop = xstrdup_null(c->stop);
}

/* Files one current answer: a rung, a request, or a skipped ladder. */
static void
row_answer(void *arg, const struct answer_row *a)
{
	struct rows *r = arg;
	struct rung_ladder *l;
	struct rung_chain *rc;
	size_t i, k;

	if (a->chain >= 0) {
		l = ladder_of(r, a->question);
		if (l == NULL || (size_t)a->chain >= l->nchains ||
		    l->chains[a->chain].dropped || a->value == NULL)
			return;
		rc = &l->chains[a->chain];
		if (a->rung < (int)rc->first_level || a->rung > 10000)
			return;
		/* By level: a rung changed with /back comes later in the rows. */
		k = (size_t)a->rung - rc->first_level;
		if (k >= rc->nrungs) {
			rc->rungs = xrealloc(rc->rungs, (k + 2) * sizeof *rc->rungs);
			for (i = rc->nrungs; i <= k + 1; i++)
				rc->rungs[i] = NULL;
			rc->nrungs = k + 1;
		}
		free(rc->rungs[k]);
		rc->rungs[k] = xstrdup(a->value);
		return;
	}
	for (i = 0; i < r->n; i++) {
		const struct question *q = tree_question(r->t, r->l[i].question);

		if (q == NULL)
			continue;
		if (q->x->from_q != NULL && strcmp(q->x->from_q->id.s, a->question) == 0) {
			free(r->l[i].request);
			r->l[i].request = xstrdup(a->value != NULL ? a->value : "");
		}
		if (strcmp(r->l[i].question, a->question) == 0 && a->value == NULL)
			r->skipped[i] = true;
	}
}

/* Adds a session read from its rows. */
static enum session_status
add_plain(struct map_loader *ml, struct map *m, const struct session_row *row,
    const struct tree *t, char **err)
{
	static struct code_list none;
	struct rows r = { t, NULL, 0, NULL };
	struct code_list *cl;
	struct rung_ladder *keep_l;
	size_t i, k, n = 0;
	bool live;

	for (i = 0; i < t->nall; i++)
		if (t->all[i]->type == QT_LADDER)
			r.n++;
	r.l = xcalloc(r.n + 1, sizeof *r.l);
	r.skipped = xcalloc(r.n + 1, sizeof *r.skipped);
	for (i = 0, k = 0; i < t->nall; i++)
		if (t->all[i]->type == QT_LADDER)
			r.l[k++].question = t->all[i]->id.s;
	if (store_chains(ml->s, row->id, row_chain, &r) != STORE_OK ||
	    store_answers(ml->s, row->id, true, row_answer, &r) != STORE_OK) {
		*err = xstrdup(store_error(ml->s));
		rung_ladders_free(r.l, r.n);
		free(r.skipped);
		return SESSION_STORAGE;
	}
	/* Keep the ladders with a live chain that were not skipped. */
	keep_l = xcalloc(r.n + 1, sizeof *keep_l);
	for (i = 0; i < r.n; i++) {
		for (k = 0, live = false; k < r.l[i].nchains; k++)
			live = live || !r.l[i].chains[k].dropped;
		if (live && !r.skipped[i]) {
			if (r.l[i].request == NULL)
				r.l[i].request = xstrdup("");
			keep_l[n++] = r.l[i];
		} else {
			rung_ladder_clear(&r.l[i]);
		}
	}
	free(r.l);
	free(r.skipped);
	cl = hmap_get(&ml->codes, row->id);
	add_ladders(m, row->id, row->client, keep_l, n, cl != NULL ? cl : &none);
	rung_ladders_free(keep_l, n);
	return SESSION_OK;
}

/* Adds one session's ladders. */
enum session_status
map_loader_add(struct map_loader *ml, struct map *m,
    const struct session_row *row, char **err)
{
	struct loaded_tree *lt = NULL;
	struct session ss;
	enum session_status st;

	*err = NULL;
	if (row->tree_sha256 != NULL)
		lt = tree_for(ml, row);
	if (lt != NULL && lt->plain)
		return add_plain(ml, m, row, lt->tree, err);
	st = session_load(&ss, ml->s, row->id, SESSION_TREE_KEPT, NULL,
	    ml->locale_dir, err);
	if (st == SESSION_OK && !map_add_session(m, ml->s, &ss, ml->coder, err))
		st = SESSION_STORAGE;
	session_clear(&ss);
	return st;
}
