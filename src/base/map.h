/* A string-keyed hash map (open addressing, FNV-1a) and a string interner.
 * The map copies keys into its own storage; values are opaque machine words
 * the caller owns. sv_map_release() frees keys and table, never values. */
#ifndef SV_BASE_MAP_H
#define SV_BASE_MAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* A faster hash, eight bytes a step, for tables whose order nobody sees
 * (sv_map's order shows in some outputs, so it keeps sv_hash). Never 0. */
static inline uint32_t sv_hash_fast(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
	size_t left = n;
	for (; left >= 8; p += 8, left -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	if (left) {
		/* the last bytes by loads of fixed size (overlapping) */
		if (n >= 8) {
			memcpy(&w, p + left - 8, 8);
		} else if (left >= 4) {
			uint32_t a, b;
			memcpy(&a, p, 4);
			memcpy(&b, p + left - 4, 4);
			w = a | (uint64_t)b << 32;
		} else {
			w = p[0] | (uint64_t)p[left / 2] << 8 | (uint64_t)p[left - 1] << 16;
		}
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
	}
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53u;
	h ^= h >> 32;
	return (uint32_t)h ? (uint32_t)h : 1;
}

void sv_map_init(struct sv_map *m);
void sv_map_release(struct sv_map *m);
/* Returns the slot for key, or NULL. */
struct sv_map_slot *sv_map_find(const struct sv_map *m, const char *key, size_t klen);
/* Returns the slot for key, inserting it with val 0 when absent (*added set
 * to 1 then, else 0; added may be NULL). The pointer is valid until the next
 * insertion. */
struct sv_map_slot *sv_map_add(struct sv_map *m, const char *key, size_t klen, int *added);
/* As sv_map_find() and sv_map_add() with the key's hash given, for a map
 * whose every key goes through these two with the same hash function (as
 * sv_hash_fast). */
struct sv_map_slot *sv_map_find_hashed(const struct sv_map *m, const char *key, size_t klen,
				       uint32_t h);
struct sv_map_slot *sv_map_add_hashed(struct sv_map *m, const char *key, size_t klen, uint32_t h,
				      int *added);
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
