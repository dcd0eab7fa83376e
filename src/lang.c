/* lang.c: the language of the program's messages and of a tree's strings. */
#include "config.h"

#include "lang.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* glibc's counter of catalog changes: bumping it drops cached lookups. */
extern int _nl_msg_cat_cntr;

/* Switches the messages to ll. */
void
lang_set(const char *ll)
{
	const char *cur;

	if (ll == NULL || *ll == '\0')
		return;
	setenv("LANGUAGE", ll, 1);
	/* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is not "C". */
	cur = setlocale(LC_MESSAGES, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	if (setlocale(LC_CTYPE, NULL) != NULL &&
	    (strcmp(setlocale(LC_CTYPE, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_CTYPE, NULL), "POSIX") == 0))
		setlocale(LC_CTYPE, "C.UTF-8");
	++_nl_msg_cat_cntr;
}

/* The short code of a locale or language name ("fr_FR.UTF-8" -> "fr"). */
static char *
short_code(const char *name)
{
	size_t n = strcspn(name, "_.@:");

	if (n == 0 || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	    str_prefix(name, "C."))
		return xstrdup("en");
	return xstrndup(name, n);
}

/* The language in use. */
char *
lang_current(void)
{
	const char *l = getenv("LANGUAGE"), *m = setlocale(LC_MESSAGES, NULL);

	if (m != NULL && strcmp(m, "C") != 0 && strcmp(m, "POSIX") != 0 &&
	    l != NULL && *l != '\0')
		return short_code(l);
	return short_code(m != NULL ? m : "C");
}

/* True when dir/ll/LC_MESSAGES/domain.mo can be read. */
static bool
catalog_readable(const char *dir, const char *ll, size_t lllen, const char *domain)
{
	char *path = xasprintf("%s/%.*s/LC_MESSAGES/%s.mo", dir, (int)lllen, ll, domain);
	bool ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

/* True when dir holds a catalog of domain for ll or its language alone. */
bool
lang_has_catalog(const char *dir, const char *ll, const char *domain)
{
	size_t n;

	if (dir == NULL || ll == NULL || *ll == '\0')
		return false;
	if (catalog_readable(dir, ll, strlen(ll), domain))
		return true;
	n = strcspn(ll, "_.@");
	return n > 0 && ll[n] != '\0' && catalog_readable(dir, ll, n, domain);
}

/* Binds the program's domain to locale_dir when it has ll's catalog. */
void
lang_bind_program(const char *locale_dir, const char *ll)
{
	char *code = ll != NULL ? xstrdup(ll) : lang_current();

	bindtextdomain(PACKAGE, lang_has_catalog(locale_dir, code, PACKAGE) ?
	    locale_dir : LOCALEDIR);
	free(code);
}

/* Saves $LANGUAGE and the LC_MESSAGES and LC_CTYPE locales. */
void
lang_save(struct lang_state *st)
{
	st->language = xstrdup_null(getenv("LANGUAGE"));
	st->messages = xstrdup_null(setlocale(LC_MESSAGES, NULL));
	st->ctype = xstrdup_null(setlocale(LC_CTYPE, NULL));
}

/* Puts the saved settings back. */
void
lang_restore(struct lang_state *st)
{
	if (st->language != NULL)
		setenv("LANGUAGE", st->language, 1);
	else
		unsetenv("LANGUAGE");
	if (st->messages != NULL)
		setlocale(LC_MESSAGES, st->messages);
	if (st->ctype != NULL)
		setlocale(LC_CTYPE, st->ctype);
	++_nl_msg_cat_cntr;
	free(st->language);
	free(st->messages);
	free(st->ctype);
	st->language = st->messages = st->ctype = NULL;
}

/* The domain of t's strings. */
char *
tree_lang_domain(const struct tree *t)
{
	if (t->domain.s != NULL)
		return xstrdup(t->domain.s);
	return xasprintf("whyline-%s", t->id.s != NULL ? t->id.s : "tree");
}

/* The folders searched for t's catalogs. */
size_t
tree_lang_dirs(const struct tree *t, const char *locale_dir, char **dirs)
{
	size_t n = 0;

	if (locale_dir != NULL && *locale_dir != '\0')
		dirs[n++] = xstrdup(locale_dir);
	dirs[n++] = xasprintf("%s/locale", t->dir);
	dirs[n++] = xstrdup(LOCALEDIR);
	return n;
}

/* The first folder with a catalog of domain for ll. */
char *
tree_lang_find(const struct tree *t, const char *domain,
    const char *locale_dir, const char *ll)
{
	char *dirs[TREE_LANG_NDIRS], *found = NULL;
	size_t n = tree_lang_dirs(t, locale_dir, dirs), i;

	for (i = 0; i < n; i++) {
		if (found == NULL && lang_has_catalog(dirs[i], ll, domain))
			found = dirs[i];
		else
			free(dirs[i]);
	}
	return found;
}

/* Binds the tree's domain to the first folder with a catalog for ll. */
void
tree_lang_bind(struct tree_lang *tl, const struct tree *t,
    const char *locale_dir, const char *ll)
{
	char *code = ll != NULL ? xstrdup(ll) : lang_current();

	tree_lang_clear(tl);
	tl->domain = tree_lang_domain(t);
	tl->dir = tree_lang_find(t, tl->domain, locale_dir, code);
	bindtextdomain(tl->domain, tl->dir != NULL ? tl->dir : LOCALEDIR);
	bind_textdomain_codeset(tl->domain, "UTF-8");
	free(code);
}

/* Translates a tree string in its domain ("" stays "": gettext would give
 * the catalog's header). */
const char *
tree_lang_tr(void *arg, const char *msgid)
{
	const struct tree_lang *tl = arg;

	if (tl == NULL || tl->domain == NULL || msgid == NULL || *msgid == '\0')
		return msgid;
	return dgettext(tl->domain, msgid);
}

/* Frees the binding's names. */
void
tree_lang_clear(struct tree_lang *tl)
{
	free(tl->domain);
	free(tl->dir);
	tl->domain = tl->dir = NULL;
}
