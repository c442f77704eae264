/* SHA-256 (FIPS 180-4), for document identity in the memory: Nettle's,
 * which uses the processor's SHA instructions where there are any. */
#ifndef SV_BASE_SHA256_H
#define SV_BASE_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

struct sv_sha256 {
	struct sha256_ctx ctx;
};

void sv_sha256_init(struct sv_sha256 *c);
void sv_sha256_add(struct sv_sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex[65]. */
void sv_sha256_hex(struct sv_sha256 *c, char hex[65]);

#endif
