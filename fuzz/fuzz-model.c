/* fuzz-model.c: libFuzzer harness for reading a tree's compiled model
 * (tree-pack.h), which comes from a database file anyone may have sent:
 * any bytes behind the header of a source of its own (an input that is a
 * whole model, as the seeds are, has its header replaced) either give
 * NULL or a tree that packs again to a model giving the same tree back. A
 * crash, a sanitizer report, a hang or a tree that does not pack again is
 * a defect. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tree-pack.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char source[] = "whyline: 1\nid: fuzz\n";

/* The tree of the model whose body is the len bytes at body, or NULL. */
static struct tree *
unpack(const void *body, size_t len)
{
	struct buf b = { 0 };
	struct tree *t;

	tree_pack_header(&b, source, sizeof source - 1);
	buf_add(&b, body, len);
	t = tree_unpack("fuzz.yaml", b.s, b.len, source, sizeof source - 1);
	buf_free(&b);
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t head = tree_pack_header_len(data, size);
	struct buf again = { 0 }, twice = { 0 };
	struct tree *t = unpack(data + head, size - head), *u;
	size_t i;

	if (t == NULL)
		return 0;
	for (i = 0; i < t->nall; i++)
		if (t->all[i]->index != i || tree_question(t, t->all[i]->id.s) == NULL)
			abort();
	/* What was read packs again, to the same tree: packed once more,
	 * the same bytes. */
	if (!tree_pack(t, &again))
		abort();
	head = tree_pack_header_len(again.s, again.len);
	u = unpack(again.s + head, again.len - head);
	if (u == NULL || !tree_pack(u, &twice) || twice.len != again.len ||
	    memcmp(twice.s, again.s, again.len) != 0)
		abort();
	tree_free(u);
	tree_free(t);
	buf_free(&again);
	buf_free(&twice);
	return 0;
}
