/* cmd-graph.c: `whyline graph TREE`: the tree's flow as Graphviz DOT on
 * standard output, for authors (`whyline graph t.yaml | dot -Tsvg`). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "graph.h"
#include "i18n.h"
#include "tree.h"

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
	struct tree *t;
	char *dot;
	int c, status;

	while ((c = cmd_getopt(ctx, &cmd_graph_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("graph: give one tree"));
	if ((status = cmd_tree_load(argv[optind], &t)) != 0)
		return status;
	dot = graph_dot(t);
	fputs(dot, stdout);
	free(dot);
	tree_free(t);
	return 0;
}
