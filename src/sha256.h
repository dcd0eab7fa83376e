/* sha256.h: the SHA-256 digest of some bytes, in hex (the only module with
 * nettle). */
#ifndef WHYLINE_SHA256_H
#define WHYLINE_SHA256_H

#include <stddef.h>

/* Writes the 64 hex digits of the digest of len bytes of data, and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
