/* libFuzzer target for the po reader (see README.md). */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, SV_IO_PO, "a.po", IO_L_EN, IO_L_RU);
}
