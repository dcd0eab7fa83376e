/* floor-sqlite.c: the benchmark's floor for an answer: a bare SQLite
 * commit of one row in WAL mode with synchronous=FULL. Commits argv[2]
 * rows one per transaction into database argv[1] and prints the mean
 * seconds per commit.
 *
 * With a third argument, "schema", each commit is instead what an answer
 * writes in whyline's schema, done bare: the current answer superseded (an
 * index seek that finds none), the answer inserted (its table and its
 * index) and the session's updated_at moved (its row and its index): the
 * same four pages, without the program around them. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

static const char one_row[] =
    "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT, at TEXT)";
static const char *one_row_steps[] = {
	"INSERT INTO t(v, at) VALUES (?1, " NOW ")",
	NULL
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY,"
    " updated_at TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS sessions_updated ON sessions (updated_at);"
    "INSERT OR IGNORE INTO sessions VALUES ('s1', " NOW ");"
    "CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY,"
    " session_id TEXT NOT NULL, question_id TEXT NOT NULL, chain INTEGER,"
    " rung INTEGER, value TEXT, skip_reason TEXT, answered_at TEXT NOT NULL,"
    " superseded_at TEXT);"
    "CREATE INDEX IF NOT EXISTS answers_by_session ON answers (session_id,"
    " superseded_at, question_id, chain, rung);";
static const char *schema_steps[] = {
	"UPDATE sessions SET updated_at = " NOW " WHERE id = 's1'",
	"UPDATE answers SET superseded_at = " NOW " WHERE session_id = 's1'"
	" AND question_id = 'q' || ?2 AND chain IS NULL AND rung IS NULL"
	" AND superseded_at IS NULL",
	"INSERT INTO answers (session_id, question_id, value, answered_at)"
	" VALUES ('s1', 'q' || ?2, ?1, " NOW ")",
	NULL
};

/* Times n commits of the steps. */
int
main(int argc, char **argv)
{
	struct timespec a, b;
	sqlite3 *db;
	sqlite3_stmt *st[4];
	const char **steps = one_row_steps;
	int n, i, k;

	if (argc < 3 || argc > 4 || sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 2;
	if (argc == 4 && strcmp(argv[3], "schema") == 0)
		steps = schema_steps;
	n = atoi(argv[2]);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
	    NULL, NULL, NULL);
	if (sqlite3_exec(db, steps == schema_steps ? schema : one_row, NULL, NULL,
	    NULL) != SQLITE_OK)
		return 2;
	for (k = 0; steps[k] != NULL; k++)
		if (sqlite3_prepare_v2(db, steps[k], -1, &st[k], NULL) != SQLITE_OK)
			return 2;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		for (k = 0; steps[k] != NULL; k++) {
			if (sqlite3_bind_parameter_count(st[k]) >= 1)
				sqlite3_bind_text(st[k], 1, "an answer of a few words", -1,
				    SQLITE_STATIC);
			if (sqlite3_bind_parameter_count(st[k]) >= 2)
				sqlite3_bind_int(st[k], 2, i);
			if (sqlite3_step(st[k]) != SQLITE_DONE)
				return 1;
			sqlite3_reset(st[k]);
		}
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	for (k = 0; steps[k] != NULL; k++)
		sqlite3_finalize(st[k]);
	sqlite3_close(db);
	printf("%.6f\n", ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9) / n);
	return 0;
}
