/* hmap.c: a hash map from borrowed strings to borrowed pointers (open
 * addressing with linear probing; it only grows). */
#include "config.h"

#include "hmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

struct hmap_slot {
	const char *key;
	void *value;
	uint32_t hash;
};

/* The bytes of s eight at a time, each word mixed in by a multiply from a
 * start changed by the map's seed and the length, then mixed again
 * (MurmurHash3's finalizer) so that the slot, taken from the low bits,
 * depends on every bit. A multiply per word, not per byte: hashing is
 * bound by the multiplies' latency, and messages and answers are long. */
uint32_t
hmap_hash(uint32_t seed, const char *s)
{
	size_t n = strlen(s), i;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed << 32 | (uint32_t)n), w;
	uint32_t r;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	for (w = 0, i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)s[i] << (8 * i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	r = (uint32_t)(h ^ h >> 32);
	r ^= r >> 16;
	r *= 0x85ebca6bu;
	r ^= r >> 13;
	r *= 0xc2b2ae35u;
	r ^= r >> 16;
	return r;
}

/* A seed for a new map: random bits drawn from the kernel once per process
 * (a check makes a map for each choice question: one system call each
 * would show), mixed with the map's address, which differs between maps
 * and, with address randomisation, between runs; the address alone if the
 * draw failed. */
uint32_t
hmap_seed(const void *m)
{
	static uint32_t drawn;
	static bool tried;

	if (!tried) {
		tried = true;
		if (getentropy(&drawn, sizeof drawn) != 0)
			drawn = 0;
	}
	return drawn ^ (uint32_t)((uintptr_t)m >> 4) * 2654435761u;
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

	if (oldcap == 0)
		m->seed = hmap_seed(m);
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
	return slot_find(m, key, hmap_hash(m->seed, key))->value;
}

/* The slot of key, made when it is not there (its value NULL). */
static struct hmap_slot *
slot_take(struct hmap *m, const char *key)
{
	struct hmap_slot *s;
	uint32_t h;

	if ((m->n + 1) * 4 > m->cap * 3)
		rehash(m);
	h = hmap_hash(m->seed, key);
	s = slot_find(m, key, h);
	if (s->key == NULL) {
		s->key = key;
		s->hash = h;
		s->value = NULL;
		m->n++;
	}
	return s;
}

/* Stores value under key and returns the value it replaced. */
void *
hmap_put(struct hmap *m, const char *key, void *value)
{
	struct hmap_slot *s = slot_take(m, key);
	void *old = s->value;

	s->value = value;
	return old;
}

/* Stores value under key unless key has one: returns that one, or NULL
 * when value was stored. One hash where hmap_get and hmap_put make two. */
void *
hmap_put_new(struct hmap *m, const char *key, void *value)
{
	struct hmap_slot *s = slot_take(m, key);

	if (s->value != NULL)
		return s->value;
	s->value = value;
	return NULL;
}

/* Frees the table (not the keys or values). */
void
hmap_free(struct hmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* Adds a copy of s, once. */
bool
strset_add(struct strset *set, const char *s)
{
	char *copy;

	if (hmap_get(&set->seen, s) != NULL)
		return false;
	copy = xstrdup(s);
	xgrow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
	set->v[set->n++] = copy;
	hmap_put(&set->seen, copy, copy);
	return true;
}

/* Adds s, taken, unless the set holds it already; the set's copy. */
const char *
strset_take(struct strset *set, char *s)
{
	const char *had = hmap_put_new(&set->seen, s, s);

	if (had != NULL) {
		free(s);
		return had;
	}
	xgrow(&set->v, &set->cap, set->n + 1, sizeof *set->v);
	set->v[set->n++] = s;
	return s;
}

/* True when the set holds s. */
bool
strset_has(const struct strset *set, const char *s)
{
	return hmap_get(&set->seen, s) != NULL;
}

/* Frees the strings and the set. */
void
strset_free(struct strset *set)
{
	hmap_free(&set->seen);
	while (set->n > 0)
		free(set->v[--set->n]);
	free(set->v);
	set->v = NULL;
	set->cap = 0;
}
