/* libFuzzer target for the tbx reader (see README.md). */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, SV_IO_TBX, "a.tbx", IO_L_RU, IO_L_BG);
}
