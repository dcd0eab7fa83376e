/* brief-ctx.h: the brief as the JSON context of Mustache brief templates
 * (documented key by key in docs-brief.md, "Brief templates"), and the
 * rendering of a template over it. */
#ifndef WHYLINE_BRIEF_CTX_H
#define WHYLINE_BRIEF_CTX_H

#include <stdbool.h>

#include "brief.h"
#include "diag.h"
#include "jdoc.h"

/* The context of b as a new JSON object. A client's copy (b->share) has
 * nothing private to put in it: notes, flags and changes are empty. */
json_t *brief_context(const struct brief *b);

/* Releases a context. */
void brief_context_free(json_t *ctx);

/* Reads the template at path (at most 1 MiB) and renders it over ctx, with
 * {{name}} escaped for Markdown (brief_md_escape) and {{{name}}} as it is.
 * Returns the text (owned), or NULL with the problem in d, placed at its
 * line and column in the file. */
char *brief_template(const char *path, const json_t *ctx, struct diags *d);

/* The path of a tree's `brief:` template name, for a tree in folder dir:
 * it must be a file under that folder (a tree shared by another team must
 * not put /etc/hostname or ~/.ssh into a brief that is shared on). Returns
 * the path (owned), or NULL with *why (owned): the file is missing, or
 * outside the folder. */
char *brief_tree_template(const char *dir, const char *name, char **why);

#endif
