/* Build-time generator of the character-trigram profiles used by language
 * identification: expands the suffix rules of the hunspell ru_RU and bg_BG
 * dictionaries into word forms, counts their letter trigrams and writes a
 * C table of log-likelihood ratios (Russian minus Bulgarian), and Bloom
 * filters of the word forms only one of the two languages has.
 * Usage: gen-langprof OUTPUT.c DIR[:DIR...]  (missing dictionaries give an
 * empty table, and language identification then relies on its other cues). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSYM 36
#define NTRI (NSYM * NSYM * NSYM)

/* 0 boundary, 1..32 а..я, 33 (unused), 34 ѝ→и, 35 other letters */
static int sym(uint32_t cp)
{
	if (cp >= 0x410 && cp < 0x430)
		cp += 0x20;
	if (cp == 0x401 || cp == 0x451)
		cp = 0x435;
	if (cp == 0x45D || cp == 0x40D)
		cp = 0x438;
	if (cp >= 0x430 && cp < 0x450)
		return 1 + (int)(cp - 0x430);
	if (cp >= 0x400 && cp < 0x530)
		return 35;
	if ((cp | 32) >= 'a' && (cp | 32) <= 'z')
		return 35;
	return 0;
}

static size_t decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	*cp = 0xFFFD;
	return 1;
}

/* Code points of s into out (at most max); returns the count. */
static int to_cps(const char *s, uint32_t *out, int max)
{
	int n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n < max) {
		uint32_t cp;
		p += decode(p, &cp);
		out[n++] = cp;
	}
	return n;
}

struct rule {
	int flag;
	uint32_t strip[16], add[24];
	int nstrip, nadd;
	/* condition: ncond elements, each a set of code points (neg: not in it; any: '.') */
	int ncond;
	struct {
		uint32_t set[48];
		int n, neg, any;
	} cond[12];
};

static struct rule *rules;
static size_t nrules, caprules;

static void parse_cond(struct rule *r, const char *c)
{
	uint32_t cps[256];
	int n = to_cps(c, cps, 256), i = 0;
	r->ncond = 0;
	if (n == 1 && cps[0] == '.')
		return;
	while (i < n && r->ncond < 12) {
		struct rule *x = r;
		int k = x->ncond++;
		memset(&x->cond[k], 0, sizeof(x->cond[k]));
		if (cps[i] == '[') {
			i++;
			if (i < n && cps[i] == '^') {
				x->cond[k].neg = 1;
				i++;
			}
			while (i < n && cps[i] != ']') {
				if (x->cond[k].n < 48)
					x->cond[k].set[x->cond[k].n++] = cps[i];
				i++;
			}
			i++;
		} else if (cps[i] == '.') {
			x->cond[k].any = 1;
			i++;
		} else {
			x->cond[k].set[x->cond[k].n++] = cps[i++];
		}
	}
}

static void read_aff(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	nrules = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char kw[8], flag[8], strip[128], add[128], cond[512];
		if (strncmp(line, "SFX ", 4))
			continue;
		cond[0] = 0;
		int k = sscanf(line, "%7s %7s %127s %127s %511s", kw, flag, strip, add, cond);
		if (k < 5 || !strcmp(strip, "Y") || !strcmp(strip, "N"))
			continue;
		if (nrules == caprules) {
			caprules = caprules ? caprules * 2 : 1024;
			rules = realloc(rules, caprules * sizeof(*rules));
			if (!rules)
				abort();
		}
		struct rule *r = &rules[nrules++];
		memset(r, 0, sizeof(*r));
		uint32_t fc;
		decode((const unsigned char *)flag, &fc);
		r->flag = (int)fc;
		char *slash = strchr(add, '/');
		if (slash)
			*slash = 0;
		r->nstrip = strcmp(strip, "0") ? to_cps(strip, r->strip, 16) : 0;
		r->nadd = strcmp(add, "0") ? to_cps(add, r->add, 24) : 0;
		parse_cond(r, cond);
	}
	fclose(f);
}

static int cond_ok(const struct rule *r, const uint32_t *w, int n)
{
	if (r->ncond > n || r->nstrip > n)
		return 0;
	for (int k = 0; k < r->ncond; k++) {
		uint32_t c = w[n - r->ncond + k];
		if (r->cond[k].any)
			continue;
		int in = 0;
		for (int j = 0; j < r->cond[k].n; j++)
			if (r->cond[k].set[j] == c)
				in = 1;
		if (in == r->cond[k].neg)
			return 0;
	}
	for (int k = 0; k < r->nstrip; k++)
		if (w[n - r->nstrip + k] != r->strip[k])
			return 0;
	return 1;
}

/* Word forms as 64-bit hashes of their keys (lower case, ё→е, UTF-8),
 * for the lexicon filters. */
struct hashes {
	uint64_t *v;
	size_t n, cap;
};
static struct hashes *cur_forms;

uint64_t form_hash(const uint32_t *w, int n);
uint64_t form_hash(const uint32_t *w, int n)
{
	uint64_t h = 14695981039346656037ull;
	for (int i = 0; i < n; i++) {
		uint32_t cp = w[i];
		if (cp >= 0x410 && cp < 0x430)
			cp += 0x20;
		else if (cp >= 0x400 && cp < 0x410)
			cp += 0x50;
		else if (cp < 0x80 && cp >= 'A' && cp <= 'Z')
			cp += 32;
		if (cp == 0x451)
			cp = 0x435;
		unsigned char b[4];
		int k = 0;
		if (cp < 0x80) {
			b[k++] = (unsigned char)cp;
		} else if (cp < 0x800) {
			b[k++] = (unsigned char)(0xC0 | (cp >> 6));
			b[k++] = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			b[k++] = (unsigned char)(0xE0 | (cp >> 12));
			b[k++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			b[k++] = (unsigned char)(0x80 | (cp & 0x3F));
		}
		for (int j = 0; j < k; j++) {
			h ^= b[j];
			h *= 1099511628211ull;
		}
	}
	return h;
}

static void count(double *cnt, const uint32_t *w, int n)
{
	if (cur_forms) {
		if (cur_forms->n == cur_forms->cap) {
			cur_forms->cap = cur_forms->cap ? cur_forms->cap * 2 : 1 << 20;
			cur_forms->v = realloc(cur_forms->v, cur_forms->cap * sizeof(uint64_t));
			if (!cur_forms->v)
				abort();
		}
		cur_forms->v[cur_forms->n++] = form_hash(w, n);
	}
	int s[80], m = 0;
	s[m++] = 0;
	for (int i = 0; i < n && m < 78; i++)
		s[m++] = sym(w[i]);
	s[m++] = 0;
	for (int i = 0; i + 2 < m; i++)
		cnt[(s[i] * NSYM + s[i + 1]) * NSYM + s[i + 2]] += 1;
}

/* Counts the trigrams of every form of every word in dir/name.{aff,dic};
 * returns the number of forms. */
static long train(const char *dirs, const char *name, double *cnt)
{
	char path[4096], dic[4096];
	const char *d = dirs;
	FILE *f = NULL;
	while (*d && !f) {
		size_t len = strcspn(d, ":");
		snprintf(dic, sizeof(dic), "%.*s/%s.dic", (int)len, d, name);
		snprintf(path, sizeof(path), "%.*s/%s.aff", (int)len, d, name);
		f = fopen(dic, "r");
		d += len;
		if (*d == ':')
			d++;
	}
	if (!f)
		return 0;
	read_aff(path);
	/* rules by flag */
	static size_t first[0x10000], cnt_by[0x10000];
	memset(cnt_by, 0, sizeof(cnt_by));
	for (size_t i = 0; i < nrules; i++) {
		int fl = rules[i].flag & 0xFFFF;
		if (!cnt_by[fl])
			first[fl] = i;
		cnt_by[fl]++;
	}
	char line[4096];
	long forms = 0;
	int lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!lineno++)
			continue; /* the word count */
		line[strcspn(line, "\r\n\t ")] = 0;
		char *slash = strchr(line, '/');
		char *flags = NULL;
		if (slash) {
			*slash = 0;
			flags = slash + 1;
		}
		uint32_t w[64], fcp[64], form[96];
		int n = to_cps(line, w, 64);
		if (!n)
			continue;
		count(cnt, w, n);
		forms++;
		int nf = flags ? to_cps(flags, fcp, 64) : 0;
		for (int j = 0; j < nf; j++) {
			int fl = (int)fcp[j] & 0xFFFF;
			for (size_t r = first[fl], e = first[fl] + cnt_by[fl]; cnt_by[fl] && r < e; r++) {
				if (rules[r].flag != (int)fcp[j] || !cond_ok(&rules[r], w, n))
					continue;
				int m = n - rules[r].nstrip;
				memcpy(form, w, (size_t)m * sizeof(uint32_t));
				memcpy(form + m, rules[r].add, (size_t)rules[r].nadd * sizeof(uint32_t));
				count(cnt, form, m + rules[r].nadd);
				forms++;
			}
		}
	}
	fclose(f);
	return forms;
}

static int cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void sort_unique(struct hashes *h)
{
	qsort(h->v, h->n, sizeof(uint64_t), cmp64);
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++)
		if (!k || h->v[k - 1] != h->v[i])
			h->v[k++] = h->v[i];
	h->n = k;
}

/* A blocked Bloom filter of the hashes in a and not in b (shared: in both):
 * 64-byte blocks, 6 bits set per item inside one block. */
static unsigned char *bloom(const struct hashes *a, const struct hashes *b, int shared,
			    size_t *nblocks, size_t *items)
{
	size_t only = 0;
	for (size_t i = 0, j = 0; i < a->n; i++) {
		while (j < b->n && b->v[j] < a->v[i])
			j++;
		if ((j < b->n && b->v[j] == a->v[i]) != shared)
			continue;
		only++;
	}
	*items = only;
	*nblocks = only * 10 / 512 + 1;
	unsigned char *f = calloc(*nblocks, 64);
	if (!f)
		abort();
	for (size_t i = 0, j = 0; i < a->n; i++) {
		while (j < b->n && b->v[j] < a->v[i])
			j++;
		if ((j < b->n && b->v[j] == a->v[i]) != shared)
			continue;
		uint64_t h = a->v[i];
		unsigned char *blk = f + (size_t)(h % *nblocks) * 64;
		uint64_t g = h >> 16 | h << 48;
		for (int k = 0; k < 6; k++) {
			unsigned bit = (unsigned)(g >> (9 * k)) & 511;
			blk[bit >> 3] |= (unsigned char)(1u << (bit & 7));
		}
	}
	return f;
}

static void emit_filter(FILE *out, const char *name, const unsigned char *f, size_t nblocks)
{
	fprintf(out, "const size_t %s_blocks = %zu;\n", name, nblocks);
	fprintf(out, "const unsigned char %s[] =", name);
	for (size_t i = 0; i < nblocks * 64; i++) {
		if (i % 32 == 0)
			fprintf(out, "\n\t\"");
		fprintf(out, "\\%03o", f[i]);
		if (i % 32 == 31 || i + 1 == nblocks * 64)
			fprintf(out, "\"");
	}
	fprintf(out, ";\n");
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gen-langprof OUTPUT.c DIRS\n");
		return 2;
	}
	double *ru = calloc(NTRI, sizeof(double)), *bg = calloc(NTRI, sizeof(double));
	if (!ru || !bg)
		return 1;
	static struct hashes hru, hbg;
	cur_forms = &hru;
	long nru = train(argv[2], "ru_RU", ru);
	cur_forms = &hbg;
	long nbg = train(argv[2], "bg_BG", bg);
	cur_forms = NULL;
	sort_unique(&hru);
	sort_unique(&hbg);
	FILE *out = fopen(argv[1], "w");
	if (!out)
		return 1;
	fprintf(out, "/* generated by gen-langprof from the hunspell dictionaries in %s:\n"
		     " * %ld Russian and %ld Bulgarian word forms. Do not edit. */\n",
		argv[2], nru, nbg);
	fprintf(out, "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n");
	fprintf(out, "#include <stdint.h>\nextern const int sv_langprof_ok;\n"
		     "extern const int16_t sv_langprof[%d];\n", NTRI);
	fprintf(out, "const int sv_langprof_ok = %d;\n", nru > 0 && nbg > 0);
	fprintf(out, "const int16_t sv_langprof[%d] = {", NTRI);
	double tru = 0, tbg = 0;
	for (int i = 0; i < NTRI; i++)
		tru += ru[i], tbg += bg[i];
	for (int i = 0; i < NTRI; i++) {
		int v = 0;
		if (nru > 0 && nbg > 0 && (ru[i] > 0 || bg[i] > 0)) {
			double lr = log((ru[i] + 0.5) / (tru + 1)) - log((bg[i] + 0.5) / (tbg + 1));
			if (lr > 8)
				lr = 8;
			if (lr < -8)
				lr = -8;
			v = (int)lround(lr * 1000);
		}
		fprintf(out, "%s%d,", i % 16 ? "" : "\n", v);
	}
	fprintf(out, "\n};\n");
	/* the lexicons: forms of one language that the other lacks */
	size_t bru, bbg, bsh, iru, ibg, ish;
	unsigned char *fru = bloom(&hru, &hbg, 0, &bru, &iru);
	unsigned char *fbg = bloom(&hbg, &hru, 0, &bbg, &ibg);
	unsigned char *fsh = bloom(&hru, &hbg, 1, &bsh, &ish);
	fprintf(out, "/* %zu forms only Russian, %zu only Bulgarian, %zu in both */\n", iru, ibg,
		ish);
	fprintf(out, "#include <stddef.h>\n");
	fprintf(out, "extern const size_t sv_lex_ru_blocks, sv_lex_bg_blocks, sv_lex_both_blocks;\n");
	fprintf(out, "extern const unsigned char sv_lex_ru[], sv_lex_bg[], sv_lex_both[];\n");
	emit_filter(out, "sv_lex_ru", fru, bru);
	emit_filter(out, "sv_lex_bg", fbg, bbg);
	emit_filter(out, "sv_lex_both", fsh, bsh);
	free(fru);
	free(fbg);
	free(fsh);
	free(hru.v);
	free(hbg.v);
	fclose(out);
	free(ru);
	free(bg);
	return 0;
}
