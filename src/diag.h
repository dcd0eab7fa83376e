/* diag.h: diagnostics (errors and warnings) with a file, line and column. */
#ifndef WHYLINE_DIAG_H
#define WHYLINE_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "hmap.h"

/* A place in a file, 1-based; line 0 means "the file as a whole". */
struct mark {
	unsigned line;
	unsigned col;
};

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

struct diag {
	enum diag_level level;
	const char *file;	/* the list's: one copy for all of the same file */
	struct mark mark;
	const char *msg;	/* the list's: one copy for all of the same words */
	size_t seq;		/* the order it was added in, for a stable sort */
};

/* A list of diagnostics; owns its entries. Library modules fill it, command
 * files print it. */
struct diags {
	struct diag *v;
	size_t n;
	size_t cap;
	size_t nerrors;
	/* The files and messages of the diagnostics, each once: a tree may
	 * have thousands of them, many of the same words. */
	struct strset strs;
	char *last_name;	/* the file last named, as given */
	const char *last_file;	/* ... and as shown (in strs) */
};

/* Adds a diagnostic; returns its message as d holds it, for
 * diags_add_held. */
const char *diags_add(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
const char *diags_vadd(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* Adds a diagnostic whose message is one d holds already (what diags_add
 * returned for d): the same words at another place, not formatted again. */
void diags_add_held(struct diags *d, enum diag_level level, const char *file,
    struct mark mark, const char *held);
/* Sorts by file, line and column, keeping the order of equal places. */
void diags_sort(struct diags *d);
/* Prints each as "FILE:LINE:COLUMN: error: MESSAGE". Returns -1 on a write error. */
int diags_print(const struct diags *d, FILE *fp);
/* Formats one diagnostic as a line without the newline; the caller frees it. */
char *diag_format(const struct diag *g);
void diags_free(struct diags *d);

#endif
