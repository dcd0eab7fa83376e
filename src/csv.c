/* csv.c: RFC 4180 records into a buffer. */
#include "config.h"

#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Appends one field, quoted when it must be. */
static void
csv_field(struct buf *b, const char *s)
{
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
csv_row(struct buf *b, const char *const *fields, size_t n, bool clean)
{
	char *c;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		if (fields[i] == NULL)
			continue;
		if (!clean) {
			csv_field(b, fields[i]);
			continue;
		}
		c = str_terminal(fields[i], true);
		csv_field(b, c);
		free(c);
	}
	buf_puts(b, "\r\n");
}
