/* cmd-pot.c: `whyline pot TREE...`: the translatable strings of trees as
 * a gettext template on standard output, for translators (SPEC section
 * 6). Trees given together must share a gettext domain: one POT is one
 * catalog. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "i18n.h"
#include "pot.h"
#include "tree-cat.h"
#include "tree.h"
#include "util.h"

static int cmd_pot_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_pot_entry = {
	"pot", "TREE...",
	N_("write the strings of trees to translate, as a POT file"),
	cmd_pot_exec,
	NULL
};

/* The creation date: $SOURCE_DATE_EPOCH when set (reproducible builds),
 * else now; in UTC, as gettext writes it. */
static void
pot_date(char *out, size_t n)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;
	char *end;

	if (sde != NULL && *sde != '\0') {
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0)
			now = (time_t)v;
	}
	gmtime_r(&now, &tm);
	if (strftime(out, n, "%Y-%m-%d %H:%M+0000", &tm) == 0)
		snprintf(out, n, "1970-01-01 00:00+0000");
}

/* The POT of the trees named, or an exit status. */
static int
pot_build(char **paths, int n, char **out)
{
	struct pot *p = pot_new();
	char *domain = NULL, *project = NULL, date[64];
	int status = 0, i;

	for (i = 0; i < n; i++) {
		struct tree *t;
		char *d;

		if (cmd_tree_load(paths[i], &t) != 0) {
			status = EXIT_INVALID;
			continue;
		}
		d = tree_cat_domain(t);
		if (domain == NULL) {
			domain = d;
			project = t->version.s != NULL ?
			    xasprintf("%s %s", t->id.s, t->version.s) : xstrdup(t->id.s);
		} else if (strcmp(d, domain) != 0) {
			status = cmd_usage_error(_("pot: %s has the domain %s, not %s: "
			    "write one POT for each domain"), paths[i], d, domain);
			free(d);
			tree_free(t);
			break;
		} else {
			free(d);
		}
		pot_add_tree(p, t);
		tree_free(t);
	}
	if (status == 0) {
		pot_date(date, sizeof date);
		*out = pot_text(p, project, domain, date);
	}
	pot_free(p);
	free(domain);
	free(project);
	return status;
}

/* Writes the POT of the trees named. */
static int
cmd_pot_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *text = NULL, **paths;
	int c, i, n, status = 0;

	while ((c = cmd_getopt(ctx, &cmd_pot_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (optind >= argc)
		return cmd_usage_error("%s", _("pot: no tree given"));
	/* A tree's name finds it as run finds it. */
	n = argc - optind;
	paths = xcalloc((size_t)n, sizeof *paths);
	for (i = 0; i < n && status == 0; i++)
		status = cmd_tree_find(argv[optind + i], &paths[i]);
	if (status == 0)
		status = pot_build(paths, n, &text);
	if (status == 0)
		fputs(text, stdout);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(text);
	return status;
}
