/* A string-keyed hash map (open addressing, FNV-1a) and a string interner.
 * The map copies keys into its own storage; values are opaque machine words
 * the caller owns. sv_map_release() frees keys and table, never values. */
#ifndef SV_BASE_MAP_H
#define SV_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>

struct sv_map_slot {
	char *key;     /* owned copy; NULL when the slot is empty */
	uint32_t hash; /* cached hash of key */
	uint32_t klen; /* key length in bytes */
	uintptr_t val; /* caller's value */
};

struct sv_map {
	struct sv_map_slot *slots; /* owned */
	size_t cap;                /* power of two, or 0 */
	size_t len;                /* keys stored */
};

#define SV_MAP_INIT { NULL, 0, 0 }

uint32_t sv_hash(const void *data, size_t n);
void sv_map_init(struct sv_map *m);
void sv_map_release(struct sv_map *m);
/* Returns the slot for key, or NULL. */
struct sv_map_slot *sv_map_find(const struct sv_map *m, const char *key, size_t klen);
/* Returns the slot for key, inserting it with val 0 when absent (*added set
 * to 1 then, else 0; added may be NULL). The pointer is valid until the next
 * insertion. */
struct sv_map_slot *sv_map_add(struct sv_map *m, const char *key, size_t klen, int *added);
/* Convenience for NUL-terminated keys. */
uintptr_t sv_map_get(const struct sv_map *m, const char *key, uintptr_t dflt);
void sv_map_put(struct sv_map *m, const char *key, uintptr_t val);

/* Interns strings as dense ids 1..n (0 = none). Ids stay valid for the life
 * of the interner; sv_intern_str() borrows the stored copy. */
struct sv_intern {
	struct sv_map map; /* key -> id */
	char **strs;       /* strs[id] borrowed from map keys; strs[0] = NULL */
	size_t n, cap;     /* ids 1..n-1 in use; n starts at 1 */
};

void sv_intern_init(struct sv_intern *in);
void sv_intern_release(struct sv_intern *in);
uint32_t sv_intern_add(struct sv_intern *in, const char *s, size_t n);
uint32_t sv_intern_find(const struct sv_intern *in, const char *s, size_t n);
const char *sv_intern_str(const struct sv_intern *in, uint32_t id);
static inline size_t sv_intern_count(const struct sv_intern *in) { return in->n - 1; }

#endif
