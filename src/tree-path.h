/* tree-path.h: trees found by name: `whyline run five-whys` looks for
 * five-whys.yaml in $WHYLINE_PATH, the user's folder and the installed one. */
#ifndef WHYLINE_TREE_PATH_H
#define WHYLINE_TREE_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* The folders searched, in order. */
struct tree_dirs {
	char **v;		/* owned */
	size_t n;
};

/* Fills dirs with the folders searched for a tree by name, in order: each
 * folder of $WHYLINE_PATH (colon-separated, empty ones left out), then
 * $XDG_DATA_HOME/whyline/interviews (else ~/.local/share/whyline/
 * interviews), then installed (the installed interviews folder). */
void tree_dirs_get(struct tree_dirs *dirs, const char *installed);
void tree_dirs_free(struct tree_dirs *dirs);

/* True when arg is a tree's name rather than a file: no file is there, it
 * holds no slash and it does not end in .yaml or .yml. */
bool tree_path_is_name(const char *arg);
/* The file of the tree named name (DIR/NAME.yaml, then DIR/NAME.yml) in the
 * first of dirs that has it (owned), or NULL. */
char *tree_path_find(const struct tree_dirs *dirs, const char *name);
/* The installed interviews folder. */
#define TREE_PATH_INSTALLED PKGDATADIR "/interviews"
/* The installed JSON Schema of the tree format. */
#define TREE_PATH_SCHEMA PKGDATADIR "/tree.schema.json"

/* The file of the tree named name in the default folders (tree_dirs_get
 * with TREE_PATH_INSTALLED), owned, or NULL. */
char *tree_path_find_default(const char *name);
/* The tree file to use for arg (owned): arg itself when it names a file,
 * else the tree found by name in the default folders, else NULL. */
char *tree_path_resolve(const char *arg);
/* True when name is a tree file's name: it ends in .yaml or .yml and does
 * not begin with a dot. */
bool tree_path_is_tree_file(const char *name);

#endif
