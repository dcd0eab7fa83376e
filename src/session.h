/* session.h: a stored session brought back to life: its row, its tree (the
 * file or the copy kept in the database), and an engine holding its current
 * answers, and its tree's catalog for the language asked for. Used by
 * resume, brief, show and export. It never touches the program's own
 * language: the command that loads a session switches it (lang_set). */
#ifndef WHYLINE_SESSION_H
#define WHYLINE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "engine.h"
#include "hmap.h"
#include "store.h"
#include "tree.h"
#include "tree-cat.h"

/* Kept trees already read, by SHA-256 and path, each with an engine whose
 * compiled conditions the sessions' engines borrow: a command that loads
 * many sessions (export) reads each tree and compiles its conditions once.
 * A zeroed struct is empty. */
struct shared_tree;
struct session_trees {
	struct hmap by_key;
	struct shared_tree **v;
	size_t n, cap;
};

struct session {
	struct session_row row;
	struct tree *tree;
	struct engine *engine;
	char *lang;		/* the language of its tree strings; NULL: as written */
	struct tree_cat cat;	/* the tree's catalog for lang */
	struct answer_lang al;	/* translates through cat */
	bool changed;		/* the tree file changed since the session began */
	bool from_copy;		/* the file could not be used: the kept copy was */
	size_t aside;		/* stored rows that no longer fit the tree */
	struct buf aside_questions;	/* their questions, each once: "a, b" */
	char *file_error;	/* from_copy: the file's first error, or NULL */
	struct session_trees *trees;	/* see session_load_shared */
	struct shared_tree *shared;	/* the tree is trees' (borrowed) */
	/* Every stored answer row, superseded ones too, in the order
	 * written: read once for the engine, the history and the clock. */
	struct answer_rows answers;
};

enum session_status {
	SESSION_OK,
	SESSION_NOT_FOUND,		/* no such session, or the prefix is ambiguous */
	SESSION_BAD_TREE,		/* neither the file nor the copy can be used */
	SESSION_STORAGE
};

enum session_tree {
	SESSION_TREE_KEPT,		/* the copy the answers were given to (briefs) */
	SESSION_TREE_FILE		/* the file as it is now, if it checks (resume) */
};

/* Loads session prefix (NULL: the latest) from s, its tree's strings in
 * language lang (NULL: the session's own, when it recorded one), their
 * catalog searched for in locale_dir first. On failure *err (owned) says
 * why; the catalog is open whenever out->tree is set. */
enum session_status session_load(struct session *out, struct store *s, const char *prefix,
    enum session_tree which, const char *lang, const char *locale_dir, char **err);
/* Like session_load, for a command that loads many sessions: a kept tree
 * is read once into trees (which must outlive the session) and borrowed. */
enum session_status session_load_shared(struct session *out, struct store *s,
    const char *prefix, enum session_tree which, const char *lang,
    const char *locale_dir, struct session_trees *trees, char **err);
/* The tree's file as recorded, or words that say none was, for messages. */
const char *session_tree_name(const struct session *ss);
/* Switches the tree's strings to language ll (NULL: as written), looking
 * for its catalog in locale_dir first. */
void session_set_lang(struct session *ss, const char *ll, const char *locale_dir);
void session_clear(struct session *ss);
/* The session's tree as the store keeps it (store_session_start,
 * store_session_set_tree): its source, and its model, made in model (the
 * caller frees it). */
void session_tree_copy(const struct session *ss, struct buf *model,
    struct store_tree *out);
void session_trees_free(struct session_trees *st);

#endif
