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

/* True when dir holds a catalog of domain for ll. */
static bool
has_catalog(const char *dir, const char *ll, const char *domain)
{
	char *path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, ll, domain);
	bool ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

/* Binds the tree's domain to the first folder with a catalog for ll. */
void
tree_lang_bind(struct tree_lang *tl, const struct tree *t,
    const char *locale_dir, const char *ll)
{
	char *beside = xasprintf("%s/locale", t->dir);
	const char *dirs[3] = { locale_dir, beside, LOCALEDIR };
	char *code = ll != NULL ? xstrdup(ll) : lang_current();
	size_t i;

	tree_lang_clear(tl);
	tl->domain = t->domain.s != NULL ? xstrdup(t->domain.s) :
	    xasprintf("whyline-%s", t->id.s != NULL ? t->id.s : "tree");
	for (i = 0; i < 3 && tl->dir == NULL; i++)
		if (dirs[i] != NULL && has_catalog(dirs[i], code, tl->domain))
			tl->dir = xstrdup(dirs[i]);
	bindtextdomain(tl->domain, tl->dir != NULL ? tl->dir : LOCALEDIR);
	bind_textdomain_codeset(tl->domain, "UTF-8");
	free(code);
	free(beside);
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
