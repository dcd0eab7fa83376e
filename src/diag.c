/* diag.c: diagnostics (errors and warnings) with a file, line and column. */
#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* Adds a diagnostic formatted from fmt and ap. */
void
diags_vadd(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, va_list ap)
{
	struct diag *g;
	char *name, *msg = xvasprintf(fmt, ap);

	if (file == NULL)
		file = "-";
	/* A message quotes names and answers from files, and it goes to a
	 * terminal: no escape sequence, no line of its own. */
	if (d->last_name == NULL || strcmp(d->last_name, file) != 0) {
		name = xstrdup(file);
		str_strip_controls(name, false);
		free(d->last_name);
		d->last_name = xstrdup(file);
		d->last_file = strset_take(&d->strs, name);
	}
	str_strip_controls(msg, false);
	xgrow(&d->v, &d->cap, d->n + 1, sizeof *d->v);
	g = &d->v[d->n++];
	g->level = level;
	g->file = d->last_file;
	g->mark = mark;
	g->msg = strset_take(&d->strs, msg);
	g->seq = d->n - 1;
	if (level == DIAG_ERROR)
		d->nerrors++;
}

/* Adds a diagnostic formatted from fmt. */
void
diags_add(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diags_vadd(d, level, file, mark, fmt, ap);
	va_end(ap);
}

/* Orders two diagnostics by place, then by the order they were added. */
static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	if (x->mark.line != y->mark.line)
		return x->mark.line < y->mark.line ? -1 : 1;
	if (x->mark.col != y->mark.col)
		return x->mark.col < y->mark.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts by place; stable because diag_cmp falls back on the order added. */
void
diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, diag_cmp);
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

/* Prints every diagnostic on its own line. */
int
diags_print(const struct diags *d, FILE *fp)
{
	const char *error = _("error"), *warning = _("warning"), *level;
	char chunk[16384];
	size_t i, used = 0, room;
	int n;

	/* As diag_format writes each, without making a string of it; the
	 * lines are gathered in chunk and written a chunk at a time, since
	 * stderr writes each call at once. */
	for (i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];

		level = g->level == DIAG_ERROR ? error : warning;
		for (;;) {
			room = sizeof chunk - used;
			if (g->mark.line == 0)
				n = snprintf(chunk + used, room, "%s: %s: %s\n", g->file, level, g->msg);
			else
				n = snprintf(chunk + used, room, "%s:%u:%u: %s: %s\n", g->file,
				    g->mark.line, g->mark.col, level, g->msg);
			if (n < 0)
				return -1;
			if ((size_t)n < room) {
				used += (size_t)n;
				break;
			}
			/* It does not fit: what is gathered goes first, then
			 * a line longer than chunk goes alone. */
			if (used > 0) {
				if (fwrite(chunk, 1, used, fp) != used)
					return -1;
				used = 0;
				continue;
			}
			if (g->mark.line == 0)
				n = fprintf(fp, "%s: %s: %s\n", g->file, level, g->msg);
			else
				n = fprintf(fp, "%s:%u:%u: %s: %s\n", g->file, g->mark.line,
				    g->mark.col, level, g->msg);
			if (n < 0)
				return -1;
			break;
		}
	}
	if (used > 0 && fwrite(chunk, 1, used, fp) != used)
		return -1;
	return 0;
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
