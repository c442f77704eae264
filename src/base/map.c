/* Open-addressing string hash map and interner. */
#include "base/map.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

uint32_t sv_hash(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

void sv_map_init(struct sv_map *m)
{
	m->slots = NULL;
	m->cap = m->len = 0;
}

void sv_map_release(struct sv_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	sv_map_init(m);
}

static struct sv_map_slot *probe(struct sv_map_slot *slots, size_t cap, const char *key,
				 size_t klen, uint32_t h)
{
	size_t i = h & (cap - 1);
	for (;;) {
		struct sv_map_slot *s = &slots[i];
		if (!s->key || (s->hash == h && s->klen == klen && !memcmp(s->key, key, klen)))
			return s;
		i = (i + 1) & (cap - 1);
	}
}

struct sv_map_slot *sv_map_find_hashed(const struct sv_map *m, const char *key, size_t klen,
				       uint32_t h)
{
	if (!m->cap)
		return NULL;
	struct sv_map_slot *s = probe(m->slots, m->cap, key, klen, h);
	return s->key ? s : NULL;
}

struct sv_map_slot *sv_map_find(const struct sv_map *m, const char *key, size_t klen)
{
	return m->cap ? sv_map_find_hashed(m, key, klen, sv_hash(key, klen)) : NULL;
}

static void rehash(struct sv_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct sv_map_slot *slots = sv_calloc(cap, sizeof(*slots));
	for (size_t i = 0; i < m->cap; i++) {
		struct sv_map_slot *o = &m->slots[i];
		if (o->key)
			*probe(slots, cap, o->key, o->klen, o->hash) = *o;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

struct sv_map_slot *sv_map_add(struct sv_map *m, const char *key, size_t klen, int *added)
{
	return sv_map_add_hashed(m, key, klen, sv_hash(key, klen), added);
}

struct sv_map_slot *sv_map_add_hashed(struct sv_map *m, const char *key, size_t klen, uint32_t h,
				      int *added)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		rehash(m);
	struct sv_map_slot *s = probe(m->slots, m->cap, key, klen, h);
	if (added)
		*added = !s->key;
	if (!s->key) {
		s->key = sv_strndup(key, klen);
		s->klen = (uint32_t)klen;
		s->hash = h;
		s->val = 0;
		m->len++;
	}
	return s;
}

uintptr_t sv_map_get(const struct sv_map *m, const char *key, uintptr_t dflt)
{
	struct sv_map_slot *s = sv_map_find(m, key, strlen(key));
	return s ? s->val : dflt;
}

void sv_map_put(struct sv_map *m, const char *key, uintptr_t val)
{
	sv_map_add(m, key, strlen(key), NULL)->val = val;
}

void sv_intern_init(struct sv_intern *in)
{
	sv_map_init(&in->map);
	in->strs = NULL;
	in->cap = 0;
	in->n = 1;
	SV_GROW(in->strs, in->cap, 1);
	in->strs[0] = NULL;
}

void sv_intern_release(struct sv_intern *in)
{
	sv_map_release(&in->map);
	free(in->strs);
	in->strs = NULL;
	in->n = in->cap = 0;
}

uint32_t sv_intern_add(struct sv_intern *in, const char *s, size_t n)
{
	int added;
	struct sv_map_slot *slot = sv_map_add(&in->map, s, n, &added);
	if (added) {
		SV_GROW(in->strs, in->cap, in->n + 1);
		slot->val = in->n;
		in->strs[in->n++] = slot->key;
	}
	return (uint32_t)slot->val;
}

uint32_t sv_intern_find(const struct sv_intern *in, const char *s, size_t n)
{
	struct sv_map_slot *slot = sv_map_find(&in->map, s, n);
	return slot ? (uint32_t)slot->val : 0;
}

const char *sv_intern_str(const struct sv_intern *in, uint32_t id)
{
	return id && id < in->n ? in->strs[id] : NULL;
}
