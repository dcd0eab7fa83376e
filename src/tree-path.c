/* tree-path.c: trees found by name in $WHYLINE_PATH, the user's data
 * folder and the installed interviews folder. */
#include "config.h"

#include "tree-path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Adds a copy of the n bytes of dir to dirs, unless empty. */
static void
dirs_add(struct tree_dirs *dirs, const char *dir, size_t n)
{
	if (n == 0)
		return;
	dirs->v = xrealloc(dirs->v, (dirs->n + 1) * sizeof *dirs->v);
	dirs->v[dirs->n++] = xstrndup(dir, n);
}

/* Fills dirs with the folders searched, in order. */
void
tree_dirs_get(struct tree_dirs *dirs, const char *installed)
{
	const char *path = getenv("WHYLINE_PATH");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *user = NULL;
	size_t n;

	dirs->v = NULL;
	dirs->n = 0;
	while (path != NULL && *path != '\0') {
		n = strcspn(path, ":");
		dirs_add(dirs, path, n);
		path += n;
		if (*path == ':')
			path++;
	}
	/* XDG: a relative $XDG_DATA_HOME is invalid and ignored. */
	if (xdg != NULL && *xdg == '/')
		user = xasprintf("%s/whyline/interviews", xdg);
	else if (home != NULL && *home != '\0')
		user = xasprintf("%s/.local/share/whyline/interviews", home);
	if (user != NULL)
		dirs_add(dirs, user, strlen(user));
	free(user);
	if (installed != NULL)
		dirs_add(dirs, installed, strlen(installed));
}

void
tree_dirs_free(struct tree_dirs *dirs)
{
	size_t i;

	for (i = 0; i < dirs->n; i++)
		free(dirs->v[i]);
	free(dirs->v);
	dirs->v = NULL;
	dirs->n = 0;
}

/* True when s ends with suffix. */
static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* True when name is a tree file's name. */
bool
tree_path_is_tree_file(const char *name)
{
	return name[0] != '.' && (ends_with(name, ".yaml") || ends_with(name, ".yml"));
}

/* True when arg is a name, not a file. */
bool
tree_path_is_name(const char *arg)
{
	struct stat st;

	return *arg != '\0' && strcmp(arg, "-") != 0 && strchr(arg, '/') == NULL &&
	    !ends_with(arg, ".yaml") && !ends_with(arg, ".yml") &&
	    stat(arg, &st) != 0;
}

/* The file of the tree named name in the first folder that has it. */
char *
tree_path_find(const struct tree_dirs *dirs, const char *name)
{
	static const char *const exts[] = { ".yaml", ".yml" };
	struct stat st;
	char *path;
	size_t i, k;

	for (i = 0; i < dirs->n; i++)
		for (k = 0; k < sizeof exts / sizeof *exts; k++) {
			path = xasprintf("%s/%s%s", dirs->v[i], name, exts[k]);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				return path;
			free(path);
		}
	return NULL;
}

/* The tree named name in the default folders. */
char *
tree_path_find_default(const char *name)
{
	struct tree_dirs dirs;
	char *path;

	if (*name == '\0' || strchr(name, '/') != NULL)
		return NULL;
	tree_dirs_get(&dirs, TREE_PATH_INSTALLED);
	path = tree_path_find(&dirs, name);
	tree_dirs_free(&dirs);
	return path;
}

/* The tree file for arg: itself, or found by name. */
char *
tree_path_resolve(const char *arg)
{
	return tree_path_is_name(arg) ? tree_path_find_default(arg) : xstrdup(arg);
}
