/* csv.c: RFC 4180 records into a buffer. */
#include "config.h"

#include "csv.h"

#include <string.h>

/* Appends one field, quoted when it must be. */
static void
csv_field(struct buf *b, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Appends one record ended by CRLF. */
void
csv_row(struct buf *b, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_field(b, fields[i]);
	}
	buf_puts(b, "\r\n");
}
