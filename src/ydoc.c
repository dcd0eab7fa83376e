/* ydoc.c: a YAML file read into a tree of nodes with their places, safely.
 *
 * libyaml's events are turned into nodes in one pass. Nodes, strings and item
 * arrays live in an arena freed at once; children wait on one shared stack
 * until their collection ends. Every event is deleted in one place. */
#include "config.h"

#include "ydoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "hmap.h"
#include "i18n.h"
#include "util.h"

#ifdef WHYLINE_FUZZING
/* The fuzzing build gives each node, array and string a block of its own,
 * so that AddressSanitizer sees an overrun past any of them. */
#define ARENA_BLOCK 0
#else
#define ARENA_BLOCK (64 * 1024)
#endif

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t cap;
	max_align_t data[];
};

/* Blocks, the newest first, and one kept for reuse: an arena that is
 * released block by block (the nodes of taken questions) would otherwise
 * free and allocate a block each time, and scatter holes through the
 * heap. */
struct arena {
	struct arena_block *top;
	struct arena_block *spare;	/* a block of ARENA_BLOCK, or NULL */
};

/* Where an arena is: its newest block and how much of it is used. */
struct arena_mark {
	struct arena_block *block;
	size_t used;
};

struct ydoc {
	char *name;
	char *bytes;
	size_t len;
	struct ynode *root;
	struct arena arena;		/* nodes and their lists */
	struct arena strs;		/* the strings of scalars and anchors */
	/* The short scalars read last, one for each value of a hash: keys and
	 * values that recur ("id", "ask", "choice") are kept once. */
	const char *recent[256];
	unsigned char recent_len[256];
};

/* One collection being read. */
struct frame {
	struct ynode *node;
	size_t base;		/* where its children start on the stack */
	const char *anchor;	/* in the arena; registered when it ends */
	size_t weight;		/* nodes it stands for so far, aliases expanded */
	size_t index;		/* its place in the list holding it */
	bool on_path;		/* on the path of the nodes offered to take */
	struct arena_mark save;	/* an offered node: the arena before it */
};

/* What ydoc_load_taking offers, to whom. */
struct taking {
	const char *const *keys;
	size_t nkeys;
	ydoc_take_fn *take;
	void *arg;
};

/* What an anchor names: a node, and the nodes it stands for. */
struct anchored {
	struct ynode *node;
	size_t weight;
};

/* The state of one parse; lives on the stack of ydoc_parse. */
struct reader {
	struct ydoc *doc;
	struct diags *diags;
	struct frame *frames;
	size_t nframes, capframes;
	struct ynode **stack;
	size_t nstack, capstack;
	struct hmap anchors;
	size_t alias_nodes;
	unsigned ndocs;
	bool failed;
	const struct taking *tk;	/* NULL: nothing is offered */
	bool taking;		/* offers go on */
	/* The list of every list whose items were all taken (taken_list),
	 * in the arena: ntaken pointers to the YNODE_TAKEN node. */
	struct ynode **taken_items;
	size_t ntaken;
	size_t *index;		/* the places of an offered node */
	/* Reading a regular file as libyaml asks, rather than doc->bytes: */
	int fd;			/* the file, or -1 */
	size_t got;		/* bytes read so far */
	bool too_big;		/* it grew past YDOC_MAX_BYTES */
	int read_err;		/* a read failed with this errno */
};

/* Allocates n bytes aligned to align (a power of two) from the document's
 * arena: nodes and arrays need a pointer's alignment, strings none, and a
 * large file has many of each. Built with -DWHYLINE_NO_ARENA, each
 * allocation is a malloc of its own (for fuzzing and sanitizers). */
static void *arena_alloc_block(struct arena *arena, size_t n, size_t align);

static inline void *
arena_alloc(struct arena *arena, size_t n, size_t align)
{
#ifndef WHYLINE_NO_ARENA
	struct arena_block *b = arena->top;
	size_t at;

	/* The common case, inline: room in the current block. */
	if (b != NULL) {
		at = (b->used + align - 1) & ~(align - 1);
		if (at <= b->cap && b->cap - at >= n) {
			b->used = at + n;
			return (char *)b->data + at;
		}
	}
#endif
	return arena_alloc_block(arena, n, align);
}

/* arena_alloc past the current block: a new one. */
static void *
arena_alloc_block(struct arena *arena, size_t n, size_t align)
{
	struct arena_block *b = arena->top;
	void *p;

#ifdef WHYLINE_NO_ARENA
	/* A fuzzing or sanitizer build: every allocation is its own block of
	 * exactly n bytes, so that reading past it is caught. */
	b = NULL;
#endif
	if (b != NULL)
		b->used = (b->used + align - 1) & ~(align - 1);
	if (b == NULL || b->used > b->cap || b->cap - b->used < n) {
#ifdef WHYLINE_NO_ARENA
		size_t cap = n;
#else
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
#endif

		if (arena->spare != NULL && arena->spare->cap >= cap) {
			b = arena->spare;
			arena->spare = NULL;
		} else {
			b = xmalloc(sizeof *b + cap);
			b->cap = cap;
		}
		b->used = 0;
		b->next = arena->top;
		arena->top = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

static struct arena_mark
arena_mark(const struct arena *arena)
{
	struct arena_mark m = { arena->top, arena->top != NULL ? arena->top->used : 0 };

	return m;
}

/* Frees what was allocated in arena since m, keeping a block of
 * ARENA_BLOCK for the next. */
static void
arena_release(struct arena *arena, struct arena_mark m)
{
	struct arena_block *b;

	while (arena->top != m.block) {
		b = arena->top;
		arena->top = b->next;
		if (arena->spare == NULL && ARENA_BLOCK > 0 && b->cap == ARENA_BLOCK)
			arena->spare = b;
		else
			free(b);
	}
	if (arena->top != NULL)
		arena->top->used = m.used;
}

/* Frees an arena. */
static void
arena_free(struct arena *arena)
{
	struct arena_block *b, *next;

	for (b = arena->top; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(arena->spare);
	arena->top = arena->spare = NULL;
}

/* Copies n bytes of s into the document's strings, NUL-terminated: they
 * outlive nodes that are taken (see ydoc_load_taking). */
static char *
arena_strndup(struct ydoc *doc, const char *s, size_t n)
{
	char *p = arena_alloc(&doc->strs, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Converts a libyaml mark (0-based) to ours (1-based). */
static struct mark
mark_of(yaml_mark_t m)
{
	struct mark r = { (unsigned)m.line + 1, (unsigned)m.column + 1 };

	return r;
}

/* The line and column of byte offset off in the document's bytes, counting
 * characters, not bytes, in the column, and lines as libyaml does. */
static struct mark
mark_at_offset(const struct ydoc *doc, size_t off)
{
	struct mark m;

	str_position(doc->bytes, doc->len, off, true, &m.line, &m.col);
	return m;
}

/* The offset of the first byte of the character that holds byte off: a
 * trailing octet is reported by libyaml where it is, the author must look
 * where its character starts. */
static size_t
char_start(const struct ydoc *doc, size_t off)
{
	const unsigned char *s = (const unsigned char *)doc->bytes;
	size_t i = off;

	if (off > doc->len)
		return off;
	while (i > 0 && off - i < 3 && (s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i > 0 && s[i - 1] >= 0xc0)
		return i - 1;
	return off;
}

/* Whether the bytes at s (n left) start with one well-formed UTF-8
 * character, as str_char_len reads one; at the end of the bytes there is
 * no character to blame, which counts as true. The document need not end
 * in a NUL: at most four bytes are copied into one that does. */
static bool
utf8_well_formed(const unsigned char *s, size_t n)
{
	char c[5] = { 0 };

	if (n == 0)
		return true;
	memcpy(c, s, n < 4 ? n : 4);
	return str_char_len(c, NULL) != 0;
}

/* Whether the byte at off cuts a character short: a lead byte at most three
 * bytes before it, followed by continuation bytes only, announces more bytes
 * than it got. libyaml's reader then blames off itself, the octet that should
 * have continued the character, rather than where the character starts. */
static bool
cuts_char_short(const struct ydoc *doc, size_t off)
{
	const unsigned char *s = (const unsigned char *)doc->bytes;
	size_t k, width;

	if (off >= doc->len || (s[off] & 0xc0) == 0x80)
		return false;
	for (k = 1; k <= 3 && k <= off; k++) {
		unsigned char c = s[off - k];

		if ((c & 0xc0) == 0x80)
			continue;
		width = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		    (c & 0xf8) == 0xf0 ? 4 : 0;
		return width > k;
	}
	return false;
}

/* Records an error and stops the parse (diags_add checks the format). */
#define reader_error(r, m, ...) \
	((void)diags_add((r)->diags, DIAG_ERROR, (r)->doc->name, (m), __VA_ARGS__), \
	    (void)((r)->failed = true))

/* Reports libyaml's own error, at the line it really happened. The kind of
 * error and the bytes at its place decide the message, never libyaml's
 * words, which change between its releases: they are only passed on. */
static void
reader_yaml_error(struct reader *r, const yaml_parser_t *p)
{
	const unsigned char *s = (const unsigned char *)r->doc->bytes;
	struct mark m;
	const char *problem = p->problem != NULL ? p->problem : _("unknown error");
	size_t off;
	bool bad_utf8;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		reader_error(r, ((struct mark){ 0, 0 }), "%s", _("out of memory while reading YAML"));
		return;
	case YAML_READER_ERROR:
		/* libyaml leaves the mark at line 1 here; the offset is right.
		 * A UTF-8 file whose bytes at the offset are no character is
		 * invalid UTF-8; anything else (a control character, a UTF-16
		 * file) gets libyaml's words alone. */
		off = p->problem_offset;
		if (cuts_char_short(r->doc, off)) {
			bad_utf8 = true;
			off = char_start(r->doc, off);
		} else {
			bad_utf8 = p->encoding == YAML_UTF8_ENCODING && off < r->doc->len &&
			    !utf8_well_formed(s + off, r->doc->len - off);
		}
		m = mark_at_offset(r->doc, off);
		if (bad_utf8)
			reader_error(r, m, _("invalid UTF-8 (%s)"), problem);
		else
			reader_error(r, m, "%s", problem);
		return;
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
	default:
		m = mark_of(p->problem_mark);
		if (p->context != NULL)
			reader_error(r, m, _("YAML syntax: %s %s (line %u)"),
			    problem, p->context, (unsigned)p->context_mark.line + 1);
		else
			reader_error(r, m, _("YAML syntax: %s"), problem);
	}
}

/* Allocates a node of kind k starting at m. */
static inline struct ynode *
node_at(struct reader *r, enum ynode_kind k, struct mark m)
{
	struct ynode *n = arena_alloc(&r->doc->arena, sizeof *n, _Alignof(struct ynode));

	*n = (struct ynode){ .mark = m, .kind = k };
	return n;
}

/* Allocates a node of kind k starting at libyaml's mark m. */
static inline struct ynode *
node_new(struct reader *r, enum ynode_kind k, yaml_mark_t m)
{
	return node_at(r, k, mark_of(m));
}

/* A copy of an event's anchor in the arena (the anchors map borrows its
 * keys), or NULL for none. */
static const char *
anchor_copy(struct reader *r, const yaml_char_t *anchor)
{
	const char *s = (const char *)anchor;

	return s != NULL ? arena_strndup(r->doc, s, strlen(s)) : NULL;
}

/* Remembers n, standing for weight nodes, under anchor, if any (a later
 * anchor of the same name wins). */
static void
anchor_set(struct reader *r, const char *anchor, struct ynode *n, size_t weight)
{
	struct anchored *a;

	if (anchor == NULL)
		return;
	a = arena_alloc(&r->doc->arena, sizeof *a, _Alignof(struct anchored));
	a->node = n;
	a->weight = weight;
	hmap_put(&r->anchors, anchor, a);
}

/* Checks a mapping's keys for duplicates; reports each later copy. */
static void
check_duplicates(struct reader *r, struct ynode *map)
{
	size_t i, j;

	if (map->n < 2)
		return;
	if (map->n <= 16) {
		for (j = 1; j < map->n; j++) {
			const struct ynode *kj = map->items[2 * j];

			if (kj->kind != YNODE_SCALAR)
				continue;
			for (i = 0; i < j; i++) {
				const struct ynode *ki = map->items[2 * i];

				if (ki->kind == YNODE_SCALAR && ki->len == kj->len &&
				    memcmp(ki->str, kj->str, kj->len) == 0) {
					diags_add(r->diags, DIAG_ERROR, r->doc->name, kj->mark,
					    _("duplicate key '%s' (first at line %u)"),
					    kj->str, ki->mark.line);
					break;
				}
			}
		}
		return;
	}
	/* Large mappings: a hash of the keys seen, so that a hostile file with
	 * many keys costs linear time. */
	{
		struct hmap seen = { 0 };

		for (j = 0; j < map->n; j++) {
			struct ynode *kj = map->items[2 * j];
			const struct ynode *first;

			if (kj->kind != YNODE_SCALAR || kj->nul)
				continue;
			first = hmap_get(&seen, kj->str);
			if (first != NULL)
				diags_add(r->diags, DIAG_ERROR, r->doc->name, kj->mark,
				    _("duplicate key '%s' (first at line %u)"),
				    kj->str, first->mark.line);
			else
				hmap_put(&seen, kj->str, kj);
		}
		hmap_free(&seen);
	}
}

/* Places a finished node standing for weight nodes: as a child of the
 * open collection (which stands for them too), or as the root. */
static inline void
node_place(struct reader *r, struct ynode *n, size_t weight)
{
	struct frame *f;

	if (r->nframes == 0) {
		r->doc->root = n;
		return;
	}
	f = &r->frames[r->nframes - 1];
	f->weight += weight;
	if (f->weight > YDOC_MAX_ALIAS_NODES + 1)
		f->weight = YDOC_MAX_ALIAS_NODES + 1;
	if (r->nstack == r->capstack)
		xgrow(&r->stack, &r->capstack, r->nstack + 1, sizeof *r->stack);
	r->stack[r->nstack++] = n;
}

/* True when n is the key named s. */
static bool
is_key(const struct ynode *n, const char *s)
{
	return n->kind == YNODE_SCALAR && !n->nul && strcmp(n->str, s) == 0;
}

/* Whether a collection of kind k opening at depth is on the path of the
 * nodes offered to take: the root mapping, the first value of the path's
 * key in a mapping on the path when it is a list, an item of such a list
 * when it is a mapping. */
static bool
on_path(const struct reader *r, enum ynode_kind k, size_t depth)
{
	const struct frame *p;
	size_t i;

	if (depth > 2 * r->tk->nkeys)
		return false;
	if (depth == 0)
		return k == YNODE_MAP;
	p = &r->frames[depth - 1];
	if (!p->on_path)
		return false;
	if (depth % 2 == 0)
		return k == YNODE_MAP;
	/* A value (its key is on the stack), of the key, its first. */
	if (k != YNODE_SEQ || (r->nstack - p->base) % 2 == 0 ||
	    !is_key(r->stack[r->nstack - 1], r->tk->keys[depth / 2]))
		return false;
	for (i = p->base; i + 1 < r->nstack; i += 2)
		if (is_key(r->stack[i], r->tk->keys[depth / 2]))
			return false;
	return true;
}

/* Opens a collection. */
static void
collection_start(struct reader *r, enum ynode_kind k, yaml_mark_t m,
    const yaml_char_t *anchor)
{
	struct frame *f;
	size_t depth;

	if (r->nframes >= YDOC_MAX_DEPTH) {
		reader_error(r, mark_of(m), _("YAML nested deeper than %d levels"),
		    YDOC_MAX_DEPTH);
		return;
	}
	xgrow(&r->frames, &r->capframes, r->nframes + 1, sizeof *r->frames);
	depth = r->nframes;
	f = &r->frames[r->nframes++];
	if (anchor != NULL)
		r->taking = false;	/* an alias could bring back a node taken */
	f->on_path = r->taking && on_path(r, k, depth);
	f->index = depth > 0 ? r->nstack - r->frames[depth - 1].base : 0;
	if (f->on_path && depth == 2 * r->tk->nkeys)
		f->save = arena_mark(&r->doc->arena);
	f->node = node_new(r, k, m);
	f->base = r->nstack;
	f->anchor = anchor_copy(r, anchor);
	f->weight = 1;
}

/* What stands in a list for every node taken: one node for all, so that
 * a list of many taken nodes costs a pointer each. Never written. */
static struct ynode taken = { .kind = YNODE_TAKEN };

/* Offers n, the node of frame f at the end of the path, to take; returns
 * what takes its place: n, or the YNODE_TAKEN node once n is freed. */
static struct ynode *
offer(struct reader *r, const struct frame *f, struct ynode *n)
{
	size_t i;

	for (i = 0; i < r->tk->nkeys; i++)
		r->index[i] = r->frames[2 * i + 2].index;
	if (!r->tk->take(r->tk->arg, n, r->index)) {
		r->taking = false;
		return n;
	}
	arena_release(&r->doc->arena, f->save);
	return &taken;
}

/* The items of a list of count nodes all taken: one list shared by all
 * such lists, so that a file of many questions does not hold a pointer
 * for each of them (the lists hold their nodes until the file ends). */
static struct ynode **
taken_list(struct reader *r, size_t count)
{
	size_t i, n;

	if (r->ntaken < count) {
		n = count > 2 * r->ntaken ? count : 2 * r->ntaken;
		r->taken_items = arena_alloc(&r->doc->arena, n * sizeof *r->taken_items,
		    _Alignof(struct ynode *));
		for (i = 0; i < n; i++)
			r->taken_items[i] = &taken;
		r->ntaken = n;
	}
	return r->taken_items;
}

/* Closes the innermost collection: its children move from the stack into it. */
static void
collection_end(struct reader *r)
{
	struct frame *f = &r->frames[--r->nframes];
	struct ynode *n = f->node;
	size_t count = r->nstack - f->base, i;

	for (i = 0; i < count && r->stack[f->base + i] == &taken; i++)
		;
	if (count > 0 && i == count) {
		n->items = taken_list(r, count);
	} else {
		n->items = arena_alloc(&r->doc->arena, (count ? count : 1) * sizeof *n->items,
		    _Alignof(struct ynode *));
		if (count > 0)
			memcpy(n->items, r->stack + f->base, count * sizeof *n->items);
	}
	r->nstack = f->base;
	n->n = n->kind == YNODE_MAP ? count / 2 : count;
	if (n->kind == YNODE_MAP)
		check_duplicates(r, n);
	if (f->on_path && r->taking && r->nframes == 2 * r->tk->nkeys && !r->failed)
		n = offer(r, f, n);
	anchor_set(r, f->anchor, n, f->weight);
	node_place(r, n, f->weight);
}

/* The longest scalar looked for among the recent ones. */
#define RECENT_MAX 48

/* A key's n bytes at s as a string of the document: the copy of the
 * same bytes read lately when there is one, else a new copy. A file
 * repeats its keys once per mapping; each is held once. */
static const char *
scalar_str(struct ydoc *doc, const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	if (n > RECENT_MAX)
		return arena_strndup(doc, s, n);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	i = (h ^ h >> 8) & (sizeof doc->recent / sizeof *doc->recent - 1);
	if (doc->recent[i] == NULL || doc->recent_len[i] != n ||
	    memcmp(doc->recent[i], s, n) != 0) {
		doc->recent[i] = arena_strndup(doc, s, n);
		doc->recent_len[i] = (unsigned char)n;
	}
	return doc->recent[i];
}

/* Handles one event; returns false when parsing must stop. */
static bool
reader_event(struct reader *r, const yaml_event_t *ev)
{
	const struct anchored *a;
	struct ynode *n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++r->ndocs > 1) {
			reader_error(r, mark_of(ev->start_mark),
			    _("a second YAML document starts here; a file holds one"));
			return false;
		}
		break;
	case YAML_SCALAR_EVENT:
		n = node_new(r, YNODE_SCALAR, ev->start_mark);
		/* A key is shared with the same key read lately; a value keeps
		 * a copy of its own, since its address may name it (a tree's
		 * catalog tells two places of the same words apart so). */
		if (r->nframes > 0 && r->frames[r->nframes - 1].node->kind == YNODE_MAP &&
		    (r->nstack - r->frames[r->nframes - 1].base) % 2 == 0)
			n->str = scalar_str(r->doc, (const char *)ev->data.scalar.value,
			    ev->data.scalar.length);
		else
			n->str = arena_strndup(r->doc, (const char *)ev->data.scalar.value,
			    ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->nul = memchr(n->str, '\0', n->len) != NULL;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    ev->data.scalar.tag == NULL;
		if (ev->data.scalar.anchor != NULL)
			r->taking = false;
		anchor_set(r, anchor_copy(r, ev->data.scalar.anchor), n, 1);
		node_place(r, n, 1);
		break;
	case YAML_SEQUENCE_START_EVENT:
		collection_start(r, YNODE_SEQ, ev->start_mark,
		    ev->data.sequence_start.anchor);
		break;
	case YAML_MAPPING_START_EVENT:
		collection_start(r, YNODE_MAP, ev->start_mark,
		    ev->data.mapping_start.anchor);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		collection_end(r);
		break;
	case YAML_ALIAS_EVENT:
		r->taking = false;
		a = hmap_get(&r->anchors, (const char *)ev->data.alias.anchor);
		if (a == NULL) {
			reader_error(r, mark_of(ev->start_mark),
			    _("alias '*%s' names no anchor before it"),
			    (const char *)ev->data.alias.anchor);
			return false;
		}
		r->alias_nodes += a->weight;
		if (r->alias_nodes > YDOC_MAX_ALIAS_NODES) {
			reader_error(r, mark_of(ev->start_mark),
			    _("aliases expand to more than %d nodes"),
			    YDOC_MAX_ALIAS_NODES);
			return false;
		}
		node_place(r, a->node, a->weight);
		break;
	case YAML_STREAM_END_EVENT:
		return false;
	default:
		break;
	}
	return !r->failed;
}

static void too_large(struct diags *d, const char *name);
static char *read_all(int fd, size_t *lenp, int *err, bool *too_big);

/* libyaml's input when reading r->fd: what read gives, within the limit. */
static int
read_handler(void *data, unsigned char *buf, size_t size, size_t *size_read)
{
	struct reader *r = data;
	ssize_t n;

	do
		n = read(r->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		r->read_err = errno;
		return 0;
	}
	r->got += (size_t)n;
	if (r->got > YDOC_MAX_BYTES) {
		r->too_big = true;
		return 0;
	}
	*size_read = (size_t)n;
	return 1;
}

/* Reports a reader error met while reading r->fd: the file's bytes, which
 * the message needs (where a character starts...), are read again. */
static void
reader_fd_error(struct reader *r, const yaml_parser_t *p)
{
	bool too_big = r->too_big;
	int err = r->read_err;

	if (!too_big && err == 0) {
		if (lseek(r->fd, 0, SEEK_SET) == 0)
			r->doc->bytes = read_all(r->fd, &r->doc->len, &err, &too_big);
		else
			err = errno;
	}
	if (too_big) {
		too_large(r->diags, r->doc->name);
		r->failed = true;
	} else if (r->doc->bytes == NULL) {
		reader_error(r, ((struct mark){ 0, 0 }), "%s", strerror(err != 0 ? err : EIO));
	} else {
		reader_yaml_error(r, p);
	}
}

/* Parses the document's bytes into nodes; returns false on an error. */
static bool
reader_run(struct reader *r)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	bool more = true;

	if (!yaml_parser_initialize(&parser)) {
		reader_error(r, ((struct mark){ 0, 0 }), "%s", _("out of memory while reading YAML"));
		return false;
	}
	if (r->fd >= 0)
		yaml_parser_set_input(&parser, read_handler, r);
	else
		yaml_parser_set_input_string(&parser, (const unsigned char *)r->doc->bytes,
		    r->doc->len);
	while (more) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (r->fd >= 0 && parser.error == YAML_READER_ERROR)
				reader_fd_error(r, &parser);
			else
				reader_yaml_error(r, &parser);
			break;
		}
		more = reader_event(r, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return !r->failed;
}

/* Parses len bytes of buf, which the document takes (freed on failure),
 * or when buf is NULL what fd gives; offers nodes as tk says (NULL:
 * none). */
static struct ydoc *
parse_owned(const char *name, char *buf, size_t len, int fd, struct diags *d,
    const struct taking *tk)
{
	struct ydoc *doc = xcalloc(1, sizeof *doc);
	struct reader r = { 0 };
	bool ok;

	doc->name = xstrdup(name);
	doc->bytes = buf;
	doc->len = len;
	r.fd = buf == NULL ? fd : -1;
	r.doc = doc;
	r.diags = d;
	r.tk = tk;
	r.taking = tk != NULL && tk->nkeys > 0;
	if (r.taking)
		r.index = xcalloc(tk->nkeys, sizeof *r.index);
	ok = reader_run(&r);
	free(r.index);
	free(r.frames);
	free(r.stack);
	hmap_free(&r.anchors);
	if (!ok) {
		ydoc_free(doc);
		return NULL;
	}
	return doc;
}

/* Reports that the file called name is over YDOC_MAX_BYTES. */
static void
too_large(struct diags *d, const char *name)
{
	diags_add(d, DIAG_ERROR, name, (struct mark){ 0, 0 },
	    _("file larger than %u MiB"), YDOC_MAX_BYTES / (1024 * 1024));
}

/* Parses len bytes of buf (copied) into a new document. */
/* ydoc_parse, offering the nodes at the end of a path as they are read. */
struct ydoc *
ydoc_parse_taking(const char *name, const char *buf, size_t len, struct diags *d,
    const char *const *keys, size_t nkeys, ydoc_take_fn *take, void *arg)
{
	struct taking tk = { keys, nkeys, take, arg };

	return parse_owned(name, xstrndup(buf, len), len, -1, d, &tk);
}

/* Parses len bytes of buf (copied) into a new document. */
struct ydoc *
ydoc_parse(const char *name, const char *buf, size_t len, struct diags *d)
{
	if (len > YDOC_MAX_BYTES) {
		too_large(d, name);
		return NULL;
	}
	return parse_owned(name, xstrndup(buf, len), len, -1, d, NULL);
}

/* Reads all of fd, failing past YDOC_MAX_BYTES without reading further. */
static char *
read_all(int fd, size_t *lenp, int *err, bool *too_big)
{
	struct stat st;
	size_t len = 0, cap = 0;
	char *buf = NULL;

	*too_big = false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (st.st_size > (off_t)YDOC_MAX_BYTES) {
			*too_big = true;
			return NULL;
		}
		/* A file's size is known: one buffer, read once (plus one
		 * byte to see the end). */
		cap = (size_t)st.st_size + 1;
		buf = xmalloc(cap);
	}
	for (;;) {
		ssize_t got;

		if (cap - len == 0)
			xgrow(&buf, &cap, len + 65536, 1);
		got = read(fd, buf + len, cap - len);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*err = errno;
			free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > YDOC_MAX_BYTES) {
			*too_big = true;
			free(buf);
			return NULL;
		}
	}
	*lenp = len;
	return buf;
}

/* Reads all of fd, opened on path, reporting a failure to d. */
static char *
read_fd(int fd, const char *path, size_t *len, struct diags *d)
{
	bool too_big;
	int err = 0;
	char *buf;

	*len = 0;
	buf = read_all(fd, len, &err, &too_big);
	if (too_big)
		too_large(d, path);
	else if (buf == NULL)
		diags_add(d, DIAG_ERROR, path, (struct mark){ 0, 0 }, "%s", strerror(err));
	return buf;
}

/* Opens path ("-": standard input), reporting a failure to d; -1 then. */
static int
open_path(const char *path, struct diags *d)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		diags_add(d, DIAG_ERROR, path, (struct mark){ 0, 0 }, "%s", strerror(errno));
	return fd;
}

/* Reads path (or standard input for "-") and parses it, offering nodes as
 * tk says. */
static struct ydoc *
load(const char *path, struct diags *d, const struct taking *tk)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = open_path(path, d);
	size_t len = 0;
	struct stat st;
	struct ydoc *doc;
	char *buf;

	if (fd < 0)
		return NULL;
	/* A caller taking nodes keeps none of the file: a regular file is
	 * read as libyaml goes, never held whole. */
	if (tk != NULL && !is_stdin && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (st.st_size > (off_t)YDOC_MAX_BYTES) {
			close(fd);
			too_large(d, path);
			return NULL;
		}
		doc = parse_owned(path, NULL, 0, fd, d, tk);
		close(fd);
		return doc;
	}
	buf = read_fd(fd, path, &len, d);
	if (!is_stdin)
		close(fd);
	return buf != NULL ? parse_owned(path, buf, len, -1, d, tk) : NULL;
}

/* The bytes of path, read as ydoc_load reads them. */
char *
ydoc_read(const char *path, size_t *len, struct diags *d)
{
	int fd = open_path(path, d);
	char *buf;

	*len = 0;
	if (fd < 0)
		return NULL;
	buf = read_fd(fd, path, len, d);
	if (fd != STDIN_FILENO)
		close(fd);
	return buf;
}

/* A document of a copy of len bytes of buf, with no nodes. */
struct ydoc *
ydoc_of_bytes(const char *name, const char *buf, size_t len)
{
	struct ydoc *doc = xcalloc(1, sizeof *doc);

	doc->name = xstrdup(name);
	doc->bytes = xstrndup(buf != NULL ? buf : "", len);
	doc->len = len;
	return doc;
}

/* Reads path (or standard input for "-") and parses it. */
struct ydoc *
ydoc_load(const char *path, struct diags *d)
{
	return load(path, d, NULL);
}

/* ydoc_load, offering the nodes at the end of a path as they are read. */
struct ydoc *
ydoc_load_taking(const char *path, struct diags *d, const char *const *keys, size_t nkeys,
    ydoc_take_fn *take, void *arg)
{
	struct taking tk = { keys, nkeys, take, arg };

	return load(path, d, &tk);
}

/* The root node, NULL for an empty document. */
const struct ynode *
ydoc_root(const struct ydoc *doc)
{
	return doc->root;
}

/* The bytes the document was parsed from. */
const char *
ydoc_bytes(const struct ydoc *doc, size_t *len)
{
	*len = doc->len;
	return doc->bytes;
}

/* Frees the bytes once parsed. */
void
ydoc_drop_bytes(struct ydoc *doc)
{
	free(doc->bytes);
	doc->bytes = NULL;
	doc->len = 0;
}

/* Frees the nodes (and their lists); the strings stay. */
void
ydoc_drop_nodes(struct ydoc *doc)
{
	arena_free(&doc->arena);
	doc->root = NULL;
}

/* The name used in messages. */
const char *
ydoc_name(const struct ydoc *doc)
{
	return doc->name;
}

/* Frees the document and all its nodes. */
void
ydoc_free(struct ydoc *doc)
{
	if (doc == NULL)
		return;
	arena_free(&doc->arena);
	arena_free(&doc->strs);
	free(doc->name);
	free(doc->bytes);
	free(doc);
}

/* True for a plain scalar that YAML reads as null. */
bool
ynode_is_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	/* Only "" and words of one or four bytes can be null. */
	return n->len == 0 || (n->len == 1 && n->str[0] == '~') ||
	    (n->len == 4 && (strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0));
}

/* The value of key in map, or NULL. */
const struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i];

		if (k->kind == YNODE_SCALAR && !k->nul && k->str[0] == key[0] &&
		    strcmp(k->str, key) == 0)
			return map->items[2 * i + 1];
	}
	return NULL;
}

/* A word for the kind of n, for messages. */
const char *
ynode_kind_name(const struct ynode *n)
{
	if (n == NULL || ynode_is_null(n))
		return _("nothing");
	switch (n->kind) {
	case YNODE_SEQ:
		return _("a list");
	case YNODE_MAP:
	case YNODE_TAKEN:
		return _("a mapping");
	default:
		return _("a scalar");
	}
}
