/* catalog.c: a GNU .mo message catalog read into memory and looked up by
 * msgid ("The Format of GNU MO Files" in the gettext manual): a header of
 * 32-bit words (magic, revision, N, offset of the originals' table, offset
 * of the translations' table, then a hash table this module does not use),
 * and two tables of N {length, offset} pairs, each pointing at a string
 * with a NUL after its length. Every pair is checked against the file's
 * size before anything is read through it; the entries then go into a hash
 * map, so that a lookup never trusts the file's order. */
#include "config.h"

#include "catalog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hmap.h"
#include "i18n.h"
#include "util.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_HEADER 28		/* bytes of the header this module reads */

struct catalog {
	char *data;		/* the whole file */
	size_t size;
	bool swapped;		/* written with the other byte order */
	struct hmap map;	/* msgid -> translation, both into data */
};

/* The 32-bit word at off (off + 4 <= c->size), in the file's byte order. */
static uint32_t
word_at(const struct catalog *c, uint64_t off)
{
	uint32_t w;

	memcpy(&w, c->data + off, sizeof w);
	if (c->swapped)
		w = (w >> 24) | ((w >> 8) & 0xff00u) | ((w << 8) & 0xff0000u) | (w << 24);
	return w;
}

/* Reads the regular file at path whole into c, refusing one larger than
 * CATALOG_MAX_SIZE; NULL on success, else why (owned). */
static char *
read_file(struct catalog *c, const char *path)
{
	struct stat st;
	size_t cap = 0;
	ssize_t n;
	char *why = NULL;
	int fd;

	/* O_NONBLOCK: a FIFO in a catalog's place must not hang the open. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return xasprintf("%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		why = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		why = xasprintf(_("%s: not a regular file"), path);
		goto out;
	}
	/* The file may grow while it is read: read up to one byte past the
	 * cap, whatever fstat said. */
	for (;;) {
		if (c->size == cap)
			xgrow(&c->data, &cap, c->size + 65536, 1);
		n = read(fd, c->data + c->size, cap - c->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			why = xasprintf("%s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		c->size += (size_t)n;
		if (c->size > CATALOG_MAX_SIZE) {
			why = xasprintf(_("%s: a catalog larger than %u MiB is refused"),
			    path, CATALOG_MAX_SIZE / (1024 * 1024));
			goto out;
		}
	}
out:
	close(fd);
	return why;
}

/* The string of the {length, offset} pair at off in a table: NULL when the
 * pair points outside the file or the string has no NUL after its length.
 * The string may hold NULs of its own (plural forms): read as a C string,
 * it is its first form. */
static char *
entry_at(const struct catalog *c, uint64_t off, uint32_t *len)
{
	uint32_t at;

	*len = word_at(c, off);
	at = word_at(c, off + 4);
	if ((uint64_t)at + *len >= c->size || c->data[(uint64_t)at + *len] != '\0')
		return NULL;
	return c->data + at;
}

/* Checks the header and every entry of c and fills its map; NULL on
 * success, else why (owned). */
static char *
index_entries(struct catalog *c, const char *path)
{
	uint32_t magic, n, orig, trans, i, olen, tlen;
	char *msgid, *msgstr;

	if (c->size < MO_HEADER)
		return xasprintf(_("%s: not a GNU message catalog (.mo)"), path);
	memcpy(&magic, c->data, sizeof magic);
	if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
		return xasprintf(_("%s: not a GNU message catalog (.mo)"), path);
	c->swapped = magic == MO_MAGIC_SWAPPED;
	/* Major revisions 0 and 1 share the layout read here. */
	if (word_at(c, 4) >> 16 > 1)
		return xasprintf(_("%s: unknown catalog revision %u"), path,
		    (unsigned)(word_at(c, 4) >> 16));
	n = word_at(c, 8);
	orig = word_at(c, 12);
	trans = word_at(c, 16);
	if ((uint64_t)orig + (uint64_t)n * 8 > c->size ||
	    (uint64_t)trans + (uint64_t)n * 8 > c->size)
		return xasprintf(_("%s: damaged catalog: its tables lie past its end"), path);
	for (i = 0; i < n; i++) {
		msgid = entry_at(c, (uint64_t)orig + (uint64_t)i * 8, &olen);
		msgstr = entry_at(c, (uint64_t)trans + (uint64_t)i * 8, &tlen);
		if (msgid == NULL || msgstr == NULL)
			return xasprintf(_("%s: damaged catalog: entry %u lies past its end"),
			    path, (unsigned)i + 1);
		/* The header (msgid "") and empty translations answer
		 * nothing; of twice the same msgid, the first counts. */
		if (*msgid == '\0' || *msgstr == '\0' || hmap_get(&c->map, msgid) != NULL)
			continue;
		hmap_put(&c->map, msgid, msgstr);
	}
	return NULL;
}

/* Reads a catalog. */
struct catalog *
catalog_open(const char *path, char **err)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	char *why = read_file(c, path);

	if (why == NULL)
		why = index_entries(c, path);
	if (why != NULL) {
		catalog_free(c);
		*err = why;
		return NULL;
	}
	return c;
}

/* The translation of msgid, or NULL. */
const char *
catalog_get(const struct catalog *c, const char *msgid)
{
	if (c == NULL || msgid == NULL || *msgid == '\0')
		return NULL;
	return hmap_get(&c->map, msgid);
}

/* Frees a catalog. */
void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	hmap_free(&c->map);
	free(c->data);
	free(c);
}
