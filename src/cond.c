/* cond.c: conditions compiled and evaluated by SQLite on a private
 * in-memory connection that can read no file or table. */
#include "config.h"

#include "cond.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define COND_MAX_LENGTH 100000		/* bytes in any value */
#define COND_MAX_STEPS 1000000		/* virtual machine steps per evaluation */
#define PROGRESS_STEPS 1000		/* steps between two calls of progress */

/* A condition is compiled inside this statement: one value, true or not. */
#define WRAP_BEFORE "SELECT CASE WHEN ("
#define WRAP_AFTER "\n) THEN 1 ELSE 0 END"

/* What has(list, value) runs. */
#define HAS_SQL "SELECT CASE WHEN json_valid(?1) AND json_type(?1) = 'array' " \
	"THEN EXISTS(SELECT 1 FROM json_each(?1) WHERE value = ?2) " \
	"ELSE ?1 = ?2 END"

struct cond_ctx {
	sqlite3 *db;
	sqlite3_stmt *has_stmt;
	bool compiling;		/* the authorizer is strict while true */
	bool denied;		/* the authorizer refused something */
	const char *denied_function;	/* a function it refused, or NULL */
	unsigned steps;		/* progress calls in this evaluation */
	unsigned long long total;	/* steps in every evaluation so far */
};

struct cond {
	struct cond_ctx *ctx;
	sqlite3_stmt *stmt;
	char **params;		/* without '$' */
	int *slots;		/* the bind index of each param */
	size_t nparams;
};

/* Functions a condition may not call: they reach outside the connection, or
 * (printf and format, with a large precision for %c) spend seconds in one
 * call that no step limit stops. */
static const char *const denied_functions[] = {
	"load_extension", "fts3_tokenizer", "printf", "format", NULL
};

/* Allows expressions and functions, nothing that reads or writes. */
static int
authorize(void *arg, int action, const char *a, const char *b, const char *db,
    const char *trigger)
{
	struct cond_ctx *c = arg;
	size_t i;

	(void)a, (void)db, (void)trigger;
	if (!c->compiling)
		return SQLITE_OK;
	if (action == SQLITE_SELECT)
		return SQLITE_OK;
	if (action == SQLITE_FUNCTION && b != NULL) {
		for (i = 0; denied_functions[i] != NULL; i++)
			if (sqlite3_stricmp(b, denied_functions[i]) == 0) {
				c->denied_function = denied_functions[i];
				break;
			}
		if (denied_functions[i] == NULL)
			return SQLITE_OK;
	}
	c->denied = true;
	return SQLITE_DENY;
}

/* Stops an evaluation that runs too long. */
static int
progress(void *arg)
{
	struct cond_ctx *c = arg;

	c->total += PROGRESS_STEPS;
	return ++c->steps > COND_MAX_STEPS / PROGRESS_STEPS;
}

/* The virtual machine steps spent on every evaluation so far, roughly. */
unsigned long long
cond_ctx_steps(const struct cond_ctx *c)
{
	return c->total;
}

/* has(list, value): true when the JSON array list holds value, or when list
 * is a single value equal to it. NULL list: false. */
static void
fn_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct cond_ctx *c = sqlite3_user_data(ctx);
	sqlite3_stmt *st;
	bool compiling = c->compiling;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	/* Prepared on first use: preparing it reads json_each's schema, most
	 * of the cost of a new context, and most trees never call has(). */
	if (c->has_stmt == NULL) {
		c->compiling = false;
		if (sqlite3_prepare_v3(c->db, HAS_SQL, -1,
		    SQLITE_PREPARE_PERSISTENT, &c->has_stmt, NULL) != SQLITE_OK) {
			c->compiling = compiling;
			sqlite3_result_error(ctx, sqlite3_errmsg(c->db), -1);
			return;
		}
		c->compiling = compiling;
	}
	st = c->has_stmt;
	sqlite3_bind_value(st, 1, argv[0]);
	sqlite3_bind_value(st, 2, argv[1]);
	if (sqlite3_step(st) == SQLITE_ROW)
		sqlite3_result_int(ctx, sqlite3_column_int(st, 0));
	else
		sqlite3_result_error(ctx, sqlite3_errmsg(c->db), -1);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Opens the private connection with its limits and has(). */
struct cond_ctx *
cond_ctx_new(char **err)
{
	struct cond_ctx *c = xcalloc(1, sizeof *c);
	int rc;

	rc = sqlite3_open_v2(":memory:", &c->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_limit(c->db, SQLITE_LIMIT_LENGTH, COND_MAX_LENGTH);
	sqlite3_limit(c->db, SQLITE_LIMIT_SQL_LENGTH, COND_MAX_LENGTH);
	sqlite3_limit(c->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(c->db, SQLITE_LIMIT_EXPR_DEPTH, 200);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	rc = sqlite3_create_function(c->db, "has", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, c, fn_has, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_set_authorizer(c->db, authorize, c);
	sqlite3_progress_handler(c->db, PROGRESS_STEPS, progress, c);
	return c;
fail:
	*err = xstrdup(c->db != NULL ? sqlite3_errmsg(c->db) : "sqlite3_open");
	cond_ctx_free(c);
	return NULL;
}

/* Closes the connection. */
void
cond_ctx_free(struct cond_ctx *c)
{
	if (c == NULL)
		return;
	sqlite3_finalize(c->has_stmt);
	sqlite3_close(c->db);
	free(c);
}

/* Records the $id parameters of a compiled statement; false with *err when
 * one is not of that form. */
static bool
cond_params(struct cond *k, char **err)
{
	int n = sqlite3_bind_parameter_count(k->stmt), i;

	k->params = xcalloc((size_t)n, sizeof *k->params);
	k->slots = xcalloc((size_t)n, sizeof *k->slots);
	for (i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(k->stmt, i);

		if (name == NULL || name[0] != '$' || name[1] == '\0' ||
		    strpbrk(name + 1, ":()") != NULL) {
			*err = xasprintf(_("'%s' is not a question: write $id"),
			    name != NULL ? name : "?");
			return false;
		}
		k->params[k->nparams] = xstrdup(name + 1);
		k->slots[k->nparams++] = i;
	}
	return true;
}

/* SQLite's message for a condition that does not compile, in the words of
 * the condition rather than of the statement around it (expr starts at byte
 * start of the statement and ends at byte end). */
static char *
compile_error(struct cond_ctx *c, size_t start, size_t end)
{
	const char *msg = sqlite3_errmsg(c->db);
#if SQLITE_VERSION_NUMBER >= 3038000
	int off = sqlite3_error_offset(c->db);
#else
	int off = -1;	/* SQLite before 3.38 does not say where */
#endif

	if (c->denied_function != NULL)
		return xasprintf(_("a condition may not call %s()"), c->denied_function);
	if (c->denied)
		return xstrdup(_("a condition may use values, $id and functions, "
		    "not tables or statements"));
	if (strstr(msg, WRAP_AFTER) != NULL)
		return xstrdup(_("a quote or a bracket is not closed"));
	if (off < 0 && strcmp(msg, "incomplete input") == 0)
		return xstrdup(_("a comment is not closed"));
	if (off >= 0 && (size_t)off >= end)
		return xstrdup(_("syntax error at the end: something is missing, or a ')' is not opened"));
	if (off >= 0 && (size_t)off >= start)
		return xasprintf(_("%s (at character %d)"), msg, off - (int)start + 1);
	return xstrdup(msg);
}

/* Compiles one expression. */
struct cond *
cond_compile(struct cond_ctx *c, const char *expr, char **err)
{
	struct cond *k = xcalloc(1, sizeof *k);
	char *sql;
	const char *tail = NULL;
	int rc;

	if (str_blank(expr)) {
		*err = xstrdup(_("the condition is empty"));
		free(k);
		return NULL;
	}
	sql = xasprintf("%s%s%s", WRAP_BEFORE, expr, WRAP_AFTER);
	k->ctx = c;
	c->compiling = true;
	c->denied = false;
	c->denied_function = NULL;
	rc = sqlite3_prepare_v2(c->db, sql, -1, &k->stmt, &tail);
	c->compiling = false;
	if (rc != SQLITE_OK || k->stmt == NULL) {
		*err = compile_error(c, strlen(WRAP_BEFORE),
		    strlen(WRAP_BEFORE) + strlen(expr));
		goto fail;
	}
	if (!str_blank(tail)) {
		*err = xstrdup(_("a condition is one expression; something follows it"));
		goto fail;
	}
	if (!cond_params(k, err))
		goto fail;
	free(sql);
	return k;
fail:
	free(sql);
	cond_free(k);
	return NULL;
}

/* The number of $id parameters. */
size_t
cond_nparams(const struct cond *k)
{
	return k->nparams;
}

/* The id of parameter i. */
const char *
cond_param(const struct cond *k, size_t i)
{
	return k->params[i];
}

/* Binds the values, runs the statement, reads the truth. */
enum cond_result
cond_eval(struct cond *k, cond_lookup_fn *lookup, void *arg, char **err)
{
	enum cond_result r = COND_ERROR;
	size_t i;
	int rc;

	for (i = 0; i < k->nparams; i++) {
		struct cond_value v = { CV_NULL, 0, 0, NULL };

		if (!lookup(arg, k->params[i], &v))
			v.type = CV_NULL;
		switch (v.type) {
		case CV_INT:
			sqlite3_bind_int64(k->stmt, k->slots[i], v.i);
			break;
		case CV_REAL:
			sqlite3_bind_double(k->stmt, k->slots[i], v.r);
			break;
		case CV_TEXT:
			sqlite3_bind_text(k->stmt, k->slots[i], v.s, -1, SQLITE_TRANSIENT);
			break;
		default:
			sqlite3_bind_null(k->stmt, k->slots[i]);
		}
	}
	k->ctx->steps = 0;
	rc = sqlite3_step(k->stmt);
	if (rc == SQLITE_ROW)
		r = sqlite3_column_int(k->stmt, 0) ? COND_TRUE : COND_FALSE;
	else if (rc == SQLITE_INTERRUPT)
		*err = xstrdup(_("the condition takes too long"));
	else
		*err = xstrdup(sqlite3_errmsg(k->ctx->db));
	sqlite3_reset(k->stmt);
	sqlite3_clear_bindings(k->stmt);
	return r;
}

/* Frees a compiled condition. */
void
cond_free(struct cond *k)
{
	size_t i;

	if (k == NULL)
		return;
	sqlite3_finalize(k->stmt);
	for (i = 0; i < k->nparams; i++)
		free(k->params[i]);
	free(k->params);
	free(k->slots);
	free(k);
}
