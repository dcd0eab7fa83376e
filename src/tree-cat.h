/* tree-cat.h: a tree's catalog: the translations of its strings into one
 * language, read from the .mo file a session uses (SPEC section 6), and
 * looked up without touching the process's language. */
#ifndef WHYLINE_TREE_CAT_H
#define WHYLINE_TREE_CAT_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "hmap.h"
#include "tree-strs.h"
#include "tree.h"

/* A zeroed struct translates nothing: strings stay as written. */
struct tree_cat {
	/* The catalog for the language as asked ("fr_CA"), then for the
	 * language alone ("fr"), as gettext would look: either may be NULL. */
	struct catalog *cat[2];
	char *dir;		/* the folder they are in; NULL: none was found */
	/* The context of each of the tree's strings ("question budget:
	 * ask", as `whyline pot` writes it), by the string's address. */
	struct tree_str *strs;
	size_t nstrs;
	char **addrs;		/* the map's keys, owned */
	struct hmap ctx;	/* "%p" of a string -> its tree_str */
};

#define TREE_CAT_NDIRS 3

/* The gettext domain of t's strings: its `domain`, else whyline-ID
 * (owned). */
char *tree_cat_domain(const struct tree *t);
/* The folders searched for t's catalogs, in order: locale_dir (unless
 * NULL), locale/ beside the tree, the installed folder. Fills dirs with
 * owned strings and returns how many (at most TREE_CAT_NDIRS). */
size_t tree_cat_dirs(const struct tree *t, const char *locale_dir, char **dirs);
/* Opens t's catalog for language ll (NULL or "": none) from the first of
 * those folders that has one, for ll or for its language alone; a
 * catalog that cannot be read is left out, as gettext leaves it out.
 * Whatever tc held is freed first. */
void tree_cat_open(struct tree_cat *tc, const struct tree *t,
    const char *locale_dir, const char *ll);
/* The translation of the tree string msgid (borrowed from tc, valid until
 * it is opened again or cleared), or NULL when there is none. A string of
 * the tree is looked up in its context first (msgctxt), then alone, so
 * that catalogs made before contexts keep working. */
const char *tree_cat_get(const struct tree_cat *tc, const char *msgid);
/* Translates a tree string, msgid itself when there is no translation
 * (answer_tr_fn; arg is a struct tree_cat). */
const char *tree_cat_tr(void *arg, const char *msgid);
void tree_cat_clear(struct tree_cat *tc);
/* Whether language ll has whyline's catalog (locale_dir first, then the
 * installed one; English needs none) and t's catalog (or t is written in
 * ll). */
void tree_cat_lang_catalogs(const struct tree *t, const char *locale_dir, const char *ll,
    bool *own, bool *tree);
/* Why t cannot be asked in ll, naming the languages it can (owned): run
 * --lang and /lang refuse a language with neither catalog. NULL when it
 * can. */
char *tree_cat_lang_refusal(const struct tree *t, const char *locale_dir, const char *ll);

#endif
