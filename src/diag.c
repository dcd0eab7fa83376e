/* diag.c: diagnostics (errors and warnings) with a file, line and column. */
#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* Adds a diagnostic with a message d holds already. */
void
diags_add_held(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *msg)
{
	struct diag *g;
	char *name;

	if (file == NULL)
		file = "-";
	/* A message quotes names and answers from files, and it goes to a
	 * terminal: no escape sequence, no line of its own. */
	if (d->last_name == NULL || strcmp(d->last_name, file) != 0) {
		name = str_terminal(file, false);
		free(d->last_name);
		d->last_name = xstrdup(file);
		d->last_file = strset_take(&d->strs, name);
	}
	xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->level = level;
	g->file = d->last_file;
	g->mark = mark;
	g->msg = msg;
	g->seq = d->n - 1;
	if (level == DIAG_ERROR)
		d->nerrors++;
}

/* Adds a diagnostic formatted from fmt and ap; returns its message. */
const char *
diags_vadd(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap), *msg = str_terminal(raw, false);
	const char *held;

	free(raw);
	held = strset_take(&d->strs, msg);
	diags_add_held(d, level, file, mark, held);
	return held;
}

/* Adds a diagnostic formatted from fmt; returns its message. */
const char *
diags_add(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, ...)
{
	va_list ap;
	const char *held;

	va_start(ap, fmt);
	held = diags_vadd(d, level, file, mark, fmt, ap);
	va_end(ap);
	return held;
}

/* Orders two diagnostics by place, then by the order they were added. */
static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	/* A file's name is held once (diags_vadd): the same name, the same
	 * pointer, most of the time. */
	int c = x->file == y->file ? 0 : strcmp(x->file, y->file);

	if (c != 0)
		return c;
	if (x->mark.line != y->mark.line)
		return x->mark.line < y->mark.line ? -1 : 1;
	if (x->mark.col != y->mark.col)
		return x->mark.col < y->mark.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts by place; stable because diag_cmp falls back on the order added.
 * Diagnostics are mostly added in the order of their places. */
void
diags_sort(struct diags *d)
{
	sort_lazy(d->v, d->n, sizeof *d->v, diag_cmp);
}

/* Formats one diagnostic, GNU style. */
char *
diag_format(const struct diag *g)
{
	const char *level = g->level == DIAG_ERROR ? _("error") : _("warning");

	if (g->mark.line == 0)
		return xasprintf("%s: %s: %s", g->file, level, g->msg);
	return xasprintf("%s:%u:%u: %s: %s", g->file, g->mark.line,
	    g->mark.col, level, g->msg);
}

/* Where diags_print gathers its lines: stderr writes each call at once. */
struct out {
	FILE *fp;
	size_t used;
	bool failed;
	char chunk[16384];
};

/* Adds n bytes of s to o, writing what is gathered when they do not fit
 * (and s itself when it is longer than the chunk). */
static void
out_add(struct out *o, const char *s, size_t n)
{
	if (o->used + n > sizeof o->chunk) {
		if (o->used > 0 && fwrite(o->chunk, 1, o->used, o->fp) != o->used)
			o->failed = true;
		o->used = 0;
		if (n > sizeof o->chunk) {
			if (fwrite(s, 1, n, o->fp) != n)
				o->failed = true;
			return;
		}
	}
	memcpy(o->chunk + o->used, s, n);
	o->used += n;
}

static void
out_str(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* ":N", N in decimal. */
static void
out_place(struct out *o, unsigned n)
{
	char d[16], *p = d + sizeof d;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	*--p = ':';
	out_add(o, p, (size_t)(d + sizeof d - p));
}

/* Prints every diagnostic on its own line, as diag_format writes it. */
int
diags_print(const struct diags *d, FILE *fp)
{
	const char *error = _("error"), *warning = _("warning");
	struct out out, *o = &out;
	size_t i;

	o->fp = fp;
	o->used = 0;
	o->failed = false;
	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		out_str(o, g->file);
		if (g->mark.line != 0) {
			out_place(o, g->mark.line);
			out_place(o, g->mark.col);
		}
		out_add(o, ": ", 2);
		out_str(o, g->level == DIAG_ERROR ? error : warning);
		out_add(o, ": ", 2);
		out_str(o, g->msg);
		out_add(o, "\n", 1);
	}
	if (o->used > 0 && fwrite(o->chunk, 1, o->used, fp) != o->used)
		o->failed = true;
	return o->failed ? -1 : 0;
}

/* Frees every diagnostic. */
void
diags_free(struct diags *d)
{
	strset_free(&d->strs);
	free(d->last_name);
	free(d->v);
	memset(d, 0, sizeof *d);
}
