/* json.c: small JSON helpers over jansson. */
#include "config.h"

#include "json.h"

#include <jansson.h>
#include <stdlib.h>

#include "util.h"

/* The compact JSON array of n strings. */
char *
json_string_array(const char *const *v, size_t n)
{
	json_t *a = json_array();
	char *s;
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	s = json_dumps(a, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(a);
	if (s == NULL)
		return xstrdup("[]");
	return s;
}

/* Reads a JSON array of strings. */
long
json_parse_string_array(const char *text, char ***out)
{
	json_t *a = json_loads(text, JSON_DECODE_ANY, NULL), *it;
	size_t i, n;
	char **v;

	if (a == NULL || !json_is_array(a)) {
		json_decref(a);
		return -1;
	}
	n = json_array_size(a);
	v = xcalloc(n + 1, sizeof *v);
	json_array_foreach(a, i, it) {
		if (!json_is_string(it)) {
			while (i > 0)
				free(v[--i]);
			free(v);
			json_decref(a);
			return -1;
		}
		v[i] = xstrdup(json_string_value(it));
	}
	json_decref(a);
	*out = v;
	return (long)n;
}
