/* tree-cat.c: a tree's catalog, found where a session looks for it and
 * read through catalog.c. */
#include "config.h"

#include "tree-cat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "util.h"

/* The domain of t's strings. */
char *
tree_cat_domain(const struct tree *t)
{
	if (t->domain.s != NULL)
		return xstrdup(t->domain.s);
	return xasprintf("whyline-%s", t->id.s != NULL ? t->id.s : "tree");
}

/* The folders searched for t's catalogs. */
size_t
tree_cat_dirs(const struct tree *t, const char *locale_dir, char **dirs)
{
	size_t n = 0;

	if (locale_dir != NULL && *locale_dir != '\0')
		dirs[n++] = xstrdup(locale_dir);
	if (t->dir != NULL)
		dirs[n++] = xasprintf("%s/locale", t->dir);
	dirs[n++] = xstrdup(LOCALEDIR);
	return n;
}

/* The first folder with a catalog of domain for ll (owned), or NULL. */
static char *
find_dir(const struct tree *t, const char *domain, const char *locale_dir,
    const char *ll)
{
	char *dirs[TREE_CAT_NDIRS], *found = NULL;
	size_t n = tree_cat_dirs(t, locale_dir, dirs), i;

	for (i = 0; i < n; i++) {
		if (found == NULL && lang_has_catalog(dirs[i], ll, domain))
			found = dirs[i];
		else
			free(dirs[i]);
	}
	return found;
}

/* The catalog dir/LL/LC_MESSAGES/domain.mo, LL being the first lllen
 * bytes of ll, or NULL when it cannot be read. */
static struct catalog *
open_one(const char *dir, const char *ll, size_t lllen, const char *domain)
{
	char *path = xasprintf("%s/%.*s/LC_MESSAGES/%s.mo", dir, (int)lllen, ll, domain);
	char *err = NULL;
	struct catalog *c = catalog_open(path, &err);

	free(err);
	free(path);
	return c;
}

/* Indexes the contexts of t's strings by their addresses. */
static void
contexts_index(struct tree_cat *tc, const struct tree *t)
{
	size_t i;

	tc->strs = tree_strs(t, &tc->nstrs);
	tc->addrs = xcalloc(tc->nstrs + 1, sizeof *tc->addrs);
	for (i = 0; i < tc->nstrs; i++) {
		tc->addrs[i] = xasprintf("%p", (const void *)tc->strs[i].text->s);
		if (hmap_get(&tc->ctx, tc->addrs[i]) == NULL)
			hmap_put(&tc->ctx, tc->addrs[i], &tc->strs[i]);
	}
}

/* Opens t's catalog for ll. */
void
tree_cat_open(struct tree_cat *tc, const struct tree *t,
    const char *locale_dir, const char *ll)
{
	char *domain;
	size_t n;

	tree_cat_clear(tc);
	if (ll == NULL || *ll == '\0')
		return;
	domain = tree_cat_domain(t);
	tc->dir = find_dir(t, domain, locale_dir, ll);
	if (tc->dir != NULL) {
		tc->cat[0] = open_one(tc->dir, ll, strlen(ll), domain);
		n = strcspn(ll, "_.@");
		if (n > 0 && ll[n] != '\0')
			tc->cat[1] = open_one(tc->dir, ll, n, domain);
	}
	if (tc->cat[0] != NULL || tc->cat[1] != NULL)
		contexts_index(tc, t);
	free(domain);
}

/* The translation of msgid, in its context first, or NULL. */
const char *
tree_cat_get(const struct tree_cat *tc, const char *msgid)
{
	const struct tree_str *ts = NULL;
	const char *s = NULL;
	char addr[32], *key;
	size_t i;

	if (tc->cat[0] == NULL && tc->cat[1] == NULL)
		return NULL;
	if (tc->nstrs > 0) {
		snprintf(addr, sizeof addr, "%p", (const void *)msgid);
		ts = hmap_get(&tc->ctx, addr);
	}
	if (ts != NULL) {
		key = xasprintf("%s\004%s", ts->what, msgid);
		for (i = 0; i < 2 && s == NULL; i++)
			s = catalog_get(tc->cat[i], key);
		free(key);
	}
	for (i = 0; i < 2 && s == NULL; i++)
		s = catalog_get(tc->cat[i], msgid);
	return s;
}

/* Translates a tree string. */
const char *
tree_cat_tr(void *arg, const char *msgid)
{
	const char *s = arg != NULL ? tree_cat_get(arg, msgid) : NULL;

	return s != NULL ? s : msgid;
}

/* Frees the catalogs. */
void
tree_cat_clear(struct tree_cat *tc)
{
	size_t i;

	catalog_free(tc->cat[0]);
	catalog_free(tc->cat[1]);
	free(tc->dir);
	for (i = 0; i < tc->nstrs; i++)
		free(tc->addrs[i]);
	free(tc->addrs);
	tree_strs_free(tc->strs, tc->nstrs);
	hmap_free(&tc->ctx);
	memset(tc, 0, sizeof *tc);
}
