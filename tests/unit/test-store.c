/* test-store.c: the database of sessions: files and modes, refusal of files
 * that are not ours (left byte for byte as they were), sessions, answers
 * and their history, ladders, notes, events, filters and locking.
 *
 * A second, raw SQLite connection plays the other program: it looks at the
 * file as a user's own SQL would, makes foreign files and holds locks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "session.h"
#include "store.h"
#include "tree-pack.h"
#include "util.h"

#define WHYLINE_APP_ID 0x5768794C

/* Each test's temporary folder and the database path inside it. */
struct fx {
	char dir[PATH_MAX];
	char *path;
	struct store *s;
};

/* Removes one entry of the temporary folder. */
static int
rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

/* Makes a fresh temporary folder for a test. */
static int
setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof f->dir, "%s/whyline-store-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = xasprintf("%s/whyline.db", f->dir);
	unsetenv("WHYLINE_BUSY_TIMEOUT_MS");
	*state = f;
	return 0;
}

/* Closes the store and removes the temporary folder. */
static int
teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->s);
	(void)chmod(f->dir, 0700);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f->path);
	free(f);
	unsetenv("WHYLINE_BUSY_TIMEOUT_MS");
	return 0;
}

/* Opens f->path into f->s, which must work. */
static struct store *
open_ok(struct fx *f)
{
	char *err = NULL;
	enum store_status r = store_open(f->path, &f->s, &err);

	if (r != STORE_OK)
		fail_msg("store_open %s: %d %s", f->path, r, err);
	assert_null(err);
	assert_non_null(f->s);
	return f->s;
}

/* Opens path expecting failure with status; returns the message (owned). */
static char *
open_fails(const char *path, enum store_status want)
{
	struct store *s = (struct store *)1;	/* store_open must clear it */
	char *err = NULL;
	enum store_status r = store_open(path, &s, &err);

	assert_int_equal(r, want);
	assert_null(s);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));
	return err;
}

/* A raw connection to path. */
static sqlite3 *
raw_open(const char *path)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	return db;
}

/* Runs sql on a raw connection to path. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* The first column of the first row of sql, as text (owned), or NULL. */
static char *
raw_text(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The integer result of sql on a raw connection. */
static long long
raw_int(const char *path, const char *sql)
{
	char *v = raw_text(path, sql);
	long long n;

	assert_non_null(v);
	n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

/* Reads a whole file. */
static char *
slurp(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	*len = b.len;
	return buf_take(&b);
}

/* Writes len bytes to path, replacing it. */
static void
spit(const char *path, const char *bytes, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, len), (ssize_t)len);
	close(fd);
}

/* Asserts that opening path is refused with want and leaves it unchanged. */
static char *
refused_unchanged(const char *path, enum store_status want)
{
	size_t len0, len1;
	char *before = slurp(path, &len0), *after, *err;

	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	bool had_wal = access(wal, F_OK) == 0, had_shm = access(shm, F_OK) == 0;

	err = open_fails(path, want);
	after = slurp(path, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	/* No stray files are left beside it either. */
	assert_int_equal(access(wal, F_OK) == 0, had_wal);
	assert_int_equal(access(shm, F_OK) == 0, had_shm);
	free(wal);
	free(shm);
	free(before);
	free(after);
	return err;
}

/* The permission bits of path. */
static unsigned
mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

/* Waits a few milliseconds so that the next time stamp differs. */
static void
tick(void)
{
	struct timespec ts = { 0, 3 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* True when t looks like 2024-05-01T09:30:00.123Z. */
static bool
is_utc_time(const char *t)
{
	return t != NULL && strlen(t) == 24 && t[4] == '-' && t[7] == '-' &&
	    t[10] == 'T' && t[13] == ':' && t[16] == ':' && t[19] == '.' &&
	    t[23] == 'Z';
}

/* Creates a session for client on tree tree_id; returns its id in id. */
static void
make_session(struct store *s, const char *tree_id, const char *client,
    char id[37])
{
	struct session_row in = { 0 };
	static const char src[] = "id: t\nquestions: []\n";

	in.tree_id = xstrdup(tree_id);
	in.tree_version = xstrdup("1");
	in.tree_sha256 = xasprintf("sha-of-%s", tree_id);
	in.title = xstrdup("A call");
	in.client = client ? xstrdup(client) : NULL;
	in.consultant = xstrdup("Ada");
	in.language = xstrdup("en");
	assert_int_equal(store_session_create(s, &in, src, sizeof src - 1),
	    STORE_OK);
	memcpy(id, in.id, 37);
	session_row_clear(&in);
}

/* A record of the given kind. */
static struct record
rec(enum record_kind kind, const char *q, int chain, int rung,
    const char *value)
{
	struct record r = { kind, q, chain, rung, value, NULL, -1, 0, NULL };

	return r;
}

/* Appends an answer row to a buf as "q chain rung value[ (reason)][ *]". */
static void
dump_answer(void *arg, const struct answer_row *a)
{
	struct buf *b = arg;

	assert_true(is_utc_time(a->answered_at));
	buf_printf(b, "%s %d %d %s%s%s%s%s\n", a->question, a->chain, a->rung,
	    a->value ? a->value : "-", a->reason ? " (" : "",
	    a->reason ? a->reason : "", a->reason ? ")" : "",
	    a->superseded_at ? " *" : "");
}

/* The answers of a session, one line each. */
static char *
answers_of(struct store *s, const char *id, bool current_only)
{
	struct buf b = { 0 };

	assert_int_equal(store_answers(s, id, current_only, dump_answer, &b),
	    STORE_OK);
	return buf_take(&b);
}

/* Appends a chain row as "q chain <- parent_chain.parent_rung stop[ dropped]". */
static void
dump_chain(void *arg, const struct chain_row *c)
{
	struct buf *b = arg;

	buf_printf(b, "%s %d <- %d.%d %s%s\n", c->question, c->chain,
	    c->parent_chain, c->parent_rung, c->stop ? c->stop : "open",
	    c->dropped ? " dropped" : "");
}

/* The chains of a session, one line each. */
static char *
chains_of(struct store *s, const char *id)
{
	struct buf b = { 0 };

	assert_int_equal(store_chains(s, id, dump_chain, &b), STORE_OK);
	return buf_take(&b);
}

/* Asserts a string result and frees it. */
static void
assert_take(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The store creates missing folders 0700 and the file 0600, whatever the
 * umask, and marks the file as whyline's in WAL mode. */
static void
test_open_creates_private_files(void **state)
{
	struct fx *f = *state;
	char *a = xasprintf("%s/a", f->dir), *b = xasprintf("%s/a/b", f->dir);
	char *wal, id[37];
	struct record r = rec(REC_ANSWER, "q", -1, 0, "v");
	mode_t old = umask(0);

	free(f->path);
	f->path = xasprintf("%s/a/b/whyline.db", f->dir);
	open_ok(f);
	umask(old);
	assert_int_equal(mode_of(a), 0700);
	assert_int_equal(mode_of(b), 0700);
	assert_int_equal(mode_of(f->path), 0600);
	make_session(f->s, "t", "c", id);
	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_OK);
	wal = xasprintf("%s-wal", f->path);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(raw_int(f->path, "PRAGMA application_id"),
	    WHYLINE_APP_ID);
	assert_true(raw_int(f->path, "PRAGMA user_version") >= 1);
	assert_take(raw_text(f->path, "PRAGMA journal_mode"), "wal");
	free(wal);
	free(a);
	free(b);
}

/* A folder that already exists keeps its mode. */
static void
test_open_keeps_existing_folder(void **state)
{
	struct fx *f = *state;
	char *d = xasprintf("%s/shared", f->dir);

	assert_int_equal(mkdir(d, 0755), 0);
	assert_int_equal(chmod(d, 0755), 0);
	free(f->path);
	f->path = xasprintf("%s/whyline.db", d);
	open_ok(f);
	assert_int_equal(mode_of(d), 0755);
	assert_int_equal(mode_of(f->path), 0600);
	free(d);
}

/* Reopening keeps the data and the schema version. */
static void
test_reopen(void **state)
{
	struct fx *f = *state;
	struct session_row ss;
	char id[37];
	long long v;

	make_session(open_ok(f), "t", "Acme", id);
	store_close(f->s);
	f->s = NULL;
	v = raw_int(f->path, "PRAGMA user_version");
	open_ok(f);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), v);
	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_string_equal(ss.client, "Acme");
	session_row_clear(&ss);
}

/* A new session gets a random lowercase UUID, status open and times; the
 * tree's source is kept and a start event recorded. */
static void
test_session_create(void **state)
{
	struct fx *f = *state;
	struct session_row in = { 0 }, ss;
	char *src;
	size_t len, i;

	open_ok(f);
	in.tree_id = xstrdup("discovery");
	in.tree_sha256 = xstrdup("abc123");
	in.tree_path = xstrdup("/trees/discovery.yaml");
	in.client = xstrdup("Acme");
	assert_int_equal(store_session_create(f->s, &in, "id: discovery\n", 14),
	    STORE_OK);
	assert_int_equal(strlen(in.id), 36);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			assert_int_equal(in.id[i], '-');
		else
			assert_non_null(strchr("0123456789abcdef", in.id[i]));
	}
	assert_int_equal(in.id[14], '4');
	assert_string_equal(in.status, "open");
	assert_true(is_utc_time(in.started_at));
	assert_string_equal(in.started_at, in.updated_at);
	assert_null(in.finished_at);

	assert_int_equal(store_session_find(f->s, in.id, &ss), STORE_OK);
	assert_string_equal(ss.id, in.id);
	assert_string_equal(ss.tree_id, "discovery");
	assert_string_equal(ss.tree_path, "/trees/discovery.yaml");
	assert_string_equal(ss.status, "open");
	assert_null(ss.title);
	assert_int_equal(ss.answers, 0);
	session_row_clear(&ss);

	assert_int_equal(store_tree_source(f->s, "abc123", &src, &len),
	    STORE_OK);
	assert_int_equal(len, 14);
	assert_string_equal(src, "id: discovery\n");
	free(src);
	assert_int_equal(store_tree_source(f->s, "nope", &src, &len),
	    STORE_NOT_FOUND);
	assert_null(src);
	session_row_clear(&in);
}

/* Sessions are found by a unique prefix of at least 4 characters, in
 * either case. */
static void
test_find_by_prefix(void **state)
{
	struct fx *f = *state;
	struct session_row ss;
	char id[37], other[37], prefix[9], *sql;
	size_t i;

	make_session(open_ok(f), "t", "Acme", id);
	/* Two more ids sharing their first 8 characters, as a database
	 * merged from another consultant's could hold; they differ from id
	 * in the first character. */
	memcpy(other, id, 37);
	other[0] = id[0] == 'f' ? '0' : 'f';
	other[35] = '1';
	sql = xasprintf("INSERT INTO sessions (id, tree_id, status, started_at,"
	    " updated_at) VALUES ('%s', 't', 'open', '2020-01-01T00:00:00.000Z',"
	    " '2020-01-01T00:00:00.000Z'), ('%.35s2', 't', 'open',"
	    " '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
	    other, other);
	raw_exec(f->path, sql);
	free(sql);

	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_string_equal(ss.id, id);
	assert_string_equal(ss.client, "Acme");
	session_row_clear(&ss);
	snprintf(prefix, sizeof prefix, "%.4s", id);
	for (i = 0; i < 4; i++)
		if (prefix[i] >= 'a' && prefix[i] <= 'f')
			prefix[i] = (char)(prefix[i] - 'a' + 'A');
	assert_int_equal(store_session_find(f->s, prefix, &ss), STORE_OK);
	assert_string_equal(ss.id, id);
	session_row_clear(&ss);

	snprintf(prefix, sizeof prefix, "%.8s", other);
	assert_int_equal(store_session_find(f->s, prefix, &ss),
	    STORE_AMBIGUOUS);
	assert_non_null(strstr(store_error(f->s), "2 sessions"));
	assert_null(ss.tree_id);
	assert_int_equal(store_session_find(f->s, other, &ss), STORE_OK);
	assert_string_equal(ss.id, other);
	session_row_clear(&ss);

	snprintf(prefix, sizeof prefix, "%.3s", id);
	assert_int_equal(store_session_find(f->s, prefix, &ss),
	    STORE_NOT_FOUND);
	assert_non_null(strstr(store_error(f->s), "4"));
	assert_int_equal(store_session_find(f->s, "", &ss), STORE_NOT_FOUND);
	assert_int_equal(store_session_find(f->s, "zzzz", &ss),
	    STORE_NOT_FOUND);
	assert_non_null(strstr(store_error(f->s), "zzzz"));
	snprintf(prefix, sizeof prefix, "%.4s%%", id);
	assert_int_equal(store_session_find(f->s, prefix, &ss),
	    STORE_NOT_FOUND);
}

/* No prefix means the most recently updated session. */
static void
test_find_latest(void **state)
{
	struct fx *f = *state;
	struct session_row ss;
	char a[37], b[37];

	open_ok(f);
	assert_int_equal(store_session_find(f->s, NULL, &ss), STORE_NOT_FOUND);
	make_session(f->s, "t", "A", a);
	tick();
	make_session(f->s, "t", "B", b);
	assert_int_equal(store_session_find(f->s, NULL, &ss), STORE_OK);
	assert_string_equal(ss.id, b);
	session_row_clear(&ss);
	tick();
	assert_int_equal(store_event(f->s, a, "pause", NULL), STORE_OK);
	assert_int_equal(store_session_find(f->s, NULL, &ss), STORE_OK);
	assert_string_equal(ss.id, a);
	session_row_clear(&ss);
	tick();
	assert_int_equal(store_session_set_language(f->s, b, "fr"), STORE_OK);
	assert_int_equal(store_session_find(f->s, NULL, &ss), STORE_OK);
	assert_string_equal(ss.id, b);
	assert_string_equal(ss.language, "fr");
	session_row_clear(&ss);
}

/* A new answer supersedes the current one; the history keeps both; a
 * non-ladder answer has chain and rung NULL in the table. */
static void
test_answers_supersede(void **state)
{
	struct fx *f = *state;
	struct record r[2];
	struct session_row ss;
	char id[37], *before;

	make_session(open_ok(f), "t", "c", id);
	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	before = xstrdup(ss.updated_at);
	session_row_clear(&ss);
	tick();
	r[0] = rec(REC_ANSWER, "request", -1, 0, "Instagram posts");
	r[1] = rec(REC_ANSWER, "budget", -1, 0, NULL);
	r[1].reason = "refused";
	assert_int_equal(store_apply(f->s, id, r, 2), STORE_OK);
	r[0].value = "More customers";
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);

	assert_take(answers_of(f->s, id, false),
	    "request -1 0 Instagram posts *\n"
	    "budget -1 0 - (refused)\n"
	    "request -1 0 More customers\n");
	assert_take(answers_of(f->s, id, true),
	    "budget -1 0 - (refused)\n"
	    "request -1 0 More customers\n");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM answers"
	    " WHERE chain IS NULL AND rung IS NULL"), 3);
	assert_take(raw_text(f->path, "SELECT skip_reason FROM answers"
	    " WHERE question_id = 'budget'"), "refused");

	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_int_equal(ss.answers, 2);
	assert_true(strcmp(ss.updated_at, before) > 0);
	session_row_clear(&ss);
	free(before);
}

/* store_apply commits before it returns (another connection sees it), and
 * a batch that fails writes nothing at all. */
static void
test_apply_atomic(void **state)
{
	struct fx *f = *state;
	struct record r[3];
	char id[37];

	make_session(open_ok(f), "t", "c", id);
	r[0] = rec(REC_ANSWER, "a", -1, 0, "1");
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM answers"), 1);

	r[0] = rec(REC_ANSWER, "a", -1, 0, "2");
	r[1] = rec(REC_NOTE, "a", -1, 0, "a note");
	r[2] = rec(REC_STOP, "why", 7, 0, NULL);
	r[2].stop = "goal";
	assert_int_equal(store_apply(f->s, id, r, 3), STORE_ERROR);
	assert_non_null(strstr(store_error(f->s), "why"));
	assert_take(answers_of(f->s, id, false), "a -1 0 1\n");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM notes"), 0);

	r[0] = rec(REC_ANSWER, NULL, -1, 0, "x");
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_ERROR);
	r[0] = rec(REC_ANSWER, "a", -1, 0, "x");
	assert_int_equal(store_apply(f->s,
	    "00000000-0000-4000-8000-000000000000", r, 1), STORE_NOT_FOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM answers"), 1);
	/* The store still works after failures. */
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_take(answers_of(f->s, id, true), "a -1 0 x\n");
}

/* A retraction sets aside rungs from the one given down; rung 0 sets aside
 * a non-ladder answer. */
static void
test_retract(void **state)
{
	struct fx *f = *state;
	struct record r[5];
	char id[37];

	make_session(open_ok(f), "t", "c", id);
	r[0] = rec(REC_CHAIN, "why", 0, 0, NULL);
	r[1] = rec(REC_ANSWER, "why", 0, 1, "r1");
	r[2] = rec(REC_ANSWER, "why", 0, 2, "r2");
	r[3] = rec(REC_ANSWER, "why", 0, 3, "r3");
	r[4] = rec(REC_ANSWER, "size", -1, 0, "big");
	assert_int_equal(store_apply(f->s, id, r, 5), STORE_OK);
	r[0] = rec(REC_RETRACT, "why", 0, 2, NULL);
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_take(answers_of(f->s, id, true), "why 0 1 r1\nsize -1 0 big\n");
	assert_take(answers_of(f->s, id, false),
	    "why 0 1 r1\nwhy 0 2 r2 *\nwhy 0 3 r3 *\nsize -1 0 big\n");
	r[0] = rec(REC_RETRACT, "size", -1, 0, NULL);
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_take(answers_of(f->s, id, true), "why 0 1 r1\n");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM answers"
	    " WHERE question_id = 'why' AND chain = 0 AND rung = 2"), 1);
}

/* Chains begin, stop, reopen and are dropped with their rungs. */
static void
test_chains(void **state)
{
	struct fx *f = *state;
	struct record r[4];
	char id[37];

	make_session(open_ok(f), "t", "c", id);
	r[0] = rec(REC_CHAIN, "why", 0, 0, NULL);
	r[1] = rec(REC_ANSWER, "why", 0, 1, "more sales");
	r[2] = rec(REC_STOP, "why", 0, 0, NULL);
	r[2].stop = "goal";
	assert_int_equal(store_apply(f->s, id, r, 3), STORE_OK);
	assert_take(chains_of(f->s, id), "why 0 <- -1.0 goal\n");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM chains"
	    " WHERE stopped_at IS NOT NULL AND parent_chain IS NULL"), 1);

	r[0] = rec(REC_STOP, "why", 0, 0, NULL);
	r[1] = rec(REC_CHAIN, "why", 1, 0, NULL);
	r[1].parent_chain = 0;
	r[1].parent_rung = 1;
	r[2] = rec(REC_ANSWER, "why", 1, 1, "steady income");
	r[3] = rec(REC_STOP, "why", 1, 0, NULL);
	r[3].stop = "stuck";
	assert_int_equal(store_apply(f->s, id, r, 4), STORE_OK);
	assert_take(chains_of(f->s, id), "why 0 <- -1.0 open\n"
	    "why 1 <- 0.1 stuck\n");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM chains"
	    " WHERE stopped_at IS NOT NULL"), 1);

	r[0] = rec(REC_DROP, "why", 1, 0, NULL);
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_take(chains_of(f->s, id), "why 0 <- -1.0 open\n"
	    "why 1 <- 0.1 stuck dropped\n");
	assert_take(answers_of(f->s, id, true), "why 0 1 more sales\n");
	/* A dropped chain can neither stop nor drop again; its number can
	 * begin anew. */
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_ERROR);
	r[0] = rec(REC_CHAIN, "why", 1, 0, NULL);
	r[0].parent_chain = 0;
	r[0].parent_rung = 1;
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	assert_take(chains_of(f->s, id), "why 0 <- -1.0 open\n"
	    "why 1 <- 0.1 stuck dropped\nwhy 1 <- 0.1 open\n");

	r[0] = rec(REC_STOP, "why", 0, 0, NULL);
	r[0].stop = "bored";
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_ERROR);
	assert_non_null(strstr(store_error(f->s), "bored"));
}

/* Collects notes as "question: text". */
static void
dump_note(void *arg, const struct note_row *n)
{
	assert_true(is_utc_time(n->noted_at));
	buf_printf(arg, "%s: %s\n", n->question ? n->question : "-", n->text);
}

/* Collects events as "kind detail". */
static void
dump_event(void *arg, const struct event_row *e)
{
	assert_true(is_utc_time(e->at));
	buf_printf(arg, "%s %s\n", e->kind, e->detail ? e->detail : "-");
}

/* Notes and events come back in the order they were written. */
static void
test_notes_events(void **state)
{
	struct fx *f = *state;
	struct record r[2];
	struct buf b = { 0 };
	char id[37], other[37];

	make_session(open_ok(f), "t", "c", id);
	make_session(f->s, "t", "d", other);
	r[0] = rec(REC_NOTE, "budget", -1, 0, "ask again in May");
	r[1] = rec(REC_NOTE, NULL, -1, 0, "client was late");
	assert_int_equal(store_apply(f->s, id, r, 2), STORE_OK);
	assert_int_equal(store_event(f->s, id, "pause", NULL), STORE_OK);
	assert_int_equal(store_event(f->s, id, "lang", "fr"), STORE_OK);
	assert_int_equal(store_event(f->s, other, "resume", NULL), STORE_OK);
	assert_int_equal(store_event(f->s, "nope", "pause", NULL),
	    STORE_NOT_FOUND);

	assert_int_equal(store_notes(f->s, id, dump_note, &b), STORE_OK);
	assert_string_equal(buf_str(&b), "budget: ask again in May\n"
	    "-: client was late\n");
	buf_reset(&b);
	assert_int_equal(store_events(f->s, id, dump_event, &b), STORE_OK);
	assert_string_equal(buf_str(&b), "start -\npause -\nlang fr\n");
	buf_free(&b);
	assert_take(raw_text(f->path, "SELECT text FROM notes"
	    " WHERE question_id = 'budget'"), "ask again in May");
}

/* Status done sets finished_at, open clears it; bad values are refused. */
static void
test_status(void **state)
{
	struct fx *f = *state;
	struct session_row ss;
	char id[37];

	make_session(open_ok(f), "t", "c", id);
	assert_int_equal(store_session_set_status(f->s, id, "done"), STORE_OK);
	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_string_equal(ss.status, "done");
	assert_true(is_utc_time(ss.finished_at));
	session_row_clear(&ss);
	assert_int_equal(store_session_set_status(f->s, id, "open"), STORE_OK);
	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_string_equal(ss.status, "open");
	assert_null(ss.finished_at);
	session_row_clear(&ss);
	assert_int_equal(store_session_set_status(f->s, id, "paused"),
	    STORE_ERROR);
	assert_int_equal(store_session_set_status(f->s, "nope", "done"),
	    STORE_NOT_FOUND);
	assert_int_equal(store_session_set_language(f->s, "nope", "fr"),
	    STORE_NOT_FOUND);
}

/* A session resumed on a changed tree points at the new one, keeps its
 * source and says so in its events. */
static void
test_set_tree(void **state)
{
	struct fx *f = *state;
	struct session_row ss;
	struct buf b = { 0 };
	struct store_tree tree = { "v2\n", 3, "M\0del", 5, 7 };
	struct store_tree other = { "y", 1, NULL, 0, 0 };
	char id[37], *src, *model;
	size_t len, mlen;

	make_session(open_ok(f), "t", "c", id);
	assert_int_equal(store_session_set_tree(f->s, id, "new-sha", &tree),
	    STORE_OK);
	assert_int_equal(store_session_find(f->s, id, &ss), STORE_OK);
	assert_string_equal(ss.tree_sha256, "new-sha");
	session_row_clear(&ss);
	assert_int_equal(store_tree_source(f->s, "new-sha", &src, &len),
	    STORE_OK);
	assert_string_equal(src, "v2\n");
	free(src);
	/* The model is kept beside it, for its layout only. */
	assert_int_equal(store_tree_kept(f->s, "new-sha", 7, &src, &len, &model,
	    &mlen), STORE_OK);
	assert_string_equal(src, "v2\n");
	assert_int_equal(mlen, 5);
	assert_memory_equal(model, "M\0del", 5);
	free(src);
	free(model);
	assert_int_equal(store_tree_kept(f->s, "new-sha", 8, &src, &len, &model,
	    &mlen), STORE_OK);
	assert_null(model);
	assert_int_equal(mlen, 0);
	free(src);
	/* Replaced when kept again. */
	assert_true(store_writable(f->s));
	assert_int_equal(store_tree_model_keep(f->s, "new-sha", 7, "new", 3),
	    STORE_OK);
	assert_int_equal(store_tree_kept(f->s, "new-sha", 7, &src, &len, &model,
	    &mlen), STORE_OK);
	assert_int_equal(mlen, 3);
	assert_memory_equal(model, "new", 3);
	free(src);
	free(model);
	assert_int_equal(store_tree_source(f->s, "sha-of-t", &src, &len),
	    STORE_OK);
	free(src);
	assert_int_equal(store_events(f->s, id, dump_event, &b), STORE_OK);
	assert_string_equal(buf_str(&b), "start -\ntree new-sha\n");
	buf_free(&b);
	assert_int_equal(store_session_set_tree(f->s, "nope", "x", &other),
	    STORE_NOT_FOUND);
	assert_int_equal(store_tree_source(f->s, "x", &src, &len),
	    STORE_NOT_FOUND);
	assert_int_equal(store_tree_kept(f->s, "x", 7, &src, &len, &model, &mlen),
	    STORE_NOT_FOUND);
	assert_null(src);
	assert_null(model);
	/* A store opened for reading keeps no model. */
	store_close(f->s);
	assert_int_equal(store_open_read(f->path, &f->s, &src), STORE_OK);
	assert_false(store_writable(f->s));
	assert_int_equal(store_tree_model_keep(f->s, "new-sha", 7, "read", 4),
	    STORE_OK);
	assert_int_equal(store_tree_kept(f->s, "new-sha", 7, &src, &len, &model,
	    &mlen), STORE_OK);
	assert_memory_equal(model, "new", 3);
	free(src);
	free(model);
}

/* Starts a session whose kept tree is src (under sha), at a path where no
 * file is, and loads it back for a brief: SESSION_OK or why not. */
static enum session_status
load_kept(struct fx *f, const char *sha, const char *src)
{
	struct session_row in = { 0 };
	struct session ss;
	enum session_status r;
	char *err = NULL;

	in.tree_id = xstrdup("kept");
	in.tree_sha256 = xstrdup(sha);
	in.tree_path = xasprintf("%s/no-such-tree.yaml", f->dir);
	assert_int_equal(store_session_create(f->s, &in, src, strlen(src)),
	    STORE_OK);
	r = session_load(&ss, f->s, in.id, SESSION_TREE_KEPT, NULL, NULL, &err);
	free(err);
	session_clear(&ss);
	session_row_clear(&in);
	return r;
}

/* The kept copy of a tree passed check when it was kept: it is read again,
 * not checked again, so that a check made stricter since then (here on
 * 'invalid') leaves old sessions readable; a condition that does not
 * compile is still refused. */
static void
test_kept_tree_not_checked_again(void **state)
{
	static const char head[] =
	    "whyline: 1\nid: kept\ntitle: Kept\nsections:\n"
	    "  - title: S\n    questions:\n      - id: a\n        ask: A?\n";
	struct fx *f = *state;
	char *src;

	open_ok(f);
	src = xasprintf("%s        validate: \"length($value) > 3\"\n"
	    "        invalid: \"More than {{nope}}\"\n", head);
	assert_int_equal(load_kept(f, "sha-1", src), SESSION_OK);
	free(src);
	src = xasprintf("%s        validate: \"length($value\"\n", head);
	assert_int_equal(load_kept(f, "sha-2", src), SESSION_BAD_TREE);
	free(src);
}

/* A kept tree without its model is read from its source, and its model
 * kept then by a store open for writing; the next load unpacks it (the
 * tree holds its strings apart) and says the same, to the line and
 * column, of a condition that does not compile. */
static void
test_kept_tree_model(void **state)
{
	static const char src[] =
	    "whyline: 1\nid: kept\ntitle: Kept\nsections:\n"
	    "  - title: S\n    questions:\n      - id: a\n        ask: A?\n"
	    "      - id: b\n        ask: B?\n        when: \"$a = 'x' AND\"\n";
	struct fx *f = *state;
	struct session_row in = { 0 };
	struct session ss;
	char *err1 = NULL, *err2 = NULL, *s, *model, *want;
	size_t len, mlen;

	open_ok(f);
	in.tree_id = xstrdup("kept");
	in.tree_sha256 = xstrdup("sha-m");
	in.tree_path = xasprintf("%s/no-such-tree.yaml", f->dir);
	assert_int_equal(store_session_create(f->s, &in, src, strlen(src)), STORE_OK);
	assert_int_equal(store_tree_kept(f->s, "sha-m", TREE_PACK_FORMAT, &s, &len,
	    &model, &mlen), STORE_OK);
	assert_null(model);
	free(s);
	assert_int_equal(session_load(&ss, f->s, in.id, SESSION_TREE_KEPT, NULL, NULL,
	    &err1), SESSION_BAD_TREE);
	session_clear(&ss);
	want = xasprintf("%s:11:15: ", in.tree_path);
	assert_non_null(err1);
	assert_true(strncmp(err1, want, strlen(want)) == 0);
	assert_int_equal(store_tree_kept(f->s, "sha-m", TREE_PACK_FORMAT, &s, &len,
	    &model, &mlen), STORE_OK);
	assert_non_null(model);
	assert_true(mlen > 50);
	free(s);
	free(model);
	assert_int_equal(session_load(&ss, f->s, in.id, SESSION_TREE_KEPT, NULL, NULL,
	    &err2), SESSION_BAD_TREE);
	session_clear(&ss);
	assert_string_equal(err2, err1);
	free(err1);
	free(err2);
	free(want);
	/* A tree that works, read back from its model. */
	raw_exec(f->path, "UPDATE trees SET source = CAST(replace(CAST(source AS TEXT),"
	    " ' AND\"', '\"') AS BLOB); DELETE FROM tree_models;");
	assert_int_equal(session_load(&ss, f->s, in.id, SESSION_TREE_KEPT, NULL, NULL,
	    &err1), SESSION_OK);
	assert_null(ss.tree->strs);	/* parsed */
	session_clear(&ss);
	assert_int_equal(session_load(&ss, f->s, in.id, SESSION_TREE_KEPT, NULL, NULL,
	    &err1), SESSION_OK);
	assert_non_null(ss.tree->strs);	/* unpacked */
	assert_int_equal(ss.tree->nall, 2);
	assert_int_equal(ss.tree->all[1]->tx->when.mark.line, 11);
	assert_int_equal(ss.tree->all[1]->tx->when.mark.col, 15);
	session_clear(&ss);
	session_row_clear(&in);
}

/* Collects listed sessions as "client:answers". */
static void
dump_session(void *arg, const struct session_row *ss)
{
	buf_printf(arg, "%s:%ld ", ss->client ? ss->client : "-", ss->answers);
}

/* Lists with filters into a string. */
static char *
list_of(struct store *s, const char *client, const char *tree,
    const char *status)
{
	struct buf b = { 0 };

	assert_int_equal(store_session_list(s, client, tree, status,
	    dump_session, &b), STORE_OK);
	return buf_take(&b);
}

/* Lists newest first; client is a case-insensitive substring in which %
 * and _ are plain characters. */
static void
test_list(void **state)
{
	struct fx *f = *state;
	struct record r[2];
	char id[37];

	open_ok(f);
	make_session(f->s, "five-whys", "ACME Corp", id);
	make_session(f->s, "discovery", "acme labs", id);
	r[0] = rec(REC_ANSWER, "a", -1, 0, "1");
	r[1] = rec(REC_ANSWER, "b", -1, 0, "2");
	assert_int_equal(store_apply(f->s, id, r, 2), STORE_OK);
	assert_int_equal(store_apply(f->s, id, r, 1), STORE_OK);
	make_session(f->s, "discovery", "100% Natural", id);
	make_session(f->s, "discovery", "under_score", id);
	make_session(f->s, "discovery", "underXscore", id);
	make_session(f->s, "discovery", NULL, id);
	assert_int_equal(store_session_set_status(f->s, id, "done"), STORE_OK);

	assert_take(list_of(f->s, NULL, NULL, NULL), "-:0 underXscore:0 "
	    "under_score:0 100% Natural:0 acme labs:2 ACME Corp:0 ");
	assert_take(list_of(f->s, "aCmE", NULL, NULL),
	    "acme labs:2 ACME Corp:0 ");
	assert_take(list_of(f->s, "%", NULL, NULL), "100% Natural:0 ");
	assert_take(list_of(f->s, "0% n", NULL, NULL), "100% Natural:0 ");
	assert_take(list_of(f->s, "r_s", NULL, NULL), "under_score:0 ");
	assert_take(list_of(f->s, "\\", NULL, NULL), "");
	assert_take(list_of(f->s, "acme", "five-whys", NULL), "ACME Corp:0 ");
	assert_take(list_of(f->s, NULL, "nothing", NULL), "");
	assert_take(list_of(f->s, NULL, NULL, "done"), "-:0 ");
	assert_take(list_of(f->s, "e", "discovery", "open"),
	    "underXscore:0 under_score:0 acme labs:2 ");
}

/* A SQLite file of another program is refused and left unchanged. */
static void
test_refuse_foreign_sqlite(void **state)
{
	struct fx *f = *state;

	raw_exec(f->path, "CREATE TABLE contacts (name TEXT);"
	    "INSERT INTO contacts VALUES ('Ada');");
	free(refused_unchanged(f->path, STORE_NOT_OURS));
	assert_take(raw_text(f->path, "PRAGMA journal_mode"), "delete");
}

/* So is one in WAL mode, and one whose program died leaving its WAL,
 * which is not checkpointed into the file. */
static void
test_refuse_foreign_wal(void **state)
{
	struct fx *f = *state;
	char *wal = xasprintf("%s-wal", f->path), *before, *after;
	size_t len0, len1;
	sqlite3 *db;

	raw_exec(f->path, "PRAGMA journal_mode = WAL;"
	    "CREATE TABLE contacts (name TEXT);");
	free(refused_unchanged(f->path, STORE_NOT_OURS));
	db = raw_open(f->path);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO contacts VALUES ('Ada')",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	before = slurp(wal, &len0);
	assert_true(len0 > 0);
	free(refused_unchanged(f->path, STORE_NOT_OURS));
	after = slurp(wal, &len1);
	assert_int_equal(len0, len1);
	assert_memory_equal(before, after, len0);
	free(before);
	free(after);
	free(wal);
}

/* So is an empty SQLite file marked with another application id. */
static void
test_refuse_foreign_app_id(void **state)
{
	struct fx *f = *state;

	raw_exec(f->path, "PRAGMA application_id = 1234;");
	assert_int_equal(raw_int(f->path, "PRAGMA application_id"), 1234);
	free(refused_unchanged(f->path, STORE_NOT_OURS));
}

/* A text file is refused and left unchanged; so is a short one. */
static void
test_refuse_text_file(void **state)
{
	struct fx *f = *state;
	static const char text[] = "name,client\nAda,Acme\n";
	char *err;

	spit(f->path, text, sizeof text - 1);
	err = refused_unchanged(f->path, STORE_NOT_OURS);
	assert_non_null(strstr(err, f->path));
	free(err);
	spit(f->path, "SQLite", 6);
	free(refused_unchanged(f->path, STORE_NOT_OURS));
}

/* A database from a newer whyline is refused, not changed. */
static void
test_refuse_newer(void **state)
{
	struct fx *f = *state;
	char id[37], *sql, *err;
	long long v;

	make_session(open_ok(f), "t", "c", id);
	store_close(f->s);
	f->s = NULL;
	v = raw_int(f->path, "PRAGMA user_version");
	sql = xasprintf("PRAGMA user_version = %lld", v + 1);
	raw_exec(f->path, sql);
	free(sql);
	err = refused_unchanged(f->path, STORE_TOO_NEW);
	assert_non_null(strstr(err, "newer"));
	free(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), v + 1);
}

/* A damaged database is refused, not changed. */
static void
test_refuse_corrupt(void **state)
{
	struct fx *f = *state;
	unsigned char *bytes;
	size_t len, page;
	char id[37];

	make_session(open_ok(f), "t", "c", id);
	store_close(f->s);
	f->s = NULL;
	bytes = (unsigned char *)slurp(f->path, &len);
	page = (size_t)bytes[16] << 8 | bytes[17];
	if (page == 1)
		page = 65536;
	assert_true(len >= 3 * page);
	/* Page 2 holds the first table the schema created. */
	memset(bytes + page, 0x5a, page);
	spit(f->path, (char *)bytes, len);
	free(bytes);
	free(refused_unchanged(f->path, STORE_CORRUPT));
}

/* Damage deep in a table (a page no open reads) does not cost every open
 * a read of the whole file: a clean file opens, and store_verify finds it.
 * After an unclean shutdown (a WAL file left behind by a process that
 * died) the open runs the whole quick check and refuses the file, left as
 * it was. */
static void
test_corrupt_deep_checked_after_crash(void **state)
{
	struct fx *f = *state;
	unsigned char *bytes;
	size_t len, page, pages;
	char id[37];
	sqlite3 *db;

	make_session(open_ok(f), "t", "c", id);
	store_close(f->s);
	f->s = NULL;
	raw_exec(f->path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
	    " SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO events"
	    " (session_id, kind, detail, at) SELECT (SELECT id FROM sessions),"
	    " 'note', printf('%0400d', i), '2024-01-01T00:00:00.000Z' FROM n;");
	bytes = (unsigned char *)slurp(f->path, &len);
	page = (size_t)bytes[16] << 8 | bytes[17];
	if (page == 1)
		page = 65536;
	pages = len / page;
	assert_true(pages > 100);
	/* A leaf of events in the middle: neither its first nor its last. */
	memset(bytes + pages / 2 * page, 0x5a, page);
	spit(f->path, (char *)bytes, len);
	free(bytes);

	open_ok(f);
	assert_int_equal(store_verify(f->s), STORE_CORRUPT);
	assert_non_null(strstr(store_error(f->s), "damaged"));
	store_close(f->s);
	f->s = NULL;

	/* A writer that died: its last write is still in the WAL file. */
	db = raw_open(f->path);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	assert_int_equal(sqlite3_exec(db, "UPDATE sessions SET client = 'd'",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(refused_unchanged(f->path, STORE_CORRUPT));
}

/* A migration that fails leaves no half of it behind. */
static void
test_migration_rolls_back(void **state)
{
	struct fx *f = *state;
	char *sql, *err;

	sql = xasprintf("PRAGMA application_id = %d;"
	    "CREATE TABLE events (x);", WHYLINE_APP_ID);
	raw_exec(f->path, sql);
	free(sql);
	err = open_fails(f->path, STORE_ERROR);
	assert_non_null(strstr(err, "events"));
	free(err);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'sessions'"), 0);
}

/* While another connection holds the write lock, writes fail with
 * STORE_BUSY after the timeout and leave nothing; then they work. */
static void
test_busy(void **state)
{
	struct fx *f = *state;
	struct record r = rec(REC_ANSWER, "a", -1, 0, "1");
	struct session_row in = { 0 };
	sqlite3 *other;
	char id[37];

	setenv("WHYLINE_BUSY_TIMEOUT_MS", "50", 1);
	make_session(open_ok(f), "t", "c", id);
	other = raw_open(f->path);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);

	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_BUSY);
	assert_non_null(strstr(store_error(f->s), "locked"));
	assert_int_equal(store_event(f->s, id, "pause", NULL), STORE_BUSY);
	assert_int_equal(store_session_set_status(f->s, id, "done"),
	    STORE_BUSY);
	in.tree_id = xstrdup("t");
	assert_int_equal(store_session_create(f->s, &in, NULL, 0), STORE_BUSY);
	/* Reading still works under WAL. */
	assert_take(answers_of(f->s, id, false), "");

	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(other);
	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_OK);
	assert_take(answers_of(f->s, id, false), "a -1 0 1\n");
	assert_int_equal(store_session_create(f->s, &in, NULL, 0), STORE_OK);
	session_row_clear(&in);
}

/* A writer waits for another process's transaction to end instead of
 * failing at once. */
static void
test_busy_waits(void **state)
{
	struct fx *f = *state;
	struct record r = rec(REC_ANSWER, "a", -1, 0, "1");
	int ready[2], status;
	char id[37], c;
	pid_t pid;

	setenv("WHYLINE_BUSY_TIMEOUT_MS", "20000", 1);
	make_session(open_ok(f), "t", "c", id);
	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;
		struct timespec ts = { 0, 200 * 1000 * 1000 };

		if (sqlite3_open(f->path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
		    SQLITE_OK)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		nanosleep(&ts, NULL);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(db);
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_OK);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_take(answers_of(f->s, id, true), "a -1 0 1\n");
}

/* A write that the file system refuses (here: past the file size limit,
 * as on a full disk) is STORE_ERROR with SQLite's reason, writes nothing,
 * and the store goes on once there is room again. */
static void
test_disk_full(void **state)
{
	struct fx *f = *state;
	struct record r = rec(REC_ANSWER, "a", -1, 0, NULL);
	struct rlimit old, small;
	void (*old_handler)(int);
	char *big = xmalloc(4 << 20), id[37];

	memset(big, 'x', (4 << 20) - 1);
	big[(4 << 20) - 1] = '\0';
	make_session(open_ok(f), "t", "c", id);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1 << 20;
	old_handler = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	r.value = big;
	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_ERROR);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);
	assert_non_null(strstr(store_error(f->s), f->path));
	assert_non_null(strstr(store_error(f->s), strerror(EFBIG)));
	assert_take(answers_of(f->s, id, false), "");
	r.value = "small";
	assert_int_equal(store_apply(f->s, id, &r, 1), STORE_OK);
	assert_take(answers_of(f->s, id, false), "a -1 0 small\n");
	free(big);
}

/* Files that cannot be made are errors with a message, not crashes. */
static void
test_open_errors(void **state)
{
	struct fx *f = *state;
	char *path;

	free(open_fails("", STORE_ERROR));
	free(open_fails(NULL, STORE_ERROR));
	spit(f->path, "x", 1);
	path = xasprintf("%s/sub/whyline.db", f->path);
	free(open_fails(path, STORE_ERROR));
	free(path);
	path = xasprintf("%s/x/y.db", f->dir);
	if (geteuid() != 0) {
		assert_int_equal(chmod(f->dir, 0500), 0);
		free(open_fails(path, STORE_ERROR));
		assert_int_equal(chmod(f->dir, 0700), 0);
	}
	free(path);
}

/* $WHYLINE_DB, then $XDG_DATA_HOME, then ~/.local/share. */
static void
test_default_path(void **state)
{
	char *saved[3], *p;
	const char *names[3] = { "WHYLINE_DB", "XDG_DATA_HOME", "HOME" };
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		saved[i] = getenv(names[i]) ? xstrdup(getenv(names[i])) : NULL;
	setenv("WHYLINE_DB", "/tmp/x.db", 1);
	setenv("XDG_DATA_HOME", "/data", 1);
	setenv("HOME", "/home/ada", 1);
	assert_take(store_default_path(), "/tmp/x.db");
	unsetenv("WHYLINE_DB");
	assert_take(store_default_path(), "/data/whyline/whyline.db");
	setenv("XDG_DATA_HOME", "relative", 1);
	assert_take(store_default_path(),
	    "/home/ada/.local/share/whyline/whyline.db");
	unsetenv("XDG_DATA_HOME");
	setenv("WHYLINE_DB", "", 1);
	p = store_default_path();
	assert_string_equal(p, "/home/ada/.local/share/whyline/whyline.db");
	free(p);
	for (i = 0; i < 3; i++) {
		if (saved[i] != NULL)
			setenv(names[i], saved[i], 1);
		else
			unsetenv(names[i]);
		free(saved[i]);
	}
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_open_creates_private_files),
		T(test_open_keeps_existing_folder),
		T(test_reopen),
		T(test_session_create),
		T(test_find_by_prefix),
		T(test_find_latest),
		T(test_answers_supersede),
		T(test_apply_atomic),
		T(test_retract),
		T(test_chains),
		T(test_notes_events),
		T(test_status),
		T(test_set_tree),
		T(test_kept_tree_not_checked_again),
		T(test_kept_tree_model),
		T(test_list),
		T(test_refuse_foreign_sqlite),
		T(test_refuse_foreign_wal),
		T(test_refuse_foreign_app_id),
		T(test_refuse_text_file),
		T(test_refuse_newer),
		T(test_refuse_corrupt),
		T(test_corrupt_deep_checked_after_crash),
		T(test_migration_rolls_back),
		T(test_busy),
		T(test_busy_waits),
		T(test_disk_full),
		T(test_open_errors),
		T(test_default_path),
	};
#undef T

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
