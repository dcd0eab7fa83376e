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
#include "placeholder.h"
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

/* The placeholders of a string, as placeholder_scan finds them. */
struct refs {
	struct placeholder *v;
	size_t n, cap;
};

static void
ref_add(void *arg, const struct placeholder *p)
{
	struct refs *r = arg;

	xgrow(&r->v, &r->cap, r->n + 1, sizeof *r->v);
	r->v[r->n++] = *p;
}

/* True when r holds {{name}} (name of len bytes). */
static bool
refs_have(const struct refs *r, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].len == len && memcmp(r->v[i].name, name, len) == 0)
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
	struct refs src = { 0 }, got = { 0 };
	enum placeholder_status st;
	const char *bad;
	char *q;
	size_t i, where = 0;

	placeholder_scan(ts->text->s, ref_add, &src, &where);
	st = placeholder_scan(tr, ref_add, &got, &where);
	if (src.n == 0 && got.n == 0 && st == PLACEHOLDER_OK)
		return;		/* most strings have none */
	q = quote(ts->text->s);
	for (i = 0; i < got.n; i++)
		if (!refs_have(&src, got.v[i].name, got.v[i].len))
			diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
			    _("the %s translation of %s names {{%.*s}}, which the string does not"),
			    ll, q, (int)got.v[i].len, got.v[i].name);
	if (st == PLACEHOLDER_UNCLOSED)
		diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
		    _("the %s translation of %s leaves a '{{' open"), ll, q);
	else if (st == PLACEHOLDER_BAD_NAME) {
		bad = tr + where + 2;
		diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
		    _("the %s translation of %s names {{%.*s}}, which the string does not"),
		    ll, q, (int)(strstr(bad, "}}") - bad), bad);
	} else {
		/* The scan went to the end: what it did not find is left out. */
		for (i = 0; i < src.n; i++)
			if (!refs_have(&got, src.v[i].name, src.v[i].len))
				diags_add(d, DIAG_WARNING, t->path, ts->text->mark,
				    _("the %s translation of %s leaves out {{%.*s}}"), ll, q,
				    (int)src.v[i].len, src.v[i].name);
	}
	free(src.v);
	free(got.v);
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
