/* hmap.h: a hash map from borrowed strings to borrowed pointers. */
#ifndef WHYLINE_HMAP_H
#define WHYLINE_HMAP_H

#include <stddef.h>
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
void hmap_free(struct hmap *m);

#endif
