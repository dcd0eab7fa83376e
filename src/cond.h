/* cond.h: conditions (`when`, `validate`, flags) compiled and evaluated by
 * SQLite on a private in-memory connection.
 *
 * The connection reads no file and no table: an authorizer allows nothing
 * but expressions and plain functions while a condition is compiled. `$id`
 * names a question; has($id, 'v') tests a multi answer. Only a fixed list of
 * functions may be called. Evaluation is bounded in steps, in time and in the
 * length of any value. */
#ifndef WHYLINE_COND_H
#define WHYLINE_COND_H

#include <stdbool.h>
#include <stddef.h>

struct cond_ctx;
struct cond;

enum cond_vtype {
	CV_NULL,
	CV_INT,
	CV_REAL,
	CV_TEXT
};

/* A value given to a condition; s is borrowed. */
struct cond_value {
	enum cond_vtype type;
	long long i;
	double r;
	const char *s;
};

/* Fills *v with the current value of question name (without the '$');
 * returns false when no such value exists (it is then NULL). */
typedef bool cond_lookup_fn(void *arg, const char *name, struct cond_value *v);

enum cond_result {
	COND_FALSE,		/* false or NULL */
	COND_TRUE,
	COND_ERROR
};

/* Opens the private connection; NULL with *err (owned) on failure. */
struct cond_ctx *cond_ctx_new(char **err);
void cond_ctx_free(struct cond_ctx *c);
/* The virtual machine steps every evaluation on c has taken so far (counted
 * a thousand at a time), for callers that bound their total work. */
unsigned long long cond_ctx_steps(const struct cond_ctx *c);
/* Sets the time one evaluation may take, in milliseconds (COND_MAX_MS, 100,
 * by default; a test sets less to see the bound work). */
void cond_ctx_set_time_limit(struct cond_ctx *c, long ms);

/* Compiles expr. Returns NULL and sets *err (owned) when SQLite cannot
 * compile it, it is more than one expression, it touches a table, or it
 * names a parameter other than $id. */
struct cond *cond_compile(struct cond_ctx *c, const char *expr, char **err);
/* The question ids it names, without '$', in order of first use. */
size_t cond_nparams(const struct cond *k);
const char *cond_param(const struct cond *k, size_t i);
/* Evaluates with values from lookup; on COND_ERROR sets *err (owned). */
enum cond_result cond_eval(struct cond *k, cond_lookup_fn *lookup, void *arg,
    char **err);
void cond_free(struct cond *k);

#endif
