/* buf.h: a growable string buffer. */
#ifndef WHYLINE_BUF_H
#define WHYLINE_BUF_H

#include <stddef.h>

/* A buffer owns its bytes; s is always NUL-terminated once anything was added
 * (and NULL before). buf_take hands the string to the caller. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents (never NULL) and leaves b empty; the caller frees it. */
char *buf_take(struct buf *b);
/* Returns the contents, "" when empty; b keeps ownership. */
const char *buf_str(const struct buf *b);
void buf_reset(struct buf *b);
/* Cuts the contents back to their first len bytes (no more than they have). */
void buf_truncate(struct buf *b, size_t len);
void buf_free(struct buf *b);

/* Appends w as one word of a POSIX shell command line, quoted when it
 * needs to be. */
void buf_shell_word(struct buf *b, const char *w);

#endif
