/* store.c: opening the database: its file and folder, the checks that
 * refuse a file that is not ours before anything is written, the
 * migrations, and the helpers the other store files share: prepared
 * statements, binding by name, errors and transactions.
 *
 * The schema is in store-schema.c, sessions in store-session.c, the
 * interview's rows in store-rows.c. */
#include "config.h"

#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

#define BUSY_DEFAULT_MS 5000
#define BUSY_MAX_MS 600000

/* The path used when none is given (see store.h). */
char *
store_default_path(void)
{
	const char *e;
	struct passwd *pw;

	e = getenv("WHYLINE_DB");
	if (e != NULL && *e != '\0')
		return xstrdup(e);
	e = getenv("XDG_DATA_HOME");
	if (e != NULL && *e == '/')
		return xasprintf("%s/whyline/whyline.db", e);
	e = getenv("HOME");
	if (e == NULL || *e == '\0') {
		pw = getpwuid(getuid());
		e = pw != NULL ? pw->pw_dir : NULL;
	}
	if (e == NULL || *e == '\0')
		return NULL;
	return xasprintf("%s/.local/share/whyline/whyline.db", e);
}

/* Writes v in width digits, zeros first, followed by after; returns the
 * end. */
static char *
put_digits(char *p, long v, int width, char after)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	p[width] = after;
	return p + width + 1;
}

/* Fills buf with the current UTC time, to the millisecond:
 * "2024-05-01T09:30:00.123Z". Written digit by digit: it is taken for
 * every answer, and strftime and snprintf cost ten times as much. */
void
store_now(char buf[STORE_TIME_LEN])
{
	struct timespec ts;
	struct tm tm;
	char *p = buf;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	p = put_digits(p, (tm.tm_year + 1900) % 10000, 4, '-');
	p = put_digits(p, tm.tm_mon + 1, 2, '-');
	p = put_digits(p, tm.tm_mday, 2, 'T');
	p = put_digits(p, tm.tm_hour, 2, ':');
	p = put_digits(p, tm.tm_min, 2, ':');
	p = put_digits(p, tm.tm_sec, 2, '.');
	p = put_digits(p, ts.tv_nsec / 1000000, 3, 'Z');
	*p = '\0';
}

/* The current UTC time, as store_now writes it, owned. */
char *
store_time_now(void)
{
	char now[STORE_TIME_LEN];

	store_now(now);
	return xstrdup(now);
}

/* The last error's message. */
const char *
store_error(const struct store *s)
{
	return s->err != NULL ? s->err : "";
}

/* Forgets the last error. */
void
store_ok(struct store *s)
{
	free(s->err);
	s->err = NULL;
}

/* Records a message of our own and returns status. */
enum store_status
store_failf(struct store *s, enum store_status status, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	free(s->err);
	s->err = msg;
	return status;
}

/* True when the folder of path can be written. */
static bool
folder_writable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	bool ok;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	ok = access(slash != NULL ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* Records the failure of a SQLite call and maps it to a status. */
enum store_status
store_fail(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return store_failf(s, STORE_BUSY, _("%s: the database is locked "
		    "by another process (waited %d ms)"), s->path, s->busy_ms);
	case SQLITE_CORRUPT:
		return store_failf(s, STORE_CORRUPT, _("%s: the database is "
		    "damaged: %s"), s->path, sqlite3_errmsg(s->db));
	case SQLITE_NOTADB:
		return store_failf(s, STORE_NOT_OURS, _("%s: not a whyline "
		    "database: %s"), s->path, sqlite3_errmsg(s->db));
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_READONLY:
		/* SQLite keeps its journal beside the file: a folder that
		 * cannot be written stops it even when the file can be. */
		if ((rc & 0xff) != SQLITE_IOERR && (rc & 0xff) != SQLITE_FULL &&
		    !folder_writable(s->path))
			return store_failf(s, STORE_ERROR, _("%s: its folder cannot "
			    "be written, and whyline keeps the database's journal "
			    "there: %s"), s->path, strerror(EACCES));
		if (s->db != NULL && sqlite3_system_errno(s->db) != 0)
			return store_failf(s, STORE_ERROR, "%s: %s (%s)",
			    s->path, sqlite3_errmsg(s->db),
			    strerror(sqlite3_system_errno(s->db)));
		/* FALLTHROUGH */
	default:
		return store_failf(s, STORE_ERROR, "%s: %s", s->path,
		    s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	}
}

/* Prepares sql, a statement of a module's own (store-codes.c,
 * store-recover.c), for the caller to finalize. */
sqlite3_stmt *
store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK) {
		store_fail(s, rc);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Returns a statement reset and without bindings. */
sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt which)
{
	sqlite3_stmt *st = s->stmt[which];

	/* Prepared on first use: a command uses a few of them, and preparing
	 * them all would cost every command's start. A failure leaves NULL,
	 * which SQLite's calls refuse, and the connection's message says why. */
	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, store_stmt_sql[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmt[which], NULL) != SQLITE_OK)
			return NULL;
		return s->stmt[which];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Binds text, or NULL, to the parameter called name. */
int
store_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

/* Binds an integer to the parameter called name. */
int
store_bind_int(sqlite3_stmt *st, const char *name, int v)
{
	return sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, name), v);
}

/* Binds an integer, or NULL when v is null_value. */
int
store_bind_int_or_null(sqlite3_stmt *st, const char *name, int v,
    int null_value)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (v == null_value)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int(st, i, v);
}

/* Binds len bytes at p to the parameter called name. */
int
store_bind_blob(sqlite3_stmt *st, const char *name, const void *p,
    size_t len)
{
	return sqlite3_bind_blob64(st, sqlite3_bind_parameter_index(st, name),
	    p, len, SQLITE_TRANSIENT);
}

/* Steps a statement that returns no rows and resets it; SQLITE_OK if done. */
int
store_run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Column i as text, NULL for NULL; valid until the next step. */
char *
store_col(sqlite3_stmt *st, int i)
{
	return (char *)sqlite3_column_text(st, i);
}

/* Begins a write transaction, waiting busy_timeout for other writers. */
enum store_status
store_begin(struct store *s)
{
	int rc = store_run(store_stmt(s, ST_BEGIN));

	/* The event left for this transaction comes first, at its time. */
	if (rc == SQLITE_OK && s->later_kind[0] != '\0' &&
	    (rc = store_insert_event(s, s->later_id, s->later_kind, NULL,
	    s->later_at)) != SQLITE_OK)
		return store_rollback(s, store_fail(s, rc));
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Keeps an event for the next transaction. */
void
store_event_later(struct store *s, const char *id, const char *kind)
{
	snprintf(s->later_id, sizeof s->later_id, "%s", id);
	snprintf(s->later_kind, sizeof s->later_kind, "%s", kind);
	store_now(s->later_at);
}

/* Commits durably; on failure rolls back. */
enum store_status
store_commit(struct store *s)
{
	int rc = store_run(store_stmt(s, ST_COMMIT));

	if (rc == SQLITE_OK) {
		s->later_kind[0] = '\0';	/* written */
		return STORE_OK;
	}
	return store_rollback(s, store_fail(s, rc));
}

/* Takes the write lock and lets it go at once (waiting busy_timeout like a
 * write would): tells whether this process can write now, without the cost
 * of a durable commit. */
enum store_status
store_probe(struct store *s)
{
	enum store_status st = store_begin(s);

	return st == STORE_OK ? store_rollback(s, STORE_OK) : st;
}

/* Begins a read transaction unless one is open; true when it began one.
 * Outside a transaction each statement takes and drops SQLite's lock and
 * checks the file again (system calls each time); inside, once, and every
 * read sees the same state. A failure here only loses that. */
bool
store_read_begin(struct store *s)
{
	return sqlite3_get_autocommit(s->db) &&
	    store_run(store_stmt(s, ST_BEGIN_READ)) == SQLITE_OK;
}

/* Ends the read transaction store_read_begin began (began true). */
void
store_read_end(struct store *s, bool began)
{
	if (began && !sqlite3_get_autocommit(s->db))
		store_run(store_stmt(s, ST_COMMIT));
}

/* Rolls back the open transaction, keeping the error that caused it. */
enum store_status
store_rollback(struct store *s, enum store_status status)
{
	if (!sqlite3_get_autocommit(s->db))
		store_run(store_stmt(s, ST_ROLLBACK));
	return status;
}

/* Marks the session as updated now. */
enum store_status
store_touch(struct store *s, const char *id, const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_SESSION_TOUCH);
	int rc;

	if ((rc = store_bind_text(st, ":now", now)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":id", id)) != SQLITE_OK ||
	    (rc = store_run(st)) != SQLITE_OK)
		return store_fail(s, rc);
	if (sqlite3_changes(s->db) == 0)
		return store_failf(s, STORE_NOT_FOUND, _("no session %s"), id);
	return STORE_OK;
}

/* Inserts an event row; the caller holds the transaction. */
int
store_insert_event(struct store *s, const char *id, const char *kind,
    const char *detail, const char *now)
{
	sqlite3_stmt *st = store_stmt(s, ST_EVENT_INSERT);
	int rc;

	if ((rc = store_bind_text(st, ":sid", id)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":kind", kind)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":detail", detail)) != SQLITE_OK ||
	    (rc = store_bind_text(st, ":now", now)) != SQLITE_OK)
		return rc;
	return store_run(st);
}

/* The schema version this program brings a database to. */
static int
latest_version(void)
{
	return store_migrations[store_nmigrations - 1].version;
}

/* The busy timeout: $WHYLINE_BUSY_TIMEOUT_MS when valid, else 5 s. */
static int
busy_timeout(void)
{
	const char *e = getenv("WHYLINE_BUSY_TIMEOUT_MS");
	char *end;
	long v;

	if (e == NULL || *e == '\0')
		return BUSY_DEFAULT_MS;
	errno = 0;
	v = strtol(e, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > BUSY_MAX_MS)
		return BUSY_DEFAULT_MS;
	return (int)v;
}

/* Creates the folders above the file that are missing, mode 0700. */
static enum store_status
make_folders(struct store *s)
{
	char *dir = xstrdup(s->path), *p;
	enum store_status r = STORE_OK;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		goto out;
	*p = '\0';
	for (p = dir + 1;; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0)
			(void)chmod(dir, 0700);
		else if (errno != EEXIST) {
			r = store_failf(s, STORE_ERROR, _("cannot create folder "
			    "%s: %s"), dir, strerror(errno));
			goto out;
		}
		*p = c;
		if (c == '\0')
			break;
	}
out:
	free(dir);
	return r;
}

/* Makes the creation of path durable by syncing its folder. */
static void
sync_folder(const char *path)
{
	char *dir = xstrdup(path), *p = strrchr(dir, '/');
	int fd;

	if (p == NULL)
		strcpy(dir, ".");
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Removes path, and its WAL and shared-memory files, when path is empty. */
static void
remove_if_empty(const char *path)
{
	struct stat sb;
	char *side;

	if (stat(path, &sb) != 0 || sb.st_size != 0)
		return;
	side = xasprintf("%s-wal", path);
	if (stat(side, &sb) == 0 && sb.st_size == 0)
		(void)unlink(side);
	free(side);
	side = xasprintf("%s-shm", path);
	(void)unlink(side);
	free(side);
	(void)unlink(path);
}

/* Creates the file, mode 0600, when missing (*created says so); an
 * existing one must be empty or begin as an SQLite file. Only reads an
 * existing file. */
static enum store_status
prepare_file(struct store *s, bool *created)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	ssize_t n;
	int fd;

	fd = open(s->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		(void)fchmod(fd, 0600);
		close(fd);
		sync_folder(s->path);
		*created = true;
		return STORE_OK;
	}
	if (errno == EEXIST)
		fd = open(s->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return store_failf(s, STORE_ERROR, "%s: %s", s->path,
		    strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n < 0)
		return store_failf(s, STORE_ERROR, "%s: %s", s->path,
		    strerror(errno));
	if (n > 0 && (n < (ssize_t)sizeof head ||
	    memcmp(head, magic, sizeof head) != 0))
		return store_failf(s, STORE_NOT_OURS, _("%s: not a whyline "
		    "database"), s->path);
	return STORE_OK;
}

/* Runs a query that returns one integer into *v. */
static int
query_int(struct store *s, const char *sql, long long *v)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Turns the line breaks of msg into spaces, for a message in one line. */
static void
one_line(char *msg)
{
	for (; *msg != '\0'; msg++)
		if (*msg == '\n' || *msg == '\r')
			*msg = ' ';
}

/* Runs PRAGMA quick_check: anything but a single "ok" is damage. */
static enum store_status
quick_check(struct store *s)
{
	sqlite3_stmt *st;
	enum store_status r = STORE_OK;
	const char *what;
	int rc;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		what = (const char *)sqlite3_column_text(st, 0);
		if (what == NULL || strcmp(what, "ok") != 0) {
			r = store_failf(s, STORE_CORRUPT, _("%s: the database "
			    "is damaged: %s"), s->path, what ? what : "?");
			one_line(s->err);
		}
	} else
		r = store_fail(s, rc);
	sqlite3_finalize(st);
	return r;
}

/* ---- how much of the file opening checks ----
 *
 * PRAGMA quick_check reads every page: on a database of years that is most
 * of the time to the first prompt. It runs where that cost is expected:
 * before a migration, after an unclean shutdown (a process that died with
 * the database open leaves its WAL file behind), and on request
 * (store_verify). Any other open for writing reads the root page and the
 * first leaf of every table and index, which refuses damage to the header,
 * the schema and the tables' roots before anything is written; damage
 * further in is met by SQLite when a page is read, which fails that
 * statement and rolls its transaction back, so the file is never written
 * on top of it. */

/* SQLite's WAL-index file holds a read lock on this byte (the "DMS" slot,
 * see https://sqlite.org/walformat.html) for as long as a connection is
 * open. */
#define SHM_DMS_OFFSET 128

/* True when the database's WAL file was left behind by a process that did
 * not close it: the WAL file is there and no connection holds the
 * WAL-index. Called before this process opens the database. */
static bool
unclean_shutdown(const char *path)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	struct flock lk = { 0 };
	struct stat sb;
	bool unclean = false;
	int fd;

	if (stat(wal, &sb) != 0)
		goto out;
	unclean = true;
	fd = open(shm, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto out;
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	lk.l_start = SHM_DMS_OFFSET;
	lk.l_len = 1;
	/* Another live connection holds it: its WAL is not a leftover. */
	if (fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK)
		unclean = false;
	close(fd);
out:
	free(wal);
	free(shm);
	return unclean;
}

/* Reads the root page and the first leaf of every table and index: damage
 * there is refused at once, for the cost of a few pages whatever the
 * file's size. An index a full scan cannot use (a partial one) is left to
 * the statements that use it. */
static enum store_status
check_roots(struct store *s)
{
	sqlite3_stmt *st, *probe;
	enum store_status r = STORE_OK;
	const char *name, *table;
	char *sql;
	int rc;

	rc = sqlite3_prepare_v2(s->db, "SELECT name, tbl_name, type = 'index'"
	    " FROM sqlite_schema WHERE type IN ('table', 'index')"
	    " AND rootpage > 0", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		table = (const char *)sqlite3_column_text(st, 1);
		if (sqlite3_column_int(st, 2))
			sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" INDEXED BY"
			    " \"%w\" LIMIT 1", table, name);
		else
			sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" NOT INDEXED"
			    " LIMIT 1", name);
		if (sqlite3_prepare_v2(s->db, sql, -1, &probe, NULL) ==
		    SQLITE_OK) {
			rc = sqlite3_step(probe);
			sqlite3_finalize(probe);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				r = store_fail(s, rc);
		}
		sqlite3_free(sql);
	}
	if (r == STORE_OK && rc != SQLITE_DONE)
		r = store_fail(s, rc);
	sqlite3_finalize(st);
	if (r == STORE_CORRUPT)
		one_line(s->err);
	return r;
}

/* Runs SQLite's quick check of the whole file (see store.h). */
enum store_status
store_verify(struct store *s)
{
	return quick_check(s);
}

/* Decides, by reading only, whether the file is ours: whyline's at a
 * version we know and undamaged, or a new empty one. *version is its
 * user_version. The whole quick check runs before a migration and after
 * an unclean shutdown; other opens for writing check the tables' roots,
 * and a reader checks nothing more. */
static enum store_status
check_ours(struct store *s, long long *version, bool reader, bool unclean)
{
	long long app, objects;
	int rc;

	if ((rc = query_int(s, "PRAGMA application_id", &app)) != SQLITE_OK ||
	    (rc = query_int(s, "PRAGMA user_version", version)) != SQLITE_OK ||
	    (rc = query_int(s, "SELECT count(*) FROM sqlite_schema",
	    &objects)) != SQLITE_OK)
		return store_fail(s, rc);
	if (app != STORE_APPLICATION_ID &&
	    (app != 0 || *version != 0 || objects != 0))
		return store_failf(s, STORE_NOT_OURS, _("%s: not a whyline "
		    "database"), s->path);
	if (*version > latest_version())
		return store_failf(s, STORE_TOO_NEW, _("%s: made by a newer "
		    "whyline (schema version %lld, this one knows %d)"),
		    s->path, *version, latest_version());
	if (unclean || *version < latest_version())
		return quick_check(s);
	return reader ? STORE_OK : check_roots(s);
}

/* Runs sql on the connection; on failure records why. */
static enum store_status
exec(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc);
}

/* Applies one migration in its own transaction, unless another process
 * applied it first; rolls back on any failure. */
static enum store_status
migrate_one(struct store *s, const struct store_migration *m)
{
	enum store_status r;
	long long version;
	char *stamp;
	int rc;

	if ((r = exec(s, "BEGIN IMMEDIATE")) != STORE_OK)
		return r;
	if ((rc = query_int(s, "PRAGMA user_version", &version)) != SQLITE_OK) {
		r = store_fail(s, rc);
		goto out;
	}
	if (version >= m->version)
		goto out;
	stamp = xasprintf("PRAGMA application_id = %d; PRAGMA user_version = %d;",
	    STORE_APPLICATION_ID, m->version);
	if ((r = exec(s, m->sql)) == STORE_OK)
		r = exec(s, stamp);
	free(stamp);
	if (r != STORE_OK)
		r = store_failf(s, r, _("%s: cannot upgrade to schema version "
		    "%d: %s"), s->path, m->version, s->err);
out:
	if (r == STORE_OK)
		r = exec(s, "COMMIT");
	if (r != STORE_OK && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

/* Brings the schema from version up to the latest. */
static enum store_status
migrate(struct store *s, long long version)
{
	enum store_status r;
	size_t i;

	for (i = 0; i < store_nmigrations; i++) {
		if (store_migrations[i].version <= version)
			continue;
		if ((r = migrate_one(s, &store_migrations[i])) != STORE_OK)
			return r;
	}
	return STORE_OK;
}

/* Sets up the connection for writing: WAL, synchronous=FULL, foreign keys. */
static enum store_status
configure(struct store *s)
{
	sqlite3_stmt *st;
	const char *mode;
	enum store_status r = STORE_OK;
	int rc;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		r = store_fail(s, rc);
	else if ((mode = (const char *)sqlite3_column_text(st, 0)) == NULL ||
	    strcmp(mode, "wal") != 0)
		r = store_failf(s, STORE_ERROR, _("%s: cannot use write-ahead "
		    "logging here (journal mode %s)"), s->path,
		    mode ? mode : "?");
	sqlite3_finalize(st);
	if (r == STORE_OK)
		r = exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
	return r;
}

/* Lets closing a refused file clean up the WAL files that opening made
 * when that WAL is empty: its checkpoint writes nothing to the file. */
static void
allow_empty_checkpoint(struct store *s)
{
	char *wal = xasprintf("%s-wal", s->path);
	struct stat sb;

	if (stat(wal, &sb) == 0 && sb.st_size == 0)
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
		    NULL);
	free(wal);
}

/* Opens the connection and refuses, before writing anything, a file that
 * is not ours; then configures, migrates and prepares. */
static enum store_status
open_db(struct store *s, bool reader)
{
	enum store_status r;
	long long version;
	bool unclean = unclean_shutdown(s->path);
	int rc;

	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, s->busy_ms);
	/* Closing must not checkpoint a WAL that is not ours into the file. */
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if ((r = check_ours(s, &version, reader, unclean)) != STORE_OK) {
		allow_empty_checkpoint(s);
		return r;
	}
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return store_failf(s, STORE_ERROR, _("%s: the database cannot "
		    "be written"), s->path);
	if ((r = configure(s)) != STORE_OK || (r = migrate(s, version)) !=
	    STORE_OK)
		return r;
	if ((rc = store_register_functions(s)) != SQLITE_OK)
		return store_fail(s, rc);
	return STORE_OK;
}

/* whyline runs on one thread: SQLite need not lock each call (a mutex
 * around every column read and allocation), nor count its memory. Only
 * the first call, before SQLite starts, can say so; later ones are
 * refused and change nothing. */
static void
single_thread(void)
{
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens, creating and migrating it when needed, the database at path;
 * a reader skips the quick check. */
static enum store_status
open_path(const char *path, bool reader, struct store **out, char **err)
{
	struct store *s;
	enum store_status r;
	bool created = false;

	*out = NULL;
	*err = NULL;
	if (path == NULL || *path == '\0') {
		*err = xstrdup(_("no database path (set WHYLINE_DB or HOME)"));
		return STORE_ERROR;
	}
	single_thread();
	store_fault_install();
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->busy_ms = busy_timeout();
	s->reader = reader;
	s->live_fd = -1;
	if ((r = make_folders(s)) == STORE_OK &&
	    (r = prepare_file(s, &created)) == STORE_OK)
		r = open_db(s, reader);
	if (r != STORE_OK) {
		*err = s->err;
		s->err = NULL;
		store_close(s);
		/* A file made here that stayed empty (a full disk) is no
		 * database: it goes, not to be mistaken for one later. */
		if (created)
			remove_if_empty(path);
		return r;
	}
	*out = s;
	return STORE_OK;
}

/* Opens the database at path for any use. */
enum store_status
store_open(const char *path, struct store **out, char **err)
{
	return open_path(path, false, out, err);
}

/* Opens the database at path for commands that only read. */
enum store_status
store_open_read(const char *path, struct store **out, char **err)
{
	return open_path(path, true, out, err);
}

/* Finalizes the statements and closes the connection; s may be NULL. */
void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	if (s->live_fd >= 0)
		close(s->live_fd);	/* the sessions it ran are free again */
	if (s->ctype != (locale_t)0)
		freelocale(s->ctype);
	free(s->path);
	free(s->err);
	free(s);
}
