/* store-fold.c: the store's own SQL functions. whyline_valid(kind,
 * value): the shapes a row from another database must have (store-valid.c
 * holds the rules). whyline_contains(text, part), the SQL function behind
 * `list --client`: true when part occurs in text, ignoring case in every
 * script (LIKE folds ASCII letters only, so "ÉMILE" would miss "émile")
 * and taking '%', '_' and '\' literally; and whyline_same(text, name),
 * true when the two are the same once folded so (the client whose answers
 * `run --carry` offers again). Letters are folded with towlower in the
 * C.UTF-8 locale, whatever the user's locale is. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "store-int.h"
#include "util.h"
#include "valid.h"

/* Text as folded code points. */
struct folded {
	wint_t *v;
	size_t n;
	bool ascii;		/* every code point is below 0x80 */
	wint_t small[128];	/* v for short text, which is most of it */
};

/* Decodes the UTF-8 character at *p and advances past it; a byte that
 * does not begin a well-formed character stands for itself. */
static wint_t
next_char(const unsigned char **p)
{
	unsigned long c;
	size_t n = str_char_len((const char *)*p, &c);

	if (n == 0) {
		c = **p;
		n = 1;
	}
	*p += n;
	return (wint_t)c;
}

/* Folds text into f (f->v is f->small or an allocation). */
static void
fold(const unsigned char *text, locale_t loc, struct folded *f)
{
	size_t cap = sizeof f->small / sizeof f->small[0];

	f->v = f->small;
	f->n = 0;
	f->ascii = true;
	while (*text != '\0') {
		wint_t c = next_char(&text);

		if (f->n == cap) {
			if (f->v == f->small) {
				f->v = xmalloc(2 * cap * sizeof *f->v);
				memcpy(f->v, f->small, sizeof f->small);
			} else {
				f->v = xrealloc(f->v, 2 * cap * sizeof *f->v);
			}
			cap *= 2;
		}
		if (c < 0x80)	/* most names: no need to ask the locale */
			f->v[f->n++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		else
			f->v[f->n++] = loc != (locale_t)0 ? towlower_l(c, loc) : c;
		if (f->v[f->n - 1] >= 0x80)
			f->ascii = false;
	}
}

/* An ASCII letter folded. */
static unsigned
lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether an ASCII needle occurs in text, read as bytes: 1 or 0, or -1
 * when text holds a byte past ASCII before a match (a character there
 * may fold to an ASCII letter, like the Kelvin sign to 'k': fold it
 * all). Most names are ASCII, and this folds nothing. */
static int
ascii_occurs(const unsigned char *text, const struct folded *needle)
{
	size_t i, j;

	if (needle->n == 0)
		return 1;
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] >= 0x80)
			return -1;
		if (lower(text[i]) != needle->v[0])
			continue;
		for (j = 1; j < needle->n && text[i + j] != '\0' &&
		    text[i + j] < 0x80 && lower(text[i + j]) == needle->v[j]; j++)
			;
		if (j == needle->n)
			return 1;
	}
	return 0;
}

/* Frees what fold allocated. */
static void
folded_free(void *p)
{
	struct folded *f = p;

	if (f->v != f->small)
		free(f->v);
	free(f);
}

/* True when needle occurs in hay. */
static bool
occurs(const struct folded *hay, const struct folded *needle)
{
	size_t i, j;

	for (i = 0; i + needle->n <= hay->n; i++) {
		for (j = 0; j < needle->n && hay->v[i + j] == needle->v[j]; j++)
			;
		if (j == needle->n)
			return true;
	}
	return false;
}

/* whyline_contains(text, part): 1 or 0, NULL when either is NULL. The
 * folded part is kept between rows, as SQLite's auxiliary data. */
static void
contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	const unsigned char *part = sqlite3_value_text(argv[1]);
	locale_t loc = sqlite3_user_data(ctx);
	struct folded *needle, hay;
	bool kept;
	int found;

	(void)argc;
	if (text == NULL || part == NULL)
		return;
	needle = sqlite3_get_auxdata(ctx, 1);
	if (!(kept = needle != NULL)) {
		needle = xmalloc(sizeof *needle);
		fold(part, loc, needle);
	}
	if (!needle->ascii || (found = ascii_occurs(text, needle)) < 0) {
		fold(text, loc, &hay);
		found = occurs(&hay, needle);
		if (hay.v != hay.small)
			free(hay.v);
	}
	sqlite3_result_int(ctx, found);
	/* Last: SQLite may free it at once. */
	if (!kept)
		sqlite3_set_auxdata(ctx, 1, needle, folded_free);
}

/* whyline_same(text, name): 1 when text is name once both are folded, 0
 * otherwise, NULL when either is NULL. */
static void
same(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *text = sqlite3_value_text(argv[0]);
	const unsigned char *name = sqlite3_value_text(argv[1]);
	locale_t loc = sqlite3_user_data(ctx);
	struct folded *needle, hay;
	bool kept;

	(void)argc;
	if (text == NULL || name == NULL)
		return;
	needle = sqlite3_get_auxdata(ctx, 1);
	if (!(kept = needle != NULL)) {
		needle = xmalloc(sizeof *needle);
		fold(name, loc, needle);
	}
	fold(text, loc, &hay);
	sqlite3_result_int(ctx, hay.n == needle->n && (hay.n == 0 ||
	    memcmp(hay.v, needle->v, hay.n * sizeof *hay.v) == 0));
	if (hay.v != hay.small)
		free(hay.v);
	/* Last: SQLite may free it at once. */
	if (!kept)
		sqlite3_set_auxdata(ctx, 1, needle, folded_free);
}

/* whyline_valid(kind, value). */
static void
valid_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	/* The type first: reading a blob as text turns it into text. */
	bool text = sqlite3_value_type(argv[1]) == SQLITE_TEXT;
	const char *kind = (const char *)sqlite3_value_text(argv[0]);
	const char *v = (const char *)sqlite3_value_text(argv[1]);
	bool ok = false;

	(void)argc;
	/* Text only, and none with a NUL inside: an id held as a number or
	 * a blob is not one whyline wrote. */
	if (kind != NULL && v != NULL && text &&
	    (size_t)sqlite3_value_bytes(argv[1]) == strlen(v)) {
		if (strcmp(kind, "uuid") == 0)
			ok = valid_uuid(v);
		else if (strcmp(kind, "time") == 0)
			ok = valid_time(v);
		else if (strcmp(kind, "lang") == 0)
			ok = valid_lang(v);
		else if (strcmp(kind, "path") == 0)
			ok = v[0] == '/';
		else if (strcmp(kind, "sha256") == 0)
			ok = valid_sha256(v);
		else if (strcmp(kind, "code") == 0)
			ok = valid_code(v);
		else if (strcmp(kind, "text") == 0)
			ok = true;	/* text, without a NUL */
		else if (strcmp(kind, "name") == 0)
			ok = v[0] != '\0';
	}
	sqlite3_result_int(cx, ok);
}

/* Registers whyline_valid on a connection; see store-int.h. */
int
store_valid_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "whyline_valid", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, valid_fn,
	    NULL, NULL, NULL);
}

/* Registers the functions on s's connection; s->ctype is made here. */
int
store_register_functions(struct store *s)
{
	int rc;

	s->ctype = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	rc = sqlite3_create_function_v2(s->db, "whyline_contains", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, s->ctype,
	    contains, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(s->db, "whyline_same", 2,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, s->ctype,
		    same, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = store_valid_register(s->db);
	return rc;
}
