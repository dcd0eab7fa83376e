/* hmap.c: a hash map from borrowed strings to borrowed pointers (open
 * addressing with linear probing; it only grows). */
#include "config.h"

#include "hmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct hmap_slot {
	const char *key;
	void *value;
	uint32_t hash;
};

/* FNV-1a over the bytes of s. */
static uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Finds the slot of key, or the empty slot where it would go. */
static struct hmap_slot *
slot_find(const struct hmap *m, const char *key, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	for (;;) {
		struct hmap_slot *s = &m->slots[i];

		if (s->key == NULL || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

/* Doubles the table. */
static void
rehash(struct hmap *m)
{
	struct hmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap = oldcap ? oldcap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*slot_find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

/* Returns the value stored for key, or NULL. */
void *
hmap_get(const struct hmap *m, const char *key)
{
	if (m->n == 0)
		return NULL;
	return slot_find(m, key, hash_str(key))->value;
}

/* Stores value under key and returns the value it replaced. */
void *
hmap_put(struct hmap *m, const char *key, void *value)
{
	uint32_t h = hash_str(key);
	struct hmap_slot *s;
	void *old;

	if ((m->n + 1) * 4 > m->cap * 3)
		rehash(m);
	s = slot_find(m, key, h);
	old = s->value;
	if (s->key == NULL) {
		s->key = key;
		s->hash = h;
		m->n++;
	}
	s->value = value;
	return old;
}

/* Frees the table (not the keys or values). */
void
hmap_free(struct hmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}
