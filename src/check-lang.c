/* check-lang.c: which strings of a tree lack a translation in a language.
 * It looks each one up in the catalog a session in that language would
 * use (tree-cat.h), without touching the program's own language. msgfmt
 * leaves empty and fuzzy entries out of a .mo file: they are missing too. */
#include "config.h"

#include "check-lang.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "tree-cat.h"
#include "tree-strs.h"
#include "util.h"

#define QUOTE_MAX 60	/* characters of a string quoted in a warning */

/* True when a and b name the same language ("fr" and "fr_CA" do). */
static bool
same_language(const char *a, const char *b)
{
	size_t na = strcspn(a, "_.@"), nb = strcspn(b, "_.@");

	return na == nb && strncmp(a, b, na) == 0;
}

/* s quoted for a warning: on one line, shortened past QUOTE_MAX
 * characters (owned). */
static char *
quote(const char *s)
{
	struct buf b = { 0 };
	size_t chars = 0;

	buf_putc(&b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((chars += str_chars(s, 1)) > QUOTE_MAX) {
			buf_puts(&b, "...");
			break;
		}
		if (c == '\n')
			buf_puts(&b, "\\n");
		else if (c == '"' || c == '\\')
			buf_printf(&b, "\\%c", c);
		else
			buf_putc(&b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	buf_putc(&b, '"');
	return buf_take(&b);
}

/* The warning for a language without a catalog anywhere. */
static void
warn_no_catalog(const struct tree *t, const char *ll, const char *locale_dir,
    struct diags *d)
{
	char *dirs[TREE_CAT_NDIRS], *domain = tree_cat_domain(t);
	size_t n = tree_cat_dirs(t, locale_dir, dirs), i;
	struct buf where = { 0 };
	struct mark file = { 0, 0 };

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&where, ", ");
		buf_puts(&where, dirs[i]);
		free(dirs[i]);
	}
	diags_add(d, DIAG_WARNING, t->path, t->domain.s != NULL ? t->domain.mark : file,
	    _("no %s catalog for the domain %s: none of %s has %s/LC_MESSAGES/%s.mo"),
	    ll, domain, buf_str(&where), ll, domain);
	buf_free(&where);
	free(domain);
}

/* The name of the next {{...}} at or after *s (trimmed: *name, *len),
 * *s moved past it; 0 when there is none, -1 when a '{{' is not closed. */
static int
next_placeholder(const char **s, const char **name, size_t *len)
{
	const char *open = strstr(*s, "{{"), *close;

	if (open == NULL)
		return 0;
	if ((close = strstr(open + 2, "}}")) == NULL)
		return -1;
	*s = close + 2;
	for (open += 2; open < close && (*open == ' ' || *open == '{' || *open == '&'); open++)
		;
	while (close > open && (close[-1] == ' ' || close[-1] == '}'))
		close--;
	*name = open;
	*len = (size_t)(close - open);
	return 1;
}

/* True when s holds the placeholder {{name}} (name of len bytes). */
static bool
has_placeholder(const char *s, const char *name, size_t len)
{
	const char *n;
	size_t l;

	while (next_placeholder(&s, &n, &l) == 1)
		if (l == len && memcmp(n, name, len) == 0)
			return true;
	return false;
}

/* Warns when the translation tr of the string at ts names a placeholder
 * the string does not (it would show as nothing, or as itself), leaves one
 * out, or leaves a '{{' open. */
static void
check_placeholders(const struct tree *t, const char *ll, const struct tree_str *ts,
    const char *tr, struct diags *d)
{
	const char *src = ts->text->s, *p = tr, *name;
	char *q = NULL;
	size_t len;
	int r;

	while ((r = next_placeholder(&p, &name, &len)) != 0) {
		if (q == NULL)
			q = quote(src);
		if (r < 0) {
			diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
			    _("the %s translation of %s leaves a '{{' open"), ll, q);
			break;
		}
		if (!has_placeholder(src, name, len))
			diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
			    _("the %s translation of %s names {{%.*s}}, which the string does not"),
			    ll, q, (int)len, name);
	}
	for (p = src; next_placeholder(&p, &name, &len) == 1;)
		if (!has_placeholder(tr, name, len)) {
			if (q == NULL)
				q = quote(src);
			diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
			    _("the %s translation of %s leaves out {{%.*s}}"), ll, q,
			    (int)len, name);
		}
	free(q);
}

/* Warns about every string of t without a translation in ll, and about
 * the placeholders of those it has. */
void
check_lang(const struct tree *t, const char *ll, const char *locale_dir,
    struct diags *d)
{
	struct tree_cat tc = { 0 };
	struct tree_str *v;
	size_t n, i;

	if (ll == NULL || *ll == '\0' ||
	    (t->language.s != NULL && same_language(t->language.s, ll)))
		return;
	tree_cat_open(&tc, t, locale_dir, ll);
	if (tc.dir == NULL) {
		warn_no_catalog(t, ll, locale_dir, d);
		return;
	}
	/* tree_strs leaves out "", which has no translation. */
	v = tree_strs(t, &n);
	for (i = 0; i < n; i++) {
		const char *tr = tree_cat_get(&tc, v[i].text->s);

		if (tr == NULL) {
			char *q = quote(v[i].text->s);

			diags_add(d, DIAG_WARNING, t->path, v[i].text->mark,
			    _("no %s translation for %s"), ll, q);
			free(q);
		} else {
			check_placeholders(t, ll, &v[i], tr, d);
		}
	}
	tree_strs_free(v, n);
	tree_cat_clear(&tc);
}
