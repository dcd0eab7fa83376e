/* json.h: small JSON helpers over jansson for the modules that need JSON
 * text but not a whole document. */
#ifndef WHYLINE_JSON_H
#define WHYLINE_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* jansson's type, declared here so that including this header does not bring
 * in <jansson.h>. */
#ifndef JANSSON_H
struct json_t;
typedef struct json_t json_t;
#endif

struct ynode;

/* A new JSON string of s (null for NULL); bytes that are not UTF-8 become
 * U+FFFD instead of failing. */
json_t *json_string_lossy(const char *s);
/* The compact JSON array of n strings; the caller frees it. */
char *json_string_array(const char *const *v, size_t n);
/* Reads a JSON array of strings; returns the count, or -1 when text is not
 * one. *out (owned, each string too) is set when the count is >= 0. */
long json_parse_string_array(const char *text, char ***out);

/* Converts a YAML node to a new JSON value, which the caller releases with
 * json_decref. A mapping becomes an object (a repeated key keeps its first
 * value), a sequence an array. Plain scalars: true and false in any case
 * become booleans; "", "~", null, Null and NULL become null; integers like
 * 42, -7 or +3 (without leading zeros, within range) become integers; decimals
 * like 1.5, .5, 2. or 1e3 (integer part without leading zeros) become reals;
 * anything else stays a string, so "007" and "1.2.3" keep their text. Every
 * quoted scalar is a string. A NULL node (an empty document) becomes null.
 * Returns NULL, with *bad (when not NULL) set to the node at fault, for a
 * key that is not a scalar or holds a NUL, or text that is not UTF-8. */
json_t *json_from_ynode(const struct ynode *n, const struct ynode **bad);

#endif
