/* placeholder.h: the `{{id}}` placeholders in a tree's strings (not Mustache: that
 * is mustache.c, for brief templates): scanning them and filling them in. */
#ifndef WHYLINE_PLACEHOLDER_H
#define WHYLINE_PLACEHOLDER_H

#include <stddef.h>

/* One {{name}} in a string: name is borrowed and not NUL-terminated. */
struct placeholder {
	const char *name;
	size_t len;
	size_t start;		/* offset of "{{" */
	size_t end;		/* offset just past "}}" */
};

enum placeholder_status {
	PLACEHOLDER_OK,
	PLACEHOLDER_UNCLOSED,		/* a "{{" without "}}" */
	PLACEHOLDER_BAD_NAME		/* what is inside is not [a-z][a-z0-9_]* */
};

/* Calls fn for each reference in s, in order. Stops at the first problem and
 * returns it, with *where the offset of its "{{". */
enum placeholder_status placeholder_scan(const char *s,
    void (*fn)(void *arg, const struct placeholder *ref), void *arg, size_t *where);
/* Returns s with each {{name}} replaced by value(arg, name) (NULL: left
 * empty). The caller frees the result. s must scan without problems. */
char *placeholder_fill(const char *s, const char *(*value)(void *arg, const char *name),
    void *arg);

#endif
