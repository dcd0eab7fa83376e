/* hmap.h: a hash map from borrowed strings to borrowed pointers. */
#ifndef WHYLINE_HMAP_H
#define WHYLINE_HMAP_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

/* Keys and values are borrowed: the map never frees them, and keys must live
 * as long as the map. A zeroed struct is an empty map. Its hash is seeded
 * at random when it first needs room, so that no file can choose keys that
 * collide; nothing depends on the order of the slots. */
struct hmap {
	struct hmap_slot *slots;
	size_t cap;
	size_t n;
	uint32_t seed;
};

/* Returns the value for key, or NULL. */
void *hmap_get(const struct hmap *m, const char *key);
/* Sets key to value; returns the value it replaced, or NULL. */
void *hmap_put(struct hmap *m, const char *key, void *value);
/* Sets key to value (not NULL) unless key has a value: returns that
 * value, or NULL when it set value. */
void *hmap_put_new(struct hmap *m, const char *key, void *value);
void hmap_free(struct hmap *m);
/* The map's hash of s under seed, for an index of its own. */
uint32_t hmap_hash(uint32_t seed, const char *s);
/* A new random seed, mixed with the address p (see hmap.c). */
uint32_t hmap_seed(const void *p);

/* A list of owned strings in the order they were first added, each once
 * (found in constant time). A zeroed struct is an empty set. */
struct strset {
	char **v;
	size_t n, cap;
	struct hmap seen;
};

/* Adds a copy of s unless the set holds it already; true when added. */
bool strset_add(struct strset *set, const char *s);
/* Adds s, which the set takes (and frees at once when it holds it
 * already); returns the set's string equal to s. */
const char *strset_take(struct strset *set, char *s);
/* True when the set holds s. */
bool strset_has(const struct strset *set, const char *s);
void strset_free(struct strset *set);

#endif
