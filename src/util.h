/* util.h: allocation that cannot return NULL, and small string helpers. */
#ifndef WHYLINE_UTIL_H
#define WHYLINE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Allocation failures abort: there is no useful way to go on without memory,
 * and every caller would otherwise carry a path that is never tested. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *v (of *cap elements of size each) so that it holds at least need. */
void xgrow(void *vp, size_t *cap, size_t need, size_t size);
/* qsort, at once for elements already in order (or fewer than two). */
void sort_lazy(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup, but NULL stays NULL. */
char *xstrdup_null(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Returns true when s is NULL or holds only white space. */
bool str_blank(const char *s);
/* Returns a copy of s without leading and trailing white space. */
char *str_trim(const char *s);
/* Returns true when s starts with prefix. */
bool str_prefix(const char *s, const char *prefix);
/* Levenshtein distance between a and b, stopping early past limit. */
size_t str_distance(const char *a, const char *b, size_t limit);
/* The search for the name nearest to a misspelt one, for "did you mean":
 * near_init, near_try for each known name, then best (NULL: none is near
 * enough). Near enough is at most a third of the misspelt name's length
 * plus one edits, and never more than 3; among equals the first wins. */
struct near {
	const char *name;	/* the misspelt name, borrowed */
	const char *best;	/* the nearest name tried so far, borrowed */
	size_t dist;		/* its distance; before one, the most allowed */
};
void near_init(struct near *n, const char *name);
void near_try(struct near *n, const char *candidate);
/* The number of UTF-8 characters in the first n bytes of s. */
size_t str_chars(const char *s, size_t n);
/* The columns UTF-8 text s (its first n bytes) takes on a terminal, as
 * wcwidth counts them whatever the locale: 2 for a wide character (日),
 * 0 for a combining mark, 1 for the others. */
size_t str_width(const char *s);
size_t str_width_n(const char *s, size_t n);
/* The length (1 to 4) of the well-formed UTF-8 character at s, with its
 * code point in *cp when cp is not NULL; 0 when s does not start one (RFC
 * 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
size_t str_char_len(const char *s, unsigned long *cp);
/* Finds the 1-based line and column of byte offset off (at most len) in
 * the len bytes of s, counting characters, not bytes, in the column (as
 * str_chars does). Lines end at each newline; with yaml_breaks, at each of
 * YAML's line breaks (LF, CR, CR LF, NEL, LS and PS) as libyaml counts
 * them. */
void str_position(const char *s, size_t len, size_t off, bool yaml_breaks,
    unsigned *line, unsigned *col);
/* Returns s folded at spaces into lines of at most width columns (as
 * str_width counts them: not bytes), each line after the first starting
 * with indent;
 * a word longer than a line stays whole. Newlines in s are kept. */
char *str_wrap(const char *s, size_t width, const char *indent);
/* True when the space at s[i] must not be a line's end: before ? ! : ; or
 * », after « (as French writes them). */
bool str_space_tied(const char *s, size_t i);
/* Removes from s in place what could act on a terminal or reorder the
 * text around it: C0 and C1 control characters (C1 in UTF-8 or as a lone
 * byte 0x80 to 0x9f), DEL, and the bidirectional embeddings, overrides and
 * isolates (U+202A to U+202E, U+2066 to U+2069). Newline and tab are kept
 * when keep_nl, else each becomes a space, so that the words on either
 * side do not run together. Other bytes that are not UTF-8 stay. Stripping
 * the result again changes nothing. */
void str_strip_controls(char *s, bool keep_nl);
/* The length in bytes of the control character at s that
 * str_strip_controls removes (newline and tab too), 0 when s starts
 * something else (or is empty): C0, DEL, C1 in UTF-8, a lone byte 0x80 to
 * 0x9f, a bidirectional embedding, override or isolate. */
size_t str_control_len(const char *s);
/* A copy of s (owned) with each byte that does not begin a well-formed
 * UTF-8 character (str_char_len) replaced by U+FFFD. */
char *str_utf8_valid(const char *s);
/* Text for a terminal, or a plain-text output a person reads: a copy of
 * s (NULL: "", owned) made valid UTF-8 (str_utf8_valid), then without
 * controls (str_strip_controls). The one cleaner of untrusted text for
 * display. */
char *str_terminal(const char *s, bool keep_nl);
/* Cuts valid UTF-8 s to at most max bytes, at the end of a character. */
void str_cut(char *s, size_t max);
/* The short id of a session as it is shown (owned): its id (NULL: "")
 * through str_terminal, cut to at most 8 bytes (str_cut), so that a
 * "%.8s" prints it whole; a real id's first 8 characters. */
char *str_short_id(const char *id);

#endif
