/* cmd-check.c: `whyline check TREE...`: every problem of each tree, GNU
 * style, exit 1 when any is an error; with --lang LL, a warning for each
 * string without a translation in LL. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "brief-ctx.h"
#include "check.h"
#include "check-craft.h"
#include "check-lang.h"
#include "cmd.h"
#include "i18n.h"
#include "tree.h"
#include "util.h"

static int cmd_check_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const check_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --lang LL          also warn about each string with no LL translation"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --no-craft         no craft warnings (leading, double-barrelled,\n"
	   "                         blaming, loaded and yes/no questions)"),
	NULL
};

const struct cmd_entry cmd_check_entry = {
	"check", "[--lang LL] [--no-craft] TREE...",
	N_("report every problem of question trees"),
	cmd_check_exec,
	check_help
};

/* The tree's brief: template, as brief would read it: one it cannot find
 * (or outside the tree's folder) is a warning, since brief then uses the
 * default layout; one that does not parse is an error, with its place in
 * the template, since brief then writes nothing. */
static void
check_brief(const struct tree *t, struct diags *d)
{
	char *path, *why, *out;

	if (t->brief.s == NULL)
		return;
	if ((path = brief_tree_template(t->dir, t->brief.s, &why)) == NULL) {
		diags_add(d, DIAG_WARNING, t->path, t->brief.mark,
		    _("%s; the brief would use the default layout"), why);
		free(why);
		return;
	}
	/* Every problem but its cost shows in a rendering over nothing. */
	out = brief_template(path, NULL, d);
	free(out);
	free(path);
}

/* Loads and checks one tree; prints its diagnostics; returns the errors. */
static size_t
check_one(const struct cmd_ctx *ctx, const char *path, bool craft)
{
	struct diags d = { 0 };
	struct tree *t = check_load_model(path, &d);
	size_t nerrors;

	/* Missing translations of a tree with errors would only add noise. */
	if (t != NULL && ctx->lang != NULL)
		check_lang(t, ctx->lang, ctx->locale_dir, &d);
	if (t != NULL && craft)
		check_craft(t, &d);
	if (t != NULL)
		check_brief(t, &d);
	/* The messages hold all they need: the tree goes before they are
	 * sorted. */
	tree_free(t);
	diags_sort(&d);
	diags_print(&d, stderr);
	nerrors = d.nerrors;
	diags_free(&d);
	return nerrors;
}

/* Checks every tree named. */
static int
cmd_check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "no-craft", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	size_t errors = 0;
	bool craft = true;
	char *path;
	int c, i;

	while ((c = cmd_getopt(ctx, &cmd_check_entry, argc, argv, "", options)) != -1) {
		if (c != 'n')
			return cmd_getopt_status(c);
		craft = false;
	}
	if (optind >= argc)
		return cmd_usage_error("%s", _("check: no tree given"));
	for (i = optind; i < argc; i++) {
		/* A tree's name finds it as run finds it. */
		if (cmd_tree_find(argv[i], &path) != 0) {
			errors++;
			continue;
		}
		errors += check_one(ctx, path, craft);
		free(path);
	}
	return errors > 0 ? EXIT_INVALID : EXIT_SUCCESS;
}
