/* fuzz-cond.c: libFuzzer harness for the condition compiler and evaluator:
 * the first line of the input is a condition (a `when` or a `validate`),
 * each further line the value of $a, $b, $c (a line that reads as a number
 * is one). Compiling may fail; evaluating must end (in steps and in time)
 * with true, false or an error, never crash. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct vals {
	char *line[3];
};

static bool
lookup(void *arg, const char *name, struct cond_value *v)
{
	struct vals *vs = arg;
	int i = name[0] - 'a';
	char *end;

	if (name[1] != '\0' || i < 0 || i > 2 || vs->line[i] == NULL)
		return false;
	v->s = vs->line[i];
	v->i = strtoll(vs->line[i], &end, 10);
	v->type = *vs->line[i] != '\0' && *end == '\0' ? CV_INT : CV_TEXT;
	return true;
}

static struct cond_ctx *cc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size), *p = text, *err = NULL;
	struct vals vs = { { NULL, NULL, NULL } };
	struct cond *k;
	int i;

	if (cc == NULL && (cc = cond_ctx_new(&err)) == NULL)
		abort();
	for (i = 0; i < 3 && (p = strchr(p, '\n')) != NULL; i++) {
		*p++ = '\0';
		vs.line[i] = p;
	}
	k = cond_compile(cc, text, &err);
	if (k == NULL) {
		free(err);
	} else {
		if (cond_eval(k, lookup, &vs, &err) == COND_ERROR)
			free(err);
		cond_free(k);
	}
	free(text);
	return 0;
}
