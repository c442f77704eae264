/* libFuzzer target for the tmx reader (see README.md). */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, SV_IO_TMX, "a.tmx", IO_L_RU, IO_L_BG);
}
