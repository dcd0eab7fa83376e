/* csv.h: writing RFC 4180 records: fields separated by commas, a field
 * that holds a comma, a double quote, CR or LF quoted with its quotes
 * doubled, every record ended by CRLF. */
#ifndef WHYLINE_CSV_H
#define WHYLINE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Appends one record of n fields to b; a NULL field is empty. With
 * clean (for a terminal), each field is cleaned first (str_terminal,
 * newlines kept). */
void csv_row(struct buf *b, const char *const *fields, size_t n, bool clean);

#endif
