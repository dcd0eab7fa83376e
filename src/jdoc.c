/* jdoc.c: whyline's own JSON helpers over jansson: strings that may not
 * be UTF-8, arrays of strings as text, and YAML nodes as JSON values. */
#include "config.h"

#include "jdoc.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "util.h"
#include "ydoc.h"

/* A JSON string of s (null for NULL); bytes that are not UTF-8 become
 * U+FFFD, since answers typed on a terminal may hold anything. */
json_t *
jdoc_string_lossy(const char *s)
{
	json_t *j;
	char *v;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	v = str_utf8_valid(s);
	j = json_string(v);
	free(v);
	return j != NULL ? j : json_string("");
}

/* The compact JSON array of n strings. */
char *
jdoc_string_array(const char *const *v, size_t n)
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
jdoc_parse_string_array(const char *text, char ***out)
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

/* How a plain scalar reads as a number. */
enum num_kind {
	NUM_NONE,
	NUM_INT,
	NUM_REAL
};

/* Skips the ASCII digits at *s, returning how many there were. */
static size_t
skip_digits(const char **s)
{
	size_t n = 0;

	while (isdigit((unsigned char)**s)) {
		(*s)++;
		n++;
	}
	return n;
}

/* Classifies the len bytes of s: [-+]?(0|[1-9][0-9]*) is an integer; with a
 * fraction or an exponent (and at least one digit) a real; else neither. */
static enum num_kind
number_kind(const char *s, size_t len)
{
	const char *end = s + len, *lead;
	size_t digits, frac = 0;
	bool real = false;

	if (*s == '+' || *s == '-')
		s++;
	lead = s;
	digits = skip_digits(&s);
	if (digits > 1 && *lead == '0')
		return NUM_NONE;
	if (*s == '.') {
		s++;
		frac = skip_digits(&s);
		real = true;
	}
	if (digits + frac == 0)
		return NUM_NONE;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (skip_digits(&s) == 0)
			return NUM_NONE;
		real = true;
	}
	if (s != end)
		return NUM_NONE;
	return real ? NUM_REAL : NUM_INT;
}

/* Reads s as a double with '.' as the decimal point whatever the locale;
 * returns false when it is out of range. */
static bool
c_strtod(const char *s, double *x)
{
	locale_t c, old = (locale_t)0;
	bool ok;

	c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c != (locale_t)0)
		old = uselocale(c);
	errno = 0;
	*x = strtod(s, NULL);
	ok = errno == 0;
	if (c != (locale_t)0) {
		uselocale(old);
		freelocale(c);
	}
	return ok;
}

/* The number a plain scalar stands for, or NULL when it stands for none. */
static json_t *
number_from_plain(const struct ynode *n)
{
	long long i;
	double x;

	switch (number_kind(n->str, n->len)) {
	case NUM_INT:
		errno = 0;
		i = strtoll(n->str, NULL, 10);
		if (errno != 0 || (json_int_t)i != i)
			return NULL;
		return json_integer((json_int_t)i);
	case NUM_REAL:
		if (!c_strtod(n->str, &x))
			return NULL;
		return json_real(x);
	default:
		return NULL;
	}
}

/* The JSON value of scalar n. */
static json_t *
from_scalar(const struct ynode *n)
{
	json_t *v;

	if (n->plain) {
		if (ynode_is_null(n))
			return json_null();
		if (strcasecmp(n->str, "true") == 0)
			return json_true();
		if (strcasecmp(n->str, "false") == 0)
			return json_false();
		v = number_from_plain(n);
		if (v != NULL)
			return v;
	}
	return json_stringn(n->str, n->len);
}

/* The JSON array of sequence n, or NULL with *bad set. */
static json_t *
from_seq(const struct ynode *n, const struct ynode **bad)
{
	json_t *a = json_array(), *v;
	size_t i;

	for (i = 0; i < n->n; i++) {
		v = jdoc_from_ynode(n->items[i], bad);
		if (v == NULL) {
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, v);
	}
	return a;
}

/* The JSON object of mapping n, or NULL with *bad set. */
static json_t *
from_map(const struct ynode *n, const struct ynode **bad)
{
	json_t *o = json_object(), *v;
	const struct ynode *k;
	size_t i;

	for (i = 0; i < n->n; i++) {
		k = n->items[2 * i];
		if (k->kind != YNODE_SCALAR || strlen(k->str) != k->len) {
			*bad = k;
			goto fail;
		}
		if (json_object_get(o, k->str) != NULL)
			continue;
		v = jdoc_from_ynode(n->items[2 * i + 1], bad);
		if (v == NULL)
			goto fail;
		if (json_object_set_new(o, k->str, v) != 0) {
			*bad = k;
			goto fail;
		}
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* Converts a YAML node to a JSON value. */
json_t *
jdoc_from_ynode(const struct ynode *n, const struct ynode **bad)
{
	const struct ynode *dummy;
	json_t *v;

	if (bad == NULL)
		bad = &dummy;
	if (n == NULL)
		return json_null();
	switch (n->kind) {
	case YNODE_SEQ:
		return from_seq(n, bad);
	case YNODE_MAP:
		return from_map(n, bad);
	default:
		v = from_scalar(n);
		if (v == NULL)
			*bad = n;
		return v;
	}
}
