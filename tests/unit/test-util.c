/* test-util.c: the string helpers every module leans on: folding text to a
 * width, trimming, the edit distance behind "did you mean", stripping
 * control characters from untrusted text, reading UTF-8 one character at a
 * time and placing a byte offset at a line and column; the hash map of
 * ids; and diagnostics printed as lines. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "hmap.h"
#include "util.h"
#include "valid.h"

/* Folds and compares, freeing the result. */
static void
wrap_is(const char *s, size_t width, const char *indent, const char *want)
{
	char *got = str_wrap(s, width, indent);

	assert_string_equal(got, want);
	free(got);
}

static void
test_wrap_at_spaces(void **state)
{
	(void)state;
	wrap_is("Why does the client want more customers?", 20, "  ",
	    "Why does the client\n  want more\n  customers?");
	wrap_is("short", 20, "  ", "short");
	wrap_is("", 20, "  ", "");
	/* a word longer than a line stays whole */
	wrap_is("averyveryverylongword and more", 10, "  ",
	    "averyveryverylongword\n  and more");
	/* spaces between words are not doubled or kept at line ends */
	wrap_is("a  b   c", 3, "", "a b\nc");
}

/* French puts a space before ? ! : ; and inside « »: a line never starts
 * with the mark, nor ends on the opening quote. */
static void
test_wrap_french_marks(void **state)
{
	(void)state;
	wrap_is("Et pour quand ?", 13, "", "Et pour\nquand ?");
	wrap_is("Objectif : un revenu", 10, "", "Objectif :\nun revenu");
	wrap_is("le « revenu » stable", 10, "", "le\n« revenu »\nstable");
	/* where no space is tied, nothing changes */
	wrap_is("Et pour quand?", 13, "", "Et pour\nquand?");
}

static void
test_wrap_counts_characters(void **state)
{
	(void)state;
	/* “é” and the curly quotes are one character each, not two or three */
	wrap_is("“café” déjà vu", 11, "", "“café” déjà\nvu");
}

static void
test_wrap_counts_columns(void **state)
{
	(void)state;
	/* 日本 takes four columns, as on a terminal */
	wrap_is("日本 ab cd", 7, "", "日本 ab\ncd");
	wrap_is("日本 ab cd", 6, "", "日本\nab cd");
}

/* The columns of text on a terminal, whatever the locale. */
static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(str_width(""), 0);
	assert_int_equal(str_width("abc"), 3);
	assert_int_equal(str_width("Café Ünïcode 日本"), 17);
	/* e and a combining acute: one column */
	assert_int_equal(str_width("Cafe\xcc\x81"), 4);
	assert_int_equal(str_width("\xef\xbc\xa1\xea\xb0\x80"), 4);	/* Ａ가 */
	assert_int_equal(str_width("\xf0\x9f\x98\x80!"), 3);	/* an emoji */
	assert_int_equal(str_width("a\xe2\x80\x8b" "b"), 2);	/* a zero-width space */
	assert_int_equal(str_width("\xe2\x80\xa6\xc3\xa9"), 2);	/* …é */
	assert_int_equal(str_width("\xc3"), 1);	/* a broken byte: one */
	assert_int_equal(str_width_n("日本", 3), 2);
}

static void
test_wrap_keeps_newlines(void **state)
{
	(void)state;
	wrap_is("one\ntwo three", 11, "> ", "one\n> two three");
	wrap_is("one\ntwo three", 9, "> ", "one\n> two\n> three");
	wrap_is("a\n\n\nb", 5, "    ", "a\n    \n    \n    b");
}

static void
test_trim_and_blank(void **state)
{
	char *t = str_trim("  \t hello world \n");

	(void)state;
	assert_string_equal(t, "hello world");
	free(t);
	assert_true(str_blank(NULL));
	assert_true(str_blank(" \t\n"));
	assert_false(str_blank(" x "));
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(str_distance("titel", "title", 3), 2);
	assert_int_equal(str_distance("requird", "required", 3), 1);
	assert_int_equal(str_distance("same", "same", 3), 0);
	/* past the limit, limit + 1 */
	assert_int_equal(str_distance("abcdef", "uvwxyz", 2), 3);
}

/* The nearest of names to a misspelt one, or NULL. */
static const char *
nearest(const char *name, const char *const *names)
{
	struct near n;

	near_init(&n, name);
	for (; *names != NULL; names++)
		near_try(&n, *names);
	return n.best;
}

static void
test_near(void **state)
{
	static const char *const keys[] = { "reset", "request", "required", NULL };
	static const char *const types[] = { "text", "choice", "multi", "note", NULL };
	static const char *const ties[] = { "ac", "ab", NULL };

	(void)state;
	assert_string_equal(nearest("reqest", keys), "request");
	assert_string_equal(nearest("requird", keys), "required");
	assert_string_equal(nearest("choise", types), "choice");
	/* one rule for keys, types and ids: a third of the length plus one,
	 * at most 3 */
	assert_string_equal(nearest("multiple", types), "multi");
	assert_null(nearest("dropdown", types));
	assert_null(nearest("xy", types));
	assert_string_equal(nearest("b", (const char *const[]){ "a", NULL }), "a");
	/* among equals, the first */
	assert_string_equal(nearest("aa", ties), "ac");
	assert_null(nearest("anything", (const char *const[]){ NULL }));
}

static void
test_strip_controls(void **state)
{
	char s[] = "a\033[31mred\a\tb\nc\xc2\x9b" "d\x7f";
	char t[] = "x\ty\nz";
	char u[] = "two\nlines\r\nand\ttab";

	(void)state;
	str_strip_controls(s, false);
	assert_string_equal(s, "a[31mred b cd");
	str_strip_controls(t, true);
	assert_string_equal(t, "x\ty\nz");
	/* On one line, a newline or a tab is a space: words do not run
	 * together. */
	str_strip_controls(u, false);
	assert_string_equal(u, "two lines and tab");
	/* To a fixed point: removing a control joins no new one (a lone
	 * 0xc2 stays, not UTF-8, and what followed it goes). */
	{
		char v[] = "\xc2\xc2\x93\x93- item";
		char w[] = "a\xc2\x01\x93" "b\xc2\xc2\xc2\x9b\x9b\x9b" "c";

		str_strip_controls(v, true);
		assert_string_equal(v, "\xc2- item");
		str_strip_controls(v, true);
		assert_string_equal(v, "\xc2- item");
		str_strip_controls(w, false);
		assert_string_equal(w, "a\xc2" "b\xc2\xc2" "c");
		str_strip_controls(w, false);
		assert_string_equal(w, "a\xc2" "b\xc2\xc2" "c");
	}
	/* An 8-bit C1 (a lone 0x9b, CSI) goes; other bytes that are not
	 * UTF-8 stay, and a character whose last byte is 0x80 to 0x9f too. */
	{
		char v[] = "a\x9b" "2Jb\xff\x80" "c\xc3\x9f\xe2\x82\xac";

		str_strip_controls(v, true);
		assert_string_equal(v, "a2Jb\xff" "c\xc3\x9f\xe2\x82\xac");
	}
	/* Bidirectional overrides and isolates go, marks and others stay. */
	{
		char v[] = "\xe2\x80\xae" "evil\xe2\x80\xac|\xe2\x81\xa6x\xe2\x81\xa9"
		    "\xe2\x80\xaa\xe2\x80\xad\xe2\x81\xa7\xe2\x81\xa8\xe2\x80\x8f.";

		str_strip_controls(v, false);
		assert_string_equal(v, "evil|x\xe2\x80\x8f.");
	}
}

/* Text for a terminal: valid UTF-8, without controls. */
static void
test_terminal(void **state)
{
	char *t;

	(void)state;
	t = str_terminal("a\033]0;PWNED\a\xff\x9b" "b\xc3\xa9\nc", false);
	assert_string_equal(t, "a]0;PWNED\xef\xbf\xbd\xef\xbf\xbd" "b\xc3\xa9 c");
	free(t);
	t = str_terminal(NULL, true);
	assert_string_equal(t, "");
	free(t);
	t = str_utf8_valid("\xe2\x82x\xed\xa0\x80");
	assert_string_equal(t, "\xef\xbf\xbd\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(t);
}

/* The length of the character at s, with its code point in *cp. */
static void
char_is(const char *s, size_t len, unsigned long cp)
{
	unsigned long got = 0;

	assert_int_equal(str_char_len(s, &got), len);
	if (len > 0)
		assert_int_equal(got, cp);
}

/* One character at a time, as RFC 3629 allows them and no other way: an
 * overlong form, a surrogate, a code point past U+10FFFF, a stray or a
 * missing continuation byte start no character. */
static void
test_char_len(void **state)
{
	(void)state;
	char_is("a", 1, 0x61);
	char_is("\xc3\xa9t\xc3\xa9", 2, 0xe9);
	char_is("\xe2\x82\xac", 3, 0x20ac);
	char_is("\xf0\x9f\x98\x80", 4, 0x1f600);
	char_is("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
	char_is("\xc0\x80", 0, 0);
	char_is("\xc1\x81", 0, 0);
	char_is("\xe0\x80\x80", 0, 0);
	char_is("\xed\xa0\x80", 0, 0);
	char_is("\xf4\x90\x80\x80", 0, 0);
	char_is("\xf5\x80\x80\x80", 0, 0);
	char_is("\x80", 0, 0);
	char_is("\xc3", 0, 0);
	char_is("\xe2\x82(", 0, 0);
	assert_int_equal(str_char_len("\xc3\xa9", NULL), 2);
}

/* Finds the place of offset off in the len bytes of s and compares. */
static void
position_is(const char *s, size_t off, bool yaml, unsigned line, unsigned col)
{
	unsigned l = 0, c = 0;

	str_position(s, strlen(s), off, yaml, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

/* A byte offset as people count places: 1-based, the column in characters;
 * lines end at a newline, or at each of YAML's line breaks. */
static void
test_position(void **state)
{
	const char *s = "ab\nc\xc3\xa9" "d\n";

	(void)state;
	position_is(s, 0, false, 1, 1);
	position_is(s, 2, false, 1, 3);
	position_is(s, 3, false, 2, 1);
	position_is(s, 6, false, 2, 3);	/* after "c\xc3\xa9" */
	position_is(s, 5, false, 2, 3);	/* inside "\xc3\xa9": past its start */
	position_is(s, 8, false, 3, 1);
	position_is(s, 99, false, 3, 1);	/* past the end: the end */
	position_is("", 0, true, 1, 1);
	/* a carriage return, NEL, LS and PS end a line only in YAML */
	position_is("a\rb", 2, false, 1, 3);
	position_is("a\rb", 2, true, 2, 1);
	position_is("a\xc2\x85" "b", 3, false, 1, 3);
	position_is("a\xc2\x85" "b", 3, true, 2, 1);
	position_is("\xe2\x80\xa8" "b", 3, true, 2, 1);
	position_is("\xe2\x80\xa9" "b", 4, true, 2, 2);
	/* CR LF is one break; between the two, the CR is still on its line */
	position_is("a\r\nb", 2, true, 1, 3);
	position_is("a\r\nb", 3, true, 2, 1);
	position_is("a\r\nb", 3, false, 2, 1);
}

/* Each map is seeded on its own, yet finds what it holds whatever the seed:
 * every key put is found, replaced in place, and nothing else is. */
static void
test_hmap(void **state)
{
	enum { N = 5000 };
	struct hmap a = { 0 }, b = { 0 };
	static char keys[N][8];
	size_t i;

	(void)state;
	assert_null(hmap_get(&a, "q0"));
	for (i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "q%zu", i);
		assert_null(hmap_put(&a, keys[i], &keys[i]));
		assert_null(hmap_put(&b, keys[i], &keys[i]));
	}
	assert_int_equal(a.n, N);
	assert_int_not_equal(a.seed, b.seed);
	for (i = 0; i < N; i++) {
		assert_ptr_equal(hmap_get(&a, keys[i]), &keys[i]);
		assert_ptr_equal(hmap_get(&b, keys[i]), &keys[i]);
	}
	assert_null(hmap_get(&a, "q5000"));
	assert_null(hmap_get(&a, "q"));
	assert_null(hmap_get(&a, ""));
	assert_ptr_equal(hmap_put(&a, "q7", &keys[0]), &keys[7]);
	assert_ptr_equal(hmap_get(&a, keys[7]), &keys[0]);
	assert_int_equal(a.n, N);
	/* hmap_put_new keeps what is there, and adds what is not. */
	assert_ptr_equal(hmap_put_new(&a, "q8", &keys[1]), &keys[8]);
	assert_ptr_equal(hmap_get(&a, "q8"), &keys[8]);
	assert_int_equal(a.n, N);
	assert_null(hmap_put_new(&a, "new", &keys[2]));
	assert_ptr_equal(hmap_get(&a, "new"), &keys[2]);
	assert_int_equal(a.n, N + 1);
	hmap_free(&a);
	assert_null(hmap_get(&a, "q1"));
	assert_null(hmap_put(&a, "q1", &keys[1]));
	assert_ptr_equal(hmap_get(&a, "q1"), &keys[1]);
	hmap_free(&a);
	hmap_free(&b);
}

/* A strset keeps each string once, in the order first added. */
static void
test_strset(void **state)
{
	struct strset set = { 0 };

	(void)state;
	assert_true(strset_add(&set, "b"));
	assert_true(strset_add(&set, "a"));
	assert_false(strset_add(&set, "b"));
	assert_int_equal(set.n, 2);
	assert_string_equal(set.v[0], "b");
	assert_string_equal(set.v[1], "a");
	assert_true(strset_has(&set, "a"));
	assert_false(strset_has(&set, "c"));
	/* strset_take keeps the first of equal strings, and frees the other. */
	assert_ptr_equal(strset_take(&set, xstrdup("a")), set.v[1]);
	assert_string_equal(strset_take(&set, xstrdup("c")), "c");
	assert_int_equal(set.n, 3);
	assert_ptr_equal(set.v[2], strset_take(&set, xstrdup("c")));
	strset_free(&set);
	assert_int_equal(set.n, 0);
	strset_free(&set);
}

/* diags_print writes each diagnostic on its line, as diag_format makes
 * it, however many there are and however long (lines are gathered before
 * they are written). */
static void
test_diags_print(void **state)
{
	struct diags d = { 0 };
	struct buf want = { 0 };
	char *got = NULL, *line, *big = xmalloc(40001);
	size_t len = 0, i;
	FILE *fp = open_memstream(&got, &len);

	(void)state;
	assert_non_null(fp);
	memset(big, 'x', 40000);
	big[40000] = '\0';
	for (i = 0; i < 3000; i++)
		diags_add(&d, i % 2 ? DIAG_WARNING : DIAG_ERROR, "t.yaml",
		    (struct mark){ (unsigned)i, 3 }, "message %zu%s", i,
		    i == 1500 || i == 2999 ? big : "");
	for (i = 0; i < d.n; i++) {
		line = diag_format(&d.v[i]);
		buf_printf(&want, "%s\n", line);
		free(line);
	}
	assert_int_equal(diags_print(&d, fp), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(len, want.len);
	assert_memory_equal(got, want.s, len);
	free(got);
	free(want.s);
	free(big);
	diags_free(&d);
}

/* A message said again at another place (diags_add_held) reads as the
 * first, counts as an error when it is one, and is held once. */
static void
test_diags_add_held(void **state)
{
	struct diags d = { 0 };
	const char *held;
	char *line;

	(void)state;
	held = diags_add(&d, DIAG_WARNING, "a.yaml", (struct mark){ 2, 5 }, "closed (\"%s\")", "is");
	assert_string_equal(held, "closed (\"is\")");
	diags_add_held(&d, DIAG_ERROR, "b.yaml", (struct mark){ 7, 1 }, held);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.nerrors, 1);
	assert_ptr_equal(d.v[0].msg, d.v[1].msg);
	assert_int_equal(d.strs.n, 3);	/* two files, one message */
	line = diag_format(&d.v[1]);
	assert_string_equal(line, "b.yaml:7:1: error: closed (\"is\")");
	free(line);
	diags_free(&d);
}

/* buf_truncate cuts back to a length it had, never grows, and keeps the
 * string terminated; on an empty buffer it is a no-op. */
static void
test_buf_truncate(void **state)
{
	struct buf b = { 0 };

	(void)state;
	buf_truncate(&b, 0);
	assert_string_equal(buf_str(&b), "");
	buf_puts(&b, "session one, session two");
	buf_truncate(&b, 11);
	assert_string_equal(buf_str(&b), "session one");
	assert_int_equal(b.len, 11);
	buf_truncate(&b, 40);
	assert_int_equal(b.len, 11);
	buf_puts(&b, "!");
	assert_string_equal(buf_str(&b), "session one!");
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

/* Counts the calls of int_cmp, to tell a sort from a check of order. */
static size_t cmp_calls;

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	cmp_calls++;
	return (x > y) - (x < y);
}

/* sort_lazy sorts what is out of order, leaves what is in order after one
 * look at each pair, and takes a NULL base with no element. */
static void
test_sort_lazy(void **state)
{
	int v[64], w[64];
	size_t i;

	(void)state;
	for (i = 0; i < 64; i++)
		v[i] = (int)((i * 37) % 64);
	sort_lazy(v, 64, sizeof *v, int_cmp);
	for (i = 0; i < 64; i++)
		assert_int_equal(v[i], (int)i);
	cmp_calls = 0;
	sort_lazy(v, 64, sizeof *v, int_cmp);
	assert_int_equal(cmp_calls, 63);
	/* Equal neighbours are in order; one last element out of it is not. */
	for (i = 0; i < 64; i++)
		w[i] = i < 63 ? (int)(i / 2) + 1 : 0;
	sort_lazy(w, 64, sizeof *w, int_cmp);
	assert_int_equal(w[0], 0);
	for (i = 1; i < 64; i++)
		assert_true(w[i - 1] <= w[i]);
	sort_lazy(NULL, 0, sizeof *v, int_cmp);
	sort_lazy(v, 1, sizeof *v, int_cmp);
	assert_int_equal(v[0], 0);
}

/* Diagnostics of one file share its name, shown without control
 * characters, and those of the same words their message; another file
 * between them, or a name given again after it, is named right, and
 * sorting keeps each with its file. */
static void
test_diags_files(void **state)
{
	struct diags d = { 0 };
	char name[16] = "a.yaml";

	(void)state;
	diags_add(&d, DIAG_ERROR, name, (struct mark){ 3, 1 }, "one");
	diags_add(&d, DIAG_ERROR, name, (struct mark){ 1, 1 }, "two");
	diags_add(&d, DIAG_WARNING, "b\033[2J.yaml", (struct mark){ 2, 1 }, "three");
	strcpy(name, "c.yaml");		/* the same buffer, another file */
	diags_add(&d, DIAG_ERROR, name, (struct mark){ 1, 1 }, "four");
	diags_add(&d, DIAG_ERROR, NULL, (struct mark){ 0, 0 }, "five");
	diags_add(&d, DIAG_ERROR, "a.yaml", (struct mark){ 2, 1 }, "six");
	diags_add(&d, DIAG_WARNING, "a.yaml", (struct mark){ 9, 1 }, "%s", "one");
	assert_int_equal(d.n, 7);
	assert_ptr_equal(d.v[0].file, d.v[1].file);
	assert_ptr_equal(d.v[0].file, d.v[5].file);
	assert_ptr_equal(d.v[0].msg, d.v[6].msg);
	assert_int_equal(d.v[6].level, DIAG_WARNING);
	assert_string_equal(d.v[0].file, "a.yaml");
	assert_string_equal(d.v[2].file, "b[2J.yaml");
	assert_string_equal(d.v[3].file, "c.yaml");
	assert_string_equal(d.v[4].file, "-");
	assert_string_equal(d.v[5].file, "a.yaml");
	diags_sort(&d);
	assert_string_equal(d.v[0].file, "-");
	assert_string_equal(d.v[0].msg, "five");
	assert_string_equal(d.v[1].msg, "two");
	assert_string_equal(d.v[2].msg, "six");
	assert_string_equal(d.v[3].msg, "one");
	assert_string_equal(d.v[4].msg, "one");
	assert_int_equal(d.v[4].mark.line, 9);
	assert_string_equal(d.v[5].file, "b[2J.yaml");
	assert_string_equal(d.v[6].msg, "four");
	assert_int_equal(d.nerrors, 5);
	diags_free(&d);
}

/* The shapes of stored values that a row from elsewhere must have. */
static void
test_valid_shapes(void **state)
{
	(void)state;
	assert_true(valid_uuid("0f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a"));
	assert_true(valid_uuid("0F8E7D6C-5B4A-4392-8180-7F6E5D4C3B2A"));
	assert_false(valid_uuid("0f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2"));
	assert_false(valid_uuid("0f8e7d6c_5b4a-4392-8180-7f6e5d4c3b2a"));
	assert_false(valid_uuid("0f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2g"));
	assert_false(valid_uuid("\033]0;x\007"));
	assert_true(valid_time("2026-11-30T10:15:00.123Z"));
	assert_true(valid_time("2026-11-30T10:15:00Z"));
	assert_false(valid_time("2026-11-30T10:15:00.123"));
	assert_false(valid_time("2026-11-30 10:15:00.123Z"));
	assert_false(valid_time("2026-13-30T10:15:00.123Z"));
	assert_false(valid_time("2026-11-30T10:15:00.1234Z"));
	assert_false(valid_time("garbage\033[2J"));
	assert_false(valid_time(NULL));
	assert_true(valid_lang("fr"));
	assert_true(valid_lang("pt_BR"));
	assert_true(valid_lang("de_DE.UTF-8"));
	assert_true(valid_lang("sr@latin"));
	assert_false(valid_lang(""));
	assert_false(valid_lang("../../tmp/x"));
	assert_false(valid_lang("fr/.."));
	assert_false(valid_lang("fr..x"));
	assert_false(valid_lang("_fr"));
	assert_false(valid_lang("fran\xc3\xa7" "ais"));
	assert_false(valid_lang(NULL));
	assert_true(valid_sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
	assert_false(valid_sha256("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"));
	assert_false(valid_sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_at_spaces),
		cmocka_unit_test(test_wrap_french_marks),
		cmocka_unit_test(test_wrap_counts_characters),
		cmocka_unit_test(test_wrap_counts_columns),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap_keeps_newlines),
		cmocka_unit_test(test_trim_and_blank),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_near),
		cmocka_unit_test(test_strip_controls),
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_char_len),
		cmocka_unit_test(test_position),
		cmocka_unit_test(test_hmap),
		cmocka_unit_test(test_strset),
		cmocka_unit_test(test_diags_print),
		cmocka_unit_test(test_diags_add_held),
		cmocka_unit_test(test_sort_lazy),
		cmocka_unit_test(test_buf_truncate),
		cmocka_unit_test(test_diags_files),
		cmocka_unit_test(test_valid_shapes),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
