/* A hash map from 64-bit keys to 32-bit values (open addressing, linear probing), for pairs
 * of 32-bit ids packed as (a << 32 | b). Keys and values live in the map's own table, freed
 * by sv_map64_release(). The key UINT64_MAX cannot be stored (slots hold key + 1). */
#ifndef SV_BASE_MAP64_H
#define SV_BASE_MAP64_H

#include <stddef.h>
#include <stdint.h>

struct sv_map64 {
	uint64_t *keys; /* owned: key + 1 per slot, 0 when the slot is empty */
	uint32_t *vals; /* owned: the value of each slot */
	size_t cap;     /* slots (a power of two, or 0) */
	size_t len;     /* keys stored */
};

#define SV_MAP64_INIT { NULL, NULL, 0, 0 }

/* The value stored for key, or NULL when absent. */
uint32_t *sv_map64_find(const struct sv_map64 *m, uint64_t key);
/* The value stored for key, inserted as 0 when absent. The pointer is valid until the next
 * sv_map64_add(). */
uint32_t *sv_map64_add(struct sv_map64 *m, uint64_t key);
void sv_map64_release(struct sv_map64 *m);

/* Walking every entry: for (i = 0; i < m.cap; i++) if (m.keys[i]) use key m.keys[i] - 1 and
 * m.vals[i]; the order is the table's (fixed for a given sequence of insertions). */

#endif
