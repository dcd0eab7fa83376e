/* placeholder.c: the `{{id}}` placeholders in a tree's strings: scanning and
 * filling them in. */
#include "config.h"

#include "placeholder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/* Finds the next reference at or after *pos; returns false at the end. */
static enum placeholder_status
next_ref(const char *s, size_t *pos, struct placeholder *ref, bool *found)
{
	const char *open = strstr(s + *pos, "{{"), *close, *a, *b, *p;

	*found = false;
	if (open == NULL)
		return PLACEHOLDER_OK;
	ref->start = (size_t)(open - s);
	close = strstr(open + 2, "}}");
	if (close == NULL) {
		*pos = ref->start;
		return PLACEHOLDER_UNCLOSED;
	}
	a = open + 2;
	b = close;
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	ref->name = a;
	ref->len = (size_t)(b - a);
	ref->end = (size_t)(close + 2 - s);
	*pos = ref->end;
	if (a == b || *a < 'a' || *a > 'z') {
		*pos = ref->start;
		return PLACEHOLDER_BAD_NAME;
	}
	for (p = a; p < b; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
			*pos = ref->start;
			return PLACEHOLDER_BAD_NAME;
		}
	*found = true;
	return PLACEHOLDER_OK;
}

/* Calls fn for each reference in s. */
enum placeholder_status
placeholder_scan(const char *s, void (*fn)(void *arg, const struct placeholder *ref),
    void *arg, size_t *where)
{
	size_t pos = 0;
	struct placeholder ref;
	bool found;

	for (;;) {
		enum placeholder_status st = next_ref(s, &pos, &ref, &found);

		if (st != PLACEHOLDER_OK) {
			*where = pos;
			return st;
		}
		if (!found)
			return PLACEHOLDER_OK;
		if (fn != NULL)
			fn(arg, &ref);
	}
}

/* Replaces each reference with its value. */
char *
placeholder_fill(const char *s, const char *(*value)(void *arg, const char *name),
    void *arg)
{
	struct buf out = { 0 };
	size_t pos = 0, last = 0;
	struct placeholder ref;
	bool found;

	while (next_ref(s, &pos, &ref, &found) == PLACEHOLDER_OK && found) {
		char *name = xstrndup(ref.name, ref.len);
		const char *v = value(arg, name);

		buf_add(&out, s + last, ref.start - last);
		if (v != NULL)
			buf_puts(&out, v);
		free(name);
		last = ref.end;
	}
	buf_puts(&out, s + last);
	return buf_take(&out);
}
