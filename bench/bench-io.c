/* Export and import throughput of src/io on a generated memory: writes N
 * units (default 1,000,000) of Russian/Bulgarian news-like sentences with full
 * provenance as TMX, XLIFF 1.2, CSV, then reads each back, printing MB/s and
 * the peak resident set after each step (flat memory shows as a flat line).
 *   build/bench/bench-io [N] [DIR]
 * Measured 2026-11-22, 1,000,000 units, -O2, on a shared 2-core machine with a
 * load of 10-13 (so CPU time is the figure to trust): export TMX 1049 MB at
 * 76 MB/s of CPU time, XLIFF 1103 MB at 90, CSV 651 MB at 104; import TMX
 * 45 MB/s, XLIFF 46, CSV 54; peak RSS 7.9 MB throughout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "bench-common.h"
#include "io/io.h"

static const char *const ru_words[] = {
	"Совет", "коллективной", "безопасности", "ОДКБ", "заседание", "Бишкеке", "министры",
	"иностранных", "дел", "государств", "обсудили", "вопросы", "сотрудничества", "в", "области",
	"обороны", "и", "миротворческой", "деятельности", "Генеральный", "секретарь", "заявил",
	"что", "2025", "года", "22,3%", "«Договора»",
};
static const char *const bg_words[] = {
	"Съветът", "за", "колективна", "сигурност", "ОДКС", "заседание", "Бишкек", "министрите",
	"на", "външните", "работи", "държавите", "обсъдиха", "въпроси", "сътрудничеството", "в",
	"областта", "отбраната", "и", "миротворческата", "дейност", "Генералният", "секретар",
	"заяви", "че", "2025", "„Договора“",
};

static void sentence(char *buf, size_t size, const char *const *w, size_t nw, unsigned long i)
{
	size_t len = 0;
	unsigned long x = i * 2654435761u + 12345;
	int n = 12 + (int)(x % 10);
	for (int k = 0; k < n && len + 64 < size; k++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? " " : "", w[(x >> 33) % nw]);
	}
	snprintf(buf + len, size - len, " (%lu).", i);
}

struct count {
	unsigned long n;
	size_t bytes;
};

static int on_unit(void *ctx, const struct sv_io_unit *u)
{
	struct count *c = ctx;
	c->n++;
	c->bytes += strlen(u->ru) + strlen(u->bg);
	return 0;
}

static off_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? 0 : st.st_size;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	const enum sv_io_format fmts[] = { SV_IO_TMX, SV_IO_XLIFF, SV_IO_CSV };
	char id[32], path[512];
	struct sv_error err = { 0 };
	/* A pool of sentences, so that the timings are the library's. */
	enum { POOL = 4096 };
	static char ru[POOL][400], bg[POOL][400];
	for (unsigned long i = 0; i < POOL; i++) {
		sentence(ru[i], sizeof(ru[i]), ru_words, sizeof(ru_words) / sizeof(ru_words[0]), i);
		sentence(bg[i], sizeof(bg[i]), bg_words, sizeof(bg_words) / sizeof(bg_words[0]), i);
	}
	printf("%lu units; peak RSS at start %ld KB\n", n, bench_peak_rss_kb());
	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
		snprintf(path, sizeof(path), "%s/bench-io.%s", dir, sv_io_format_name(fmts[f]));
		struct sv_io_options o = { 0 };
		double t0 = bench_wall_s(), c0 = bench_process_cpu_s();
		struct sv_io_writer *w = sv_io_writer_open(fmts[f], path, &o, &err);
		if (!w) {
			fprintf(stderr, "%s\n", err.msg);
			return 4;
		}
		for (unsigned long i = 0; i < n; i++) {
			snprintf(id, sizeof(id), "%lu", i + 1);
			struct sv_io_unit u = {
				.ru = ru[i % POOL], .bg = bg[i % POOL], .id = id, .created = 1764239400 + (time_t)i,
				.ru_doc = "ru/2025-11-27-odkb.txt", .bg_doc = "bg/2025-11-27-odks.txt",
				.outlet = "БТА", .date = "2025-11-27", .has_score = 1,
				.score = (double)(i % 1000) / 1000.0, .link = "1-1", .method = "parallel",
				.status = i % 3 ? "candidate" : "approved",
			};
			if (sv_io_write_unit(w, &u, &err)) {
				fprintf(stderr, "%s\n", err.msg);
				sv_io_writer_discard(w);
				return 4;
			}
		}
		if (sv_io_writer_close(w, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 4;
		}
		double t1 = bench_wall_s(), c1 = bench_process_cpu_s();
		double mb = (double)file_size(path) / 1e6;
		printf("export %-6s %7.1f MB in %6.2f s (cpu %6.2f s): %6.1f MB/s (cpu %6.1f), "
		       "%7.0f units/s; peak RSS %ld KB\n",
		       sv_io_format_name(fmts[f]), mb, t1 - t0, c1 - c0, mb / (t1 - t0),
		       mb / (c1 - c0), n / (t1 - t0), bench_peak_rss_kb());
		struct count c = { 0, 0 };
		struct sv_io_reader_cb cb = { .unit = on_unit };
		t0 = bench_wall_s(), c0 = bench_process_cpu_s();
		if (sv_io_read(path, SV_IO_AUTO, &cb, &c, NULL, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 3;
		}
		t1 = bench_wall_s(), c1 = bench_process_cpu_s();
		printf("import %-6s %7.1f MB in %6.2f s (cpu %6.2f s): %6.1f MB/s (cpu %6.1f), "
		       "%7.0f units/s; peak RSS %ld KB (%lu units)\n",
		       sv_io_format_name(fmts[f]), mb, t1 - t0, c1 - c0, mb / (t1 - t0),
		       mb / (c1 - c0), c.n / (t1 - t0), bench_peak_rss_kb(), c.n);
		remove(path);
	}
	return 0;
}
