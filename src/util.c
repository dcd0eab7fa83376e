/* util.c: allocation that cannot return NULL, and small string helpers. */
#include "config.h"

#include "util.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Reports an allocation failure and stops: nothing can be saved without memory. */
static void
oom(void)
{
	fputs("whyline: out of memory\n", stderr);
	abort();
}

/* Allocation failure injection, for the tests (tests/cli/alloc-fail.sh):
 * with WHYLINE_ALLOC_FAIL=N in the environment, the Nth allocation that
 * whyline's own code makes (counting from 1, through the functions below)
 * fails as if the system had no memory left; with WHYLINE_ALLOC_COUNT set,
 * the number made is printed on standard error at exit. Libraries that
 * allocate on their own (SQLite, libyaml, cmark...) are not counted. */
static unsigned long alloc_made, alloc_fail_at;
static bool alloc_ready;

/* Prints how many allocations were made. */
static void
alloc_report(void)
{
	fprintf(stderr, "whyline: %lu allocations\n", alloc_made);
}

/* Counts one allocation; true when it is the one to fail. */
static bool
alloc_fails(void)
{
	if (!alloc_ready) {
		const char *s = getenv("WHYLINE_ALLOC_FAIL");

		alloc_ready = true;
		alloc_fail_at = s != NULL ? strtoul(s, NULL, 10) : 0;
		if (getenv("WHYLINE_ALLOC_COUNT") != NULL)
			atexit(alloc_report);
	}
	return ++alloc_made == alloc_fail_at;
}

/* Allocates n bytes or aborts. */
void *
xmalloc(size_t n)
{
	void *p = alloc_fails() ? NULL : malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

/* Allocates n zeroed elements of size bytes or aborts. */
void *
xcalloc(size_t n, size_t size)
{
	void *p = alloc_fails() ? NULL : calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

/* Resizes p to n bytes or aborts. */
void *
xrealloc(void *p, size_t n)
{
	p = alloc_fails() ? NULL : realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

/* Grows the array *vp of *cap elements to hold at least need elements. */
void
xgrow(void *vp, size_t *cap, size_t need, size_t size)
{
	void **v = vp;
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	if (ncap > ((size_t)-1) / size)
		oom();
	*v = xrealloc(*v, ncap * size);
	*cap = ncap;
}

/* Sorts n elements of size at base with cmp, as qsort does, but returns at
 * once when they are in order already (rows read in the order they were
 * written mostly are, and qsort would still cost n log n) or fewer than two
 * (qsort with a NULL base is undefined even for none). */
void
sort_lazy(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	const char *p = base;
	size_t i;

	for (i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0)
			break;
	if (i < n)
		qsort(base, n, size, cmp);
}

/* Duplicates s or aborts. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Duplicates the first n bytes of s, adding a terminating NUL. */
char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Duplicates s, or returns NULL for NULL. */
char *
xstrdup_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Formats into a newly allocated string. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	char *p = NULL;

	if (alloc_fails() || vasprintf(&p, fmt, ap) < 0)
		oom();
	return p;
}

/* Formats into a newly allocated string. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* Returns true when s is NULL or holds only white space. */
bool
str_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Returns a copy of s without leading and trailing white space. */
char *
str_trim(const char *s)
{
	const char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

/* Returns true when s starts with prefix. */
bool
str_prefix(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (*s != *prefix)
			return false;
	return true;
}

/* Levenshtein distance between a and b; returns limit + 1 when it is larger. */
size_t
str_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best, *row, d;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	row = xmalloc((lb + 1) * sizeof *row);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];

			d = diag + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			if (up + 1 < d)
				d = up + 1;
			row[j] = d;
			diag = up;
			if (d < best)
				best = d;
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	d = row[lb];
	free(row);
	return d > limit ? limit + 1 : d;
}

/* Starts a search for the name nearest to name. */
void
near_init(struct near *n, const char *name)
{
	n->name = name;
	n->best = NULL;
	n->dist = strlen(name) / 3 + 1;
	if (n->dist > 3)
		n->dist = 3;
}

/* Keeps candidate when it is near enough and nearer than the best so far. */
void
near_try(struct near *n, const char *candidate)
{
	size_t d = str_distance(n->name, candidate, n->dist);

	if (d <= n->dist && (n->best == NULL || d < n->dist)) {
		n->best = candidate;
		n->dist = d;
	}
}

/* The number of UTF-8 characters in the first n bytes of s. */
size_t
str_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* The columns a terminal gives code point c, as glibc's wcwidth says in
 * C.UTF-8 whatever the user's locale (stem.c and store-fold.c use that
 * locale too): 0 for a combining mark or a zero-width character, 2 for a
 * wide or full-width one; 1 for anything it cannot say (a control, or no
 * C.UTF-8 on the system). */
static int
char_width(unsigned long c)
{
	static locale_t utf8;
	static bool tried;
	locale_t was;
	int w;

	if (c < 0x300)
		return 1;
	if (!tried) {
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		tried = true;
	}
	if (utf8 == (locale_t)0)
		return 1;
	was = uselocale(utf8);
	w = wcwidth((wchar_t)c);
	uselocale(was);
	return w < 0 ? 1 : w;
}

/* The columns the first n bytes of UTF-8 text s take on a terminal; a byte
 * that starts no well-formed character takes one. */
size_t
str_width_n(const char *s, size_t n)
{
	size_t i = 0, w = 0, len;
	unsigned long c;

	while (i < n) {
		len = str_char_len(s + i, &c);
		if (len == 0 || len > n - i) {
			/* A broken byte: one column, as a replacement shows. */
			w += ((unsigned char)s[i] & 0xc0) != 0x80;
			i++;
			continue;
		}
		w += (size_t)char_width(c);
		i += len;
	}
	return w;
}

/* The columns UTF-8 text s takes on a terminal; see util.h. */
size_t
str_width(const char *s)
{
	return str_width_n(s, strlen(s));
}

/* The length of the well-formed UTF-8 character at s, with its code point
 * in *cp; RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF. */
size_t
str_char_len(const char *s, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long c;
	size_t n, i;

	if (p[0] < 0x80)
		n = 1, c = p[0];
	else if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp != NULL)
		*cp = c;
	return n;
}

/* The length of the line break at s (n > 0 bytes left), 0 when none:
 * newline only, or YAML's LF, CR, CR LF, NEL, LS and PS. */
static size_t
line_break_len(const unsigned char *s, size_t n, bool yaml_breaks)
{
	if (s[0] == '\n')
		return 1;
	if (!yaml_breaks)
		return 0;
	if (s[0] == '\r')
		return n > 1 && s[1] == '\n' ? 2 : 1;
	if (n > 1 && s[0] == 0xc2 && s[1] == 0x85)
		return 2;
	if (n > 2 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9))
		return 3;
	return 0;
}

/* Finds the line and column of byte offset off in the len bytes of s. */
void
str_position(const char *s, size_t len, size_t off, bool yaml_breaks,
    unsigned *line, unsigned *col)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, brk;

	if (off > len)
		off = len;
	*line = 1;
	while (i < off) {
		brk = line_break_len(u + i, len - i, yaml_breaks);
		if (brk > 0 && i + brk <= off) {
			(*line)++;
			i += brk;
			start = i;
		} else {
			i++;
		}
	}
	*col = 1 + (unsigned)str_chars(s + start, off - start);
}

/* True when the space at s[i] ties two words a line must not part:
 * before ? ! : ; or », after « (French puts a space there, and a line
 * that starts with "?" reads as a mistake). */
bool
str_space_tied(const char *s, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	return (u[i + 1] != '\0' && strchr("?!:;", u[i + 1]) != NULL) ||
	    (u[i + 1] == 0xC2 && u[i + 2] == 0xBB) ||
	    (i >= 2 && u[i - 2] == 0xC2 && u[i - 1] == 0xAB);
}

/* Folds s into lines of at most width columns. */
char *
str_wrap(const char *s, size_t width, const char *indent)
{
	/* Each byte of s becomes at most a newline and the indent. */
	size_t cap = strlen(s) * (1 + strlen(indent)) + 1;
	char *out = xmalloc(cap), *w = out;
	size_t col = 0, ind = str_width(indent);
	bool empty = true;	/* nothing on this line yet but the indent */

	while (*s != '\0') {
		size_t word = strcspn(s, " \n"), chars;

		/* A tied space stays inside its word. */
		while (s[word] == ' ' && word > 0 && str_space_tied(s, word))
			word += 1 + strcspn(s + word + 1, " \n");
		chars = str_width_n(s, word);

		if (!empty && word > 0 && col + 1 + chars > width) {
			w += sprintf(w, "\n%s", indent);
			col = ind;
			empty = true;
		} else if (!empty && word > 0) {
			*w++ = ' ';
			col++;
		}
		memcpy(w, s, word);
		w += word;
		col += chars;
		empty = empty && word == 0;
		s += word;
		if (*s == '\n') {
			w += sprintf(w, "\n%s", indent);
			col = ind;
			empty = true;
			s++;
		} else {
			while (*s == ' ')
				s++;
		}
	}
	*w = '\0';
	return out;
}

/* Whether code point cp is removed by str_strip_controls: a C1 control,
 * or a bidirectional embedding, override or isolate (U+202A to U+202E,
 * U+2066 to U+2069), which would reorder the text after it. */
static bool
dropped(unsigned long cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* The length of the control at s. */
size_t
str_control_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t len;

	if (*u < 0x20 || *u == 0x7f)
		return *u != '\0';
	if (*u < 0x80)
		return 0;
	/* Not UTF-8: an 8-bit C1 control, or a byte that is not one. */
	if ((len = str_char_len(s, &cp)) == 0)
		return *u <= 0x9f;
	return dropped(cp) ? len : 0;
}

/* Removes control characters from s in place (str_control_len), newline
 * and tab but when keep_nl. A byte 0x80 to 0x9f is written only inside a
 * well-formed character, so no two pieces that are kept join into
 * something removed: the result is a fixed point. */
void
str_strip_controls(char *s, bool keep_nl)
{
	unsigned char *r = (unsigned char *)s, *w;
	size_t len;

	/* Most text is printable ASCII: pass over it as it is. */
	while (*r >= 0x20 && *r < 0x7f)
		r++;
	w = r;
	while (*r != '\0') {
		if (*r >= 0x20 && *r < 0x7f) {
			*w++ = *r++;
		} else if (*r == '\n' || *r == '\t') {
			*w++ = keep_nl ? *r : ' ';
			r++;
		} else if ((len = str_control_len((const char *)r)) > 0) {
			r += len;
		} else {
			/* A character, or a byte that is not UTF-8 (0xa0 up). */
			if ((len = str_char_len((const char *)r, NULL)) == 0)
				len = 1;
			memmove(w, r, len);
			w += len;
			r += len;
		}
	}
	*w = '\0';
}

/* A copy of s with each byte that does not begin a well-formed UTF-8
 * character as U+FFFD. */
char *
str_utf8_valid(const char *s)
{
	const char *p;
	char *out, *w;
	size_t n;

	for (p = s; *p != '\0' && (n = str_char_len(p, NULL)) > 0; p += n)
		;
	if (*p == '\0')
		return xstrdup(s);
	/* A bad byte becomes three. */
	out = w = xmalloc(strlen(s) * 3 + 1);
	for (p = s; *p != '\0'; p += n) {
		if ((n = str_char_len(p, NULL)) == 0) {
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			n = 1;
		} else {
			memcpy(w, p, n);
			w += n;
		}
	}
	*w = '\0';
	return out;
}

/* A copy of s fit for a terminal. */
char *
str_terminal(const char *s, bool keep_nl)
{
	char *out = str_utf8_valid(s != NULL ? s : "");

	str_strip_controls(out, keep_nl);
	return out;
}

/* Cuts valid UTF-8 s to at most max bytes, at the end of a character. */
void
str_cut(char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	s[n] = '\0';
}

/* The short id of a session as shown. */
char *
str_short_id(const char *id)
{
	char *c = str_terminal(id, false);

	str_cut(c, 8);
	return c;
}
