/* Build-time generator of the character-trigram profiles used by language
 * identification: expands the suffix rules of the hunspell ru_RU and bg_BG
 * dictionaries into word forms, counts their letter trigrams and writes a
 * C table of log-likelihood ratios (Russian minus Bulgarian).
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

static void count(double *cnt, const uint32_t *w, int n)
{
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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gen-langprof OUTPUT.c DIRS\n");
		return 2;
	}
	double *ru = calloc(NTRI, sizeof(double)), *bg = calloc(NTRI, sizeof(double));
	if (!ru || !bg)
		return 1;
	long nru = train(argv[2], "ru_RU", ru);
	long nbg = train(argv[2], "bg_BG", bg);
	FILE *out = fopen(argv[1], "w");
	if (!out)
		return 1;
	fprintf(out, "/* generated by gen-langprof from the hunspell dictionaries in %s:\n"
		     " * %ld Russian and %ld Bulgarian word forms. Do not edit. */\n",
		argv[2], nru, nbg);
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
	fclose(out);
	free(ru);
	free(bg);
	return 0;
}
