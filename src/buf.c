/* buf.c: a growable string buffer. */
#include "config.h"

#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Appends n bytes of s. */
void
buf_add(struct buf *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends the string s. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends one character. */
void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Appends formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	xgrow(&b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Returns the contents and leaves b empty. */
char *
buf_take(struct buf *b)
{
	char *s = b->s != NULL ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* Returns the contents without giving them up. */
const char *
buf_str(const struct buf *b)
{
	return b->s != NULL ? b->s : "";
}

/* Empties b, keeping its memory. */
void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

/* Cuts the contents back to their first len bytes (len at most b->len). */
void
buf_truncate(struct buf *b, size_t len)
{
	if (len > b->len)
		return;
	b->len = len;
	if (b->s != NULL)
		b->s[len] = '\0';
}

/* Frees the contents. */
void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Appends w as one word of a POSIX shell command line: as it is when it
 * holds only letters, digits and "-_./=:+,@%", else in single quotes. */
void
buf_shell_word(struct buf *b, const char *w)
{
	const char *c;

	if (*w != '\0' && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_./=:+,@%") == strlen(w)) {
		buf_puts(b, w);
		return;
	}
	buf_putc(b, '\'');
	for (c = w; *c != '\0'; c++)
		if (*c == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *c);
	buf_putc(b, '\'');
}
