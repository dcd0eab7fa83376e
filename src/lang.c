/* lang.c: the language of the program's own messages. */
#include "config.h"

#include "lang.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"
#include "valid.h"

/* glibc's counter of catalog changes: bumping it drops cached lookups. */
extern int _nl_msg_cat_cntr;

/* The short code of a language or locale name. */
char *
lang_code(const char *name)
{
	size_t n;

	if (name == NULL)
		return NULL;
	n = strcspn(name, "_.@:");
	if (n == 0 || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	    str_prefix(name, "C."))
		return xstrdup("en");
	return xstrndup(name, n);
}

/* Languages by their code, named in the messages' language. */
static const struct {
	const char *code;
	const char *name;
} lang_names[] = {
	{ "ar", N_("Arabic") }, { "da", N_("Danish") }, { "de", N_("German") },
	{ "el", N_("Greek") }, { "en", N_("English") }, { "es", N_("Spanish") },
	{ "fi", N_("Finnish") }, { "fr", N_("French") }, { "it", N_("Italian") },
	{ "ja", N_("Japanese") }, { "nl", N_("Dutch") }, { "no", N_("Norwegian") },
	{ "pl", N_("Polish") }, { "pt", N_("Portuguese") }, { "ru", N_("Russian") },
	{ "sv", N_("Swedish") }, { "tr", N_("Turkish") }, { "zh", N_("Chinese") },
};

/* The name of language ll for people. */
char *
lang_name(const char *ll)
{
	size_t i, n;

	if (ll == NULL)
		return NULL;
	n = strcspn(ll, "_.@:");
	for (i = 0; i < sizeof lang_names / sizeof *lang_names; i++)
		if (strlen(lang_names[i].code) == n &&
		    strncmp(lang_names[i].code, ll, n) == 0)
			return ll[n] == '\0' ? xstrdup(_(lang_names[i].name)) :
			    xasprintf("%s (%s)", _(lang_names[i].name), ll);
	return xstrdup(ll);
}

/* The language in use. */
char *
lang_current(void)
{
	const char *l = getenv("LANGUAGE"), *m = setlocale(LC_MESSAGES, NULL);

	if (m != NULL && strcmp(m, "C") != 0 && strcmp(m, "POSIX") != 0 &&
	    l != NULL && *l != '\0')
		return lang_code(l);
	return lang_code(m != NULL ? m : "C");
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

	if (dir == NULL || !valid_lang(ll))
		return false;
	if (catalog_readable(dir, ll, strlen(ll), domain))
		return true;
	n = strcspn(ll, "_.@");
	return n > 0 && ll[n] != '\0' && catalog_readable(dir, ll, n, domain);
}

/* Switches $LANGUAGE and the locale to ll. */
static void
switch_language(const char *ll)
{
	const char *cur;

	if (!valid_lang(ll))
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

/* Binds the program's domain to locale_dir when it has ll's catalog (ll
 * NULL: the language in use). */
static void
bind_program(const char *locale_dir, const char *ll)
{
	char *code = valid_lang(ll) ? xstrdup(ll) : lang_current();

	bindtextdomain(PACKAGE, lang_has_catalog(locale_dir, code, PACKAGE) ?
	    locale_dir : LOCALEDIR);
	free(code);
}

/* Switches the program's messages to ll, its catalog from locale_dir. */
void
lang_set(const char *ll, const char *locale_dir)
{
	switch_language(ll);
	bind_program(locale_dir, ll);
}
