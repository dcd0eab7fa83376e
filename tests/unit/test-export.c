/* test-export.c: the export without the command line: csv.c's RFC 4180
 * quoting; a session written to a real store and loaded back as SPEC
 * section 5's object (values typed by question, a number too large for an
 * integer, bytes that are not UTF-8, an answer set aside, a ladder); the
 * CSV records of the same session. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "csv.h"
#include "export.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "util.h"

static const char tree_yaml[] =
	"whyline: 1\n"
	"id: unit\n"
	"title: Unit\n"
	"sections:\n"
	"  - id: s\n"
	"    title: S\n"
	"    questions:\n"
	"      - {id: name, ask: Name?}\n"
	"      - {id: gate, type: yesno, ask: Go on?}\n"
	"      - {id: amount, type: number, ask: How much?, when: \"$gate = 'yes'\"}\n"
	"      - {id: big, type: number, ask: How big?, private: true}\n"
	"      - {id: tags, type: multi, ask: Which?, choices: [a, b, \"c,d\"]}\n"
	"      - {id: why, type: ladder, ask: \"Why {{rung}}?\", from: name}\n";

/* The store, the session's id and what was loaded. */
struct fx {
	char dir[PATH_MAX];
	char *path;
	struct store *s;
	struct session ss;
	json_t *j;		/* the session's object, as read back */
	char *text;		/* as written */
};

/* An answer record. */
static struct record
answer(const char *q, int chain, int rung, const char *value)
{
	struct record r = { REC_ANSWER, q, chain, rung, value, NULL, -1, 0, NULL };

	return r;
}

/* Writes the session's rows: gate "yes" with an amount, then gate "no",
 * which sets the amount aside. */
static void
write_rows(struct store *s, const char *id)
{
	struct record chain = { REC_CHAIN, "why", 0, 0, NULL, NULL, -1, 0, NULL };
	struct record stop = { REC_STOP, "why", 0, 0, NULL, NULL, -1, 0, "goal" };
	struct record r[] = {
		answer("name", -1, 0, "\xff" "bad"),
		answer("gate", -1, 0, "yes"),
		answer("amount", -1, 0, "5"),
		answer("big", -1, 0, "1.2345678901234569e+23"),
		answer("tags", -1, 0, "[\"a\",\"c,d\"]"),
		chain,
		answer("why", 0, 1, "x\ay"),
		stop,
		answer("gate", -1, 0, "no"),
	};

	assert_int_equal(store_apply(s, id, r, sizeof r / sizeof r[0]), STORE_OK);
}

/* The session as export_session_write writes it alone, with a final
 * newline as jdoc_dump ends a document; NULL when the store fails. */
static char *
session_text(struct fx *f, bool share, bool ascii)
{
	struct buf b = { 0 };
	struct jwriter w;
	char *err = NULL;

	jw_init(&w, &b, 0, ascii);
	if (!export_session_write(&w, f->s, &f->ss, share, &err) || w.bad || w.n != 0) {
		free(err);
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\n');
	return buf_take(&b);
}

/* Makes the store and the session, loads it, exports it. */
static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct diags d = { 0 };
	struct tree *t = tree_load_mem("unit.yaml", tree_yaml, sizeof tree_yaml - 1, &d);
	struct session_row row = { 0 };
	char *err = NULL;
	const char *src;
	size_t len;

	snprintf(f->dir, sizeof f->dir, "%s/whyline-export-XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (t == NULL || d.nerrors > 0 || mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/whyline.db", f->dir);
	if (store_open(f->path, &f->s, &err) != STORE_OK)
		return -1;
	row.tree_id = xstrdup("unit");
	row.tree_sha256 = xstrdup(tree_sha256(t));
	row.tree_path = xstrdup("/nowhere/unit.yaml");
	row.title = xstrdup("Unit");
	row.language = xstrdup("en");
	src = tree_source(t, &len);
	if (store_session_create(f->s, &row, src, len) != STORE_OK)
		return -1;
	write_rows(f->s, row.id);
	if (session_load(&f->ss, f->s, row.id, SESSION_TREE_KEPT, NULL, NULL, &err) != SESSION_OK)
		return -1;
	f->text = session_text(f, false, false);
	f->j = f->text != NULL ? json_loads(f->text, 0, NULL) : NULL;
	session_row_clear(&row);
	tree_free(t);
	diags_free(&d);
	*state = f;
	return f->j != NULL ? 0 : -1;
}

/* Frees everything and removes the folder. */
static int
teardown(void **state)
{
	struct fx *f = *state;
	char *cmd;

	json_decref(f->j);
	free(f->text);
	session_clear(&f->ss);
	store_close(f->s);
	cmd = xasprintf("rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(f->path);
	free(f);
	return 0;
}

/* One CSV record of the fields given, cleaned for a terminal or not. */
static char *
row_of(const char *const *v, size_t n, bool clean)
{
	struct buf b = { 0 };

	csv_row(&b, v, n, clean);
	return buf_take(&b);
}

/* Fields are quoted only when they hold a comma, a quote, CR or LF. */
static void
test_csv_quoting(void **state)
{
	const char *plain[] = { "a", "b c", "", NULL, "=1+1" };
	const char *special[] = { "a,b", "say \"hi\"", "l1\nl2", "cr\rx", "\"" };
	char *r;

	(void)state;
	r = row_of(plain, 5, false);
	assert_string_equal(r, "a,b c,,,=1+1\r\n");
	free(r);
	r = row_of(special, 5, false);
	assert_string_equal(r, "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\rx\",\"\"\"\"\r\n");
	free(r);
}

/* For a terminal, each field is cleaned (str_terminal) before it is
 * quoted: controls gone, newlines kept, bad bytes as U+FFFD. */
static void
test_csv_clean(void **state)
{
	const char *v[] = { "a\033]0;x\a", "l1\nl2\r", "\xc2\x9b" "2J\xe2\x80\xae" "b", "\xff", NULL };
	char *r;

	(void)state;
	r = row_of(v, 5, true);
	assert_string_equal(r, "a]0;x,\"l1\nl2\",2Jb,\xef\xbf\xbd,\r\n");
	free(r);
}

/* Values are typed by question; the session's own fields are there. */
static void
test_session_fields(void **state)
{
	struct fx *f = *state;
	json_t *a = json_object_get(f->j, "answers");
	json_t *big = json_object_get(a, "big");

	assert_true(json_is_null(json_object_get(f->j, "client")));
	assert_true(json_is_null(json_object_get(f->j, "finished_at")));
	assert_string_equal(json_string_value(json_object_get(f->j, "status")), "open");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(f->j, "tree"), "id")), "unit");
	assert_true(json_is_real(big));
	assert_true(json_real_value(big) > 1.2345678901e23 &&
	    json_real_value(big) < 1.2345678902e23);
	assert_string_equal(json_string_value(json_object_get(a, "gate")), "no");
	assert_int_equal(json_array_size(json_object_get(a, "tags")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(a, "tags"), 1)), "c,d");
}

/* A byte that is not UTF-8 becomes U+FFFD, in the answer and the ladder. */
static void
test_not_utf8(void **state)
{
	struct fx *f = *state;
	json_t *chain = json_array_get(json_object_get(json_object_get(f->j, "ladders"), "why"), 0);

	assert_string_equal(json_string_value(json_object_get(json_object_get(f->j,
	    "answers"), "name")), "\xef\xbf\xbd" "bad");
	assert_string_equal(json_string_value(json_object_get(chain, "from")),
	    "\xef\xbf\xbd" "bad");
	assert_string_equal(json_string_value(json_object_get(chain, "stop")), "goal");
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(f->j,
	    "answers"), "why"), 0)), "x\ay");
}

/* An answer no longer reached is left out of answers, kept in history. */
static void
test_set_aside(void **state)
{
	struct fx *f = *state;
	json_t *h = json_object_get(f->j, "history"), *row;
	size_t i, amounts = 0, gates = 0;

	assert_null(json_object_get(json_object_get(f->j, "answers"), "amount"));
	json_array_foreach(h, i, row) {
		const char *q = json_string_value(json_object_get(row, "question"));

		if (strcmp(q, "amount") == 0) {
			amounts++;
			assert_int_equal(json_integer_value(json_object_get(row, "value")), 5);
			assert_true(json_is_null(json_object_get(row, "superseded_at")));
		} else if (strcmp(q, "gate") == 0 && gates++ == 0) {
			assert_true(json_is_string(json_object_get(row, "superseded_at")));
		}
	}
	assert_int_equal(amounts, 1);
	assert_int_equal(gates, 2);
}

/* For the client: no id, notes, flags, history, events or private
 * answer; the other answers stay. */
static void
test_session_share(void **state)
{
	struct fx *f = *state;
	char *text = session_text(f, true, false);
	json_t *j = json_loads(text, 0, NULL);

	assert_non_null(json_object_get(f->j, "history"));
	assert_non_null(json_object_get(json_object_get(f->j, "answers"), "big"));
	assert_non_null(j);
	assert_null(json_object_get(j, "id"));
	assert_null(json_object_get(j, "notes"));
	assert_null(json_object_get(j, "flags"));
	assert_null(json_object_get(j, "history"));
	assert_null(json_object_get(j, "events"));
	assert_null(json_object_get(json_object_get(j, "answers"), "big"));
	assert_non_null(json_object_get(json_object_get(j, "answers"), "name"));
	assert_non_null(json_object_get(j, "ladders"));
	/* The rest is the session's, in the same order. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "tree"),
	    "id")), "unit");
	assert_string_equal(json_object_iter_key(json_object_iter(j)), "tree");
	json_decref(j);
	free(text);
}

/* The CSV records: one per current answer, none for the one set aside. */
static void
test_csv_session(void **state)
{
	struct fx *f = *state;
	struct buf b = { 0 };
	char *err = NULL;
	const char *s;

	assert_true(export_csv_session(f->s, &f->ss, false, &b, &err));
	s = buf_str(&b);
	assert_non_null(strstr(s, ",tags,s,multi,,,\"[\"\"a\"\",\"\"c,d\"\"]\",\"a, c,d\",no,,"));
	assert_non_null(strstr(s, ",why,s,ladder,0,1,x\ay,x\ay,no,,"));
	assert_null(strstr(s, ",amount,"));
	assert_non_null(strstr(s, ",\xff" "bad,\xff" "bad,"));
	buf_free(&b);
	assert_true(export_csv_session(f->s, &f->ss, true, &b, &err));
	/* For a terminal: no control character. */
	assert_non_null(strstr(buf_str(&b), ",why,s,ladder,0,1,xy,xy,no,,"));
	buf_free(&b);
}

/* Checks that export_text writes doc byte for byte as json_dumps does,
 * for a file and for a terminal (every character past ASCII escaped). */
static void
same_as_jansson(const json_t *doc)
{
	int ascii;

	for (ascii = 0; ascii <= 1; ascii++) {
		char *ours = jdoc_dump(doc, ascii);
		char *theirs = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
		    (ascii ? JSON_ENSURE_ASCII : 0));
		char *line = xasprintf("%s\n", theirs);

		assert_non_null(ours);
		assert_string_equal(ours, line);
		free(ours);
		free(theirs);
		free(line);
	}
}

/* The document's text is json_dumps's, byte for byte: escapes, control
 * characters, text past ASCII and past the BMP, a NUL inside a string,
 * numbers of every kind, empty and nested arrays and objects, and the
 * session loaded from the store. */
static void
test_text_as_jansson(void **state)
{
	struct fx *f = *state;
	json_t *doc = json_object(), *a = json_array(), *o = json_object();

	json_object_set_new(doc, "quote \"and\" \\ / slash", json_string("a\"b\\c/d"));
	json_object_set_new(doc, "controls", json_string("\b\f\n\r\t\x01\x1f\x7f end"));
	json_object_set_new(doc, "accents", json_string("caf\xc3\xa9 \xc3\x85ngstr\xc3\xb6m \xe2\x82\xac"));
	json_object_set_new(doc, "astral", json_string("\xf0\x9f\x98\x80 \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf"));
	json_object_set_new(doc, "\xc3\xa9t\xc3\xa9", json_stringn("nul\0inside", 11));
	json_object_set_new(doc, "empty", json_string(""));
	json_array_append_new(a, json_integer(0));
	json_array_append_new(a, json_integer(-42));
	json_array_append_new(a, json_integer(INT64_MAX));
	json_array_append_new(a, json_real(0.1));
	json_array_append_new(a, json_real(100));
	json_array_append_new(a, json_real(-2.5e-7));
	json_array_append_new(a, json_real(1.2345678901e23));
	json_array_append_new(a, json_real(1e100));
	json_array_append_new(a, json_real(123456789012345678.0));
	json_array_append_new(a, json_true());
	json_array_append_new(a, json_false());
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_array());
	json_array_append_new(a, json_object());
	json_object_set_new(o, "deeper", json_pack("[[[{s:[i]}]]]", "x", 1));
	json_array_append_new(a, o);
	json_object_set_new(doc, "values", a);
	json_object_set_new(doc, "object", json_object());
	same_as_jansson(doc);
	same_as_jansson(f->j);
	json_decref(doc);
}

/* The session written as it is read is, byte for byte, what jansson
 * writes of the same values: as shared and not, for a file and for a
 * terminal (every character past ASCII escaped). */
static void
test_written_as_jansson(void **state)
{
	struct fx *f = *state;
	int ascii, share;

	for (share = 0; share <= 1; share++)
		for (ascii = 0; ascii <= 1; ascii++) {
			char *ours = session_text(f, share, ascii);
			json_t *j = json_loads(ours, 0, NULL);
			char *theirs, *line;

			assert_non_null(j);
			theirs = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
			    (ascii ? JSON_ENSURE_ASCII : 0));
			line = xasprintf("%s\n", theirs);
			assert_string_equal(ours, line);
			free(line);
			free(theirs);
			free(ours);
			json_decref(j);
		}
}

/* The writer's containers and scalars are jdoc_dump's of the same values
 * built with jansson: empty ones, nested ones, keys that need escapes, a
 * string that is not UTF-8 (U+FFFD, as jdoc_string_lossy), null. */
static void
test_writer(void **state)
{
	json_t *doc = json_object(), *a = json_array(), *in = json_object();
	struct buf b = { 0 };
	struct jwriter w;
	char *want;

	(void)state;
	jw_init(&w, &b, 0, false);
	jw_object(&w);
	jw_key(&w, "empty object");
	jw_object(&w);
	jw_end(&w);
	json_object_set_new(doc, "empty object", json_object());
	jw_key(&w, "empty array");
	jw_array(&w);
	jw_end(&w);
	json_object_set_new(doc, "empty array", json_array());
	jw_key(&w, "quote \"k\"");
	jw_string(&w, "\xff" "bad \xc3\xa9");
	json_object_set_new(doc, "quote \"k\"", jdoc_string_lossy("\xff" "bad \xc3\xa9"));
	jw_key(&w, "list");
	jw_array(&w);
	jw_int(&w, -3);
	jw_null(&w);
	jw_string(&w, NULL);
	jw_int_or_null(&w, 7, 7);
	jw_object(&w);
	jw_key(&w, "x");
	jw_array(&w);
	jw_int(&w, 1);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	json_array_append_new(a, json_integer(-3));
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_null());
	json_array_append_new(a, json_null());
	json_object_set_new(in, "x", json_pack("[i]", 1));
	json_array_append_new(a, in);
	json_object_set_new(doc, "list", a);
	jw_end(&w);
	assert_false(w.bad);
	assert_int_equal(w.n, 0);
	want = jdoc_dump(doc, false);
	buf_putc(&b, '\n');
	assert_string_equal(buf_str(&b), want);
	free(want);
	buf_free(&b);
	json_decref(doc);
}

/* The document written session by session holds each session as it is
 * written alone, for none, one and two sessions. */
static void
test_doc_by_session(void **state)
{
	struct fx *f = *state;
	size_t n, k, len;
	int ascii;

	for (ascii = 0; ascii <= 1; ascii++)
		for (n = 0; n <= 2; n++) {
			json_t *doc = json_pack("{s:i,s:[]}", "whyline", 1, "sessions");
			struct export_doc d;
			char *err = NULL, *whole, *parts;

			export_doc_begin(&d, ascii);
			for (k = 0; k < n; k++) {
				json_array_append(json_object_get(doc, "sessions"), f->j);
				assert_true(export_doc_add(&d, f->s, &f->ss, false, &err));
			}
			whole = jdoc_dump(doc, ascii);
			parts = export_doc_end(&d, &len);
			assert_non_null(parts);
			assert_string_equal(parts, whole);
			assert_int_equal(len, strlen(whole));
			free(whole);
			free(parts);
			json_decref(doc);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_clean),
		cmocka_unit_test(test_session_fields),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_set_aside),
		cmocka_unit_test(test_session_share),
		cmocka_unit_test(test_csv_session),
		cmocka_unit_test(test_text_as_jansson),
		cmocka_unit_test(test_doc_by_session),
		cmocka_unit_test(test_written_as_jansson),
		cmocka_unit_test(test_writer),
	};

	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
