/* catalog.h: a GNU .mo message catalog read into memory, to look strings up
 * in one language without switching the process's locale (gettext has no
 * call for that). A catalog may come from anyone (a tree from another team
 * ships its own), so every offset and length in it is checked. */
#ifndef WHYLINE_CATALOG_H
#define WHYLINE_CATALOG_H

#define CATALOG_MAX_SIZE (16u * 1024 * 1024)	/* a larger file is refused */

struct catalog;

/* Reads the .mo file at path. NULL with *err (owned) saying why when it
 * cannot be read, is larger than CATALOG_MAX_SIZE or is not a valid
 * catalog. */
struct catalog *catalog_open(const char *path, char **err);
/* The translation of msgid (borrowed from c, valid until catalog_free), or
 * NULL when c has none or an empty one. The header (msgid "") is never
 * returned; an entry with plural forms answers its singular msgid with its
 * first form. */
const char *catalog_get(const struct catalog *c, const char *msgid);
void catalog_free(struct catalog *c);

#endif
