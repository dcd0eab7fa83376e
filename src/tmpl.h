/* tmpl.h: `{{id}}` templates in a tree's strings: scanning and filling. */
#ifndef WHYLINE_TMPL_H
#define WHYLINE_TMPL_H

#include <stddef.h>

/* One {{name}} in a string: name is borrowed and not NUL-terminated. */
struct tmpl_ref {
	const char *name;
	size_t len;
	size_t start;		/* offset of "{{" */
	size_t end;		/* offset just past "}}" */
};

enum tmpl_status {
	TMPL_OK,
	TMPL_UNCLOSED,		/* a "{{" without "}}" */
	TMPL_BAD_NAME		/* what is inside is not [a-z][a-z0-9_]* */
};

/* Calls fn for each reference in s, in order. Stops at the first problem and
 * returns it, with *where the offset of its "{{". */
enum tmpl_status tmpl_scan(const char *s,
    void (*fn)(void *arg, const struct tmpl_ref *ref), void *arg, size_t *where);
/* Returns s with each {{name}} replaced by value(arg, name) (NULL: left
 * empty). The caller frees the result. s must scan without problems. */
char *tmpl_fill(const char *s, const char *(*value)(void *arg, const char *name),
    void *arg);

#endif
