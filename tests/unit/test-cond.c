/* test-cond.c: conditions on the private SQLite connection (what compiles,
 * what the authorizer refuses, the $id parameters, evaluation with each kind
 * of value, has(), expressions stopped when they run too long) and the
 * scanning and filling of {{id}} templates. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "cond.h"
#include "placeholder.h"
#include "util.h"

/* Values by name for cond_eval: names[i] has vals[i]. */
struct env {
	const char *const *names;
	const struct cond_value *vals;
	size_t n;
};

static bool
env_lookup(void *arg, const char *name, struct cond_value *v)
{
	const struct env *e = arg;
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->names[i], name) == 0) {
			*v = e->vals[i];
			return true;
		}
	return false;
}

static int
setup(void **state)
{
	char *err = NULL;

	*state = cond_ctx_new(&err);
	if (*state == NULL) {
		print_error("cond_ctx_new: %s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	cond_ctx_free(*state);
	return 0;
}

/* Compiles expr and asserts that it fails with a message holding what. */
static void
assert_refused(struct cond_ctx *cc, const char *expr, const char *what)
{
	char *err = NULL;
	struct cond *k = cond_compile(cc, expr, &err);

	if (k != NULL) {
		cond_free(k);
		fail_msg("'%s' compiled", expr);
	}
	assert_non_null(err);
	if (strstr(err, what) == NULL)
		fail_msg("'%s': message '%s' does not contain '%s'", expr, err, what);
	free(err);
}

/* Compiles expr, which must compile, and evaluates it with one value for $x
 * (none when v is NULL). */
static enum cond_result
eval1(struct cond_ctx *cc, const char *expr, const struct cond_value *v)
{
	static const char *const names[] = { "x" };
	struct env e = { names, v, v != NULL ? 1 : 0 };
	char *err = NULL;
	struct cond *k = cond_compile(cc, expr, &err);
	enum cond_result r;

	if (k == NULL)
		fail_msg("'%s' does not compile: %s", expr, err);
	r = cond_eval(k, env_lookup, &e, &err);
	if (r == COND_ERROR)
		free(err);
	cond_free(k);
	return r;
}

/* A 100,000-byte string built inside a condition, as SQL. */
#define BIG "replace(replace(replace(replace('aaaaaaaaaa', 'a', 'aaaaaaaaaa'), " \
	"'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa')"

/* ---- compiling ---- */

static void
test_compile_errors(void **state)
{
	struct cond_ctx *cc = *state;

	/* The messages speak of the condition, not of the statement around it. */
	assert_refused(cc, "1 +", "something is missing");
	assert_refused(cc, "$a = 'x' AND", "something is missing");
	assert_refused(cc, "(1", "something is missing");
	assert_refused(cc, "1)", "')' is not opened");
	assert_refused(cc, "$a = 'x", "a quote or a bracket is not closed");
	assert_refused(cc, "$a = [x", "a quote or a bracket is not closed");
	assert_refused(cc, "1 /* x", "a comment is not closed");
	assert_refused(cc, "no_such_function(1)", "no such function: no_such_function");
	assert_refused(cc, "nocolumn = 1", "no such column: nocolumn (at character 1)");
	assert_refused(cc, "1 = = 2", "near \"=\": syntax error (at character 5)");
	assert_refused(cc, "", "the condition is empty");
	assert_refused(cc, "  \n", "the condition is empty");
}

static void
test_compile_ok(void **state)
{
	struct cond_ctx *cc = *state;
	static const char *const ok[] = {
		"1", "$a IS NULL", "$a <> 'unknown'", "$n BETWEEN 1 AND 5",
		"length($t) > 3 AND lower($t) LIKE 'x%'", "has($m, 'v')",
		"coalesce($a, 'none') = 'none'", "$a IN ('x', 'y')",
		"(SELECT 1) = 1", "json_array_length($m) >= 2",
		"CASE WHEN $a = 'x' THEN 1 ELSE 0 END", "1 -- a comment",
	};
	size_t i;

	for (i = 0; i < sizeof ok / sizeof *ok; i++) {
		char *err = NULL;
		struct cond *k = cond_compile(cc, ok[i], &err);

		if (k == NULL)
			fail_msg("'%s' does not compile: %s", ok[i], err);
		cond_free(k);
	}
}

static void
test_authorizer_refuses_tables(void **state)
{
	struct cond_ctx *cc = *state;
	const char *tables = "not tables or statements";

	assert_refused(cc, "(SELECT count(*) FROM sqlite_master) > 0", tables);
	assert_refused(cc, "(SELECT count(*) FROM sqlite_schema) > 0", tables);
	assert_refused(cc, "EXISTS (SELECT 1 FROM sqlite_temp_master)", tables);
	assert_refused(cc, "(SELECT name FROM pragma_table_list) IS NULL", tables);
	assert_refused(cc, "(SELECT count(*) FROM pragma_function_list) > 0", tables);
	assert_refused(cc, "load_extension('/tmp/x.so') IS NULL", "load_extension");
	assert_refused(cc,
	    "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
	    "SELECT count(*) FROM c) > 0", tables);
}

static void
test_authorizer_refuses_statements(void **state)
{
	struct cond_ctx *cc = *state;
	char path[] = "/tmp/test-cond-attach.XXXXXX";
	char *expr;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	/* Statements cannot hide inside the expression... */
	assert_refused(cc, "1; PRAGMA writable_schema = 1", "");
	assert_refused(cc, "1; SELECT 2", "");
	expr = xasprintf("1; ATTACH '%s' AS x", path);
	assert_refused(cc, expr, "");
	free(expr);
	/* ...nor follow it, closing the parentheses around it. */
	assert_refused(cc, "1) THEN 1 ELSE 0 END; SELECT (1", "one expression");
	expr = xasprintf("1) THEN 1 ELSE 0 END; ATTACH '%s' AS x; SELECT (1", path);
	assert_refused(cc, expr, "one expression");
	free(expr);
	assert_refused(cc, "1) THEN 1 ELSE 0 END; PRAGMA writable_schema = 1; SELECT (1",
	    "one expression");
	assert_refused(cc, "1) THEN 1 ELSE 0 END FROM sqlite_master --", "");
	/* Nothing was attached or created. */
	assert_int_equal(access(path, F_OK), -1);
}

static void
test_parameters_must_be_ids(void **state)
{
	struct cond_ctx *cc = *state;

	assert_refused(cc, "? = 1", "$id");
	assert_refused(cc, "?1 = 1", "$id");
	assert_refused(cc, ":x = 1", "$id");
	assert_refused(cc, "@x = 1", "$id");
	assert_refused(cc, "$a = 1 AND :b = 2", "$id");
	assert_refused(cc, "$a::b = 1", "$id");
	assert_refused(cc, "$a(b) = 1", "$id");
}

static void
test_parameters_listed(void **state)
{
	struct cond_ctx *cc = *state;
	char *err = NULL;
	struct cond *k = cond_compile(cc,
	    "$budget = 'fixed' AND ($why IS NULL OR $budget <> $why_2) AND '$no' = '$no'",
	    &err);

	assert_non_null(k);
	assert_int_equal(cond_nparams(k), 3);
	assert_string_equal(cond_param(k, 0), "budget");
	assert_string_equal(cond_param(k, 1), "why");
	assert_string_equal(cond_param(k, 2), "why_2");
	cond_free(k);
	k = cond_compile(cc, "1 = 1", &err);
	assert_non_null(k);
	assert_int_equal(cond_nparams(k), 0);
	cond_free(k);
}

/* ---- evaluating ---- */

static void
test_eval_values(void **state)
{
	struct cond_ctx *cc = *state;
	struct cond_value null = { CV_NULL, 0, 0, NULL };
	struct cond_value i4 = { CV_INT, 4, 0, NULL };
	struct cond_value r25 = { CV_REAL, 0, 2.5, NULL };
	struct cond_value yes = { CV_TEXT, 0, 0, "yes" };

	assert_int_equal(eval1(cc, "$x IS NULL", &null), COND_TRUE);
	assert_int_equal(eval1(cc, "$x IS NULL", NULL), COND_TRUE);	/* unknown: NULL */
	/* NULL is not true: the question is skipped. */
	assert_int_equal(eval1(cc, "$x = 1", &null), COND_FALSE);
	assert_int_equal(eval1(cc, "$x <> 1", &null), COND_FALSE);
	assert_int_equal(eval1(cc, "$x > 3", &i4), COND_TRUE);
	assert_int_equal(eval1(cc, "$x > 4", &i4), COND_FALSE);
	assert_int_equal(eval1(cc, "typeof($x) = 'integer'", &i4), COND_TRUE);
	assert_int_equal(eval1(cc, "$x = 2.5", &r25), COND_TRUE);
	assert_int_equal(eval1(cc, "$x > 2 AND $x < 3", &r25), COND_TRUE);
	assert_int_equal(eval1(cc, "typeof($x) = 'real'", &r25), COND_TRUE);
	assert_int_equal(eval1(cc, "$x = 'yes'", &yes), COND_TRUE);
	assert_int_equal(eval1(cc, "$x = 'no'", &yes), COND_FALSE);
	assert_int_equal(eval1(cc, "0", NULL), COND_FALSE);
	assert_int_equal(eval1(cc, "NULL", NULL), COND_FALSE);
	assert_int_equal(eval1(cc, "'abc'", NULL), COND_FALSE);
	assert_int_equal(eval1(cc, "0.5", NULL), COND_TRUE);
}

static void
test_eval_reuses_statement(void **state)
{
	struct cond_ctx *cc = *state;
	static const char *const names[] = { "a", "b" };
	struct cond_value v1[] = { { CV_TEXT, 0, 0, "x" }, { CV_INT, 2, 0, NULL } };
	struct cond_value v2[] = { { CV_TEXT, 0, 0, "y" }, { CV_INT, 2, 0, NULL } };
	struct env e1 = { names, v1, 2 }, e2 = { names, v2, 2 }, none = { names, v1, 0 };
	char *err = NULL;
	struct cond *k = cond_compile(cc, "$a = 'x' AND $b = 2", &err);

	assert_non_null(k);
	assert_int_equal(cond_eval(k, env_lookup, &e1, &err), COND_TRUE);
	assert_int_equal(cond_eval(k, env_lookup, &e2, &err), COND_FALSE);
	/* Bindings do not leak from one evaluation into the next. */
	assert_int_equal(cond_eval(k, env_lookup, &none, &err), COND_FALSE);
	assert_int_equal(cond_eval(k, env_lookup, &e1, &err), COND_TRUE);
	cond_free(k);
}

/* Conditions that differ only in the questions they name share one
 * compiled statement; each still reads its own questions, and freeing one
 * leaves the others working. */
static void
test_shared_shape(void **state)
{
	struct cond_ctx *cc = *state;
	static const char *const names[] = { "a", "b", "c" };
	struct cond_value v[] = { { CV_TEXT, 0, 0, "x" }, { CV_TEXT, 0, 0, "y" },
	    { CV_INT, 3, 0, NULL } };
	struct env e = { names, v, 3 };
	char *err = NULL;
	struct cond *ka = cond_compile(cc, "$a = 'x' AND $c > 2", &err);
	struct cond *kb = cond_compile(cc, "$b = 'x' AND $c > 2", &err);
	struct cond *kc = cond_compile(cc, "$c = 'x' AND $a > 2", &err);
	struct cond *ks = cond_compile(cc, "$a = '$b' AND $c > 2", &err);
	struct cond *kr = cond_compile(cc, "$a = 'x' AND $a <> 'y'", &err);

	assert_non_null(ka);
	assert_non_null(kb);
	assert_non_null(kc);
	assert_non_null(ks);
	assert_non_null(kr);
	assert_int_equal(cond_eval(ka, env_lookup, &e, &err), COND_TRUE);
	assert_int_equal(cond_eval(kb, env_lookup, &e, &err), COND_FALSE);
	assert_int_equal(cond_eval(kc, env_lookup, &e, &err), COND_FALSE);
	/* '$b' in quotes is a string, not a question. */
	assert_int_equal(cond_nparams(ks), 2);
	assert_string_equal(cond_param(ks, 1), "c");
	assert_int_equal(cond_eval(ks, env_lookup, &e, &err), COND_FALSE);
	/* A question named twice is one parameter. */
	assert_int_equal(cond_nparams(kr), 1);
	assert_int_equal(cond_eval(kr, env_lookup, &e, &err), COND_TRUE);
	cond_free(ka);
	assert_int_equal(cond_eval(kb, env_lookup, &e, &err), COND_FALSE);
	v[1].s = "x";
	assert_int_equal(cond_eval(kb, env_lookup, &e, &err), COND_TRUE);
	cond_free(kb);
	cond_free(kc);
	cond_free(ks);
	cond_free(kr);
	/* The shape of an error is never kept: each says what is wrong with
	 * its own words. */
	assert_refused(cc, "$a = = 1", "syntax error (at character 6)");
	assert_refused(cc, "$abcdef = = 1", "syntax error (at character 11)");
	assert_refused(cc, "$a = 1 AND :b = 2", "':b' is not a question");
}

static void
test_has(void **state)
{
	struct cond_ctx *cc = *state;
	struct cond_value list = { CV_TEXT, 0, 0, "[\"seo\",\"ads\",\"x y\"]" };
	struct cond_value nums = { CV_TEXT, 0, 0, "[1,2]" };
	struct cond_value empty = { CV_TEXT, 0, 0, "[]" };
	struct cond_value one = { CV_TEXT, 0, 0, "ads" };
	struct cond_value null = { CV_NULL, 0, 0, NULL };

	assert_int_equal(eval1(cc, "has($x, 'ads')", &list), COND_TRUE);
	assert_int_equal(eval1(cc, "has($x, 'x y')", &list), COND_TRUE);
	assert_int_equal(eval1(cc, "has($x, 'ad')", &list), COND_FALSE);
	assert_int_equal(eval1(cc, "NOT has($x, 'web')", &list), COND_TRUE);
	assert_int_equal(eval1(cc, "has($x, 2)", &nums), COND_TRUE);
	assert_int_equal(eval1(cc, "has($x, 3)", &nums), COND_FALSE);
	assert_int_equal(eval1(cc, "has($x, 'seo')", &empty), COND_FALSE);
	assert_int_equal(eval1(cc, "has($x, 'seo')", &null), COND_FALSE);
	assert_int_equal(eval1(cc, "has($x, 'ads')", &one), COND_TRUE);
	assert_int_equal(eval1(cc, "has($x, 'seo')", &one), COND_FALSE);
	assert_int_equal(eval1(cc, "has($x, 'seo') AND has($x, 'ads')", &list), COND_TRUE);
	/* has() takes two arguments. */
	assert_refused(cc, "has($x)", "");
}

/* One call is one step of the virtual machine, so a condition of many calls
 * each over long values passed the step limit unseen: 250 instr() over
 * 100,000-byte strings took minutes (150 here). instr() is linear now, and every
 * evaluation is bounded in time: this one ends, true or stopped. */
static void
test_costly_calls_bounded(void **state)
{
	struct cond_ctx *cc = *state;
	struct buf b = { 0 };
	char *err = NULL;
	struct cond *k;
	enum cond_result r;
	int i;

	buf_puts(&b, "0");
	for (i = 0; i < 150; i++)
		buf_puts(&b, " + instr(" BIG ", substr(" BIG ", 1, 50000) || 'b')");
	buf_puts(&b, " = 0");
	k = cond_compile(cc, buf_str(&b), &err);
	if (k == NULL)
		fail_msg("does not compile: %s", err);
	r = cond_eval(k, env_lookup, &(struct env){ NULL, NULL, 0 }, &err);
	if (r == COND_ERROR) {
		assert_non_null(strstr(err, "takes too long"));
		free(err);
	} else {
		assert_int_equal(r, COND_TRUE);
	}
	/* Its 600 strings of 100,000 bytes take more than a millisecond to
	 * build: with no time at all, it stops, saying so. */
	cond_ctx_set_time_limit(cc, 0);
	r = cond_eval(k, env_lookup, &(struct env){ NULL, NULL, 0 }, &err);
	cond_ctx_set_time_limit(cc, 100);
	assert_int_equal(r, COND_ERROR);
	assert_non_null(strstr(err, "takes too long (more than 0 ms)"));
	free(err);
	cond_free(k);
	buf_free(&b);
	/* instr() reads as SQLite's: characters, not bytes, and 0 when absent. */
	assert_int_equal(eval1(cc, "instr('h\xc3\xa9llo', 'llo') = 3", NULL), COND_TRUE);
	assert_int_equal(eval1(cc, "instr('abc', 'x') = 0", NULL), COND_TRUE);
	assert_int_equal(eval1(cc, "instr('abc', '') = 1", NULL), COND_TRUE);
	assert_int_equal(eval1(cc, "instr(NULL, 'a') IS NULL", NULL), COND_TRUE);
	assert_int_equal(eval1(cc, "instr(x'010203', x'03') = 3", NULL), COND_TRUE);
}

/* A value too long to bind is an error, never a NULL: $x IS NULL on an
 * answer of 200,000 bytes was true. */
static void
test_long_value_not_null(void **state)
{
	static const char *const names[] = { "x" };
	struct cond_ctx *cc = *state;
	char *s = xmalloc(200001), *err = NULL;
	struct cond_value v = { CV_TEXT, 0, 0, s };
	struct env e = { names, &v, 1 };
	struct cond *k = cond_compile(cc, "$x IS NULL", &err);

	memset(s, 'a', 200000);
	s[200000] = '\0';
	assert_non_null(k);
	assert_int_equal(cond_eval(k, env_lookup, &e, &err), COND_ERROR);
	assert_non_null(strstr(err, "$x is too long"));
	free(err);
	s[100000] = '\0';
	assert_int_equal(cond_eval(k, env_lookup, &e, &err), COND_FALSE);
	cond_free(k);
	free(s);
}

static void
test_long_running_stopped(void **state)
{
	struct cond_ctx *cc = *state;
	const char *ten = "(VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10))";
	char *expr = xasprintf("(SELECT count(*) FROM %s a, %s b, %s c, %s d, %s e, "
	    "%s f, %s g, %s h) > 0", ten, ten, ten, ten, ten, ten, ten, ten);
	unsigned long long before = cond_ctx_steps(cc);
	char *err = NULL;
	struct cond *k = cond_compile(cc, expr, &err);

	if (k == NULL)
		fail_msg("does not compile: %s", err);
	assert_int_equal(cond_eval(k, env_lookup, &(struct env){ NULL, NULL, 0 }, &err),
	    COND_ERROR);
	assert_non_null(strstr(err, "too long"));
	free(err);
	assert_true(cond_ctx_steps(cc) > before);
	cond_free(k);
	free(expr);

	/* Values too large to build are refused, not built. */
	k = cond_compile(cc, "length(replace(replace(replace(replace(replace("
	    "'xxxxxxxxxx', 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), "
	    "'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx')) > 0", &err);
	assert_non_null(k);
	assert_int_equal(cond_eval(k, env_lookup, &(struct env){ NULL, NULL, 0 }, &err),
	    COND_ERROR);
	free(err);
	cond_free(k);
	/* Functions that only build large values are not allowed. */
	assert_refused(cc, "length(zeroblob(1000000000)) > 0", "may not call zeroblob()");
	assert_refused(cc, "length(randomblob(100000)) > 0", "may not call randomblob()");
	/* printf() can spend seconds in one step: it is not allowed. */
	assert_refused(cc, "length(printf('%.*c', 2000000000, 'x')) > 0",
	    "may not call printf()");
	assert_refused(cc, "length(FORMAT('%.*c', 2000000000, 'x')) > 0",
	    "may not call format()");
}

/* ---- templates ---- */

struct refs {
	char names[8][32];
	size_t n;
};

static void
collect(void *arg, const struct placeholder *ref)
{
	struct refs *r = arg;

	assert_true(r->n < 8 && ref->len < 32);
	memcpy(r->names[r->n], ref->name, ref->len);
	r->names[r->n++][ref->len] = '\0';
}

/* Scans s; returns its status and fills r and *where. */
static enum placeholder_status
scan(const char *s, struct refs *r, size_t *where)
{
	memset(r, 0, sizeof *r);
	*where = (size_t)-1;
	return placeholder_scan(s, collect, r, where);
}

static void
test_tmpl_scan(void **state)
{
	struct refs r;
	size_t at;

	(void)state;
	assert_int_equal(scan("no template", &r, &at), PLACEHOLDER_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(scan("Why {{rung}}, for {{ budget_2 }}?", &r, &at), PLACEHOLDER_OK);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.names[0], "rung");
	assert_string_equal(r.names[1], "budget_2");
	assert_int_equal(scan("a } b }} c { d", &r, &at), PLACEHOLDER_OK);
	assert_int_equal(r.n, 0);
}

static void
test_tmpl_unclosed(void **state)
{
	struct refs r;
	size_t at;

	(void)state;
	assert_int_equal(scan("By when {{why", &r, &at), PLACEHOLDER_UNCLOSED);
	assert_int_equal(at, 8);
	assert_int_equal(scan("{{a}} then {{b}", &r, &at), PLACEHOLDER_UNCLOSED);
	assert_int_equal(at, 11);
	assert_int_equal(r.n, 1);	/* the references before it were seen */
	assert_int_equal(scan("{{", &r, &at), PLACEHOLDER_UNCLOSED);
	assert_int_equal(at, 0);
}

static void
test_tmpl_bad_names(void **state)
{
	static const char *const bad[] = {
		"{{}}", "{{ }}", "{{Why}}", "{{9a}}", "{{a-b}}", "{{a b}}",
		"{{$a}}", "{{_a}}", "{{a.b}}", "{{{a}}}", "{{a} and {{b}}",
	};
	struct refs r;
	size_t at, i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *s = xasprintf("x {{ok}} %s", bad[i]);

		if (scan(s, &r, &at) != PLACEHOLDER_BAD_NAME)
			fail_msg("'%s' is not a bad name", s);
		assert_int_equal(at, 9);
		free(s);
	}
}

static const char *
fill_value(void *arg, const char *name)
{
	(void)arg;
	if (strcmp(name, "a") == 0)
		return "Alpha";
	if (strcmp(name, "b") == 0)
		return "{{a}}";		/* an answer is not a template */
	return NULL;
}

static void
test_tmpl_fill(void **state)
{
	char *s;

	(void)state;
	s = placeholder_fill("[{{a}}|{{ b }}|{{c}}]", fill_value, NULL);
	assert_string_equal(s, "[Alpha|{{a}}|]");
	free(s);
	s = placeholder_fill("plain", fill_value, NULL);
	assert_string_equal(s, "plain");
	free(s);
	s = placeholder_fill("", fill_value, NULL);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_compile_ok),
		cmocka_unit_test(test_authorizer_refuses_tables),
		cmocka_unit_test(test_authorizer_refuses_statements),
		cmocka_unit_test(test_parameters_must_be_ids),
		cmocka_unit_test(test_parameters_listed),
		cmocka_unit_test(test_eval_values),
		cmocka_unit_test(test_eval_reuses_statement),
		cmocka_unit_test(test_shared_shape),
		cmocka_unit_test(test_has),
		cmocka_unit_test(test_long_running_stopped),
		cmocka_unit_test(test_costly_calls_bounded),
		cmocka_unit_test(test_long_value_not_null),
		cmocka_unit_test(test_tmpl_scan),
		cmocka_unit_test(test_tmpl_unclosed),
		cmocka_unit_test(test_tmpl_bad_names),
		cmocka_unit_test(test_tmpl_fill),
	};

	return cmocka_run_group_tests_name("cond", tests, setup, teardown);
}
