/* jdoc.h: whyline's own JSON helpers over jansson (a string that is not
 * UTF-8, an array of strings as text, a YAML node as JSON), and the one
 * declaration of jansson's json_t for the headers that pass documents
 * around.
 *
 * jansson belongs to jdoc.c and to the three modules that build or read a
 * whole document: export.c (the export), brief-ctx.c (a template's
 * context) and mustache.c (which reads that context). Every other module
 * sees json_t only as an opaque pointer, through this header. */
#ifndef WHYLINE_JDOC_H
#define WHYLINE_JDOC_H

#include <stdbool.h>
#include <stddef.h>

/* jansson's type, declared here (and nowhere else) so that including this
 * header does not bring in <jansson.h>. */
#ifndef JANSSON_H
struct json_t;
typedef struct json_t json_t;
#endif

struct ynode;

/* A new JSON string of s (null for NULL); bytes that are not UTF-8 become
 * U+FFFD instead of failing. */
json_t *jdoc_string_lossy(const char *s);
/* The compact JSON array of n strings; the caller frees it. */
char *jdoc_string_array(const char *const *v, size_t n);
/* Reads a JSON array of strings; returns the count, or -1 when text is not
 * one. *out (owned, each string too) is set when the count is >= 0. */
long jdoc_parse_string_array(const char *text, char ***out);

/* The document as text the way json_dumps writes it with JSON_INDENT(2)
 * and JSON_REAL_PRECISION(15) (and JSON_ENSURE_ASCII when ascii), with a
 * final newline; the caller frees it. NULL when it holds a number JSON
 * cannot write. */
char *jdoc_dump(const json_t *doc, bool ascii);
struct buf;
/* Appends v as jdoc_dump writes it at depth (its lines indented by two
 * spaces a level after the first), without a final newline; false for a
 * number JSON cannot write. */
bool jdoc_dump_value(struct buf *b, const json_t *v, int depth, bool ascii);

/* A JSON value written as it is made, byte for byte as jdoc_dump_value
 * writes the same value built with jansson (without building it: the
 * export's documents, thousands of objects, cost a third as much).
 * Strings that are not UTF-8 get U+FFFD for their bad bytes, as
 * jdoc_string_lossy's. A value is a container begun (jw_object,
 * jw_array) and ended (jw_end), or one scalar; in an object each value
 * follows its jw_key. */
#define JW_MAX_DEPTH 16
struct jwriter {
	struct buf *b;
	int depth;		/* of the value jw_init's caller writes */
	bool ascii;		/* past ASCII as \u escapes */
	bool bad;		/* a number JSON cannot write, or too deep */
	size_t n;		/* containers open */
	size_t count[JW_MAX_DEPTH];	/* values written in each */
	char close[JW_MAX_DEPTH];	/* its closing bracket */
	bool after_key;		/* a key was written: its value comes */
};
void jw_init(struct jwriter *w, struct buf *b, int depth, bool ascii);
void jw_object(struct jwriter *w);
void jw_array(struct jwriter *w);
void jw_end(struct jwriter *w);
void jw_key(struct jwriter *w, const char *key);
/* A string; null for NULL. */
void jw_string(struct jwriter *w, const char *s);
/* A key and its string (null for NULL). */
void jw_field(struct jwriter *w, const char *key, const char *s);
void jw_int(struct jwriter *w, long long v);
/* An integer, or null when v is none. */
void jw_int_or_null(struct jwriter *w, long long v, long long none);
void jw_null(struct jwriter *w);
/* A value built with jansson (the caller still owns it). */
void jw_json(struct jwriter *w, const json_t *v);

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
json_t *jdoc_from_ynode(const struct ynode *n, const struct ynode **bad);

#endif
