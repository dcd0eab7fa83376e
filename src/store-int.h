/* store-int.h: what the store's files share and nothing else sees: the
 * connection with its prepared statements, error reporting and
 * transactions. Only src/store*.c include it. */
#ifndef WHYLINE_STORE_INT_H
#define WHYLINE_STORE_INT_H

#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "store.h"

/* Installs the fault-injecting VFS of store-fault.c when WHYLINE_VFS_FAULT
 * asks for it; a no-op otherwise. */
void store_fault_install(void);

/* The prepared statements, one per thing the store does; their SQL is
 * store_stmt_sql in store-schema.c. */
enum store_stmt {
	ST_BEGIN,
	ST_BEGIN_READ,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_TREE_INSERT,
	ST_TREE_KEPT,
	ST_TREE_MODEL_PUT,
	ST_SESSION_INSERT,
	ST_SESSION_TOUCH,
	ST_SESSION_BY_ID,
	ST_SESSION_BY_PREFIX,
	ST_SESSION_LATEST,
	ST_SESSION_LIST,
	ST_SESSION_LANGUAGE,
	ST_SESSION_STATUS,
	ST_SESSION_TREE,
	ST_EVENT_INSERT,
	ST_ANSWER_SUPERSEDE,
	ST_ANSWER_INSERT,
	ST_ANSWER_RETRACT,
	ST_CHAIN_INSERT,
	ST_CHAIN_STOP,
	ST_CHAIN_DROP,
	ST_NOTE_INSERT,
	ST_ANSWERS_ALL,
	ST_ANSWERS_CURRENT,
	ST_CHAINS,
	ST_NOTES,
	ST_EVENTS,
	ST_CLIENT_ANSWERS,
	ST_CODE_SET,
	ST_CODES,
	ST_CODES_SESSION,
	ST_COUNT
};

/* PRAGMA application_id of a whyline database: "WhyL". */
#define STORE_APPLICATION_ID 0x5768794C

/* One step of the schema: applied in one transaction, after which
 * user_version is version. */
struct store_migration {
	int version;
	const char *sql;
};

extern const struct store_migration store_migrations[];
extern const size_t store_nmigrations;
extern const char *const store_stmt_sql[ST_COUNT];

/* A UTC ISO 8601 time with milliseconds: "2024-05-01T09:30:00.123Z". */
#define STORE_TIME_LEN 32

struct store {
	sqlite3 *db;
	char *path;
	int busy_ms;
	char *err;
	sqlite3_stmt *stmt[ST_COUNT];
	bool reader;		/* opened by store_open_read */
	/* An event to write in the next transaction (store_event_later):
	 * the session, its kind ("": none) and when it happened. */
	char later_id[37];
	char later_kind[16];
	char later_at[STORE_TIME_LEN];
	locale_t ctype;		/* C.UTF-8, for whyline_contains; may be 0 */
	int live_fd;		/* the DB-live file (store-live.c), or -1 */
};

void store_now(char buf[STORE_TIME_LEN]);

/* Prepares sql, a statement kept apart from store_stmt_sql, for the
 * caller to finalize; NULL after recording the failure. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
/* Inserts an event row at now (store.c); the caller holds the
 * transaction. Returns an SQLite code. */
int store_insert_event(struct store *s, const char *id, const char *kind,
    const char *detail, const char *now);

/* Returns statement which, reset and with no bindings, ready to bind. */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt which);
/* Binds text (NULL binds NULL) to the parameter called name. */
int store_bind_text(sqlite3_stmt *st, const char *name, const char *v);
/* Binds an integer to the parameter called name. */
int store_bind_int(sqlite3_stmt *st, const char *name, int v);
/* Binds an integer, or NULL when v equals null_value. */
int store_bind_int_or_null(sqlite3_stmt *st, const char *name, int v,
    int null_value);
/* Binds a blob of len bytes to the parameter called name. */
int store_bind_blob(sqlite3_stmt *st, const char *name, const void *p,
    size_t len);
/* Runs a statement that returns no rows, then resets it. */
int store_run(sqlite3_stmt *st);
/* Column i as text, or NULL; borrowed until the next step. */
char *store_col(sqlite3_stmt *st, int i);

/* Records the failure of a SQLite call (rc) and returns its status. */
enum store_status store_fail(struct store *s, int rc);
/* Records a message of our own and returns status. */
enum store_status store_failf(struct store *s, enum store_status status,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Registers whyline_contains(text, part) (store-fold.c), the
 * case-insensitive substring test of `list --client`, and
 * whyline_same(text, name), the same folding's equality. */
int store_register_functions(struct store *s);
/* Registers whyline_valid(kind, value) on a connection (store-valid.c;
 * every store's, through store_register_functions): 1 when value is text
 * of the shape kind names ('uuid', 'time', 'lang', 'path', 'sha256',
 * 'code', 'name', 'text'), else 0. Returns an SQLite code. */
int store_valid_register(sqlite3 *db);

/* Clears the last error before a call that may set it. */
void store_ok(struct store *s);

/* Begins a write transaction (BEGIN IMMEDIATE). */
enum store_status store_begin(struct store *s);
/* Commits the transaction; on failure rolls it back. */
enum store_status store_commit(struct store *s);
/* Rolls back after a failure and returns status unchanged. */
enum store_status store_rollback(struct store *s, enum store_status status);
/* Writes the records inside the open transaction, touching the session
 * (store-rows.c). */
enum store_status store_apply_in(struct store *s, const char *id,
    const struct record *r, size_t n, const char *now);
/* Sets the session's updated_at to now; STORE_NOT_FOUND if there is none. */
enum store_status store_touch(struct store *s, const char *id,
    const char *now);

#endif
