/* test-ydoc.c: the YAML loader: 1-based marks, the limits libyaml lacks
 * (size, even from a pipe; nesting depth; alias expansion), duplicate keys,
 * one document, and invalid UTF-8 reported where it is. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "diag.h"
#include "util.h"
#include "ydoc.h"

/* Parses a NUL-terminated string. */
static struct ydoc *
parse(const char *s, struct diags *d)
{
	return ydoc_parse("t.yaml", s, strlen(s), d);
}

/* Asserts that d holds exactly one diagnostic, an error at line:col whose
 * message contains what. */
static void
assert_one_error(const struct diags *d, unsigned line, unsigned col,
    const char *what)
{
	if (d->n != 1 || d->nerrors != 1 || d->v[0].mark.line != line ||
	    d->v[0].mark.col != col || strstr(d->v[0].msg, what) == NULL) {
		size_t i;

		for (i = 0; i < d->n; i++)
			print_error("got %u:%u: %s\n", d->v[i].mark.line,
			    d->v[i].mark.col, d->v[i].msg);
		fail_msg("expected one error at %u:%u containing '%s'", line, col, what);
	}
}

/* A string of n copies of s. */
static char *
repeat(const char *s, size_t n)
{
	size_t len = strlen(s), i;
	char *r = xmalloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[len * n] = '\0';
	return r;
}

/* ---- marks and nodes ---- */

static void
test_marks_are_one_based(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("a: 1\nb:\n  - x\n  - {c: d}\n", &d);
	const struct ynode *root, *b, *c;

	(void)state;
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	root = ydoc_root(doc);
	assert_int_equal(root->kind, YNODE_MAP);
	assert_int_equal(root->n, 2);
	assert_int_equal(root->mark.line, 1);
	assert_int_equal(root->mark.col, 1);
	assert_int_equal(root->items[2]->mark.line, 2);	/* key b */
	assert_int_equal(root->items[2]->mark.col, 1);
	b = ynode_get(root, "b");
	assert_int_equal(b->kind, YNODE_SEQ);
	assert_int_equal(b->n, 2);
	assert_int_equal(b->mark.line, 3);
	assert_int_equal(b->mark.col, 3);
	assert_string_equal(b->items[0]->str, "x");
	assert_int_equal(b->items[0]->mark.line, 3);
	assert_int_equal(b->items[0]->mark.col, 5);
	assert_int_equal(b->items[1]->kind, YNODE_MAP);
	assert_int_equal(b->items[1]->mark.line, 4);
	assert_int_equal(b->items[1]->mark.col, 5);
	c = ynode_get(b->items[1], "c");
	assert_string_equal(c->str, "d");
	assert_int_equal(c->mark.line, 4);
	assert_int_equal(c->mark.col, 9);
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_marks_count_characters(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("\xc3\xa9t\xc3\xa9: \xe2\x82\xac 5\n", &d);

	(void)state;
	assert_non_null(doc);
	/* "été: " is 5 characters but 7 bytes: the value starts at column 6. */
	assert_int_equal(ydoc_root(doc)->items[1]->mark.col, 6);
	assert_string_equal(ydoc_root(doc)->items[1]->str, "\xe2\x82\xac 5");
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_scalars_null_and_plain(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\n"
	    "f: !!str null\ng: x\nh: \"a\\0b\"\n", &d);
	const struct ynode *root;

	(void)state;
	assert_non_null(doc);
	root = ydoc_root(doc);
	assert_true(ynode_is_null(ynode_get(root, "a")));
	assert_true(ynode_is_null(ynode_get(root, "b")));
	assert_true(ynode_is_null(ynode_get(root, "c")));
	assert_false(ynode_is_null(ynode_get(root, "d")));
	assert_false(ynode_is_null(ynode_get(root, "e")));
	assert_false(ynode_is_null(ynode_get(root, "f")));
	assert_false(ynode_is_null(ynode_get(root, "g")));
	assert_true(ynode_get(root, "g")->plain);
	assert_false(ynode_get(root, "d")->plain);
	assert_true(ynode_is_null(ynode_get(root, "missing")));
	assert_null(ynode_get(root, "missing"));
	/* A NUL inside a scalar is kept: len says so, and nul. */
	assert_int_equal(ynode_get(root, "h")->len, 3);
	assert_true(ynode_get(root, "h")->nul);
	assert_false(ynode_get(root, "g")->nul);
	assert_false(ynode_get(root, "e")->nul);
	assert_string_equal(ynode_kind_name(root), "a mapping");
	assert_string_equal(ynode_kind_name(ynode_get(root, "a")), "nothing");
	assert_string_equal(ynode_kind_name(ynode_get(root, "g")), "a scalar");
	ydoc_free(doc);
	diags_free(&d);
}

/* A key holding a NUL byte is not the key its first bytes spell. */
static void
test_key_with_nul(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("\"type\\0x\": scale\nask: A?\n", &d);
	const struct ynode *root;

	(void)state;
	assert_non_null(doc);
	root = ydoc_root(doc);
	assert_true(root->items[0]->nul);
	assert_null(ynode_get(root, "type"));
	assert_string_equal(ynode_get(root, "ask")->str, "A?");
	ydoc_free(doc);
	diags_free(&d);
}

/* A short key read again is held once; keys that differ, by a byte or by
 * length (a NUL byte in one), keep their own bytes; a value always has its
 * own copy (its address names its place in a tree's catalog). */
static void
test_recurring_scalars_shared(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("- {id: a, ask: x}\n- {id: b, ask: \"x\\0y\"}\n"
	    "- {id: a, ask: xy}\n- {\"a\\0b\": 1, a: 2}\n", &d);
	const struct ynode *root, *m0, *m1, *m2;

	(void)state;
	assert_non_null(doc);
	root = ydoc_root(doc);
	m0 = root->items[0];
	m1 = root->items[1];
	m2 = root->items[2];
	assert_ptr_equal(m0->items[0]->str, m1->items[0]->str);
	assert_ptr_equal(m0->items[0]->str, m2->items[0]->str);
	assert_ptr_not_equal(m0->items[1]->str, m2->items[1]->str);
	assert_string_equal(m2->items[1]->str, "a");
	assert_string_equal(m1->items[1]->str, "b");
	assert_int_equal(m0->items[3]->len, 1);
	assert_int_equal(m1->items[3]->len, 3);
	assert_true(m1->items[3]->nul);
	assert_memory_equal(m1->items[3]->str, "x\0y", 4);
	assert_int_equal(m2->items[3]->len, 2);
	assert_string_equal(m2->items[3]->str, "xy");
	assert_string_equal(m0->items[3]->str, "x");
	assert_false(m0->items[3]->nul);
	/* Keys that differ after a NUL byte are two keys. */
	assert_int_equal(root->items[3]->items[0]->len, 3);
	assert_true(root->items[3]->items[0]->nul);
	assert_int_equal(root->items[3]->items[2]->len, 1);
	assert_ptr_not_equal(root->items[3]->items[0]->str, root->items[3]->items[2]->str);
	ydoc_free(doc);
	diags_free(&d);
}

/* Dropping the nodes keeps their strings. */
static void
test_drop_nodes_keeps_strings(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("id: first\nask: [a long enough phrasing to be its own copy]\n", &d);
	const char *id, *ask;

	(void)state;
	assert_non_null(doc);
	id = ynode_get(ydoc_root(doc), "id")->str;
	ask = ynode_get(ydoc_root(doc), "ask")->items[0]->str;
	ydoc_drop_nodes(doc);
	assert_null(ydoc_root(doc));
	assert_string_equal(id, "first");
	assert_string_equal(ask, "a long enough phrasing to be its own copy");
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_empty_document(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("# only a comment\n", &d);
	size_t len;

	(void)state;
	assert_non_null(doc);
	assert_null(ydoc_root(doc));
	assert_string_equal(ydoc_bytes(doc, &len), "# only a comment\n");
	assert_int_equal(len, 17);
	assert_string_equal(ydoc_name(doc), "t.yaml");
	ydoc_free(doc);
	ydoc_free(NULL);
	diags_free(&d);
}

static void
test_syntax_error_line(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(parse("a: 1\nb: 2\n  c: 3\n", &d));
	assert_one_error(&d, 3, 4, "YAML syntax");
	diags_free(&d);
}

/* ---- size ---- */

static void
test_size_limit_buffer(void **state)
{
	struct diags d = { 0 };
	size_t n = YDOC_MAX_BYTES + 1;
	char *buf = xmalloc(n);
	struct ydoc *doc;

	(void)state;
	/* A comment: valid YAML that libyaml would happily read. */
	memset(buf, 'x', n);
	buf[0] = '#';
	buf[n - 1] = '\n';
	assert_null(ydoc_parse("big.yaml", buf, n, &d));
	assert_one_error(&d, 0, 0, "larger than 8 MiB");
	diags_free(&d);

	/* Exactly the limit is accepted. */
	doc = ydoc_parse("max.yaml", buf, n - 1, &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
	free(buf);
}

/* Writes n bytes of a YAML comment to fd; exits 0 when all were written, 3
 * when the reader went away first. */
static void
write_comment(int fd, size_t n)
{
	char block[65536];
	size_t done = 0;

	signal(SIGPIPE, SIG_IGN);
	memset(block, 'x', sizeof block);
	block[0] = '#';
	while (done < n) {
		size_t want = n - done < sizeof block ? n - done : sizeof block;
		ssize_t got = write(fd, block, want);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			_exit(errno == EPIPE ? 3 : 4);
		}
		done += (size_t)got;
		block[0] = 'x';
	}
	_exit(0);
}

/* Loads what a child writes through a pipe; returns the child's status. */
static int
load_from_pipe(size_t n, const char *text, struct ydoc **doc, struct diags *d)
{
	int fds[2], status;
	char path[64];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		if (text != NULL) {
			ssize_t w = write(fds[1], text, strlen(text));

			_exit(w == (ssize_t)strlen(text) ? 0 : 4);
		}
		write_comment(fds[1], n);
	}
	close(fds[1]);
	snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
	*doc = ydoc_load(path, d);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_size_limit_pipe(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc;

	(void)state;
	/* 32 MiB offered: the loader stops reading past 8 MiB, so the writer
	 * finds the pipe closed before it is done. */
	assert_int_equal(load_from_pipe(32u * 1024 * 1024, NULL, &doc, &d), 3);
	assert_null(doc);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].mark.line, 0);
	assert_non_null(strstr(d.v[0].msg, "larger than 8 MiB"));
	diags_free(&d);

	/* A small file through a pipe is read whole. */
	assert_int_equal(load_from_pipe(0, "a: [1, 2]\n", &doc, &d), 0);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_int_equal(ynode_get(ydoc_root(doc), "a")->n, 2);
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_size_limit_file(void **state)
{
	char path[] = "/tmp/test-ydoc.XXXXXX";
	struct diags d = { 0 };
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YDOC_MAX_BYTES + 1), 0);
	close(fd);
	assert_null(ydoc_load(path, &d));
	assert_one_error(&d, 0, 0, "larger than 8 MiB");
	assert_string_equal(d.v[0].file, path);
	unlink(path);
	diags_free(&d);
}

static void
test_missing_file(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(ydoc_load("/nonexistent/tree.yaml", &d));
	assert_int_equal(d.nerrors, 1);
	assert_string_equal(d.v[0].file, "/nonexistent/tree.yaml");
	assert_non_null(strstr(d.v[0].msg, strerror(ENOENT)));
	diags_free(&d);
}

/* ---- depth ---- */

/* Parses n nested flow sequences, closed. */
static struct ydoc *
parse_nested(size_t n, const char *open, const char *close, struct diags *d)
{
	char *o = repeat(open, n), *c = repeat(close, n);
	char *s = xasprintf("%s%s\n", o, c);
	struct ydoc *doc = parse(s, d);

	free(o);
	free(c);
	free(s);
	return doc;
}

static void
test_depth_64_ok(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse_nested(YDOC_MAX_DEPTH, "[", "]", &d);

	(void)state;
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
	doc = parse_nested(YDOC_MAX_DEPTH - 1, "{a: ", "}", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
}

static void
test_depth_65_fails(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(parse_nested(YDOC_MAX_DEPTH + 1, "[", "]", &d));
	assert_one_error(&d, 1, 65, "nested deeper than 64 levels");
	diags_free(&d);
	assert_null(parse_nested(YDOC_MAX_DEPTH + 1, "{a: ", "}", &d));
	assert_one_error(&d, 1, 4 * 64 + 1, "nested deeper than 64 levels");
	diags_free(&d);
}

static void
test_depth_block(void **state)
{
	struct diags d = { 0 };
	struct buf b = { 0 };
	char *s;
	size_t i;

	(void)state;
	/* 65 block mappings, one per line, each indented one more. */
	for (i = 0; i < 65; i++)
		buf_printf(&b, "%*sk:\n", (int)i, "");
	assert_null(parse(buf_str(&b), &d));
	assert_one_error(&d, 65, 65, "nested deeper than 64 levels");
	diags_free(&d);
	buf_free(&b);

	/* "- - - ... x": block sequences on one line. */
	s = repeat("- ", 100000);
	assert_null(parse(s, &d));
	assert_one_error(&d, 1, 129, "nested deeper than 64 levels");
	diags_free(&d);
	free(s);
}

static void
test_depth_100000_brackets(void **state)
{
	static const char *const opens[] = { "[", "{", "[{", "{a: " };
	struct diags d = { 0 };
	size_t i;

	(void)state;
	/* Unclosed: libyaml alone would read all of them first. */
	for (i = 0; i < sizeof opens / sizeof *opens; i++) {
		char *s = repeat(opens[i], 100000);

		assert_null(parse(s, &d));
		assert_int_equal(d.nerrors, 1);
		assert_int_equal(d.v[0].mark.line, 1);
		assert_non_null(strstr(d.v[0].msg, "nested deeper than 64 levels"));
		diags_free(&d);
		free(s);
	}
}

/* ---- aliases ---- */

static void
test_alias_shares_anchor(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("a: &x {k: v}\nb: *x\n", &d);
	const struct ynode *root;

	(void)state;
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	root = ydoc_root(doc);
	assert_ptr_equal(ynode_get(root, "a"), ynode_get(root, "b"));
	assert_string_equal(ynode_get(ynode_get(root, "b"), "k")->str, "v");
	ydoc_free(doc);
	/* A later anchor of the same name wins, scalar or collection. */
	doc = parse("a: &x [1]\nb: &x {k: v}\nc: *x\nd: &x s\ne: *x\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	root = ydoc_root(doc);
	assert_ptr_equal(ynode_get(root, "c"), ynode_get(root, "b"));
	assert_string_equal(ynode_get(root, "e")->str, "s");
	ydoc_free(doc);
	/* A parse that stops inside anchored collections leaves nothing
	 * behind (AddressSanitizer would say). */
	assert_null(parse("a: &x [&y {k: &z [1, *nope\n", &d));
	diags_free(&d);
}

static void
test_alias_unknown(void **state)
{
	struct diags d = { 0 };

	(void)state;
	assert_null(parse("a: 1\nb: *nope\n", &d));
	assert_one_error(&d, 2, 4, "'*nope' names no anchor");
	diags_free(&d);
	/* An anchor is known once its node ends: no cycle through itself. */
	assert_null(parse("a: &x [1, *x]\n", &d));
	assert_one_error(&d, 1, 11, "'*x' names no anchor");
	diags_free(&d);
}

/* A sequence "[&a x, *a, *a...]" with n aliases. */
static struct ydoc *
parse_aliases(size_t n, struct diags *d)
{
	char *aliases = repeat(", *a", n);
	char *s = xasprintf("[&a x%s]\n", aliases);
	struct ydoc *doc = parse(s, d);

	free(aliases);
	free(s);
	return doc;
}

static void
test_alias_budget(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse_aliases(YDOC_MAX_ALIAS_NODES, &d);

	(void)state;
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_int_equal(ydoc_root(doc)->n, YDOC_MAX_ALIAS_NODES + 1);
	ydoc_free(doc);
	assert_null(parse_aliases(YDOC_MAX_ALIAS_NODES + 1, &d));
	assert_int_equal(d.nerrors, 1);
	assert_non_null(strstr(d.v[0].msg, "aliases expand to more than 10000 nodes"));
	diags_free(&d);
}

static void
test_billion_laughs(void **state)
{
	static const char laughs[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	struct diags d = { 0 };

	(void)state;
	assert_null(parse(laughs, &d));
	assert_int_equal(d.nerrors, 1);
	/* The aliases of lines 2 to 4 bring in 90 + 819 + 7380 nodes; the
	 * first *d on line 5 brings 7381 more, past the budget. */
	assert_int_equal(d.v[0].mark.line, 5);
	assert_non_null(strstr(d.v[0].msg, "aliases expand to more than 10000 nodes"));
	diags_free(&d);
}

/* ---- duplicate keys, documents ---- */

static void
test_duplicate_key(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc = parse("a: 1\nb: 2\nc:\n  x: 1\n  x: 2\na: 3\n", &d);

	(void)state;
	/* Reported, both lines in the message, and the parse goes on. */
	assert_non_null(doc);
	assert_int_equal(d.nerrors, 2);
	diags_sort(&d);
	assert_int_equal(d.v[0].mark.line, 5);
	assert_int_equal(d.v[0].mark.col, 3);
	assert_string_equal(d.v[0].msg, "duplicate key 'x' (first at line 4)");
	assert_int_equal(d.v[1].mark.line, 6);
	assert_int_equal(d.v[1].mark.col, 1);
	assert_string_equal(d.v[1].msg, "duplicate key 'a' (first at line 1)");
	/* The first value stays the one ynode_get finds. */
	assert_string_equal(ynode_get(ydoc_root(doc), "a")->str, "1");
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_duplicate_key_quoted_and_large(void **state)
{
	struct diags d = { 0 };
	struct buf b = { 0 };
	struct ydoc *doc;
	size_t i;

	(void)state;
	/* The same key written two ways is the same key. */
	doc = parse("{a: 1, \"a\": 2}\n", &d);
	assert_non_null(doc);
	assert_one_error(&d, 1, 8, "duplicate key 'a' (first at line 1)");
	ydoc_free(doc);
	diags_free(&d);

	/* A mapping of many keys, the copy far from the first. */
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "k%zu: %zu\n", i, i);
	buf_puts(&b, "k7: again\n");
	doc = parse(buf_str(&b), &d);
	assert_non_null(doc);
	assert_one_error(&d, 1001, 1, "duplicate key 'k7' (first at line 8)");
	ydoc_free(doc);
	diags_free(&d);
	buf_free(&b);
}

static void
test_second_document(void **state)
{
	struct diags d = { 0 };
	struct ydoc *doc;

	(void)state;
	assert_null(parse("a: 1\n---\nb: 2\n", &d));
	assert_one_error(&d, 2, 1, "a second YAML document");
	diags_free(&d);
	assert_null(parse("--- a\n...\n--- b\n", &d));
	assert_one_error(&d, 3, 1, "a second YAML document");
	diags_free(&d);
	/* One document with its markers is fine. */
	doc = parse("---\na: 1\n...\n", &d);
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
}

/* ---- invalid UTF-8 and other bytes ---- */

static void
test_invalid_utf8_line(void **state)
{
	struct diags d = { 0 };
	char *padding, *s;

	(void)state;
	/* A byte that cannot start a character, on line 3. */
	assert_null(parse("a: 1\nb: 2\nc: x\xff y\n", &d));
	assert_one_error(&d, 3, 5, "invalid UTF-8");
	diags_free(&d);
	/* A character cut short by the next one: where the character starts. */
	assert_null(parse("a: 1\nb: 2\nc: \xc3\xa9\xc3z\n", &d));
	assert_one_error(&d, 3, 5, "invalid UTF-8");
	diags_free(&d);
	/* Cut short by the end of the file. */
	assert_null(parse("a: 1\nb: 2\nc: \xe2\x82", &d));
	assert_one_error(&d, 3, 4, "invalid UTF-8");
	diags_free(&d);
	/* An overlong encoding. */
	assert_null(parse("a: 1\n\nc: \xc0\xaf\n", &d));
	assert_one_error(&d, 3, 4, "invalid UTF-8");
	diags_free(&d);
	/* A stray continuation byte after a whole character: where it is. */
	assert_null(parse("a: 1\n\nc: \xc3\xa9\x80\n", &d));
	assert_one_error(&d, 3, 5, "invalid UTF-8");
	diags_free(&d);
	/* A surrogate, well formed but no character. */
	assert_null(parse("a: 1\n\nc: \xed\xa0\x80\n", &d));
	assert_one_error(&d, 3, 4, "invalid UTF-8");
	diags_free(&d);
	/* Far into a large file, past libyaml's first buffer. */
	padding = repeat("# padding padding padding padding padding\n", 5000);
	s = xasprintf("a: 1\n%sb: \xff\n", padding);
	assert_null(parse(s, &d));
	assert_one_error(&d, 5002, 4, "invalid UTF-8");
	diags_free(&d);
	free(s);
	free(padding);
}

static void
test_invalid_utf8_other_line_ends(void **state)
{
	struct diags d = { 0 };

	(void)state;
	/* Old Mac line ends: libyaml counts lines at CR, so must we. */
	assert_null(parse("a: 1\rb: 2\rc: x\xff\r", &d));
	assert_one_error(&d, 3, 5, "invalid UTF-8");
	diags_free(&d);
	/* Windows line ends count once. */
	assert_null(parse("a: 1\r\nb: 2\r\nc: x\xff\r\n", &d));
	assert_one_error(&d, 3, 5, "invalid UTF-8");
	diags_free(&d);
}

static void
test_nul_byte(void **state)
{
	static const char s[] = "a: 1\nb: x\0y\n";
	struct diags d = { 0 };

	(void)state;
	assert_null(ydoc_parse("t.yaml", s, sizeof s - 1, &d));
	assert_one_error(&d, 2, 5, "control characters");
	diags_free(&d);
	/* A noncharacter is valid UTF-8, refused as YAML only. */
	assert_null(parse("a: 1\nb: x\xef\xbf\xbe\n", &d));
	assert_one_error(&d, 2, 5, "control characters");
	assert_null(strstr(d.v[0].msg, "UTF-8"));
	diags_free(&d);
}

/* ---- taking nodes as they are read ---- */

/* What a take callback saw: each offered node's first value and places. */
struct taken {
	char seen[16][32];
	size_t n;
	size_t decline_at;	/* the offer to decline (0: none) */
};

static bool
take_one(void *arg, const struct ynode *n, const size_t *index)
{
	struct taken *t = arg;
	const struct ynode *id = ynode_get(n, "id");

	assert_true(t->n < 16);
	snprintf(t->seen[t->n], sizeof t->seen[t->n], "%zu.%zu:%s", index[0], index[1],
	    id != NULL && id->kind == YNODE_SCALAR ? id->str : "?");
	return ++t->n != t->decline_at;
}

/* Writes s to a new file and loads it with the path sections, questions
 * offered to take_one. */
static struct ydoc *
load_taking(const char *s, struct taken *t, struct diags *d)
{
	static const char *const keys[] = { "sections", "questions" };
	char path[] = "/tmp/test-ydoc.XXXXXX";
	int fd = mkstemp(path);
	struct ydoc *doc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	doc = ydoc_load_taking(path, d, keys, 2, take_one, t);
	unlink(path);
	return doc;
}

/* The kind of item i of the questions of section k. */
static int
item_kind(const struct ydoc *doc, size_t k, size_t i)
{
	const struct ynode *s = ynode_get(ydoc_root(doc), "sections");

	return (int)ynode_get(s->items[k], "questions")->items[i]->kind;
}

static void
test_taking_offers_each_item(void **state)
{
	struct diags d = { 0 };
	struct taken t = { .n = 0 };
	struct ydoc *doc = load_taking("top: {questions: [{id: no}]}\n"
	    "sections:\n"
	    "  - questions: [{id: a}, {id: b, follow_up: {yes: [{id: c}]}}]\n"
	    "  - title: S\n"
	    "    questions:\n"
	    "      - id: d\n"
	    "      - plain\n"
	    "    questions: [{id: twice}]\n"
	    "sections: [{questions: [{id: again}]}]\n", &t, &d);

	(void)state;
	assert_non_null(doc);
	/* Only items of the first 'questions' of each item of the first
	 * 'sections' are offered, in order, with their places; not nested
	 * lists, not scalars. */
	assert_int_equal(t.n, 3);
	assert_string_equal(t.seen[0], "0.0:a");
	assert_string_equal(t.seen[1], "0.1:b");
	assert_string_equal(t.seen[2], "1.0:d");
	/* What was taken stays in its list, as a taken node at its place. */
	assert_int_equal(item_kind(doc, 0, 0), YNODE_TAKEN);
	assert_int_equal(item_kind(doc, 0, 1), YNODE_TAKEN);
	assert_int_equal(item_kind(doc, 1, 0), YNODE_TAKEN);
	assert_int_equal(item_kind(doc, 1, 1), YNODE_SCALAR);
	/* One node stands for them all: a taken item costs its pointer. */
	assert_ptr_equal(ynode_get(ynode_get(ydoc_root(doc), "sections")->items[0],
	    "questions")->items[1], ynode_get(ynode_get(ydoc_root(doc), "sections")->items[1],
	    "questions")->items[0]);
	/* The duplicate keys are still reported. */
	assert_int_equal(d.nerrors, 2);
	ydoc_free(doc);
	diags_free(&d);
}

/* Lists whose items were all taken keep their length, each item a taken
 * node, and share one array of them: such lists are held until the file
 * ends, and a file of many questions would otherwise keep a pointer for
 * each. */
static void
test_taking_lists_share(void **state)
{
	struct diags d = { 0 };
	struct taken t = { .n = 0 };
	struct ydoc *doc = load_taking("sections:\n"
	    "  - questions: [{id: a}, {id: b}]\n"
	    "  - questions: [{id: c}]\n"
	    "  - questions: [{id: d}, {id: e}, {id: f}, {id: g}, {id: h}]\n"
	    "  - questions: [{id: i}, {id: j}]\n", &t, &d);
	const struct ynode *s, *q[4];
	size_t k, i;
	static const unsigned n[] = { 2, 1, 5, 2 };

	(void)state;
	assert_non_null(doc);
	assert_int_equal(t.n, 10);
	s = ynode_get(ydoc_root(doc), "sections");
	for (k = 0; k < 4; k++) {
		q[k] = ynode_get(s->items[k], "questions");
		assert_int_equal(q[k]->n, n[k]);
		for (i = 0; i < n[k]; i++)
			assert_int_equal(q[k]->items[i]->kind, YNODE_TAKEN);
	}
	assert_ptr_equal(q[0]->items, q[1]->items);
	assert_ptr_equal(q[2]->items, q[3]->items);
	assert_int_equal(d.nerrors, 0);
	ydoc_free(doc);
	diags_free(&d);
}

static void
test_taking_stops_at_anchor_or_decline(void **state)
{
	struct diags d = { 0 };
	struct taken t = { .n = 0 };
	struct ydoc *doc = load_taking("sections:\n"
	    "  - questions: [{id: a}, {id: b, x: &x 1}, {id: c}]\n", &t, &d);

	(void)state;
	/* An anchor could be brought back by an alias: nothing after it is
	 * offered, and the nodes are all kept. */
	assert_non_null(doc);
	assert_int_equal(t.n, 1);
	assert_int_equal(item_kind(doc, 0, 0), YNODE_TAKEN);
	assert_int_equal(item_kind(doc, 0, 1), YNODE_MAP);
	assert_int_equal(item_kind(doc, 0, 2), YNODE_MAP);
	ydoc_free(doc);
	memset(&t, 0, sizeof t);
	t.decline_at = 2;
	doc = load_taking("sections: [{questions: [{id: a}, {id: b}, {id: c}]}]\n", &t, &d);
	/* A node declined is kept, and so is every one after it. */
	assert_non_null(doc);
	assert_int_equal(t.n, 2);
	assert_int_equal(item_kind(doc, 0, 0), YNODE_TAKEN);
	assert_int_equal(item_kind(doc, 0, 1), YNODE_MAP);
	assert_string_equal(ynode_get(ynode_get(ynode_get(ydoc_root(doc), "sections")->items[0],
	    "questions")->items[2], "id")->str, "c");
	assert_int_equal(d.n, 0);
	ydoc_free(doc);
	diags_free(&d);
}

/* Taking nodes, the file is read as libyaml goes: its limit and its
 * invalid UTF-8 are reported as when it is read whole. */
static void
test_taking_reads_as_it_goes(void **state)
{
	char path[] = "/tmp/test-ydoc.XXXXXX";
	struct diags d = { 0 };
	struct taken t = { .n = 0 };
	int fd;

	(void)state;
	assert_null(load_taking("sections: [{questions: [{id: a}]}]\nx: \"caf\xc3\"\n", &t, &d));
	assert_one_error(&d, 2, 8, "invalid UTF-8");
	diags_free(&d);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)YDOC_MAX_BYTES + 1), 0);
	close(fd);
	assert_null(ydoc_load_taking(path, &d, NULL, 0, take_one, &t));
	assert_one_error(&d, 0, 0, "larger than 8 MiB");
	unlink(path);
	diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks_are_one_based),
		cmocka_unit_test(test_marks_count_characters),
		cmocka_unit_test(test_scalars_null_and_plain),
		cmocka_unit_test(test_key_with_nul),
		cmocka_unit_test(test_recurring_scalars_shared),
		cmocka_unit_test(test_drop_nodes_keeps_strings),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_syntax_error_line),
		cmocka_unit_test(test_size_limit_buffer),
		cmocka_unit_test(test_size_limit_pipe),
		cmocka_unit_test(test_size_limit_file),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_depth_64_ok),
		cmocka_unit_test(test_depth_65_fails),
		cmocka_unit_test(test_depth_block),
		cmocka_unit_test(test_depth_100000_brackets),
		cmocka_unit_test(test_alias_shares_anchor),
		cmocka_unit_test(test_alias_unknown),
		cmocka_unit_test(test_alias_budget),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_quoted_and_large),
		cmocka_unit_test(test_second_document),
		cmocka_unit_test(test_invalid_utf8_line),
		cmocka_unit_test(test_invalid_utf8_other_line_ends),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_taking_offers_each_item),
		cmocka_unit_test(test_taking_lists_share),
		cmocka_unit_test(test_taking_stops_at_anchor_or_decline),
		cmocka_unit_test(test_taking_reads_as_it_goes),
	};

	return cmocka_run_group_tests_name("ydoc", tests, NULL, NULL);
}
