/* The 64-bit-key hash map of base/map64.h. */
#include "base/map64.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"

#define MAP64_FIRST_CAP 1024 /* slots on the first insertion */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static size_t slot_of(const struct sv_map64 *m, uint64_t stored)
{
	size_t j = mix64(stored) & (m->cap - 1);
	while (m->keys[j] && m->keys[j] != stored)
		j = (j + 1) & (m->cap - 1);
	return j;
}

uint32_t *sv_map64_find(const struct sv_map64 *m, uint64_t key)
{
	if (!m->cap)
		return NULL;
	size_t j = slot_of(m, key + 1);
	return m->keys[j] ? &m->vals[j] : NULL;
}

static void grow(struct sv_map64 *m)
{
	size_t ncap = m->cap ? m->cap * 2 : MAP64_FIRST_CAP;
	uint64_t *nk = sv_calloc(ncap, sizeof(*nk));
	uint32_t *nv = sv_calloc(ncap, sizeof(*nv));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = mix64(m->keys[i]) & (ncap - 1);
		while (nk[j])
			j = (j + 1) & (ncap - 1);
		nk[j] = m->keys[i];
		nv[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nk;
	m->vals = nv;
	m->cap = ncap;
}

uint32_t *sv_map64_add(struct sv_map64 *m, uint64_t key)
{
	if ((m->len + 1) * 2 > m->cap)
		grow(m);
	size_t j = slot_of(m, key + 1);
	if (!m->keys[j]) {
		m->keys[j] = key + 1;
		m->vals[j] = 0;
		m->len++;
	}
	return &m->vals[j];
}

void sv_map64_release(struct sv_map64 *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
