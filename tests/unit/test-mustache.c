/* test-mustache.c: the Mustache engine against the official spec cases
 * (interpolation, sections, inverted, comments, and delimiters without
 * partials), its error places and custom escaping, and jdoc_from_ynode. The
 * spec lives in $WHYLINE_SHARED/mustache-spec, or beside the source tree in
 * $top_srcdir/../shared/mustache-spec; without it (as in make distcheck)
 * the spec's tests are skipped, each saying why, and the others run. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "jdoc.h"
#include "mustache.h"
#include "util.h"
#include "ydoc.h"

/* Where the spec's files are, or why they are not there. */
struct spec {
	char *dir;		/* NULL when the spec is absent */
	char *why;		/* why dir is NULL */
};

/* The scalar text of key in map, or NULL. */
static const char *
str_of(const struct ynode *map, const char *key)
{
	const struct ynode *n = ynode_get(map, key);

	return n != NULL && n->kind == YNODE_SCALAR ? n->str : NULL;
}

/* Renders one spec case; returns 1 (saying why) when it fails, else 0. */
static int
run_case(const char *file, const struct ynode *c)
{
	const char *name = str_of(c, "name"), *tmpl = str_of(c, "template");
	const char *expected = str_of(c, "expected");
	struct mustache_error err;
	json_t *data;
	char *out;
	int failed = 0;

	if (name == NULL || tmpl == NULL || expected == NULL) {
		print_error("%s: a case without name, template or expected\n",
		    file);
		return 1;
	}
	data = jdoc_from_ynode(ynode_get(c, "data"), NULL);
	if (data == NULL) {
		print_error("%s: \"%s\": data does not convert\n", file, name);
		return 1;
	}
	out = mustache_render(tmpl, data, NULL, NULL, &err);
	if (out == NULL) {
		print_error("%s: \"%s\": error at %u:%u: %s\n", file, name,
		    err.line, err.col, err.msg);
		free(err.msg);
		failed = 1;
	} else if (strcmp(out, expected) != 0) {
		print_error("%s: \"%s\"\n  template: [%s]\n  expected: [%s]\n"
		    "  got:      [%s]\n", file, name, tmpl, expected, out);
		failed = 1;
	}
	free(out);
	json_decref(data);
	return failed;
}

/* Runs every case of spec file file (those with partials are left out when
 * skip_partials); each must pass, and there must be some. Skips the test,
 * saying why, when the spec is absent. */
static void
run_spec(const struct spec *spec, const char *file, bool skip_partials)
{
	char *path;
	struct diags d = { 0 };
	struct ydoc *doc;
	const struct ynode *tests;
	size_t i, ran = 0;
	int failures = 0;

	if (spec->dir == NULL) {
		print_message("# %s: skipped: %s\n", file, spec->why);
		skip();
	}
	path = xasprintf("%s/%s", spec->dir, file);
	doc = ydoc_load(path, &d);
	assert_non_null(doc);
	assert_int_equal(d.nerrors, 0);
	tests = ynode_get(ydoc_root(doc), "tests");
	assert_non_null(tests);
	assert_int_equal(tests->kind, YNODE_SEQ);
	for (i = 0; i < tests->n; i++) {
		if (skip_partials && ynode_get(tests->items[i], "partials"))
			continue;
		failures += run_case(file, tests->items[i]);
		ran++;
	}
	if (failures > 0)
		print_error("%s: %d of %zu cases failed\n", file, failures,
		    ran);
	ydoc_free(doc);
	diags_free(&d);
	free(path);
	assert_int_equal(failures, 0);
	assert_true(ran >= 10);
}

/* The spec's interpolation cases. */
static void
spec_interpolation(void **state)
{
	run_spec(*state, "interpolation.yml", false);
}

/* The spec's section cases. */
static void
spec_sections(void **state)
{
	run_spec(*state, "sections.yml", false);
}

/* The spec's inverted section cases. */
static void
spec_inverted(void **state)
{
	run_spec(*state, "inverted.yml", false);
}

/* The spec's comment cases. */
static void
spec_comments(void **state)
{
	run_spec(*state, "comments.yml", false);
}

/* The spec's set-delimiter cases, but for those that need partials. */
static void
spec_delimiters(void **state)
{
	run_spec(*state, "delimiters.yml", true);
}

/* Renders tmpl over the JSON text ctx with HTML escaping; must succeed. */
static char *
render_json(const char *tmpl, const char *ctx)
{
	struct mustache_error err;
	json_t *j = json_loads(ctx, JSON_DECODE_ANY, NULL);
	char *out;

	assert_non_null(j);
	out = mustache_render(tmpl, j, NULL, NULL, &err);
	if (out == NULL)
		print_error("%u:%u: %s\n", err.line, err.col, err.msg);
	assert_non_null(out);
	json_decref(j);
	return out;
}

/* Asserts that tmpl over ctx renders as expected. */
static void
assert_renders(const char *tmpl, const char *ctx, const char *expected)
{
	char *out = render_json(tmpl, ctx);

	assert_string_equal(out, expected);
	free(out);
}

/* Renders tmpl over the JSON text ctx, which must fail with a message
 * holding part; returns the error (the caller frees its msg). */
static struct mustache_error
render_fails(const char *tmpl, const char *ctx, const char *part)
{
	struct mustache_error err;
	json_t *j = json_loads(ctx, JSON_DECODE_ANY, NULL);
	char *out;

	assert_non_null(j);
	out = mustache_render(tmpl, j, NULL, NULL, &err);
	json_decref(j);
	assert_null(out);
	assert_non_null(err.msg);
	if (strstr(err.msg, part) == NULL)
		print_error("message: %s\n", err.msg);
	assert_non_null(strstr(err.msg, part));
	return err;
}

/* Asserts that tmpl fails at line:col with a message holding part. */
static void
assert_fails(const char *tmpl, unsigned line, unsigned col, const char *part)
{
	struct mustache_error err = render_fails(tmpl, "{}", part);

	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	free(err.msg);
}

/* Errors carry the 1-based line and column of the tag at fault. */
static void
errors_have_places(void **state)
{
	assert_fails("Hello\n  {{name", 2, 3, "unclosed tag");
	assert_fails("Hello {{{name}}", 1, 7, "\"}}}\"");
	assert_fails("a\n{{#x}}\nb\n", 2, 1, "\"x\" is never closed");
	assert_fails("{{#a}}{{#b}}\n{{/b}}", 1, 1, "\"a\" is never closed");
	assert_fails("{{#a}}\n {{/b}}", 2, 2, "opened at line 1, column 1");
	assert_fails("{{#a}}\n {{/b}}", 2, 2, "\"{{/b}}\" does not close "
	    "section \"a\"");
	assert_fails("text\n\n   {{/a}}", 3, 4, "closes no open section");
	assert_fails("x {{>part}}", 1, 3, "partials");
	assert_fails("x\n{{ }}", 2, 1, "without a name");
	assert_fails("{{a b}}", 1, 1, "white space");
	assert_fails("{{a..b}}", 1, 1, "dot");
	assert_fails("{{#.a}}{{/.a}}", 1, 1, "dot");
	assert_fails("{{=<% =}}", 1, 1, "set-delimiter");
	assert_fails("{{=<% %>=}}\n<%#a%><%/b%>", 2, 7, "\"<%/b%>\"");
	/* Columns count characters, not bytes. */
	assert_fails("\xc3\xa9t\xc3\xa9 {{oops", 1, 5, "unclosed tag");
}

/* Sections nest at most MUSTACHE_MAX_DEPTH deep. */
static void
nesting_is_limited(void **state)
{
	struct buf b = { 0 };
	char *out;
	int i;

	for (i = 0; i < MUSTACHE_MAX_DEPTH; i++)
		buf_puts(&b, "{{#a}}");
	buf_puts(&b, "x");
	for (i = 0; i < MUSTACHE_MAX_DEPTH; i++)
		buf_puts(&b, "{{/a}}");
	out = render_json(buf_str(&b), "{\"a\": true}");
	assert_string_equal(out, "x");
	free(out);
	buf_reset(&b);
	for (i = 0; i <= MUSTACHE_MAX_DEPTH; i++)
		buf_puts(&b, "{{#a}}");
	assert_fails(buf_str(&b), 1, 1 + 6 * MUSTACHE_MAX_DEPTH, "nested");
	buf_free(&b);
}

/* Renders tmpl over the JSON text ctx; must fail with a message holding
 * part, at a place in the template. */
static void
assert_render_fails(const char *tmpl, const char *ctx, const char *part)
{
	struct mustache_error err = render_fails(tmpl, ctx, part);

	assert_true(err.line >= 1);
	free(err.msg);
}

/* A rendering's work is bounded: sections nested 30 deep over 3 items
 * (3^30 passes), or empty bodies over long lists, stop with an error
 * instead of running for hours, as does an output past its size. */
static void
work_is_limited(void **state)
{
	struct buf b = { 0 }, ctx = { 0 };
	int i;

	for (i = 0; i < 30; i++)
		buf_puts(&b, "{{#s}}");
	buf_puts(&b, "x");
	for (i = 0; i < 30; i++)
		buf_puts(&b, "{{/s}}");
	assert_render_fails(buf_str(&b), "{\"s\": [1, 2, 3]}", "too much work");
	buf_reset(&b);
	for (i = 0; i < 8; i++)
		buf_puts(&b, "{{#s}}");
	for (i = 0; i < 8; i++)
		buf_puts(&b, "{{/s}}");
	buf_puts(&ctx, "{\"s\": [0");
	for (i = 1; i < 100; i++)
		buf_puts(&ctx, ",0");
	buf_puts(&ctx, "]}");
	assert_render_fails(buf_str(&b), buf_str(&ctx), "too much work");
	buf_reset(&b);
	/* 1 MiB of text, 100 times over = 100 MiB. */
	buf_reset(&ctx);
	buf_puts(&ctx, "{\"t\": \"");
	for (i = 0; i < 1024 * 1024; i++)
		buf_puts(&ctx, "a");
	buf_puts(&ctx, "\", \"s\": [0");
	for (i = 1; i < 100; i++)
		buf_puts(&ctx, ",0");
	buf_puts(&ctx, "]}");
	assert_render_fails("{{#s}}{{t}}{{/s}}", buf_str(&ctx), "larger than 64 MiB");
	buf_free(&b);
	buf_free(&ctx);
}

/* A test escape function: wraps each value in <> and counts its calls. */
static void
escape_angle(struct buf *out, const char *s, void *arg)
{
	int *calls = arg;

	(*calls)++;
	buf_printf(out, "<%s>", s);
}

/* {{name}} goes through the caller's escape function with its argument;
 * {{{name}}} and {{& name}} do not. */
static void
custom_escape(void **state)
{
	struct mustache_error err;
	json_t *j = json_loads("{\"a\": \"*x*\", \"n\": 3}", 0, NULL);
	int calls = 0;
	char *out;

	assert_non_null(j);
	out = mustache_render("{{a}} {{{a}}} {{&a}} {{n}} {{missing}}", j,
	    escape_angle, &calls, &err);
	assert_non_null(out);
	assert_string_equal(out, "<*x*> *x* *x* <3> ");
	assert_int_equal(calls, 2);
	free(out);
	json_decref(j);
}

/* The default escape turns & " < > ' into entities and leaves the rest. */
static void
html_escape(void **state)
{
	struct buf b = { 0 };

	mustache_escape_html(&b, "a&b \"c\" <d> 'e' \xc3\xa9", NULL);
	assert_string_equal(buf_str(&b),
	    "a&amp;b &quot;c&quot; &lt;d&gt; &#39;e&#39; \xc3\xa9");
	buf_free(&b);
}

/* Values print as the header says; truth follows the header too. */
static void
values_and_truth(void **state)
{
	assert_renders("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}|{{f}}",
	    "{\"a\": 0.1, \"b\": 1e20, \"c\": -5, \"d\": true, \"e\": false,"
	    " \"f\": 2.5e-7}", "0.1|1e+20|-5|true|false|2.5e-07");
	assert_renders("{{list}}|{{obj}}", "{\"list\": [\"a<\", 2, [3]],"
	    " \"obj\": {\"x\": 1}}", "a&lt;, 2, 3|");
	assert_renders("{{#s}}S{{/s}}{{^s}}not S{{/s}}", "{\"s\": \"\"}",
	    "not S");
	assert_renders("{{#z}}zero {{.}}{{/z}}", "{\"z\": 0}", "zero 0");
	assert_renders("{{#o}}empty object{{/o}}", "{\"o\": {}}",
	    "empty object");
	assert_renders("{{#l}}{{.}}{{/l}}{{^l}}none{{/l}}", "{\"l\": []}",
	    "none");
}

/* A NULL context renders like an empty one. */
static void
null_context(void **state)
{
	struct mustache_error err;
	char *out = mustache_render("a{{b}}{{#c}}x{{/c}}{{^c}}y{{/c}}{{.}}",
	    NULL, NULL, NULL, &err);

	assert_non_null(out);
	assert_string_equal(out, "ay");
	free(out);
}

/* Errors are found in sections that do not render too. */
static void
errors_in_skipped_sections(void **state)
{
	assert_fails("{{#no}}\n{{#x}}{{/y}}{{/no}}", 2, 7, "does not close");
}

/* Converts the YAML text y and compares it with the JSON text expected. */
static void
assert_converts(const char *y, const char *expected)
{
	struct diags d = { 0 };
	struct ydoc *doc = ydoc_parse("test.yaml", y, strlen(y), &d);
	json_t *got, *want;
	char *text;

	want = json_loads(expected, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	assert_non_null(doc);
	assert_non_null(want);
	got = jdoc_from_ynode(ydoc_root(doc), NULL);
	assert_non_null(got);
	if (!json_equal(got, want)) {
		text = json_dumps(got, JSON_ENCODE_ANY);
		print_error("YAML %s gave %s, not %s\n", y, text, expected);
		free(text);
	}
	assert_true(json_equal(got, want));
	json_decref(got);
	json_decref(want);
	ydoc_free(doc);
	diags_free(&d);
}

/* Plain scalars become booleans, nulls and numbers; quoted ones stay text. */
static void
ynode_scalars(void **state)
{
	assert_converts("[true, True, TRUE, tRuE, false, FALSE, yes, no, on]",
	    "[true, true, true, true, false, false, \"yes\", \"no\", \"on\"]");
	assert_converts("[null, Null, NULL, ~, 'null', \"~\", '', nULL]",
	    "[null, null, null, null, \"null\", \"~\", \"\", \"nULL\"]");
	assert_converts("e:\n", "{\"e\": null}");
	assert_converts("['true', \"false\", '12', \"1.5\"]",
	    "[\"true\", \"false\", \"12\", \"1.5\"]");
	assert_converts("[0, 12, -7, +3, -0, 9223372036854775807]",
	    "[0, 12, -7, 3, 0, 9223372036854775807]");
	assert_converts("[007, 0x1F, 0o17, 1_000, 12abc, 99999999999999999999]",
	    "[\"007\", \"0x1F\", \"0o17\", \"1_000\", \"12abc\","
	    " \"99999999999999999999\"]");
	assert_converts("[1.5, .5, -.5, 2., 1e3, -1.5E-2, 0.25, 1.210]",
	    "[1.5, 0.5, -0.5, 2.0, 1000.0, -0.015, 0.25, 1.21]");
	assert_converts("[1.2.3, ., e3, 1e, 1e999, .inf, .nan, 01.5, '+']",
	    "[\"1.2.3\", \".\", \"e3\", \"1e\", \"1e999\", \".inf\","
	    " \".nan\", \"01.5\", \"+\"]");
	assert_converts("plain text", "\"plain text\"");
	assert_converts("\"a\\0b\"", "\"a\\u0000b\"");
	assert_converts("", "null");
}

/* Mappings become objects and sequences arrays, aliases expanded. */
static void
ynode_collections(void **state)
{
	assert_converts("a: 1\nb: [x, {c: null}]\n\"3\": three\n4: four\n"
	    "e: {}\nf: []\n", "{\"a\": 1, \"b\": [\"x\", {\"c\": null}],"
	    " \"3\": \"three\", \"4\": \"four\", \"e\": {}, \"f\": []}");
	assert_converts("a: &x {k: [1, 2]}\nb: *x\n",
	    "{\"a\": {\"k\": [1, 2]}, \"b\": {\"k\": [1, 2]}}");
	assert_converts("a: first\na: second\n", "{\"a\": \"first\"}");
}

/* A key that is not a scalar, or holds a NUL, is refused with its node. */
static void
ynode_bad_keys(void **state)
{
	const char *y1 = "a: 1\nb:\n  ? [x, y]\n  : 2\n";
	const char *y2 = "ok: 1\n\"k\\0\": 2\n";
	const char *ys[] = { y1, y2 };
	const unsigned lines[] = { 3, 2 }, cols[] = { 5, 1 };
	const struct ynode *bad;
	struct diags d = { 0 };
	struct ydoc *doc;
	size_t i;

	for (i = 0; i < 2; i++) {
		doc = ydoc_parse("t.yaml", ys[i], strlen(ys[i]), &d);
		assert_non_null(doc);
		bad = NULL;
		assert_null(jdoc_from_ynode(ydoc_root(doc), &bad));
		assert_non_null(bad);
		assert_int_equal(bad->mark.line, lines[i]);
		assert_int_equal(bad->mark.col, cols[i]);
		assert_null(jdoc_from_ynode(ydoc_root(doc), NULL));
		ydoc_free(doc);
	}
	diags_free(&d);
}

/* Finds the spec's folder: $WHYLINE_SHARED/mustache-spec, else
 * $top_srcdir/../shared/mustache-spec; when neither is there, says why. */
static void
spec_find(struct spec *spec)
{
	const char *top = getenv("top_srcdir"), *shared = getenv("WHYLINE_SHARED");
	struct stat st;

	spec->dir = NULL;
	spec->why = NULL;
	if (shared != NULL && *shared != '\0')
		spec->dir = xasprintf("%s/mustache-spec", shared);
	else if (top != NULL)
		spec->dir = xasprintf("%s/../shared/mustache-spec", top);
	else {
		spec->why = xstrdup("neither WHYLINE_SHARED nor top_srcdir is set");
		return;
	}
	if (stat(spec->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		spec->why = xasprintf("the Mustache spec is not in %s "
		    "(set WHYLINE_SHARED to the folder that holds mustache-spec)",
		    spec->dir);
		free(spec->dir);
		spec->dir = NULL;
	}
}

/* Runs the group; the spec's tests skip when its files are absent. */
int
main(void)
{
	struct spec spec;
	int rc;

	spec_find(&spec);
	{
		const struct CMUnitTest tests[] = {
			cmocka_unit_test_prestate(spec_interpolation, &spec),
			cmocka_unit_test_prestate(spec_sections, &spec),
			cmocka_unit_test_prestate(spec_inverted, &spec),
			cmocka_unit_test_prestate(spec_comments, &spec),
			cmocka_unit_test_prestate(spec_delimiters, &spec),
			cmocka_unit_test(errors_have_places),
			cmocka_unit_test(errors_in_skipped_sections),
			cmocka_unit_test(nesting_is_limited),
			cmocka_unit_test(work_is_limited),
			cmocka_unit_test(custom_escape),
			cmocka_unit_test(html_escape),
			cmocka_unit_test(values_and_truth),
			cmocka_unit_test(null_context),
			cmocka_unit_test(ynode_scalars),
			cmocka_unit_test(ynode_collections),
			cmocka_unit_test(ynode_bad_keys),
		};

		rc = cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
	}
	free(spec.dir);
	free(spec.why);
	return rc;
}
