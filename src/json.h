/* json.h: small JSON helpers over jansson for the modules that need JSON
 * text but not a whole document. */
#ifndef WHYLINE_JSON_H
#define WHYLINE_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* The compact JSON array of n strings; the caller frees it. */
char *json_string_array(const char *const *v, size_t n);
/* Reads a JSON array of strings; returns the count, or -1 when text is not
 * one. *out (owned, each string too) is set when the count is >= 0. */
long json_parse_string_array(const char *text, char ***out);

#endif
