/* cmd-graph.c: `whyline graph TREE`: the tree's flow as Graphviz DOT on
 * standard output, for authors (`whyline graph t.yaml | dot -Tsvg`). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "graph.h"
#include "i18n.h"
#include "lang.h"
#include "tree.h"
#include "tree-cat.h"
#include "util.h"

static int cmd_graph_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_graph_entry = {
	"graph", "TREE",
	N_("draw a tree's flow as a Graphviz DOT graph"),
	cmd_graph_exec,
	NULL
};

/* Prints the DOT graph of one tree. */
static int
cmd_graph_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct tree_cat tc = { 0 };
	struct tree *t;
	char *dot, *lang;
	int c, status;

	while ((c = cmd_getopt(ctx, &cmd_graph_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("graph: give one tree"));
	if ((status = cmd_tree_open(argv[optind], &t)) != 0)
		return status;
	/* The tree's strings in the language asked for (--lang), else the
	 * one in use, as an interview would ask them. */
	lang = ctx->lang != NULL ? xstrdup(ctx->lang) : lang_current();
	tree_cat_open(&tc, t, ctx->locale_dir, lang);
	dot = graph_dot(t, tree_cat_tr, &tc);
	tree_cat_clear(&tc);
	free(lang);
	fputs(dot, stdout);
	free(dot);
	tree_free(t);
	return 0;
}
