/* test-catalog.c: the .mo reader (catalog.c) on catalogs written byte by
 * byte here: lookups, a missing string, the header, a plural entry, both
 * byte orders; and files that must be refused: truncated anywhere, an
 * offset or a length past the end, tables past the end, the wrong magic,
 * one too large. Then a tree's catalog (tree-cat.c): "fr_CA" served by
 * "fr", the more specific catalog first. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "catalog.h"
#include "diag.h"
#include "tree-cat.h"
#include "tree.h"
#include "util.h"

/* An entry of a catalog to write: msgid and msgstr with their lengths, so
 * that they may hold NULs (plural forms). */
struct entry {
	const char *id;
	size_t idlen;
	const char *str;
	size_t strlen;
};

#define E(id, str) { id, sizeof id - 1, str, sizeof str - 1 }

/* Sorted as msgfmt sorts them: the header first. */
static const struct entry entries[] = {
	E("", "Content-Type: text/plain; charset=UTF-8\n"),
	E("Empty", ""),
	E("Hello", "Bonjour"),
	E("Yes or no", "Oui ou non"),
	E("file\0files", "fichier\0fichiers"),
};
#define NENTRIES (sizeof entries / sizeof *entries)

/* Where the test writes its files. */
static char dir[256];

/* Appends w as 4 bytes, little-endian unless big. */
static void
put32(struct buf *b, uint32_t w, bool big)
{
	int i;

	for (i = 0; i < 4; i++)
		buf_putc(b, (char)(w >> (big ? 24 - 8 * i : 8 * i)));
}

/* A .mo file of the n entries e: the header, the originals' table, the
 * translations' table, then the strings, each followed by a NUL. */
static void
build(struct buf *b, const struct entry *e, size_t n, bool big)
{
	uint32_t at = 28 + 16 * (uint32_t)n;
	size_t i;

	put32(b, 0x950412de, big);
	put32(b, 0, big);			/* revision */
	put32(b, (uint32_t)n, big);
	put32(b, 28, big);			/* originals */
	put32(b, 28 + 8 * (uint32_t)n, big);	/* translations */
	put32(b, 0, big);			/* no hash table */
	put32(b, at, big);
	for (i = 0; i < n; i++) {
		put32(b, (uint32_t)e[i].idlen, big);
		put32(b, at, big);
		at += (uint32_t)e[i].idlen + 1;
	}
	for (i = 0; i < n; i++) {
		put32(b, (uint32_t)e[i].strlen, big);
		put32(b, at, big);
		at += (uint32_t)e[i].strlen + 1;
	}
	for (i = 0; i < n; i++) {
		buf_add(b, e[i].id, e[i].idlen);
		buf_putc(b, '\0');
	}
	for (i = 0; i < n; i++) {
		buf_add(b, e[i].str, e[i].strlen);
		buf_putc(b, '\0');
	}
}

/* Writes len bytes of data to path. */
static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Opens the first len bytes of data as a catalog; *err is set when it is
 * refused. */
static struct catalog *
open_bytes(const char *data, size_t len, char **err)
{
	char *path = xasprintf("%s/test.mo", dir);
	struct catalog *c;

	write_file(path, data, len);
	*err = NULL;
	c = catalog_open(path, err);
	free(path);
	return c;
}

/* Asserts that the first len bytes of data are refused, with a reason
 * that holds want. */
static void
refused(const char *data, size_t len, const char *want)
{
	char *err;
	struct catalog *c = open_bytes(data, len, &err);

	assert_null(c);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, want);
	free(err);
}

/* Overwrites the 32-bit word at off of a little-endian catalog. */
static void
poke32(struct buf *b, size_t off, uint32_t w)
{
	int i;

	for (i = 0; i < 4; i++)
		b->s[off + i] = (char)(w >> 8 * i);
}

/* Checks the lookups in the catalog written with big or little words. */
static void
lookups_are(bool big)
{
	struct buf b = { 0 };
	struct catalog *c;
	char *err;

	build(&b, entries, NENTRIES, big);
	c = open_bytes(b.s, b.len, &err);
	assert_non_null(c);
	assert_string_equal(catalog_get(c, "Hello"), "Bonjour");
	assert_string_equal(catalog_get(c, "Yes or no"), "Oui ou non");
	/* a plural entry answers its singular with its first form */
	assert_string_equal(catalog_get(c, "file"), "fichier");
	assert_null(catalog_get(c, "files"));
	assert_null(catalog_get(c, "Missing"));
	assert_null(catalog_get(c, "hello"));
	assert_null(catalog_get(c, "Hello "));
	/* the header is never a translation, nor an empty msgstr */
	assert_null(catalog_get(c, ""));
	assert_null(catalog_get(c, "Empty"));
	assert_null(catalog_get(c, NULL));
	catalog_free(c);
	buf_free(&b);
}

static void
test_lookups(void **state)
{
	(void)state;
	lookups_are(false);
}

static void
test_big_endian(void **state)
{
	(void)state;
	lookups_are(true);
}

static void
test_empty_catalog(void **state)
{
	struct buf b = { 0 };
	struct catalog *c;
	char *err;

	(void)state;
	build(&b, entries, 0, false);
	c = open_bytes(b.s, b.len, &err);
	assert_non_null(c);
	assert_null(catalog_get(c, "Hello"));
	catalog_free(c);
	catalog_free(NULL);
	buf_free(&b);
}

static void
test_truncated(void **state)
{
	struct buf b = { 0 };
	size_t len;

	(void)state;
	build(&b, entries, NENTRIES, false);
	/* every prefix of the file loses the last string's NUL at least */
	for (len = 0; len < b.len; len++)
		refused(b.s, len, len < 28 ? "not a GNU message catalog" : "past its end");
	buf_free(&b);
}

/* Asserts that the catalog of every entry with the word at off set to w
 * is refused, with a reason that holds want. */
static void
poked_refused(size_t off, uint32_t w, const char *want)
{
	struct buf b = { 0 };

	build(&b, entries, NENTRIES, false);
	poke32(&b, off, w);
	refused(b.s, b.len, want);
	buf_free(&b);
}

static void
test_offset_past_end(void **state)
{
	size_t trans = 28 + 8 * NENTRIES;

	(void)state;
	/* the second original's offset, then its length */
	poked_refused(28 + 8 + 4, 0xfffffff0u, "entry 2 lies past its end");
	poked_refused(28 + 8, 0xffffffffu, "entry 2 lies past its end");
	/* a translation that ends exactly at the end, with no NUL after it */
	poked_refused(trans + 8 * (NENTRIES - 1), (uint32_t)sizeof "fichier\0fichiers",
	    "past its end");
	/* a length that stops where there is no NUL */
	poked_refused(trans + 8 * 2, 3, "entry 3 lies past its end");
}

static void
test_tables_past_end(void **state)
{
	(void)state;
	poked_refused(8, 0x20000000u, "tables lie past its end");	/* N */
	/* the translations' table */
	poked_refused(16, 0xfffffff8u, "tables lie past its end");
}

static void
test_wrong_magic(void **state)
{
	static const char po[] = "msgid \"\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"b\"\n";

	(void)state;
	poked_refused(0, 0x950412dfu, "not a GNU message catalog");
	/* a major revision to come */
	poked_refused(4, 2u << 16, "unknown catalog revision 2");
	/* a .po file where a .mo is expected */
	refused(po, sizeof po - 1, "not a GNU message catalog");
}

static void
test_too_large_or_absent(void **state)
{
	char *path = xasprintf("%s/large.mo", dir), *err = NULL;
	FILE *f = fopen(path, "wb");

	(void)state;
	/* a sparse file: reading it stops one byte past the cap */
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (off_t)CATALOG_MAX_SIZE + 1), 0);
	assert_int_equal(fclose(f), 0);
	assert_null(catalog_open(path, &err));
	assert_non_null(strstr(err, "larger than 16 MiB"));
	free(err);
	err = NULL;
	assert_int_equal(unlink(path), 0);
	assert_null(catalog_open(path, &err));
	assert_non_null(strstr(err, path));
	free(err);
	err = NULL;
	assert_null(catalog_open(dir, &err));
	assert_non_null(strstr(err, "not a regular file"));
	free(err);
	free(path);
}

/* Writes the catalog of the n entries e as LL's of the domain whyline-unit
 * in dir/loc. */
static void
write_catalog(const char *ll, const struct entry *e, size_t n)
{
	struct buf b = { 0 };
	char *mo = xasprintf("%s/loc/%s/LC_MESSAGES/whyline-unit.mo", dir, ll);

	build(&b, e, n, false);
	write_file(mo, b.s, b.len);
	buf_free(&b);
	free(mo);
}

/* Creates dir/loc/LL/LC_MESSAGES. */
static void
make_dirs(const char *ll)
{
	char *p = xasprintf("%s/loc", dir);

	(void)mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/loc/%s", dir, ll);
	(void)mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/loc/%s/LC_MESSAGES", dir, ll);
	assert_true(mkdir(p, 0700) == 0 || access(p, W_OK) == 0);
	free(p);
}

static void
test_tree_catalog(void **state)
{
	static const char yaml[] =
		"whyline: 1\nid: unit\ntitle: Hello\nsections:\n"
		"  - id: s\n    title: Yes or no\n    questions:\n"
		"      - {id: q, ask: Why?}\n";
	static const struct entry fr[] = {
		E("", "Content-Type: text/plain; charset=UTF-8\n"),
		E("Hello", "Bonjour"),
		E("Yes or no", "Oui ou non"),
	};
	static const struct entry fr_ca[] = {
		E("Hello", "Allô"),
	};
	struct diags d = { 0 };
	struct tree *t = tree_load_mem("/nowhere/unit.yaml", yaml, sizeof yaml - 1, &d);
	struct tree_cat tc = { 0 };
	char *loc = xasprintf("%s/loc", dir);

	(void)state;
	assert_non_null(t);
	make_dirs("fr");
	write_catalog("fr", fr, 3);
	/* no catalog for the language: strings as written */
	tree_cat_open(&tc, t, loc, "de");
	assert_null(tc.dir);
	assert_string_equal(tree_cat_tr(&tc, "Hello"), "Hello");
	/* "fr" serves "fr_CA" */
	tree_cat_open(&tc, t, loc, "fr_CA");
	assert_string_equal(tc.dir, loc);
	assert_string_equal(tree_cat_tr(&tc, "Hello"), "Bonjour");
	assert_string_equal(tree_cat_tr(&tc, "Why?"), "Why?");
	assert_null(tree_cat_get(&tc, "Why?"));
	/* "fr_CA" comes first, "fr" fills in what it lacks */
	make_dirs("fr_CA");
	write_catalog("fr_CA", fr_ca, 1);
	tree_cat_open(&tc, t, loc, "fr_CA");
	assert_string_equal(tree_cat_tr(&tc, "Hello"), "Allô");
	assert_string_equal(tree_cat_tr(&tc, "Yes or no"), "Oui ou non");
	tree_cat_open(&tc, t, loc, "fr");
	assert_string_equal(tree_cat_tr(&tc, "Hello"), "Bonjour");
	tree_cat_open(&tc, t, loc, NULL);
	assert_string_equal(tree_cat_tr(&tc, "Hello"), "Hello");
	assert_string_equal(tree_cat_tr(NULL, "Hello"), "Hello");
	tree_cat_clear(&tc);
	free(loc);
	tree_free(t);
	diags_free(&d);
}

/* Makes the folder the files go to. */
static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/whyline-catalog-XXXXXX", tmp != NULL ? tmp : "/tmp");
	return mkdtemp(dir) != NULL ? 0 : -1;
}

/* Removes it. */
static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_empty_catalog),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_offset_past_end),
		cmocka_unit_test(test_tables_past_end),
		cmocka_unit_test(test_wrong_magic),
		cmocka_unit_test(test_too_large_or_absent),
		cmocka_unit_test(test_tree_catalog),
	};

	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
