/* session.h: a stored session brought back to life: its row, its tree (the
 * file or the copy kept in the database), and an engine holding its current
 * answers, and its tree's catalog for the language asked for. Used by
 * resume, brief, show and export. It never touches the program's own
 * language: the command that loads a session switches it (lang_set). */
#ifndef WHYLINE_SESSION_H
#define WHYLINE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "store.h"
#include "tree.h"
#include "tree-cat.h"

struct sess {
	struct session row;
	struct tree *tree;
	struct engine *engine;
	char *lang;		/* the language of its tree strings; NULL: as written */
	struct tree_cat cat;	/* the tree's catalog for lang */
	struct answer_lang al;	/* translates through cat */
	bool changed;		/* the tree file changed since the session began */
	bool from_copy;		/* the file could not be used: the kept copy was */
	size_t aside;		/* stored rows that no longer fit the tree */
};

enum sess_status {
	SESS_OK,
	SESS_NOT_FOUND,		/* no such session, or the prefix is ambiguous */
	SESS_BAD_TREE,		/* neither the file nor the copy can be used */
	SESS_STORAGE
};

enum sess_tree {
	SESS_TREE_KEPT,		/* the copy the answers were given to (briefs) */
	SESS_TREE_FILE		/* the file as it is now, if it checks (resume) */
};

/* Loads session prefix (NULL: the latest) from s, its tree's strings in
 * language lang (NULL: the session's own, when it recorded one), their
 * catalog searched for in locale_dir first. On failure *err (owned) says
 * why; the catalog is open whenever out->tree is set. */
enum sess_status sess_load(struct sess *out, struct store *s, const char *prefix,
    enum sess_tree which, const char *lang, const char *locale_dir, char **err);
/* The tree's file as recorded, or words that say none was, for messages. */
const char *sess_tree_name(const struct sess *ss);
/* Switches the tree's strings to language ll (NULL: as written), looking
 * for its catalog in locale_dir first. */
void sess_set_lang(struct sess *ss, const char *ll, const char *locale_dir);
void sess_clear(struct sess *ss);

#endif
