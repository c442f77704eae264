/* SHA-256 (FIPS 180-4), for document identity in the memory. */
#ifndef SV_BASE_SHA256_H
#define SV_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sv_sha256 {
	uint32_t h[8];
	uint64_t total;          /* bytes hashed so far */
	unsigned char blk[64];   /* pending partial block */
	size_t nblk;
};

void sv_sha256_init(struct sv_sha256 *c);
void sv_sha256_add(struct sv_sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex[65]. */
void sv_sha256_hex(struct sv_sha256 *c, char hex[65]);

#endif
