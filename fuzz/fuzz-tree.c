/* fuzz-tree.c: libFuzzer harness for loading and checking a tree: any
 * bytes as a tree file go through the YAML reader, the loader and every
 * check (warnings too), as `whyline check` does. A crash, a sanitizer
 * report or a hang is a defect. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "diag.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	/* As check reads a tree: each question built as soon as it is read. */
	struct tree *t = tree_load_model_mem("fuzz.yaml", (const char *)data, size, &d);

	if (t != NULL)
		check_tree(t, true, &d);
	diags_sort(&d);
	tree_free(t);
	diags_free(&d);
	return 0;
}
