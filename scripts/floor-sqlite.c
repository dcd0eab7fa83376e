/* floor-sqlite.c: the benchmark's floor for an answer: a bare SQLite
 * commit of one row in WAL mode with synchronous=FULL. Commits argv[2]
 * rows one per transaction into database argv[1] and prints the mean
 * seconds per commit. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Times n one-row commits. */
int
main(int argc, char **argv)
{
	struct timespec a, b;
	sqlite3 *db;
	sqlite3_stmt *st;
	int n, i;

	if (argc != 3 || sqlite3_open(argv[1], &db) != SQLITE_OK)
		return 2;
	n = atoi(argv[2]);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT, at TEXT)",
	    NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO t(v, at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
	    -1, &st, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_text(st, 1, "an answer of a few words", -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			return 1;
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	sqlite3_finalize(st);
	sqlite3_close(db);
	printf("%.6f\n", ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9) / n);
	return 0;
}
