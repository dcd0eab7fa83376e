/* fuzz-mustache.c: libFuzzer harness for the Mustache engine: any bytes
 * as a brief template, rendered over a brief's context (fuzz/brief-context.json,
 * shaped as brief-ctx.c makes it) with the Markdown escaping, as `whyline
 * brief --template FILE` does. The rendering must end (its work is bounded)
 * and either succeed or fail with a place and a message. */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "mustache.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static json_t *ctx;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mustache_error err;
	char *tmpl, *out;

	if (ctx == NULL) {
		const char *path = getenv("WHYLINE_FUZZ_CONTEXT");

		ctx = json_load_file(path != NULL ? path : FUZZ_DIR "/brief-context.json", 0, NULL);
		if (ctx == NULL)
			abort();
	}
	tmpl = xstrndup((const char *)data, size);
	out = mustache_render(tmpl, ctx, brief_md_escape, NULL, &err);
	if (out == NULL && (err.msg == NULL || err.line == 0))
		abort();
	free(out);
	free(err.msg);
	free(tmpl);
	return 0;
}
