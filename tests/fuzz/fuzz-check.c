/* libFuzzer target for check's report reader, sv_check_read_report() (see
 * README.md): XLIFF 1.2 / 2.x, TMX and TSV pairs with their inline codes. It
 * reads a path, so each input goes to one temporary file first. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t fuzz_sink;

static char path[64];

static void remove_input(void)
{
	unlink(path);
}

static void fuzz_touch(const char *s)
{
	if (s)
		fuzz_sink += strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz-check-XXXXXX");
		int fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(remove_input);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	struct sv_check_segs segs;
	sv_check_segs_init(&segs);
	struct sv_error err = { 0 };
	sv_check_read_report(path, SV_LANG_UNKNOWN, &segs, &err);
	for (size_t i = 0; i < segs.n; i++) {
		const struct sv_check_seg *s = &segs.v[i];
		fuzz_touch(s->unit), fuzz_touch(s->src), fuzz_touch(s->tgt);
		fuzz_touch(s->src_codes), fuzz_touch(s->tgt_codes);
	}
	sv_check_segs_release(&segs);
	return 0;
}
