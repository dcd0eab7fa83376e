/* cmd-trees.c: `whyline trees`: the trees `whyline run NAME` can find, in
 * the order they are looked for, with their id, version, languages, title
 * and file. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "cmd.h"
#include "i18n.h"
#include "tree-cat.h"
#include "tree-path.h"
#include "util.h"

static int cmd_trees_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_trees_entry = {
	"trees", "",
	N_("list the trees that 'whyline run NAME' finds, and where"),
	cmd_trees_exec,
	NULL
};

#define NCOLS 6

/* One line of the table. */
struct trees_line {
	char *cell[NCOLS];	/* name, id, version, languages, title, file */
};

struct trees_out {
	struct trees_line *v;
	size_t n;
};

/* Adds ll to langs ("en fr"), unless there already. */
static void
language_add(struct buf *langs, const char *ll)
{
	char *padded = xasprintf(" %s ", buf_str(langs)), *word = xasprintf(" %s ", ll);

	if (strstr(padded, word) == NULL)
		buf_printf(langs, "%s%s", langs->len > 0 ? " " : "", ll);
	free(word);
	free(padded);
}

/* Adds to langs each language with a catalog of domain in dir (DIR/LL/
 * LC_MESSAGES/DOMAIN.mo). */
static void
languages_in(struct buf *langs, const char *dir, const char *domain)
{
	struct dirent **names = NULL;
	char *mo;
	FILE *fp;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			mo = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dir, names[i]->d_name, domain);
			fp = fopen(mo, "rb");
			if (fp != NULL) {
				fclose(fp);
				language_add(langs, names[i]->d_name);
			}
			free(mo);
		}
		free(names[i]);
	}
	free(names);
}

/* The languages t speaks: its own, then each it has a catalog for. */
static char *
tree_languages(const struct tree *t, const char *locale_dir)
{
	char *dirs[TREE_CAT_NDIRS], *domain = tree_cat_domain(t);
	struct buf out = { 0 };
	size_t n = tree_cat_dirs(t, locale_dir, dirs), i;

	language_add(&out, t->language.s != NULL ? t->language.s : "en");
	for (i = 0; i < n; i++) {
		languages_in(&out, dirs[i], domain);
		free(dirs[i]);
	}
	free(domain);
	return buf_take(&out);
}

/* Adds the line of the tree in path, found under name. */
static void
add_tree(struct trees_out *o, const struct cmd_ctx *ctx, const char *path,
    const char *name, bool hidden)
{
	struct diags d = { 0 };
	struct tree *t = check_load(path, false, &d);
	struct trees_line *l;
	size_t i;

	o->v = xrealloc(o->v, (o->n + 1) * sizeof *o->v);
	l = &o->v[o->n++];
	l->cell[0] = xstrdup(name);
	if (t != NULL) {
		l->cell[1] = xstrdup(t->id.s);
		l->cell[2] = xstrdup(t->version.s != NULL ? t->version.s : "-");
		l->cell[3] = tree_languages(t, ctx->locale_dir);
		l->cell[4] = xstrdup(t->title.s != NULL ? t->title.s : "");
	} else {
		l->cell[1] = xstrdup("-");
		l->cell[2] = xstrdup("-");
		l->cell[3] = xstrdup("-");
		/* TRANSLATORS: in the title column of `whyline trees`. */
		l->cell[4] = xstrdup(_("(has errors: see whyline check)"));
	}
	l->cell[5] = hidden ?
	    /* TRANSLATORS: a tree file whose name an earlier folder has too. */
	    xasprintf(_("%s (hidden by the one above)"), path) : xstrdup(path);
	/* Titles, ids and paths come from files: no control character reaches
	 * the terminal. */
	for (i = 0; i < NCOLS; i++) {
		char *c = str_terminal(l->cell[i], false);

		free(l->cell[i]);
		l->cell[i] = c;
	}
	diags_free(&d);
	tree_free(t);
}

/* True when a line of o already has name. */
static bool
seen(const struct trees_out *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->v[i].cell[0], name) == 0)
			return true;
	return false;
}

/* Adds the trees of one folder, in the order of their names. */
static void
add_dir(struct trees_out *o, const struct cmd_ctx *ctx, const char *dir)
{
	struct dirent **names = NULL;
	char *path, *name;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (tree_path_is_tree_file(names[i]->d_name)) {
			path = xasprintf("%s/%s", dir, names[i]->d_name);
			name = xstrndup(names[i]->d_name,
			    strlen(names[i]->d_name) - strlen(strrchr(names[i]->d_name, '.')));
			add_tree(o, ctx, path, name, seen(o, name));
			free(name);
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* Prints the table, each column as wide as its widest cell. */
static void
print_table(const struct trees_out *o)
{
	const char *head[NCOLS] = {
		/* TRANSLATORS: the headers of `whyline trees`. */
		_("NAME"), _("ID"), _("VERSION"), _("LANGUAGES"), _("TITLE"), _("FILE")
	};
	size_t w[NCOLS], i, k;

	for (k = 0; k < NCOLS; k++) {
		w[k] = str_width(head[k]);
		for (i = 0; i < o->n; i++)
			if (str_width(o->v[i].cell[k]) > w[k])
				w[k] = str_width(o->v[i].cell[k]);
	}
	for (i = 0; i <= o->n; i++)
		for (k = 0; k < NCOLS; k++) {
			const char *s = i == 0 ? head[k] : o->v[i - 1].cell[k];

			fputs(s, stdout);
			if (k + 1 < NCOLS)
				printf("%*s", (int)(w[k] - str_width(s) + 2), "");
			else
				putchar('\n');
		}
}

/* Lists the trees found by name. */
static int
cmd_trees_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct trees_out o = { 0 };
	struct tree_dirs dirs;
	size_t i, k;
	int c;

	while ((c = cmd_getopt(ctx, &cmd_trees_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (optind < argc)
		return cmd_usage_error("%s", _("trees: no argument expected"));
	tree_dirs_get(&dirs, TREE_PATH_INSTALLED);
	for (i = 0; i < dirs.n; i++)
		add_dir(&o, ctx, dirs.v[i]);
	if (o.n == 0) {
		fputs(_("No tree found. Looked in:\n"), stdout);
		for (i = 0; i < dirs.n; i++)
			printf("  %s\n", dirs.v[i]);
	} else
		print_table(&o);
	for (i = 0; i < o.n; i++)
		for (k = 0; k < NCOLS; k++)
			free(o.v[i].cell[k]);
	free(o.v);
	tree_dirs_free(&dirs);
	return 0;
}
