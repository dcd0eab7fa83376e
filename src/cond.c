/* cond.c: conditions compiled and evaluated by SQLite on a private
 * in-memory connection that can read no file or table. */
#include "config.h"

#include "cond.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "hmap.h"
#include "i18n.h"
#include "util.h"

#define COND_MAX_LENGTH 100000		/* bytes in any value */
#define COND_MAX_STEPS 1000000		/* virtual machine steps per evaluation */
#define COND_MAX_MS 100			/* milliseconds per evaluation */
#define COND_MAX_PATTERN 200		/* bytes in a LIKE or GLOB pattern */
#define PROGRESS_STEPS 10		/* steps between two calls of progress */
#define SHAPE_MAX 256			/* shapes a connection keeps compiled */
#define SHAPE_MAX_BYTES 1000		/* a longer condition is compiled as it is */
#define SHAPE_MAX_IDS 32		/* so is one naming more questions */

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
	char *denied_function;	/* a function it refused (owned), or NULL */
	unsigned steps;		/* progress calls in this evaluation */
	unsigned long long total;	/* steps in every evaluation so far */
	struct timespec start;	/* when this evaluation started */
	long max_ms;		/* the time one evaluation may take */
	bool slow;		/* this evaluation ran out of time */
	/* The statements compiled for each shape of condition (see
	 * shape_of), shared by the conditions of that shape; each key
	 * (owned) is in shape_keys. */
	struct hmap shapes;
	char **shape_keys;
	sqlite3_stmt **shape_stmts;
	size_t nshapes;
};

struct cond {
	struct cond_ctx *ctx;
	sqlite3_stmt *stmt;
	char **params;		/* without '$' */
	int *slots;		/* the bind index of each param */
	size_t nparams;
	bool shared;		/* stmt is the connection's, for its shape */
};

/* The functions a condition may call: comparisons, arithmetic, a few string
 * and date functions, has(). Every other one is refused when the condition
 * is compiled: some reach outside the connection (load_extension), some
 * build large values for nothing (zeroblob, randomblob) or spend seconds in
 * one call that no step limit stops (printf and format). Each call allowed
 * costs at most time linear in COND_MAX_LENGTH: instr() is whyline's own,
 * LIKE and GLOB patterns are short, and every evaluation is bounded in
 * time as well as in steps. */
static const char *const allowed_functions[] = {
	"abs", "coalesce", "ifnull", "iif", "nullif", "likely", "unlikely",
	"likelihood", "typeof", "length", "lower", "upper", "trim", "ltrim",
	"rtrim", "substr", "substring", "instr", "replace", "like", "glob",
	"max", "min", "round", "sign", "ceil", "ceiling", "floor", "trunc",
	"mod", "date", "time", "datetime", "julianday", "strftime", "unixepoch",
	"json_valid", "json_type", "json_array_length", "json_extract", "has",
	"count", NULL
};

/* True when a condition may call name. */
static bool
function_allowed(const char *name)
{
	size_t i;

	for (i = 0; allowed_functions[i] != NULL; i++)
		if (sqlite3_stricmp(name, allowed_functions[i]) == 0)
			return true;
	return false;
}

/* Allows expressions and functions, nothing that reads or writes. */
static int
authorize(void *arg, int action, const char *a, const char *b, const char *db,
    const char *trigger)
{
	struct cond_ctx *c = arg;

	(void)a, (void)db, (void)trigger;
	if (!c->compiling)
		return SQLITE_OK;
	if (action == SQLITE_SELECT)
		return SQLITE_OK;
	if (action == SQLITE_FUNCTION && b != NULL) {
		if (function_allowed(b))
			return SQLITE_OK;
		if (c->denied_function == NULL) {
			size_t n = strlen(b);

			/* A name from the condition: kept short and printable. */
			c->denied_function = xstrndup(b, n > 40 ? 40 : n);
			str_strip_controls(c->denied_function, false);
		}
		return SQLITE_DENY;
	}
	c->denied = true;
	return SQLITE_DENY;
}

/* Milliseconds since *t. */
static long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Stops an evaluation that runs too long, in steps or in time. */
static int
progress(void *arg)
{
	struct cond_ctx *c = arg;

	c->total += PROGRESS_STEPS;
	if (++c->steps > COND_MAX_STEPS / PROGRESS_STEPS)
		return 1;
	if (ms_since(&c->start) > c->max_ms) {
		c->slow = true;
		return 1;
	}
	return 0;
}

/* instr(x, y): SQLite's, in linear time (SQLite's own compares y at every
 * place in x, quadratic on long repetitive values): the 1-based character
 * position of the first y in x (bytes for blobs), 0 when none, NULL when
 * either is NULL. */
static void
fn_instr(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *x, *y, *at;
	int nx, ny;
	bool blob = sqlite3_value_type(argv[0]) == SQLITE_BLOB &&
	    sqlite3_value_type(argv[1]) == SQLITE_BLOB;
	long long pos;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL ||
	    sqlite3_value_type(argv[1]) == SQLITE_NULL)
		return;
	if (blob) {
		x = sqlite3_value_blob(argv[0]);
		y = sqlite3_value_blob(argv[1]);
	} else {
		x = sqlite3_value_text(argv[0]);
		y = sqlite3_value_text(argv[1]);
	}
	nx = sqlite3_value_bytes(argv[0]);
	ny = sqlite3_value_bytes(argv[1]);
	if ((x == NULL && nx > 0) || (y == NULL && ny > 0)) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (ny == 0) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	at = memmem(x, (size_t)nx, y, (size_t)ny);
	if (at == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	pos = blob ? (long long)(at - x) :
	    (long long)str_chars((const char *)x, (size_t)(at - x));
	sqlite3_result_int64(ctx, pos + 1);
}

/* Sets the time one evaluation may take. */
void
cond_ctx_set_time_limit(struct cond_ctx *c, long ms)
{
	c->max_ms = ms;
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

	c->max_ms = COND_MAX_MS;
	/* As the store does (store.c, single_thread): one thread, so no lock
	 * around each SQLite call and no memory statistics; whichever of the
	 * two starts SQLite first says so. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rc = sqlite3_open_v2(":memory:", &c->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_limit(c->db, SQLITE_LIMIT_LENGTH, COND_MAX_LENGTH);
	sqlite3_limit(c->db, SQLITE_LIMIT_SQL_LENGTH, COND_MAX_LENGTH);
	sqlite3_limit(c->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(c->db, SQLITE_LIMIT_EXPR_DEPTH, 200);
	sqlite3_limit(c->db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, COND_MAX_PATTERN);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	rc = sqlite3_create_function(c->db, "has", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, c, fn_has, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	rc = sqlite3_create_function(c->db, "instr", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fn_instr, NULL, NULL);
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
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nshapes; i++) {
		sqlite3_finalize(c->shape_stmts[i]);
		free(c->shape_keys[i]);
	}
	free(c->shape_keys);
	free(c->shape_stmts);
	hmap_free(&c->shapes);
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

/* The functions a condition may call, for a message; the caller frees it. */
static char *
allowed_list(void)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; allowed_functions[i] != NULL; i++)
		buf_printf(&b, "%s%s()", i > 0 ? ", " : "", allowed_functions[i]);
	return buf_take(&b);
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

	if (c->denied)
		return xstrdup(_("a condition may use values, $id and functions, "
		    "not tables or statements"));
	if (c->denied_function != NULL) {
		char *list = allowed_list(), *s;

		s = xasprintf(_("a condition may not call %s(): it may call %s"),
		    c->denied_function, list);
		free(list);
		return s;
	}
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

/* True for a byte SQLite may read as part of a name. */
static bool
id_byte(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' || ch >= 0x80;
}

/* The shape of expr: the same text with the questions it names written
 * $1, $2... in order of first use, and those names (owned, without '$'),
 * so that conditions that differ only in the questions they name compile
 * once. NULL when the renaming could change what SQLite reads: a quoted
 * name, a comment, a $ inside a word, another form of parameter, bytes
 * past ASCII outside a string, a long condition. */
static char *
shape_of(const char *expr, char ***names, size_t *nnames)
{
	size_t len = strlen(expr), i;
	const char *p = expr, *e;
	char *shape, *o;

	*names = NULL;
	*nnames = 0;
	if (len > SHAPE_MAX_BYTES)
		return NULL;
	/* "$a" becomes at most "$32": one byte more for each name. */
	o = shape = xmalloc(2 * len + 1);
	while (*p != '\0') {
		unsigned char ch = (unsigned char)*p;

		if (ch == '\'') {
			/* A string, '' inside it being a quote. */
			for (e = p + 1; *e != '\0' && !(e[0] == '\'' && e[1] != '\''); e++)
				if (e[0] == '\'')
					e++;
			if (*e == '\0')
				goto fail;
			memcpy(o, p, (size_t)(e + 1 - p));
			o += e + 1 - p;
			p = e + 1;
			continue;
		}
		if (ch == '"' || ch == '`' || ch == '[' || ch == '?' || ch == ':' ||
		    ch == '@' || ch == '#' || ch >= 0x80 || (ch == '-' && p[1] == '-') ||
		    (ch == '/' && p[1] == '*'))
			goto fail;
		if (ch != '$') {
			*o++ = *p++;
			continue;
		}
		if (p > expr && id_byte((unsigned char)p[-1]))
			goto fail;
		for (e = p + 1; id_byte((unsigned char)*e) && *e != '$' &&
		    (unsigned char)*e < 0x80; e++)
			;
		if (e == p + 1 || id_byte((unsigned char)*e) || *e == ':' || *e == '(')
			goto fail;
		for (i = 0; i < *nnames; i++)
			if (strncmp((*names)[i], p + 1, (size_t)(e - p - 1)) == 0 &&
			    (*names)[i][e - p - 1] == '\0')
				break;
		if (i == *nnames) {
			if (*nnames == SHAPE_MAX_IDS)
				goto fail;
			*names = xrealloc(*names, (*nnames + 1) * sizeof **names);
			(*names)[(*nnames)++] = xstrndup(p + 1, (size_t)(e - p - 1));
		}
		*o++ = '$';
		if (i + 1 >= 10)
			*o++ = (char)('0' + (i + 1) / 10);
		*o++ = (char)('0' + (i + 1) % 10);
		p = e;
	}
	*o = '\0';
	return shape;
fail:
	for (i = 0; i < *nnames; i++)
		free((*names)[i]);
	free(*names);
	*names = NULL;
	*nnames = 0;
	free(shape);
	return NULL;
}

/* Prepares expr inside its wrapping on c, the authorizer strict;
 * SQLITE_MISUSE, with *stmt set, when something follows the expression. */
static int
prepare(struct cond_ctx *c, const char *expr, sqlite3_stmt **stmt)
{
	char *sql = xasprintf("%s%s%s", WRAP_BEFORE, expr, WRAP_AFTER);
	const char *tail = NULL;
	int rc;

	c->compiling = true;
	c->denied = false;
	c->denied_function = NULL;
	*stmt = NULL;
	rc = sqlite3_prepare_v2(c->db, sql, -1, stmt, &tail);
	c->compiling = false;
	if (rc == SQLITE_OK && *stmt != NULL && !str_blank(tail))
		rc = SQLITE_MISUSE;
	free(sql);
	return rc;
}

/* True when the n parameters of stmt are $1, $2... in that order, as
 * SQLite numbers names by first use: then $i is bound at i. */
static bool
numbered(sqlite3_stmt *stmt, size_t n)
{
	char num[24];
	size_t i;

	for (i = 0; i < n; i++) {
		const char *name = sqlite3_bind_parameter_name(stmt, (int)i + 1);

		snprintf(num, sizeof num, "$%zu", i + 1);
		if (name == NULL || strcmp(name, num) != 0)
			return false;
	}
	return true;
}

/* Compiles expr through its shape's statement, prepared the first time
 * the shape is seen; NULL when expr has no shape or the shape does not
 * compile cleanly (cond_compile then compiles expr itself, for its exact
 * message). */
static struct cond *
compile_shaped(struct cond_ctx *c, const char *expr)
{
	char **names, *shape;
	size_t n, i;
	sqlite3_stmt *stmt;
	struct cond *k;
	bool shared = true;

	if ((shape = shape_of(expr, &names, &n)) == NULL)
		return NULL;
	if ((stmt = hmap_get(&c->shapes, shape)) == NULL) {
		if (prepare(c, shape, &stmt) != SQLITE_OK || stmt == NULL ||
		    c->denied || c->denied_function != NULL ||
		    sqlite3_bind_parameter_count(stmt) != (int)n || !numbered(stmt, n)) {
			free(c->denied_function);
			c->denied_function = NULL;
			sqlite3_finalize(stmt);
			goto fail;
		}
		if (c->nshapes < SHAPE_MAX) {
			c->shape_keys = xrealloc(c->shape_keys,
			    (c->nshapes + 1) * sizeof *c->shape_keys);
			c->shape_stmts = xrealloc(c->shape_stmts,
			    (c->nshapes + 1) * sizeof *c->shape_stmts);
			c->shape_keys[c->nshapes] = shape;
			c->shape_stmts[c->nshapes++] = stmt;
			hmap_put(&c->shapes, shape, stmt);
			shape = NULL;
		} else {
			shared = false;
		}
	}
	free(shape);
	k = xcalloc(1, sizeof *k);
	k->ctx = c;
	k->stmt = stmt;
	k->shared = shared;
	k->params = names;
	k->nparams = n;
	k->slots = xcalloc(n > 0 ? n : 1, sizeof *k->slots);
	for (i = 0; i < n; i++)
		k->slots[i] = (int)i + 1;	/* see numbered() */
	return k;
fail:
	free(shape);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return NULL;
}

/* Compiles one expression. */
struct cond *
cond_compile(struct cond_ctx *c, const char *expr, char **err)
{
	struct cond *k;
	int rc;

	if (str_blank(expr)) {
		*err = xstrdup(_("the condition is empty"));
		return NULL;
	}
	if ((k = compile_shaped(c, expr)) != NULL)
		return k;
	k = xcalloc(1, sizeof *k);
	k->ctx = c;
	rc = prepare(c, expr, &k->stmt);
	if (rc == SQLITE_MISUSE && k->stmt != NULL) {
		*err = xstrdup(_("a condition is one expression; something follows it"));
		goto fail;
	}
	if (rc != SQLITE_OK || k->stmt == NULL) {
		*err = compile_error(c, strlen(WRAP_BEFORE),
		    strlen(WRAP_BEFORE) + strlen(expr));
		free(c->denied_function);
		c->denied_function = NULL;
		goto fail;
	}
	if (!cond_params(k, err))
		goto fail;
	return k;
fail:
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
			rc = sqlite3_bind_int64(k->stmt, k->slots[i], v.i);
			break;
		case CV_REAL:
			rc = sqlite3_bind_double(k->stmt, k->slots[i], v.r);
			break;
		case CV_TEXT:
			rc = sqlite3_bind_text(k->stmt, k->slots[i], v.s, -1, SQLITE_TRANSIENT);
			break;
		default:
			rc = sqlite3_bind_null(k->stmt, k->slots[i]);
		}
		/* A value that cannot be bound is an error, never a NULL. */
		if (rc == SQLITE_TOOBIG) {
			*err = xasprintf(_("the value of $%s is too long for a condition "
			    "(more than %d bytes)"), k->params[i], COND_MAX_LENGTH);
			goto out;
		}
		if (rc != SQLITE_OK) {
			*err = xstrdup(sqlite3_errmsg(k->ctx->db));
			goto out;
		}
	}
	k->ctx->steps = 0;
	k->ctx->slow = false;
	clock_gettime(CLOCK_MONOTONIC, &k->ctx->start);
	rc = sqlite3_step(k->stmt);
	if (rc == SQLITE_ROW)
		r = sqlite3_column_int(k->stmt, 0) ? COND_TRUE : COND_FALSE;
	else if (rc == SQLITE_INTERRUPT && k->ctx->slow)
		*err = xasprintf(_("the condition takes too long (more than %ld ms)"),
		    k->ctx->max_ms);
	else if (rc == SQLITE_INTERRUPT)
		*err = xstrdup(_("the condition takes too long"));
	else
		*err = xstrdup(sqlite3_errmsg(k->ctx->db));
out:
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
	if (!k->shared)
		sqlite3_finalize(k->stmt);
	for (i = 0; i < k->nparams; i++)
		free(k->params[i]);
	free(k->params);
	free(k->slots);
	free(k);
}
