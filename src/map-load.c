/* map-load.c: a stored session's ladders added to a map, each rung with
 * its code (see map-load.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "map-load.h"
#include "store-codes.h"
#include "util.h"

/* A rung's code as chosen. */
struct rung_code {
	char *question;
	int chain, rung;
	char *code, *value;
};

struct code_list {
	const char *coder;
	struct rung_code *v;
	size_t n, cap;
};

/* Keeps a stored code when it is the coder's (any coder's when none is
 * asked for: a later row replaces an earlier one of the same rung). */
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
	} else {
		free(r->code);
		free(r->value);
	}
	r->code = xstrdup(c->code);
	r->value = xstrdup(c->value);
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
		xgrow(steps, cap, *n + 1, sizeof **steps);
		(*steps)[(*n)++] = (struct map_step){ lookup(cl, l->question, (int)k,
		    (int)(c->first_level + j), c->rungs[j]), c->rungs[j] };
	}
}

/* Adds every ladder of ss to m. */
bool
map_add_session(struct map *m, struct store *s, struct session *ss,
    const char *coder, char **err)
{
	struct code_list cl = { coder, NULL, 0, 0 };
	struct rung_ladder *l = NULL;
	struct map_path *paths;
	size_t n, i, k, np, cap;
	bool ok = true;

	*err = NULL;
	if (store_codes(s, ss->row.id, keep, &cl) != STORE_OK) {
		*err = xstrdup(store_error(s));
		ok = false;
		goto out;
	}
	n = rung_ladders(ss, &l);
	for (i = 0; i < n; i++) {
		paths = xcalloc(l[i].nchains + 1, sizeof *paths);
		for (k = 0, np = 0; k < l[i].nchains; k++) {
			struct map_step *steps = NULL;
			size_t ns = 0;

			if (l[i].chains[k].dropped)
				continue;
			cap = 0;
			chain_steps(&l[i], &cl, k, (unsigned)-1, &steps, &ns, &cap, 0);
			paths[np++] = (struct map_path){ steps, ns,
			    l[i].chains[k].stop != NULL &&
			    strcmp(l[i].chains[k].stop, "goal") == 0 };
		}
		map_add_ladder(m, ss->row.id, ss->row.client, paths, np);
		for (k = 0; k < np; k++)
			free((void *)paths[k].steps);
		free(paths);
	}
	rung_ladders_free(l, n);
out:
	for (i = 0; i < cl.n; i++) {
		free(cl.v[i].question);
		free(cl.v[i].code);
		free(cl.v[i].value);
	}
	free(cl.v);
	return ok;
}
