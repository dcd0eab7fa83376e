/* ydoc.h: a YAML file read into a tree of nodes with their places, safely.
 *
 * This is the only module that includes <yaml.h>. It reads with libyaml's
 * event API in one pass and enforces the limits libyaml lacks: the size of the
 * file (checked while reading, even from a pipe), the nesting depth (counted
 * on start events, before libyaml spends time on deeper levels), the number of
 * nodes aliases bring in, one document only, and no duplicate keys. */
#ifndef WHYLINE_YDOC_H
#define WHYLINE_YDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define YDOC_MAX_BYTES (8u * 1024 * 1024)
#define YDOC_MAX_DEPTH 64
#define YDOC_MAX_ALIAS_NODES 10000

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP,
	YNODE_TAKEN		/* a mapping taken as it was read (ydoc_load_taking) */
};

/* A node. Scalars have str (NUL-terminated, len bytes, with nul set when a
 * NUL byte among them cuts str short); a sequence has n items; a mapping
 * has n pairs stored as items[2i] (key) and items[2i+1] (value). A node
 * brought in by an alias is shared with its anchor. */
struct ynode {
	const char *str;
	struct ynode **items;
	struct mark mark;	/* where the node starts, 1-based */
	/* Kept to 32 bytes: a file has many nodes. */
	uint32_t len : 28;	/* files are at most YDOC_MAX_BYTES */
	uint32_t kind : 2;	/* an enum ynode_kind */
	uint32_t plain : 1;	/* a plain scalar (may mean null, a number...) */
	uint32_t nul : 1;	/* a scalar holding a NUL byte: str is not all of it */
	uint32_t n;
};

struct ydoc;

/* Reads and parses path ("-" for standard input). Returns NULL and adds one
 * error to d when the file cannot be read, is too large, or is not valid
 * YAML within the limits. Duplicate keys are reported to d but do not stop
 * the parse (the first value is kept in place, the later one too). The name
 * used in messages is path. */
struct ydoc *ydoc_load(const char *path, struct diags *d);
/* Offered a mapping at the end of the path given to ydoc_load_taking as
 * soon as it is read; index[m] is its place in the m-th list of the path.
 * Returns true when it took the node (built what it needs from it). */
typedef bool ydoc_take_fn(void *arg, const struct ynode *n, const size_t *index);
/* ydoc_load, offering take each mapping at the end of the path root ->
 * keys[0] -> an item -> keys[1] -> an item ... (the first value of each
 * key) as soon as it is read; a node taken is freed (its strings are kept)
 * and left in its list as a YNODE_TAKEN node (one for all, with no mark),
 * so that a file of many such mappings is never held as nodes all at once. Offers stop
 * for good at the first anchor or alias of the document, or the first
 * node take declines: what is taken comes first in document order. */
struct ydoc *ydoc_load_taking(const char *path, struct diags *d, const char *const *keys,
    size_t nkeys, ydoc_take_fn *take, void *arg);
/* ydoc_parse, offering nodes as ydoc_load_taking does. */
struct ydoc *ydoc_parse_taking(const char *name, const char *buf, size_t len, struct diags *d,
    const char *const *keys, size_t nkeys, ydoc_take_fn *take, void *arg);
/* Parses len bytes of buf (copied); name is used in messages. */
struct ydoc *ydoc_parse(const char *name, const char *buf, size_t len,
    struct diags *d);
/* The len bytes of path ("-": standard input), read as ydoc_load reads
 * them, within its limit, and not parsed; NULL, with one error in d, when
 * they cannot be read or are too many. */
char *ydoc_read(const char *path, size_t *len, struct diags *d);
/* A document of a copy of the len bytes at buf, not parsed: ydoc_bytes
 * gives them, ydoc_root NULL (for a tree built from them otherwise). */
struct ydoc *ydoc_of_bytes(const char *name, const char *buf, size_t len);
/* The document's root node; NULL for an empty document. */
const struct ynode *ydoc_root(const struct ydoc *doc);
/* The file's bytes as read; NULL (and 0) after ydoc_drop_bytes. */
const char *ydoc_bytes(const struct ydoc *doc, size_t *len);
/* Frees the file's bytes, for a caller that will not ask for them: the
 * nodes hold copies of what they need. */
void ydoc_drop_bytes(struct ydoc *doc);
/* Frees the nodes, for a caller done with them that keeps their strings:
 * ydoc_root gives NULL after. */
void ydoc_drop_nodes(struct ydoc *doc);
const char *ydoc_name(const struct ydoc *doc);
void ydoc_free(struct ydoc *doc);

/* Returns true for a plain scalar that YAML reads as null ("", "~", "null"). */
bool ynode_is_null(const struct ynode *n);
/* Returns the value of key in mapping map, or NULL. A key holding a NUL
 * byte is no key's name: "type\0x" is not "type". */
const struct ynode *ynode_get(const struct ynode *map, const char *key);
/* A word for the kind of n, for messages ("a mapping", "a string"...). */
const char *ynode_kind_name(const struct ynode *n);

#endif
