/* jdoc-dump.c: a JSON document as text (see jdoc_dump in jdoc.h),
 * written here rather than by json_dumps, byte for byte as json_dumps
 * writes it with JSON_INDENT(2), JSON_REAL_PRECISION(15) and, on request,
 * JSON_ENSURE_ASCII (tests/unit/test-export.c compares the two). json_dumps
 * passes every piece through a callback and decodes every character, which
 * was most of an export's time. jansson's strings are valid UTF-8
 * (jdoc_string_lossy makes them so). */
#include "config.h"

#include "jdoc.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/* A line break and the indent of depth. */
static void
dump_indent(struct buf *b, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)depth * 2;

	buf_putc(b, '\n');
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		buf_add(b, spaces, k);
		n -= k;
	}
}

/* A UTF-16 code unit as \uXXXX. */
static void
dump_u(struct buf *b, unsigned u)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15],
		hex[(u >> 4) & 15], hex[u & 15] };

	buf_add(b, e, sizeof e);
}

/* The code point of the UTF-8 sequence at s (valid, of len bytes). */
static unsigned
utf8_point(const unsigned char *s, size_t len)
{
	unsigned c = s[0] & (0x7F >> len);
	size_t i;

	for (i = 1; i < len; i++)
		c = (c << 6) | (s[i] & 0x3F);
	return c;
}

/* The two-character escape of c, or NULL when it has none. */
static const char *
short_escape(unsigned c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		return NULL;
	}
}

/* A string, quoted and escaped; past ASCII as \u escapes when ascii. */
static void
dump_string(struct buf *b, const char *str, size_t len, bool ascii)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, n;
	const char *esc;
	unsigned c;

	buf_putc(b, '"');
	while (i < len) {
		c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ascii)) {
			i++;
			continue;
		}
		buf_add(b, str + run, i - run);
		n = 1;
		if ((esc = short_escape(c)) != NULL) {
			buf_add(b, esc, 2);
		} else if (c < 0x80) {
			dump_u(b, c);
		} else {
			n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (n > len - i)
				n = len - i;
			c = utf8_point(s + i, n);
			if (c < 0x10000) {
				dump_u(b, c);
			} else {
				c -= 0x10000;
				dump_u(b, 0xD800 | ((c & 0xFFC00) >> 10));
				dump_u(b, 0xDC00 | (c & 0x3FF));
			}
		}
		i += n;
		run = i;
	}
	buf_add(b, str + run, len - run);
	buf_putc(b, '"');
}

/* A real as json_dumps writes it: 15 significant digits, always with a
 * '.' or an exponent, the exponent without '+' or leading zeros. */
static bool
dump_real(struct buf *b, double v)
{
	char t[64], *e, *from;
	int len = snprintf(t, sizeof t - 3, "%.15g", v);

	if (len < 0 || (size_t)len >= sizeof t - 3 || strpbrk(t, "ni") != NULL)
		return false;	/* NaN and infinities are not JSON */
	if (strchr(t, '.') == NULL && strchr(t, 'e') == NULL) {
		memcpy(t + len, ".0", 3);
		len += 2;
	}
	if ((e = strchr(t, 'e')) != NULL) {
		e++;
		from = e + 1;
		if (*e == '-')
			e++;
		while (*from == '0')
			from++;
		if (from != e) {
			memmove(e, from, strlen(from) + 1);
			len = (int)strlen(t);
		}
	}
	buf_add(b, t, (size_t)len);
	return true;
}

/* A value at depth; false for one JSON cannot hold. */
static bool
dump_value(struct buf *b, const json_t *j, int depth, bool ascii)
{
	char t[32];
	void *it, *next;
	size_t i, n;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if ((it = json_object_iter((json_t *)j)) == NULL) {
			buf_add(b, "{}", 2);
			return true;
		}
		buf_putc(b, '{');
		for (; it != NULL; it = next) {
			next = json_object_iter_next((json_t *)j, it);
			dump_indent(b, depth + 1);
			dump_string(b, json_object_iter_key(it),
			    json_object_iter_key_len(it), ascii);
			buf_add(b, ": ", 2);
			if (!dump_value(b, json_object_iter_value(it), depth + 1, ascii))
				return false;
			if (next != NULL)
				buf_putc(b, ',');
		}
		dump_indent(b, depth);
		buf_putc(b, '}');
		return true;
	case JSON_ARRAY:
		if ((n = json_array_size(j)) == 0) {
			buf_add(b, "[]", 2);
			return true;
		}
		buf_putc(b, '[');
		for (i = 0; i < n; i++) {
			dump_indent(b, depth + 1);
			if (!dump_value(b, json_array_get(j, i), depth + 1, ascii))
				return false;
			if (i + 1 < n)
				buf_putc(b, ',');
		}
		dump_indent(b, depth);
		buf_putc(b, ']');
		return true;
	case JSON_STRING:
		dump_string(b, json_string_value(j), json_string_length(j), ascii);
		return true;
	case JSON_INTEGER:
		n = (size_t)snprintf(t, sizeof t, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(j));
		buf_add(b, t, n);
		return true;
	case JSON_REAL:
		return dump_real(b, json_real_value(j));
	case JSON_TRUE:
		buf_add(b, "true", 4);
		return true;
	case JSON_FALSE:
		buf_add(b, "false", 5);
		return true;
	default:
		buf_add(b, "null", 4);
		return true;
	}
}

/* Appends v at depth. */
bool
jdoc_dump_value(struct buf *b, const json_t *v, int depth, bool ascii)
{
	return dump_value(b, v, depth, ascii);
}

/* The document as text, indented by two spaces, with a final newline. */
char *
jdoc_dump(const json_t *doc, bool ascii)
{
	struct buf b = { 0 };

	if (!dump_value(&b, doc, 0, ascii)) {
		buf_free(&b);
		return NULL;
	}
	buf_putc(&b, '\n');
	return buf_take(&b);
}

/* ---- writing as the value is made (jw_*) ---- */

void
jw_init(struct jwriter *w, struct buf *b, int depth, bool ascii)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	w->depth = depth;
	w->ascii = ascii;
}

/* Before a value: in an array, its separator and line; after a key,
 * nothing more. */
static void
jw_slot(struct jwriter *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->n == 0)
		return;
	if (w->count[w->n - 1]++ > 0)
		buf_putc(w->b, ',');
	dump_indent(w->b, w->depth + (int)w->n);
}

/* Opens a container closed by close. */
static void
jw_open(struct jwriter *w, char open, char close)
{
	jw_slot(w);
	buf_putc(w->b, open);
	if (w->n == JW_MAX_DEPTH) {
		w->bad = true;
		return;
	}
	w->close[w->n] = close;
	w->count[w->n++] = 0;
}

void
jw_object(struct jwriter *w)
{
	jw_open(w, '{', '}');
}

void
jw_array(struct jwriter *w)
{
	jw_open(w, '[', ']');
}

/* Ends the container open last: "{}" or "[]" when it holds nothing. */
void
jw_end(struct jwriter *w)
{
	if (w->n == 0) {
		w->bad = true;
		return;
	}
	w->n--;
	if (w->count[w->n] > 0)
		dump_indent(w->b, w->depth + (int)w->n);
	buf_putc(w->b, w->close[w->n]);
}

/* s as jdoc_string_lossy makes it (U+FFFD for each byte that is not part
 * of well-formed UTF-8) and dump_string writes it. */
static void
put_lossy(struct jwriter *w, const char *s)
{
	struct buf fixed = { 0 };
	const char *p;
	size_t n;

	for (p = s; *p != '\0'; p += n)
		if ((n = (unsigned char)*p < 0x80 ? 1 : str_char_len(p, NULL)) == 0)
			break;
	if (*p == '\0') {
		dump_string(w->b, s, (size_t)(p - s), w->ascii);
		return;
	}
	for (p = s; *p != '\0'; p += n) {
		if ((n = str_char_len(p, NULL)) == 0) {
			buf_puts(&fixed, "\xef\xbf\xbd");
			n = 1;
		} else {
			buf_add(&fixed, p, n);
		}
	}
	dump_string(w->b, buf_str(&fixed), fixed.len, w->ascii);
	buf_free(&fixed);
}

/* A key of the object open last; its value is written next. */
void
jw_key(struct jwriter *w, const char *key)
{
	jw_slot(w);
	put_lossy(w, key);
	buf_add(w->b, ": ", 2);
	w->after_key = true;
}

void
jw_string(struct jwriter *w, const char *s)
{
	if (s == NULL) {
		jw_null(w);
		return;
	}
	jw_slot(w);
	put_lossy(w, s);
}

void
jw_field(struct jwriter *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void
jw_int(struct jwriter *w, long long v)
{
	char t[32];
	int n = snprintf(t, sizeof t, "%lld", v);

	jw_slot(w);
	buf_add(w->b, t, (size_t)n);
}

void
jw_int_or_null(struct jwriter *w, long long v, long long none)
{
	if (v == none)
		jw_null(w);
	else
		jw_int(w, v);
}

void
jw_null(struct jwriter *w)
{
	jw_slot(w);
	buf_add(w->b, "null", 4);
}

void
jw_json(struct jwriter *w, const json_t *v)
{
	jw_slot(w);
	if (!dump_value(w->b, v, w->depth + (int)w->n, w->ascii))
		w->bad = true;
}
