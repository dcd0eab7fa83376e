/* tree-pack.h: a loaded tree as a compact binary model, and back.
 *
 * The store keeps, beside the source of each tree a session uses, its
 * model: unpacking it costs a small part of parsing the YAML again. A model
 * is derived data read from a file anyone may have sent, so tree_unpack
 * trusts nothing in it: any doubt gives NULL, and the caller reads the
 * source as before.
 *
 * The model holds every value tree_load reads, with its place in the file
 * (a message after an unpack names the same line and column), and the
 * strings once each; what tree_load derives (each question's section and
 * index, ids, first rungs, corrected questions, inherited private and
 * carry) is derived again on unpacking by the same code. A model is made
 * for one layout, TREE_PACK_FORMAT, and by one version of whyline: another
 * version's model is not read (its tree_load may read a file otherwise). */
#ifndef WHYLINE_TREE_PACK_H
#define WHYLINE_TREE_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "tree.h"

/* The layout of a model: a new number whenever what is written changes. */
#define TREE_PACK_FORMAT 1

/* Appends t's model to out (its bytes, NUL bytes among them, are out->s
 * for out->len). Returns false, out unchanged, for a tree whose model
 * would not unpack to the same tree (one tree_load could not have built
 * without errors). */
bool tree_pack(const struct tree *t, struct buf *out);

/* Appends the header tree_pack writes before a model of the srclen bytes
 * at src: what ties the model to this version, layout and source. */
void tree_pack_header(struct buf *out, const char *src, size_t srclen);
/* The length of the header of this version and layout that the len bytes
 * at blob begin with, whatever source it names; 0 for none. (The fuzzer
 * puts what follows behind the header of a source of its own.) */
size_t tree_pack_header_len(const void *blob, size_t len);

/* The tree of the len bytes of model at blob, as if tree_load had read the
 * srclen bytes at src from path (its source: tree_source gives a copy).
 * NULL when the bytes are not a whole, well-formed model of this version
 * and layout made from those srclen bytes (their length and a hash of
 * them are in the model). */
struct tree *tree_unpack(const char *path, const void *blob, size_t len,
    const char *src, size_t srclen);

#endif
