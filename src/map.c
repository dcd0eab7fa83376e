/* map.c: the implication matrix and the request-to-goal paths of many
 * ladders (see map.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hmap.h"
#include "map.h"
#include "util.h"

struct map *
map_new(void)
{
	struct map *m = xcalloc(1, sizeof *m);

	m->index = xcalloc(1, sizeof *m->index);
	m->pindex = xcalloc(1, sizeof *m->pindex);
	return m;
}

/* Frees a quote's copies. */
static void
quote_clear(struct map_quote *q)
{
	size_t i;

	free(q->client);
	for (i = 0; i < q->n; i++)
		free(q->rungs[i]);
	free(q->rungs);
}

void
map_free(struct map *m)
{
	size_t i, k;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncodes; i++) {
		free(m->codes[i].code);
		free(m->codes[i].last_session);
	}
	free(m->codes);
	for (i = 0; i < m->npaths; i++) {
		free(m->paths[i].codes);
		free(m->paths[i].key);
		for (k = 0; k < m->paths[i].nquotes; k++)
			quote_clear(&m->paths[i].quotes[k]);
	}
	free(m->paths);
	free(m->last_session);
	free(m->direct);
	free(m->indirect);
	hmap_free(m->index);
	hmap_free(m->pindex);
	free(m->index);
	free(m->pindex);
	free(m);
}

/* Makes the matrices at least n x n, keeping their counts. */
static void
grow_matrices(struct map *m, size_t n)
{
	size_t dim = m->dim != 0 ? m->dim : 8, i;
	unsigned *d, *ind;

	if (n <= m->dim)
		return;
	while (dim < n)
		dim *= 2;
	d = xcalloc(dim * dim, sizeof *d);
	ind = xcalloc(dim * dim, sizeof *ind);
	for (i = 0; i < m->dim; i++) {
		memcpy(d + i * dim, m->direct + i * m->dim, m->dim * sizeof *d);
		memcpy(ind + i * dim, m->indirect + i * m->dim, m->dim * sizeof *ind);
	}
	free(m->direct);
	free(m->indirect);
	m->direct = d;
	m->indirect = ind;
	m->dim = dim;
}

/* The index of code, added when new. */
static size_t
code_index(struct map *m, const char *code)
{
	uintptr_t at = (uintptr_t)hmap_get(m->index, code);
	struct map_code *c;

	if (at != 0)
		return at - 1;
	xgrow(&m->codes, &m->capcodes, m->ncodes + 1, sizeof *m->codes);
	c = &m->codes[m->ncodes];
	memset(c, 0, sizeof *c);
	c->code = xstrdup(code);
	c->last_ladder = (size_t)-1;
	hmap_put(m->index, c->code, (void *)(uintptr_t)(m->ncodes + 1));
	grow_matrices(m, m->ncodes + 1);
	return m->ncodes++;
}

long
map_find(const struct map *m, const char *code)
{
	uintptr_t at = (uintptr_t)hmap_get(m->index, code);

	return at == 0 ? -1 : (long)(at - 1);
}

unsigned
map_direct(const struct map *m, size_t i, size_t j)
{
	return i < m->ncodes && j < m->ncodes ? m->direct[i * m->dim + j] : 0;
}

unsigned
map_indirect(const struct map *m, size_t i, size_t j)
{
	return i < m->ncodes && j < m->ncodes ? m->indirect[i * m->dim + j] : 0;
}

/* A link met in the ladder being added. */
struct link {
	size_t from, to;
	bool direct;
};

/* What one ladder adds, gathered before it counts once. */
struct ladder_acc {
	struct link *links;
	size_t nlinks, caplinks;
	size_t *seen;		/* codes, with their least level */
	size_t *level;
	size_t nseen, capseen, caplevel;
	size_t *goals;
	size_t ngoals, capgoals;
	size_t *paths;
	size_t npaths, cappaths;
};

/* Notes a link once. */
static void
acc_link(struct ladder_acc *a, size_t from, size_t to, bool direct)
{
	size_t i;

	for (i = 0; i < a->nlinks; i++)
		if (a->links[i].from == from && a->links[i].to == to &&
		    a->links[i].direct == direct)
			return;
	xgrow(&a->links, &a->caplinks, a->nlinks + 1, sizeof *a->links);
	a->links[a->nlinks++] = (struct link){ from, to, direct };
}

/* Notes a code at a level, keeping its least. */
static void
acc_code(struct ladder_acc *a, size_t code, size_t level)
{
	size_t i;

	for (i = 0; i < a->nseen; i++)
		if (a->seen[i] == code) {
			if (level < a->level[i])
				a->level[i] = level;
			return;
		}
	xgrow(&a->seen, &a->capseen, a->nseen + 1, sizeof *a->seen);
	xgrow(&a->level, &a->caplevel, a->nseen + 1, sizeof *a->level);
	a->seen[a->nseen] = code;
	a->level[a->nseen++] = level;
}

/* Adds v to a set of indexes. */
static void
acc_once(size_t **v, size_t *n, size_t *cap, size_t x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return;
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = x;
}

/* The goal path of codes seq (n of them), added when new; its index. */
static size_t
goal_path(struct map *m, const size_t *seq, size_t n)
{
	struct buf key = { 0 };
	struct map_goal_path *p;
	uintptr_t at;
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(&key, "%s%s", i > 0 ? "\x1f" : "", m->codes[seq[i]].code);
	if ((at = (uintptr_t)hmap_get(m->pindex, buf_str(&key))) != 0) {
		buf_free(&key);
		return at - 1;
	}
	xgrow(&m->paths, &m->cappaths, m->npaths + 1, sizeof *m->paths);
	p = &m->paths[m->npaths];
	memset(p, 0, sizeof *p);
	p->codes = xcalloc(n, sizeof *p->codes);
	memcpy(p->codes, seq, n * sizeof *seq);
	p->n = n;
	p->key = buf_take(&key);
	p->last_ladder = (size_t)-1;
	hmap_put(m->pindex, p->key, (void *)(uintptr_t)(m->npaths + 1));
	return m->npaths++;
}

/* Keeps a path's example, up to three. */
static void
add_quote(struct map_goal_path *p, const char *client, const char *const *texts,
    size_t n)
{
	struct map_quote *q;
	size_t i;

	if (p->nquotes == sizeof p->quotes / sizeof p->quotes[0])
		return;
	q = &p->quotes[p->nquotes++];
	q->client = xstrdup_null(client);
	q->rungs = xcalloc(n + 1, sizeof *q->rungs);
	for (i = 0; i < n; i++)
		q->rungs[i] = xstrdup(texts[i] != NULL ? texts[i] : "");
	q->n = n;
}

/* Adds one path of the ladder to the accumulator. */
static void
add_path(struct map *m, struct ladder_acc *a, const char *client,
    const struct map_path *p)
{
	size_t *seq = xcalloc(p->n + 1, sizeof *seq);
	const char **texts = xcalloc(p->n + 1, sizeof *texts);
	size_t i, j, n = 0, c, at;

	for (i = 0; i < p->n; i++) {
		if (p->steps[i].code == NULL)
			continue;
		c = code_index(m, p->steps[i].code);
		acc_code(a, c, i);
		if (n > 0 && seq[n - 1] == c)
			continue;
		texts[n] = p->steps[i].text;
		seq[n++] = c;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (seq[i] != seq[j])
				acc_link(a, seq[i], seq[j], j == i + 1);
	if (p->goal && p->n > 0 && p->steps[p->n - 1].code != NULL) {
		acc_once(&a->goals, &a->ngoals, &a->capgoals, seq[n - 1]);
		for (i = 0; i < n; i++)
			m->codes[seq[i]].linked_to_goal = true;
		at = goal_path(m, seq, n);
		if (m->paths[at].last_ladder != m->ladder_no) {
			acc_once(&a->paths, &a->npaths, &a->cappaths, at);
			add_quote(&m->paths[at], client, texts, n);
			m->paths[at].last_ladder = m->ladder_no;
		}
	}
	free(seq);
	free(texts);
}

/* Adds one ladder. */
void
map_add_ladder(struct map *m, const char *session, const char *client,
    const struct map_path *paths, size_t n)
{
	struct ladder_acc a = { 0 };
	struct map_code *c;
	size_t i;

	if (m->last_session == NULL || strcmp(m->last_session, session) != 0) {
		m->sessions++;
		free(m->last_session);
		m->last_session = xstrdup(session);
	}
	m->ladders++;
	m->ladder_no++;
	for (i = 0; i < n; i++)
		add_path(m, &a, client, &paths[i]);
	for (i = 0; i < n; i++)
		if (paths[i].n > 0 && paths[i].steps[0].code != NULL) {
			m->codes[code_index(m, paths[i].steps[0].code)].requests++;
			break;
		}
	for (i = 0; i < a.nlinks; i++) {
		size_t k = a.links[i].from * m->dim + a.links[i].to;

		if (a.links[i].direct)
			m->direct[k]++;
		else
			m->indirect[k]++;
	}
	for (i = 0; i < a.nseen; i++) {
		c = &m->codes[a.seen[i]];
		c->level_sum += (double)a.level[i];
		c->level_n++;
		if (c->last_session == NULL || strcmp(c->last_session, session) != 0) {
			c->sessions++;
			free(c->last_session);
			c->last_session = xstrdup(session);
		}
	}
	for (i = 0; i < a.ngoals; i++)
		m->codes[a.goals[i]].goals++;
	for (i = 0; i < a.npaths; i++)
		m->paths[a.paths[i]].count++;
	free(a.links);
	free(a.seen);
	free(a.level);
	free(a.goals);
	free(a.paths);
}

/* Orders codes by mean level, then name. */
static int
code_cmp(const void *x, const void *y)
{
	const struct map_code *a = x, *b = y;

	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(a->code, b->code);
}

/* Orders paths: most ladders, then fewer codes, then by their codes. */
static int
path_cmp(const void *x, const void *y)
{
	const struct map_goal_path *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* Sorts codes and paths, the matrices following the codes. */
void
map_finish(struct map *m)
{
	size_t *newpos = xcalloc(m->ncodes + 1, sizeof *newpos), i, j;
	unsigned *d = xcalloc(m->dim * m->dim + 1, sizeof *d);
	unsigned *ind = xcalloc(m->dim * m->dim + 1, sizeof *ind);

	for (i = 0; i < m->ncodes; i++) {
		struct map_code *c = &m->codes[i];

		c->level = c->level_n > 0 ? c->level_sum / (double)c->level_n : 0;
		c->level_sum = (double)i;	/* the old index, through the sort */
	}
	if (m->ncodes > 1)
		qsort(m->codes, m->ncodes, sizeof *m->codes, code_cmp);
	for (i = 0; i < m->ncodes; i++) {
		newpos[(size_t)m->codes[i].level_sum] = i;
		m->codes[i].level_sum = m->codes[i].level * (double)m->codes[i].level_n;
		hmap_put(m->index, m->codes[i].code, (void *)(uintptr_t)(i + 1));
	}
	for (i = 0; i < m->ncodes; i++)
		for (j = 0; j < m->ncodes; j++) {
			d[newpos[i] * m->dim + newpos[j]] = m->direct[i * m->dim + j];
			ind[newpos[i] * m->dim + newpos[j]] = m->indirect[i * m->dim + j];
		}
	free(m->direct);
	free(m->indirect);
	m->direct = d;
	m->indirect = ind;
	for (i = 0; i < m->npaths; i++)
		for (j = 0; j < m->paths[i].n; j++)
			m->paths[i].codes[j] = newpos[m->paths[i].codes[j]];
	if (m->npaths > 1)
		qsort(m->paths, m->npaths, sizeof *m->paths, path_cmp);
	for (i = 0; i < m->npaths; i++)
		hmap_put(m->pindex, m->paths[i].key, (void *)(uintptr_t)(i + 1));
	free(newpos);
}
