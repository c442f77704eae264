/* Unit tests for src/io: every writer validated against the schemas in
 * ../shared/schemas, round trips, hostile and malformed input, the pivot. */
#include "../test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "check/check.h"
#include "io/io.h"

static char dir[64];

static const time_t T0 = 1764239400; /* 2025-11-27T10:30:00Z */

/* "Тест ... й" with a combining breve (NFC gives й), NBSP, a forbidden U+0001. */
#define RU2 "Тест: 5 < 7 & 8 > 3, \"кавычки\" и 'апострофы', 22\xC2\xA0%\x01, и\xCC\x86"
#define BG2 "Тест: 5 < 7 & 8 > 3, „кавички“ и 'апострофи'\x0b"

static const struct sv_io_unit units[] = {
	{ .ru = "Совет коллективной безопасности ОДКБ",
	  .bg = "Съвет за колективна сигурност на ОДКС",
	  .id = "1", .created = 1764239400, .ru_doc = "ru/2025-11-27-odkb.txt",
	  .bg_doc = "bg/2025-11-27-odks.txt", .outlet = "БТА", .date = "2025-11-27",
	  .has_score = 1, .score = 0.8734, .link = "1-1", .method = "parallel",
	  .status = "approved", .note = "Примечание & <заметка>" },
	{ .ru = RU2, .bg = BG2, .id = "2", .created = 1764239401, .has_score = 1, .score = 0.5,
	  .link = "2-1", .method = "mining", .status = "candidate", .origin = "a \"b\".tmx" },
	{ .ru = "Да ", .bg = " Да", .id = "x y" },
	{ .ru = "Строка один\nстрока два", .bg = "Ред едно\nред две", .status = "rejected" },
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

static const struct sv_io_term terms1[] = {
	{ SV_IO_RU, "Организация Договора о коллективной безопасности", "approved", 1, "NOUN",
	  "Саммит ОДКБ прошёл в Минске.", 12, NULL },
	{ SV_IO_RU, "ОДКБ", "approved", 0, "PROPN", NULL, 40, "аббревиатура" },
	{ SV_IO_BG, "Организация на Договора за колективна сигурност", "approved", 1, "noun",
	  "Срещата на ОДКС се проведе в Минск.", 9, NULL },
	{ SV_IO_BG, "ОДКС", "candidate", 0, NULL, NULL, 0, NULL },
	{ SV_IO_BG, "ОДКБ", "forbidden", 0, NULL, NULL, 0, NULL },
};
static const struct sv_io_term terms2[] = {
	{ SV_IO_RU, "генеральный секретарь", NULL, 0, "noun", NULL, 0, NULL },
	{ SV_IO_BG, "генерален секретар", "deprecated", 0, NULL, NULL, 0, NULL },
	{ SV_IO_BG, "главен секретар", NULL, 1, NULL, "Главният секретар & <съветът>", 0, NULL },
};
static const struct sv_io_concept concepts[] = {
	{ "odkb", "политика", "Организация & союз", terms1, 5 },
	{ NULL, NULL, NULL, terms2, 3 },
};

static char *path_of(const char *name)
{
	static char buf[8][256];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static char *data_path(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	const char *root = getenv("SV_SOURCE_ROOT");
	snprintf(buf[k], sizeof(buf[k]), "%s/tests/data/io/%s", root ? root : ".", name);
	return buf[k];
}

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/sv-io-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	if (getenv("SV_TEST_KEEP"))
		return 0; /* leave the files for a look */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct sv_io_options opts_default(void)
{
	struct sv_io_options o = { 0 };
	o.now = T0;
	o.tool_version = "0.1.0-test";
	return o;
}

static void write_units(enum sv_io_format fmt, const struct sv_io_options *o, const char *path,
			const struct sv_io_unit *u, size_t n)
{
	struct sv_error err = { 0 };
	struct sv_io_writer *w = sv_io_writer_open(fmt, path, o, &err);
	if (!w)
		fail_msg("open %s: %s", path, err.msg);
	for (size_t i = 0; i < n; i++)
		if (sv_io_write_unit(w, &u[i], &err))
			fail_msg("write %s: %s", path, err.msg);
	if (sv_io_writer_close(w, &err))
		fail_msg("close %s: %s", path, err.msg);
}

static void write_concepts(enum sv_io_format fmt, const struct sv_io_options *o,
			   const char *path, const struct sv_io_concept *c, size_t n)
{
	struct sv_error err = { 0 };
	struct sv_io_writer *w = sv_io_writer_open(fmt, path, o, &err);
	if (!w)
		fail_msg("open %s: %s", path, err.msg);
	for (size_t i = 0; i < n; i++)
		if (sv_io_write_concept(w, &c[i], &err))
			fail_msg("write %s: %s", path, err.msg);
	if (sv_io_writer_close(w, &err))
		fail_msg("close %s: %s", path, err.msg);
}

/* Runs xmllint on path with the given validation arguments; 0 when valid. */
static int xmllint(const char *args, const char *path)
{
	const char *shared = sv_test_shared();
	if (!shared || system("command -v xmllint >/dev/null 2>&1") != 0)
		return 0; /* cannot validate here */
	char cmd[2048];
	char log[300];
	snprintf(log, sizeof(log), "%s/xmllint.log", dir);
	snprintf(cmd, sizeof(cmd), "cd '%s/schemas' && xmllint --noout --nonet %s '%s' >'%s' 2>&1",
		 shared, args, path, log);
	int rc = system(cmd);
	if (rc) {
		char *out = sv_test_slurp(log, NULL);
		print_error("xmllint %s %s:\n%s\n", args, path, out ? out : "");
		free(out);
	}
	return rc;
}

static char *slurp(const char *path)
{
	char *s = sv_test_slurp(path, NULL);
	if (!s)
		fail_msg("cannot read %s", path);
	return s;
}

static int files_equal(const char *a, const char *b)
{
	size_t na = 0, nb = 0;
	char *x = sv_test_slurp(a, &na), *y = sv_test_slurp(b, &nb);
	int eq = x && y && na == nb && !memcmp(x, y, na);
	if (!eq) {
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "diff '%s' '%s' | head -20 >&2", a, b);
		if (system(cmd)) {
		}
	}
	free(x);
	free(y);
	return eq;
}

/* ---- Collecting what a reader gives (deep copies) ---------------------- */

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct got {
	struct sv_io_unit *u;
	size_t nu;
	struct sv_io_concept *c;
	size_t nc;
	char warn[16][256];
	size_t nwarn;
	int stop_after; /* callback returns 1 after this many units (0: never) */
};

static int got_unit(void *ctx, const struct sv_io_unit *u)
{
	struct got *g = ctx;
	g->u = realloc(g->u, (g->nu + 1) * sizeof(*g->u));
	struct sv_io_unit *d = &g->u[g->nu++];
	*d = *u;
	d->ru = sdup(u->ru), d->bg = sdup(u->bg), d->id = sdup(u->id);
	d->ru_doc = sdup(u->ru_doc), d->bg_doc = sdup(u->bg_doc), d->outlet = sdup(u->outlet);
	d->date = sdup(u->date), d->link = sdup(u->link), d->method = sdup(u->method);
	d->status = sdup(u->status), d->origin = sdup(u->origin), d->note = sdup(u->note);
	d->ru_codes = sdup(u->ru_codes), d->bg_codes = sdup(u->bg_codes);
	return g->stop_after && g->nu >= (size_t)g->stop_after;
}

static int got_concept(void *ctx, const struct sv_io_concept *c)
{
	struct got *g = ctx;
	g->c = realloc(g->c, (g->nc + 1) * sizeof(*g->c));
	struct sv_io_concept *d = &g->c[g->nc++];
	d->id = sdup(c->id), d->subject = sdup(c->subject), d->note = sdup(c->note);
	struct sv_io_term *t = calloc(c->nterms, sizeof(*t));
	for (size_t i = 0; i < c->nterms; i++) {
		t[i] = c->terms[i];
		t[i].text = sdup(c->terms[i].text), t[i].status = sdup(c->terms[i].status);
		t[i].pos = sdup(c->terms[i].pos), t[i].context = sdup(c->terms[i].context);
		t[i].note = sdup(c->terms[i].note);
	}
	d->terms = t;
	d->nterms = c->nterms;
	return 0;
}

static void got_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
			const char *msg)
{
	struct got *g = ctx;
	if (g->nwarn < 16)
		snprintf(g->warn[g->nwarn++], sizeof(g->warn[0]), "%lu: %s", line, msg);
}

static const struct sv_io_reader_cb got_cb = { got_unit, got_concept, got_warning };

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->nu; i++) {
		struct sv_io_unit *u = &g->u[i];
		free((char *)u->ru), free((char *)u->bg), free((char *)u->id);
		free((char *)u->ru_doc), free((char *)u->bg_doc), free((char *)u->outlet);
		free((char *)u->date), free((char *)u->link), free((char *)u->method);
		free((char *)u->status), free((char *)u->origin), free((char *)u->note);
		free((char *)u->ru_codes), free((char *)u->bg_codes);
	}
	free(g->u);
	for (size_t i = 0; i < g->nc; i++) {
		struct sv_io_concept *c = &g->c[i];
		for (size_t j = 0; j < c->nterms; j++) {
			const struct sv_io_term *t = &c->terms[j];
			free((char *)t->text), free((char *)t->status), free((char *)t->pos);
			free((char *)t->context), free((char *)t->note);
		}
		free((void *)c->terms);
		free((char *)c->id), free((char *)c->subject), free((char *)c->note);
	}
	free(g->c);
	memset(g, 0, sizeof(*g));
}

static int read_file(const char *path, enum sv_io_format fmt, struct got *g,
		     enum sv_io_format *detected, struct sv_error *err)
{
	return sv_io_read(path, fmt, &got_cb, g, detected, err);
}

/* ---- Writers and schemas ------------------------------------------------ */

/* One writer case: units[] or concepts[] written as fmt with options o (now
 * and tool_version as opts_default() gives), then the file checked: valid
 * under each schema (xmllint arguments, relative to ../shared/schemas),
 * starting with `starts`, holding every string of has and none of lacks. */
struct write_case {
	const char *name; /* the file, in dir */
	enum sv_io_format fmt;
	struct sv_io_options o;
	int concepts;
	const char *schemas[3];
	const char *starts;
	const char *has[10];
	const char *lacks[4];
};

#define TMX_SCHEMAS { "--dtdvalid tmx/tmx14.dtd", "--schema tmx/omegat-xsd/tmx14.xsd" }
#define XLIFF12_SCHEMA "--schema xliff-1.2/xliff-core-1.2-strict.xsd"
#define XLIFF20_SCHEMA "--schema xliff-2.0/xliff_core_2.0.xsd"

static void run_write_cases(const struct write_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct write_case *c = &cases[i];
		struct sv_io_options o = c->o;
		o.now = T0;
		o.tool_version = "0.1.0-test";
		const char *p = path_of(c->name);
		if (c->concepts)
			write_concepts(c->fmt, &o, p, concepts, 2);
		else
			write_units(c->fmt, &o, p, units, NUNITS);
		for (size_t k = 0; k < 3 && c->schemas[k]; k++)
			if (xmllint(c->schemas[k], p))
				fail_msg("%s: not valid under %s", c->name, c->schemas[k]);
		char *s = slurp(p);
		if (c->starts && strncmp(s, c->starts, strlen(c->starts)))
			fail_msg("%s does not start with '%s'", c->name, c->starts);
		for (size_t k = 0; k < 10 && c->has[k]; k++)
			if (!strstr(s, c->has[k]))
				fail_msg("%s lacks '%s'", c->name, c->has[k]);
		for (size_t k = 0; k < 4 && c->lacks[k]; k++)
			if (strstr(s, c->lacks[k]))
				fail_msg("%s holds '%s'", c->name, c->lacks[k]);
		free(s);
	}
}

static void test_tmx(void **state)
{
	static const struct write_case cases[] = {
		{ .name = "a.tmx", .fmt = SV_IO_TMX, .schemas = TMX_SCHEMAS,
		  .has = {
			  "<header creationtool=\"sverka\" creationtoolversion=\"0.1.0-test\" "
			  "segtype=\"sentence\" o-tmf=\"sverka\" adminlang=\"en\" "
			  "srclang=\"ru-RU\" datatype=\"plaintext\" "
			  "creationdate=\"20251127T103000Z\"/>",
			  "<tu tuid=\"1\" creationdate=\"20251127T103000Z\">",
			  "<prop type=\"x-score\">0.8734</prop>",
			  "<prop type=\"x-link\">2-1</prop>",
			  "<tuv xml:lang=\"ru-RU\"><seg>Совет коллективной безопасности ОДКБ</seg>"
			  "</tuv>",
			  /* escapes, NBSP kept, U+0001 and U+000B dropped, NFC */
			  "<seg>Тест: 5 &lt; 7 &amp; 8 &gt; 3, &quot;кавычки&quot; и 'апострофы', "
			  "22\xC2\xA0%, й</seg>",
			  "'апострофи'</seg>",
			  "<seg>Да </seg>",
			  "<seg> Да</seg>",
		  },
		  .lacks = { "\x01" } },
		/* bg as source, bare codes */
		{ .name = "b.tmx", .fmt = SV_IO_TMX, .o = { .source_bg = 1, .bare_lang = 1 },
		  .schemas = TMX_SCHEMAS,
		  .has = { "srclang=\"bg\"" } },
	};
	run_write_cases(cases, sizeof(cases) / sizeof(cases[0]));
	char *s = slurp(path_of("b.tmx"));
	char *bg = strstr(s, "<tuv xml:lang=\"bg\">"), *ru = strstr(s, "<tuv xml:lang=\"ru\">");
	assert_true(bg && ru && bg < ru);
	free(s);
}

static void test_tmx_terms(void **state)
{
	static const struct write_case cases[] = {
		{ .name = "terms.tmx", .fmt = SV_IO_TMX, .o = { .tmx_terms = 1 }, .concepts = 1,
		  .schemas = TMX_SCHEMAS,
		  .has = {
			  "segtype=\"phrase\"",
			  "<tu tuid=\"odkb-4\">", /* 2 ru x 2 bg, forbidden left out */
			  "<tu tuid=\"c2-1\">",
		  },
		  .lacks = {
			  "<tu tuid=\"odkb-5\">",
			  "<seg>ОДКБ</seg></tuv>\n      <tuv xml:lang=\"bg-BG\"><seg>ОДКБ",
			  "<tu tuid=\"c2-2\">", /* the deprecated term left out */
		  } },
	};
	run_write_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_xliff(void **state)
{
	static const struct write_case cases[] = {
		{ .name = "a.xlf", .fmt = SV_IO_XLIFF, .schemas = { XLIFF12_SCHEMA },
		  .has = {
			  "<file original=\"sverka\" source-language=\"ru-RU\" "
			  "target-language=\"bg-BG\" datatype=\"plaintext\">",
			  "<trans-unit id=\"1\" approved=\"yes\" xml:space=\"preserve\">",
			  "<target state=\"signed-off\">Съвет за колективна сигурност на ОДКС"
			  "</target>",
			  "<target state=\"needs-review-translation\">",
			  "<note from=\"ru-doc\">ru/2025-11-27-odkb.txt</note>",
			  "<note>Примечание &amp; &lt;заметка&gt;</note>",
		  } },
		{ .name = "a21.xlf", .fmt = SV_IO_XLIFF, .o = { .xliff_version = 21 },
		  .schemas = { XLIFF20_SCHEMA, "--schema xliff-2.1-os/schemas/xliff_core_2.0.xsd" },
		  .has = {
			  "version=\"2.1\" srcLang=\"ru-RU\" trgLang=\"bg-BG\"",
			  "<segment state=\"final\">",
			  "<note category=\"score\">0.8734</note>",
			  "<unit id=\"u3\">", /* "x y" is no NMTOKEN */
		  } },
		/* one <file> per document pair */
		{ .name = "doc12.xlf", .fmt = SV_IO_XLIFF,
		  .o = { .xliff_version = 12, .xliff_per_doc = 1 },
		  .schemas = { XLIFF12_SCHEMA },
		  .has = {
			  "original=\"ru/2025-11-27-odkb.txt + bg/2025-11-27-odks.txt\"",
			  "original=\"- + -\"",
		  } },
		{ .name = "doc21.xlf", .fmt = SV_IO_XLIFF,
		  .o = { .xliff_version = 21, .xliff_per_doc = 1 },
		  .schemas = { XLIFF20_SCHEMA },
		  .has = {
			  "original=\"ru/2025-11-27-odkb.txt + bg/2025-11-27-odks.txt\"",
			  "original=\"- + -\"",
		  } },
		{ .name = "a20.xlf", .fmt = SV_IO_XLIFF2,
		  .o = { .xliff_version = 20, .source_bg = 1 },
		  .schemas = { XLIFF20_SCHEMA },
		  .has = { "version=\"2.0\" srcLang=\"bg-BG\" trgLang=\"ru-RU\"" } },
	};
	run_write_cases(cases, sizeof(cases) / sizeof(cases[0]));
	/* the per-document files read back whole */
	struct sv_error err = { 0 };
	const char *per_doc[] = { "doc12.xlf", "doc21.xlf" };
	for (size_t i = 0; i < 2; i++) {
		struct got g = { 0 };
		assert_int_equal(read_file(path_of(per_doc[i]), SV_IO_AUTO, &g, NULL, &err), 0);
		assert_int_equal(g.nu, NUNITS);
		got_free(&g);
	}

	/* an empty XLIFF 2 or TBX would be invalid: refused, no file */
	struct sv_io_options o = opts_default();
	o.xliff_version = 21;
	struct sv_io_writer *w = sv_io_writer_open(SV_IO_XLIFF, path_of("empty.xlf"), &o, &err);
	assert_non_null(w);
	assert_int_equal(sv_io_writer_close(w, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "nothing to write"));
	assert_int_equal(access(path_of("empty.xlf"), F_OK), -1);
	w = sv_io_writer_open(SV_IO_TBX, path_of("empty.tbx"), &o, &err);
	assert_int_equal(sv_io_writer_close(w, &err), SV_EINPUT);
	assert_int_equal(access(path_of("empty.tbx"), F_OK), -1);
}

static void test_tbx(void **state)
{
	static const struct write_case cases[] = {
		{ .name = "a.tbx", .fmt = SV_IO_TBX, .concepts = 1,
		  .schemas = { "--relaxng tbx/v2-legacy/TBXBasicRNGV02.rng",
			       "--schema tbx/omegat-xsd/tbx.xsd" },
		  .has = {
			  "<martif type=\"TBX-Basic\" xml:lang=\"ru\">",
			  "<termEntry id=\"odkb\">",
			  "<termEntry id=\"c2\">",
			  "<term>ОДКС</term>\n            <termNote type=\"administrativeStatus\">"
			  "admittedTerm-admn-sts</termNote>",
			  "<termNote type=\"partOfSpeech\">properNoun</termNote>",
			  "deprecatedTerm-admn-sts",
			  "supersededTerm-admn-sts",
			  "<descrip type=\"context\">Главният секретар &amp; &lt;съветът&gt;",
		  } },
		{ .name = "a3.tbx", .fmt = SV_IO_TBX, .o = { .tbx_version = 3 }, .concepts = 1,
		  .schemas = { "--relaxng tbx/v3/TBXcoreStructV03_TBX-Basic_integrated.rng",
			       "--relaxng tbx/v3/TBXcoreStructV03.rng" },
		  .has = {
			  "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ru\" "
			  "xmlns=\"urn:iso:std:iso:30042:ed-2\">",
			  "<conceptEntry id=\"odkb\">",
			  "<langSec xml:lang=\"bg-BG\">",
		  } },
	};
	run_write_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_text_formats(void **state)
{
	static const struct write_case cases[] = {
		{ .name = "g.utf8", .fmt = SV_IO_OMEGAT, .concepts = 1,
		  .starts = "# -*- coding: utf-8 -*-\n",
		  .has = {
			  "\nОДКБ\tОДКС\tОрганизация & союз\n",
			  "\nгенеральный секретарь\tглавен секретар\n",
		  },
		  .lacks = {
			  "\tОДКБ\t", /* forbidden target */
			  "\t\n",     /* never an empty target or comment */
		  } },
		{ .name = "u.csv", .fmt = SV_IO_CSV,
		  .starts = "\xEF\xBB\xBFru-RU,bg-BG,id,created,ru_doc,bg_doc,outlet,date,score,"
			    "link,method,status,origin,note\r\n",
		  .has = {
			  "\r\n\"Тест: 5 < 7 & 8 > 3, \"\"кавычки\"\" и",
			  ",\"a \"\"b\"\".tmx\",",
			  "\"Строка один\nстрока два\"",
		  } },
		{ .name = "c.csv", .fmt = SV_IO_CSV, .concepts = 1,
		  .has = {
			  "ru-RU,bg-BG,concept,note\r\n",
			  "\r\nОДКБ,ОДКС,odkb,Организация & союз\r\n",
		  } },
		{ .name = "u.tsv", .fmt = SV_IO_TSV,
		  .has = {
			  "Совет коллективной безопасности ОДКБ\tСъвет за колективна сигурност на "
			  "ОДКС\n",
			  "Строка один строка два\tРед едно ред две\n",
		  } },
	};
	run_write_cases(cases, sizeof(cases) / sizeof(cases[0]));

	/* units and concepts do not mix where a format takes one kind */
	struct sv_io_options o = opts_default();
	struct sv_error err = { 0 };
	struct sv_io_writer *w = sv_io_writer_open(SV_IO_TBX, path_of("x.tbx"), &o, &err);
	assert_non_null(w);
	assert_int_equal(sv_io_write_unit(w, &units[0], &err), SV_EUSAGE);
	sv_io_writer_discard(w);
	assert_int_equal(access(path_of("x.tbx"), F_OK), -1);
}

/* ---- Files: temporary names, split, failures ----------------------------- */

static void test_files(void **state)
{
	struct sv_io_options o = opts_default();
	o.split = 2;
	write_units(SV_IO_TMX, &o, path_of("big.tmx"), units, NUNITS - 1);
	assert_int_equal(access(path_of("big-0001.tmx"), F_OK), 0);
	assert_int_equal(access(path_of("big-0002.tmx"), F_OK), 0);
	assert_int_equal(access(path_of("big-0003.tmx"), F_OK), -1);
	assert_int_equal(access(path_of("big.tmx"), F_OK), -1);
	assert_int_equal(xmllint("--dtdvalid tmx/tmx14.dtd", path_of("big-0002.tmx")), 0);

	/* nothing but the finished files in the directory */
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "ls -A '%s' | grep -q tmp-", dir);
	assert_int_not_equal(system(cmd), 0);

	/* a discarded or failed export leaves no file */
	struct sv_error err = { 0 };
	struct sv_io_writer *w = sv_io_writer_open(SV_IO_TMX, path_of("gone.tmx"), &o, &err);
	assert_non_null(w);
	assert_int_equal(sv_io_write_unit(w, &units[0], &err), 0);
	sv_io_writer_discard(w);
	assert_int_equal(access(path_of("gone.tmx"), F_OK), -1);
	assert_int_equal(access(path_of("gone-0001.tmx"), F_OK), -1);
	assert_int_not_equal(system(cmd), 0);

	o.split = 0;
	w = sv_io_writer_open(SV_IO_TMX, "/nonexistent-dir/x.tmx", &o, &err);
	assert_null(w);
	assert_int_equal(err.code, SV_ESTORE);
	assert_non_null(strstr(err.msg, "'/nonexistent-dir/x.tmx'"));

	struct sv_io_unit bad = { .ru = "только ru" };
	w = sv_io_writer_open(SV_IO_TMX, path_of("bad.tmx"), &o, &err);
	assert_int_equal(sv_io_write_unit(w, &bad, &err), SV_EUSAGE);
	assert_int_equal(sv_io_writer_close(w, &err), 0);

}

/* ---- Round trips: write -> read -> write gives the same bytes ------------ */

static void round_units(enum sv_io_format fmt, struct sv_io_options *o, const char *name)
{
	char a[256], b[300];
	snprintf(a, sizeof(a), "%s", path_of(name));
	snprintf(b, sizeof(b), "%s.2", a);
	write_units(fmt, o, a, units, NUNITS);
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(a, SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, NUNITS);
	write_units(fmt, o, b, g.u, g.nu);
	if (!files_equal(a, b))
		fail_msg("round trip of %s differs", name);
	got_free(&g);
}

static void round_concepts(enum sv_io_format fmt, struct sv_io_options *o, const char *name)
{
	char a[256], b[300];
	snprintf(a, sizeof(a), "%s", path_of(name));
	snprintf(b, sizeof(b), "%s.2", a);
	write_concepts(fmt, o, a, concepts, 2);
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(a, SV_IO_AUTO, &g, NULL, &err), 0);
	assert_true(g.nc > 0);
	write_concepts(fmt, o, b, g.c, g.nc);
	if (!files_equal(a, b))
		fail_msg("round trip of %s differs", name);
	got_free(&g);
}

static void test_round_trips(void **state)
{
	struct sv_io_options o = opts_default();
	round_units(SV_IO_TMX, &o, "r.tmx");
	round_units(SV_IO_XLIFF, &o, "r.xlf");
	round_units(SV_IO_CSV, &o, "r.csv");
	round_units(SV_IO_TSV, &o, "r.tsv");
	round_concepts(SV_IO_TBX, &o, "r.tbx");
	round_concepts(SV_IO_OMEGAT, &o, "r.utf8");
	round_concepts(SV_IO_CSV, &o, "rc.csv");
	o.xliff_version = 21;
	round_units(SV_IO_XLIFF, &o, "r21.xlf");
	o.tbx_version = 3;
	round_concepts(SV_IO_TBX, &o, "r3.tbx");
	o.source_bg = 1;
	o.bare_lang = 1;
	round_units(SV_IO_TMX, &o, "rb.tmx");
	round_units(SV_IO_TSV, &o, "rb.tsv");
	round_units(SV_IO_XLIFF, &o, "rb21.xlf");
	round_concepts(SV_IO_OMEGAT, &o, "rb.utf8");
	round_concepts(SV_IO_TBX, &o, "rb3.tbx");

	/* what the reader gives back, field by field */
	const char *p = path_of("r.tmx");
	struct got g = { 0 };
	struct sv_error err = { 0 };
	enum sv_io_format fmt;
	assert_int_equal(read_file(p, SV_IO_AUTO, &g, &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_TMX);
	assert_string_equal(g.u[0].ru, units[0].ru);
	assert_string_equal(g.u[0].bg_doc, units[0].bg_doc);
	assert_string_equal(g.u[0].note, units[0].note);
	assert_int_equal(g.u[0].created, units[0].created);
	assert_true(g.u[0].has_score && g.u[0].score == 0.8734);
	assert_string_equal(g.u[1].ru, "Тест: 5 < 7 & 8 > 3, \"кавычки\" и 'апострофы', "
				       "22\xC2\xA0%, й");
	assert_string_equal(g.u[2].bg, " Да");
	assert_string_equal(g.u[3].ru, units[3].ru);
	assert_string_equal(g.u[3].status, "rejected");
	got_free(&g);

	assert_int_equal(read_file(path_of("r.tbx"), SV_IO_AUTO, &g, &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_TBX);
	assert_int_equal(g.nc, 2);
	assert_string_equal(g.c[0].id, "odkb");
	assert_string_equal(g.c[0].subject, "политика");
	assert_int_equal(g.c[0].nterms, 5);
	assert_int_equal(g.c[0].terms[0].preferred, 1);
	assert_string_equal(g.c[0].terms[0].context, terms1[0].context);
	assert_string_equal(g.c[0].terms[4].status, "forbidden");
	assert_string_equal(g.c[1].terms[1].status, "deprecated");
	got_free(&g);
}

/* ---- Reading other tools' files ------------------------------------------- */

static void test_read_variants(void **state)
{
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(data_path("langs.tmx"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 3);
	assert_string_equal(g.u[0].ru, "Москва");
	assert_int_equal(g.u[0].created, T0);
	assert_int_equal(g.u[1].created, T0);
	assert_string_equal(g.u[1].ru, "Минск и Бишкек");
	assert_string_equal(g.u[1].bg, "Минск и Бишкек");
	assert_int_equal(g.nwarn, 1); /* tu 'd' has neither language */
	assert_non_null(strstr(g.warn[0], "'d'"));
	got_free(&g);

	assert_int_equal(read_file(data_path("memoq.csv"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 2);
	assert_string_equal(g.u[0].ru, "Совет; коллективной безопасности");
	assert_string_equal(g.u[0].note, "многострочная\nзаметка");
	assert_null(g.u[1].note);
	got_free(&g);

	/* a tu without its ru tuv is skipped with a warning, the rest is read */
	assert_int_equal(read_file(data_path("missing-ru.tmx"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 2);
	assert_int_equal(g.nwarn, 1);
	assert_string_equal(g.warn[0], "6: tu '2' has no ru text; skipped");
	got_free(&g);

	/* a callback's non-zero return stops the read */
	g.stop_after = 1;
	assert_int_equal(read_file(data_path("missing-ru.tmx"), SV_IO_AUTO, &g, NULL, &err),
			 SV_EINPUT);
	assert_int_equal(g.nu, 1);
	assert_non_null(strstr(err.msg, "stopped"));
	got_free(&g);

	/* format detection */
	enum sv_io_format fmt;
	assert_int_equal(sv_io_detect(path_of("a.xlf"), &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_XLIFF);
	assert_int_equal(sv_io_detect(path_of("a21.xlf"), &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_XLIFF2);
	assert_int_equal(sv_io_detect(path_of("a3.tbx"), &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_TBX3);
	assert_int_equal(sv_io_detect(path_of("g.utf8"), &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_OMEGAT);
	assert_int_equal(sv_io_detect(data_path("en-bg.po"), &fmt, &err), 0);
	assert_int_equal(fmt, SV_IO_PO);
	assert_int_equal(sv_io_format_parse("TBX2"), SV_IO_TBX);
	assert_string_equal(sv_io_format_name(SV_IO_OMEGAT), "omegat");

	/* a wrong explicit format is an error, not a guess */
	assert_int_equal(read_file(path_of("a.tbx"), SV_IO_TMX, &g, NULL, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "expected tmx, found <martif>"));
	got_free(&g);
}

/* ---- Inline codes ------------------------------------------------------------ */

/* One unit's expected inline codes (NULL: none). */
struct codes_case {
	const char *id, *ru_codes, *bg_codes;
};

static void expect_codes(const char *name, const struct codes_case *want, size_t n)
{
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(data_path(name), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(g.u[i].id, want[i].id);
		if (want[i].ru_codes)
			assert_string_equal(g.u[i].ru_codes, want[i].ru_codes);
		else
			assert_null(g.u[i].ru_codes);
		if (want[i].bg_codes)
			assert_string_equal(g.u[i].bg_codes, want[i].bg_codes);
		else
			assert_null(g.u[i].bg_codes);
	}

	/* check's own reader finds the same codes in the same file */
	struct sv_check_segs segs;
	sv_check_segs_init(&segs);
	assert_int_equal(sv_check_read_report(data_path(name), SV_LANG_RU, &segs, &err), 0);
	assert_int_equal(segs.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct sv_check_seg *s = &segs.v[i];
		assert_string_equal(s->unit, want[i].id);
		assert_string_equal(s->src_codes, want[i].ru_codes ? want[i].ru_codes : "");
		assert_string_equal(s->tgt_codes, want[i].bg_codes ? want[i].bg_codes : "");
	}
	sv_check_segs_release(&segs);
	got_free(&g);
}

static void test_inline_codes(void **state)
{
	/* XLIFF 1.2: g/x/bx/ex, native ph/bpt/ept/it (content is not text), mrk
	 * (mtype="seg" is segmentation, not a code) */
	static const struct codes_case xliff[] = {
		{ "1", "g1 x2 /g1 bx3 ex3", "g1 x2 /g1 bx3 ex3" },
		{ "2", "ph4 bpt5 ept5 it6:open mrkt1 /mrkt1", "ph4 bpt5 ept5 mrkt1 /mrkt1" },
		{ "3", NULL, NULL },
	};
	expect_codes("codes.xlf", xliff, sizeof(xliff) / sizeof(xliff[0]));

	/* XLIFF 2: pc/ph/sc/ec (ec by startRef, else id), mrk and sm/em */
	static const struct codes_case xliff2[] = {
		{ "u1", "pc1 ph2 /pc1 sc3 ec3 mrkm1 /mrkm1 smm2 emm2",
		  "pc1 ph2 /pc1 sc3 ec9 mrkm1 /mrkm1" },
		{ "u2", NULL, NULL },
	};
	expect_codes("codes21.xlf", xliff2, sizeof(xliff2) / sizeof(xliff2[0]));

	/* TMX: bpt/ept by i before x, ph, it with its pos, hi paired, ut */
	static const struct codes_case tmx[] = {
		{ "1", "bpt1 ept1 ph2 it3:begin hi /hi ut", "bpt1 ept1 ph2 it3:end hi /hi" },
		{ "2", NULL, NULL },
	};
	expect_codes("codes.tmx", tmx, sizeof(tmx) / sizeof(tmx[0]));

	/* the text itself is unchanged: codes removed, native code content dropped */
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(data_path("codes.tmx"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_string_equal(g.u[0].bg, "Натиснете бутона   нататък");
	got_free(&g);
}

/* ---- import and check: the same acceptance ---------------------------------- */

/* Reads path as import does (sv_io_read) and as check does
 * (sv_check_read_report): both accept it with the same ru/bg texts, or both
 * refuse it with the same message, which then holds `refusal`. */
static void expect_same_acceptance(const char *path, const char *refusal)
{
	struct got g = { 0 };
	struct sv_error io_err = { 0 }, check_err = { 0 };
	struct sv_check_segs segs;
	sv_check_segs_init(&segs);
	int io_rc = read_file(path, SV_IO_AUTO, &g, NULL, &io_err);
	int check_rc = sv_check_read_report(path, SV_LANG_RU, &segs, &check_err);
	assert_int_equal(check_rc, io_rc);
	if (refusal) {
		assert_int_equal(io_rc, SV_EINPUT);
		assert_string_equal(check_err.msg, io_err.msg);
		if (!strstr(io_err.msg, refusal))
			fail_msg("%s: '%s' lacks '%s'", path, io_err.msg, refusal);
		assert_int_equal(segs.n, 0);
	} else {
		assert_int_equal(io_rc, 0);
		assert_true(g.nu > 0);
		for (size_t i = 0; i < g.nu; i++) {
			size_t k = 0;
			while (k < segs.n && strcmp(segs.v[k].unit, g.u[i].id))
				k++;
			assert_true(k < segs.n);
			assert_string_equal(segs.v[k].src, g.u[i].ru);
			assert_string_equal(segs.v[k].tgt, g.u[i].bg);
		}
	}
	sv_check_segs_release(&segs);
	got_free(&g);
}

/* Writes the UTF-8 file src as UTF-16LE with a byte order mark at dst. */
static void write_utf16(const char *src, const char *dst)
{
	size_t n = 0;
	char *s = sv_test_slurp(src, &n);
	assert_non_null(s);
	FILE *f = fopen(dst, "wb");
	assert_non_null(f);
	fputs("\xFF\xFE", f);
	const char *decl = "encoding=\"UTF-8\"";
	char *at = strstr(s, decl);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		if (at && s + i == at) {
			for (const char *d = "encoding=\"UTF-16\""; *d; d++)
				fputc(*d, f), fputc(0, f);
			i += strlen(decl);
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
		for (size_t k = 1; k < len; k++)
			cp = cp << 6 | ((unsigned char)s[i + k] & 0x3F);
		i += len;
		assert_true(cp < 0x10000); /* no surrogate pairs in the test data */
		fputc((int)(cp & 0xFF), f);
		fputc((int)(cp >> 8), f);
	}
	fclose(f);
	free(s);
}

static void test_same_acceptance(void **state)
{
	/* a bare DOCTYPE (no entity declared) is read by both */
	expect_same_acceptance(data_path("sample.tmx"), NULL);
	expect_same_acceptance(data_path("codes.xlf"), NULL);
	/* an entity declaration, in the internal subset or as a parameter entity */
	expect_same_acceptance(data_path("xxe.tmx"), "line 3: the DTD declares an entity");
	expect_same_acceptance(data_path("billion-laughs.tmx"), "the DTD declares an entity");
	expect_same_acceptance(data_path("xxe-param.xlf"), "the DTD declares an entity");
	/* malformed XML */
	expect_same_acceptance(data_path("malformed.tmx"), "line 6, column 49:");
	/* UTF-16 (issue 16 item 14: check took it for TSV) */
	write_utf16(data_path("codes.tmx"), path_of("codes16.tmx"));
	expect_same_acceptance(path_of("codes16.tmx"), NULL);
	write_utf16(data_path("xxe.tmx"), path_of("xxe16.tmx"));
	expect_same_acceptance(path_of("xxe16.tmx"), "declares an entity");
}

/* ---- Hostile input ---------------------------------------------------------- */

static void expect_refused(const char *path, const char *what)
{
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(path, SV_IO_AUTO, &g, NULL, &err), SV_EINPUT);
	assert_int_equal(g.nu, 0);
	if (!strstr(err.msg, what))
		fail_msg("%s: '%s' lacks '%s'", path, err.msg, what);
	got_free(&g);
}

static void test_hostile(void **state)
{
	expect_refused(data_path("billion-laughs.tmx"), "line 3: the DTD declares an entity");
	expect_refused(data_path("xxe.tmx"), "declares an entity");
	expect_refused(data_path("xxe-param.xlf"), "declares an entity");

	/* quadratic blowup: a 64 KB entity referenced 20,000 times */
	const char *p = path_of("quadratic.tmx");
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY a \"", f);
	for (int i = 0; i < 65536; i++)
		fputc('a', f);
	fputs("\">]>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"ru\"><seg>", f);
	for (int i = 0; i < 20000; i++)
		fputs("&a;", f);
	fputs("</seg></tuv></tu></body></tmx>\n", f);
	fclose(f);
	expect_refused(p, "declares an entity");

	/* the same in UTF-16 */
	p = path_of("laughs16.tmx");
	size_t n = 0;
	char *s = sv_test_slurp(data_path("billion-laughs.tmx"), &n);
	assert_non_null(s);
	f = fopen(p, "wb");
	fputc(0xFF, f);
	fputc(0xFE, f);
	for (size_t i = 0; i < n; i++) {
		fputc(s[i], f);
		fputc(0, f);
	}
	fclose(f);
	free(s);
	expect_refused(p, "declares an entity");

	/* an undeclared entity reference */
	p = path_of("undeclared.tmx");
	f = fopen(p, "w");
	fputs("<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"ru\"><seg>&x;</seg></tuv>"
	      "<tuv xml:lang=\"bg\"><seg>b</seg></tuv></tu></body></tmx>", f);
	fclose(f);
	expect_refused(p, "line 1");

	/* a DOCTYPE naming an external DTD: read, the DTD never fetched */
	p = path_of("external-dtd.tmx");
	f = fopen(p, "w");
	fputs("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"file:///etc/passwd\">\n"
	      "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"ru\"><seg>Да &amp; нет</seg></tuv>"
	      "<tuv xml:lang=\"bg\"><seg>Да</seg></tuv></tu></body></tmx>\n", f);
	fclose(f);
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(p, SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 1);
	assert_string_equal(g.u[0].ru, "Да & нет");
	got_free(&g);

	/* malformed XML: file, line and column */
	assert_int_equal(read_file(data_path("malformed.tmx"), SV_IO_AUTO, &g, NULL, &err),
			 SV_EINPUT);
	char want[600];
	snprintf(want, sizeof(want), "'%s': line 6, column ", data_path("malformed.tmx"));
	if (strncmp(err.msg, want, strlen(want)))
		fail_msg("'%s' does not start with '%s'", err.msg, want);
	got_free(&g);

	/* truncated, empty, binary, not XML at all */
	p = path_of("trunc.tmx");
	f = fopen(p, "w");
	fputs("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"ru\"><seg>Сов", f);
	fclose(f);
	assert_int_equal(read_file(p, SV_IO_AUTO, &g, NULL, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "line 2"));
	p = path_of("empty.tmx");
	f = fopen(p, "w");
	fclose(f);
	assert_int_equal(read_file(p, SV_IO_TMX, &g, NULL, &err), SV_EINPUT);
	assert_int_equal(read_file("/nonexistent.tmx", SV_IO_AUTO, &g, NULL, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'/nonexistent.tmx': cannot open"));
	got_free(&g);
}

/* ---- The English pivot ---------------------------------------------------------- */

static void test_pivot(void **state)
{
	struct got g = { 0 };
	struct sv_error err = { 0 };
	const char *a = data_path("en-ru.tmx"), *b = data_path("en-bg.po");
	assert_int_equal(sv_io_pivot_read(a, b, &got_cb, &g, &err), 0);
	assert_int_equal(g.nu, 2);
	assert_string_equal(g.u[0].ru, "Совет коллективной безопасности");
	assert_string_equal(g.u[0].bg, "Съвет за колективна сигурност");
	assert_string_equal(g.u[0].method, "pivot");
	assert_string_equal(g.u[0].ru_doc, a);
	assert_string_equal(g.u[0].bg_doc, b);
	assert_non_null(strstr(g.u[0].origin, "pivot:"));
	assert_string_equal(g.u[1].bg, "Генерален секретар"); /* "Secretary  General" */
	got_free(&g);

	/* a PO of the wrong language is refused */
	assert_int_equal(sv_io_pivot_read(a, a, &got_cb, &g, &err), 0); /* en-ru twice: no bg */
	assert_int_equal(g.nu, 0);
	got_free(&g);
	assert_int_equal(sv_io_pivot_read(b, b, &got_cb, &g, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "the language is bg, not ru"));
	got_free(&g);

	/* PO alone is not a ru/bg memory */
	assert_int_equal(read_file(b, SV_IO_AUTO, &g, NULL, &err), SV_EINPUT);
	got_free(&g);

	/* XLIFF 1.2 en->bg as the other side */
	const char *x = path_of("en-bg.xlf");
	FILE *f = fopen(x, "w");
	fputs("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
	      "<file original=\"a\" source-language=\"en-US\" target-language=\"bg\" "
	      "datatype=\"plaintext\"><body><trans-unit id=\"1\"><source>Only in "
	      "Russian</source><target>Само на руски</target><alt-trans><source>x</source>"
	      "<target>y</target></alt-trans></trans-unit></body></file></xliff>", f);
	fclose(f);
	assert_int_equal(sv_io_pivot_read(a, x, &got_cb, &g, &err), 0);
	assert_int_equal(g.nu, 1);
	assert_string_equal(g.u[0].bg, "Само на руски");
	got_free(&g);
}

/* ---- Translate Toolkit as a real client ---------------------------------------- */

static int have_ttk(void)
{
	return system("/usr/bin/python3 -c 'import translate.storage.tmx' >/dev/null 2>&1") == 0;
}

static void test_translate_toolkit(void **state)
{
	if (!have_ttk()) {
		skip();
		return;
	}
	/* Files written by Translate Toolkit's storage classes import. */
	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && /usr/bin/python3 - <<'PY'\n"
		 "from translate.storage import tmx, xliff\n"
		 "t = tmx.tmxfile(sourcelanguage='ru', targetlanguage='bg')\n"
		 "t.addtranslation('Совет коллективной безопасности ОДКБ', 'ru', "
		 "'Съвет за колективна сигурност на ОДКС', 'bg')\n"
		 "t.addtranslation('5 < 7 & \"да\"', 'ru', '5 < 7 & „да“', 'bg')\n"
		 "open('ttk.tmx', 'wb').write(bytes(t))\n"
		 "x = xliff.xlifffile(sourcelanguage='ru-RU', targetlanguage='bg-BG')\n"
		 "u = x.addsourceunit('Генеральный секретарь')\n"
		 "u.target = 'Генерален секретар'\n"
		 "open('ttk.xlf', 'wb').write(bytes(x))\n"
		 "PY", dir);
	assert_int_equal(system(cmd), 0);
	struct got g = { 0 };
	struct sv_error err = { 0 };
	assert_int_equal(read_file(path_of("ttk.tmx"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 2);
	assert_string_equal(g.u[0].bg, "Съвет за колективна сигурност на ОДКС");
	assert_string_equal(g.u[1].ru, "5 < 7 & \"да\"");
	got_free(&g);
	assert_int_equal(read_file(path_of("ttk.xlf"), SV_IO_AUTO, &g, NULL, &err), 0);
	assert_int_equal(g.nu, 1);
	assert_string_equal(g.u[0].bg, "Генерален секретар");
	got_free(&g);

	/* Its readers load sverka's TMX and XLIFF. */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && /usr/bin/python3 - <<'PY'\n"
		 "from translate.storage import tmx, xliff\n"
		 "t = tmx.tmxfile(open('a.tmx', 'rb'))\n"
		 "us = [u for u in t.units]\n"
		 "assert len(us) == %d, len(us)\n"
		 "assert us[0].source == 'Совет коллективной безопасности ОДКБ', us[0].source\n"
		 "assert us[0].target == 'Съвет за колективна сигурност на ОДКС', us[0].target\n"
		 "assert us[2].source == 'Да ', repr(us[2].source)\n"
		 "x = xliff.xlifffile(open('a.xlf', 'rb'))\n"
		 "us = [u for u in x.units]\n"
		 "assert len(us) == %d, len(us)\n"
		 "assert us[0].target == 'Съвет за колективна сигурност на ОДКС'\n"
		 "assert us[0].isapproved()\n"
		 "PY", dir, (int)NUNITS, (int)NUNITS);
	assert_int_equal(system(cmd), 0);

	/* po2tmx / po2xliff output pivot-imports. */
	if (system("command -v po2tmx >/dev/null && command -v po2xliff >/dev/null") == 0) {
		snprintf(cmd, sizeof(cmd),
			 "cd '%s' && printf 'msgid \"\"\\nmsgstr \"Language: ru\\\\n\"\\n\\n"
			 "msgid \"Collective Security Council\"\\nmsgstr \"Совет коллективной "
			 "безопасности\"\\n' > ru.po && po2tmx -l ru ru.po en-ru-ttk.tmx >/dev/null 2>&1 && "
			 "po2xliff '%s' en-bg-ttk.xlf >/dev/null 2>&1", dir, data_path("en-bg.po"));
		assert_int_equal(system(cmd), 0);
		assert_int_equal(sv_io_pivot_read(path_of("en-ru-ttk.tmx"), path_of("en-bg-ttk.xlf"),
						  &got_cb, &g, &err), 0);
		assert_int_equal(g.nu, 1);
		assert_string_equal(g.u[0].ru, "Совет коллективной безопасности");
		assert_string_equal(g.u[0].bg, "Съвет за колективна сигурност");
		got_free(&g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tmx),
		cmocka_unit_test(test_tmx_terms),
		cmocka_unit_test(test_xliff),
		cmocka_unit_test(test_tbx),
		cmocka_unit_test(test_text_formats),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_read_variants),
		cmocka_unit_test(test_inline_codes),
		cmocka_unit_test(test_same_acceptance),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_pivot),
		cmocka_unit_test(test_translate_toolkit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
