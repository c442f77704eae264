/* The checks: one pass over the segment pairs for the per-unit checks, then
 * the consistency checks across the whole batch; configuration, suppressions
 * and the findings list. */
#include "check/check-int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"

static const struct {
	const char *name;
	int severity;
	const char *describe;
} checks[SV_CHECK_COUNT] = {
	{ "term-missing", SV_CHECK_ERROR,
	  "a glossary term (any inflected form) is in the source and none of its approved "
	  "equivalents is in the target" },
	{ "term-forbidden", SV_CHECK_ERROR,
	  "the target uses a forbidden or deprecated term, or a rejected rendering of a "
	  "source term" },
	{ "term-inconsistent", SV_CHECK_WARNING,
	  "one source term rendered by different glossary terms across the batch" },
	{ "segment-inconsistent", SV_CHECK_WARNING,
	  "identical sources with different targets, or different sources with one target" },
	{ "number-mismatch", SV_CHECK_ERROR,
	  "a number, date, percentage, year or range in digits on one side is not on the "
	  "other" },
	{ "untranslated", SV_CHECK_ERROR,
	  "empty target, target identical to the source (names and acronyms excepted), or "
	  "target in the source language" },
	{ "mixed-script", SV_CHECK_ERROR,
	  "Latin or Greek look-alike letters inside or among Cyrillic words" },
	{ "tag-mismatch", SV_CHECK_ERROR,
	  "inline codes missing, added or reordered in the target" },
};

static const char *const severities[] = { "off", "info", "warning", "error" };

const char *sv_check_name(int check)
{
	return check >= 0 && check < SV_CHECK_COUNT ? checks[check].name : "?";
}

int sv_check_parse(const char *name)
{
	for (int i = 0; i < SV_CHECK_COUNT; i++)
		if (!strcmp(name, checks[i].name))
			return i;
	return -1;
}

const char *sv_check_describe(int check)
{
	return check >= 0 && check < SV_CHECK_COUNT ? checks[check].describe : "";
}

const char *sv_check_severity_name(int sev)
{
	return sev >= 0 && sev <= SV_CHECK_ERROR ? severities[sev] : "?";
}

int sv_check_severity_parse(const char *name)
{
	for (int i = 0; i <= SV_CHECK_ERROR; i++)
		if (!strcmp(name, severities[i]))
			return i;
	return -1;
}

/* ---- Segments ---------------------------------------------------------------- */

void sv_check_segs_init(struct sv_check_segs *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
	sv_intern_init(&s->files);
}

void sv_check_segs_release(struct sv_check_segs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].unit);
		free(s->v[i].src);
		free(s->v[i].tgt);
		free(s->v[i].src_codes);
		free(s->v[i].tgt_codes);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
	sv_intern_release(&s->files);
}

static char *dup_or_null(const char *s)
{
	return s ? sv_strdup(s) : NULL;
}

void sv_check_segs_add(struct sv_check_segs *s, const char *file, const char *unit,
		       const char *src, const char *tgt, const char *src_codes,
		       const char *tgt_codes, enum sv_lang src_lang, enum sv_lang tgt_lang)
{
	SV_GROW(s->v, s->cap, s->n + 1);
	struct sv_check_seg *g = &s->v[s->n++];
	g->file = sv_intern_add(&s->files, file ? file : "", file ? strlen(file) : 0);
	g->unit = sv_strdup(unit ? unit : "");
	g->src = sv_strdup(src ? src : "");
	g->tgt = dup_or_null(tgt);
	g->src_codes = dup_or_null(src_codes);
	g->tgt_codes = dup_or_null(tgt_codes);
	g->src_lang = src_lang;
	g->tgt_lang = tgt_lang;
}

/* ---- Configuration ------------------------------------------------------------ */

void sv_check_config_init(struct sv_check_config *c)
{
	for (int i = 0; i < SV_CHECK_COUNT; i++)
		c->severity[i] = checks[i].severity;
	sv_map_init(&c->suppress);
	c->candidates = 0;
}

void sv_check_config_release(struct sv_check_config *c)
{
	sv_map_release(&c->suppress);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int sv_check_config_set(struct sv_check_config *c, const char *setting, struct sv_error *err)
{
	int rc = SV_OK;
	char *copy = sv_strdup(setting);
	char *eq = strchr(copy, '=');
	if (!eq) {
		rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected NAME=VALUE", setting);
		goto out;
	}
	*eq = '\0';
	char *name = trim(copy), *val = trim(eq + 1);
	if (!strcmp(name, "suppress")) {
		if (!*val) {
			rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected [FILE:]UNIT",
					  setting);
			goto out;
		}
		struct sv_buf k = SV_BUF_INIT;
		if (!strchr(val, ':'))
			sv_buf_addc(&k, ':');
		sv_buf_adds(&k, val);
		sv_map_put(&c->suppress, k.data, 1);
		sv_buf_release(&k);
		goto out;
	}
	if (!strcmp(name, "candidates")) {
		if (!strcmp(val, "yes") || !strcmp(val, "on") || !strcmp(val, "1"))
			c->candidates = 1;
		else if (!strcmp(val, "no") || !strcmp(val, "off") || !strcmp(val, "0"))
			c->candidates = 0;
		else
			rc = sv_error_set(err, SV_EUSAGE, "setting '%s': expected yes or no",
					  setting);
		goto out;
	}
	int check = sv_check_parse(name);
	if (check < 0) {
		rc = sv_error_set(err, SV_EUSAGE, "unknown check '%s'", name);
		goto out;
	}
	int sev = !strcmp(val, "on") ? checks[check].severity : sv_check_severity_parse(val);
	if (sev < 0) {
		rc = sv_error_set(err, SV_EUSAGE,
				  "setting '%s': expected off, on, info, warning or error",
				  setting);
		goto out;
	}
	c->severity[check] = sev;
out:
	free(copy);
	return rc;
}

int sv_check_config_read(struct sv_check_config *c, const char *path, struct sv_error *err)
{
	FILE *f;
	int rc = sv_file_open(path, &f, err);
	if (rc)
		return rc;
	char line[4096];
	unsigned long lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(line);
		if (!*s)
			continue;
		if ((rc = sv_check_config_set(c, s, err))) {
			sv_error_prefix(err, "'%s': line %lu: ", path, lineno);
			err->code = rc = SV_EINPUT;
			break;
		}
	}
	fclose(f);
	return rc;
}

int sv_check_config_suppressed(const struct sv_check_config *c, const char *file,
			       const char *unit)
{
	if (!c->suppress.len)
		return 0;
	struct sv_buf k = SV_BUF_INIT;
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	int hit = 0;
	const char *names[3] = { file, base, "" };
	for (int i = 0; i < 3 && !hit; i++) {
		sv_buf_reset(&k);
		sv_buf_addf(&k, "%s:%s", names[i], unit);
		hit = sv_map_find(&c->suppress, k.data, k.len) != NULL;
	}
	sv_buf_release(&k);
	return hit;
}

/* ---- Findings ------------------------------------------------------------------ */

void sv_check_findings_init(struct sv_check_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void sv_check_findings_release(struct sv_check_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].message);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void sv_check_finding_add(struct sv_check_findings *f, int check, int sev, size_t seg,
			  const char *message, int side, uint32_t mark, uint32_t marklen)
{
	SV_GROW(f->v, f->cap, f->n + 1);
	struct sv_check_finding *x = &f->v[f->n++];
	x->check = check;
	x->severity = sev;
	x->seg = seg;
	x->message = sv_strdup(message);
	x->side = side;
	x->mark = mark;
	x->marklen = marklen;
	f->count[check]++;
	if (sev == SV_CHECK_ERROR)
		f->errors++;
	else if (sev == SV_CHECK_WARNING)
		f->warnings++;
	else
		f->infos++;
}

/* ---- The run ---------------------------------------------------------------------- */

/* A glossary rendering seen in a unit: concept rendered by target term. */
struct obs {
	uint32_t concept, src_term, term;
	size_t seg;
	size_t first; /* the first unit where src_term was rendered by term (set before sorting) */
};

struct run {
	struct sv_text *t;
	const struct sv_check_segs *segs;
	struct sv_check_glossary *g;
	const struct sv_check_config *cfg;
	struct sv_check_findings *out;
	size_t first;                    /* out->n at the start */
	struct sv_tokens st, tt;
	struct sv_check_matches sm, tm;
	struct sv_check_nums sn, tn;
	struct sv_map numwords;          /* numeral and month word forms */
	struct sv_buf fix;               /* a text with look-alike letters repaired */
	struct sv_tokens ft;             /* its tokens */
	uint32_t *map;                   /* its bytes' offsets in the original */
	size_t mapcap;
	struct sv_buf msg, tmp;
	struct obs *obs;
	size_t nobs, capobs;
	char **skey, **tkey;             /* per segment: normalised texts (NULL: skip) */
	size_t cur;                      /* segment in hand */
	int side;                        /* for script callbacks */
};

static int enabled(const struct run *r, int check)
{
	return r->cfg->severity[check] != SV_CHECK_OFF;
}

/* Adds a finding on segment seg unless the check is off or the unit suppressed. */
static void add(struct run *r, int check, size_t seg, int side, uint32_t mark, uint32_t len,
		const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void add(struct run *r, int check, size_t seg, int side, uint32_t mark, uint32_t len,
		const char *fmt, ...)
{
	if (!enabled(r, check))
		return;
	const struct sv_check_seg *s = &r->segs->v[seg];
	if (sv_check_config_suppressed(r->cfg, sv_check_seg_file(r->segs, seg), s->unit))
		return;
	sv_buf_reset(&r->tmp);
	va_list ap;
	va_start(ap, fmt);
	sv_buf_vaddf(&r->tmp, fmt, ap);
	va_end(ap);
	sv_check_finding_add(r->out, check, r->cfg->severity[check], seg, r->tmp.data, side, mark,
			     len);
}

/* The normalised form of a whole text for identity: matching keys (case
 * folded, ё→е, quotes and dashes unified), white space collapsed. */
static char *norm_text(const char *s)
{
	struct sv_buf k = SV_BUF_INIT, o = SV_BUF_INIT;
	sv_text_key(s, strlen(s), &k);
	int space = 1;
	for (size_t i = 0; i < k.len; i++) {
		unsigned char c = (unsigned char)k.data[i];
		int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if (!sp && c == 0xC2 && i + 1 < k.len && (unsigned char)k.data[i + 1] == 0xA0) {
			sp = 1;
			i++;
		}
		if (sp) {
			space = 1;
			continue;
		}
		if (space && o.len)
			sv_buf_addc(&o, ' ');
		space = 0;
		sv_buf_addc(&o, (char)c);
	}
	sv_buf_release(&k);
	return sv_buf_detach(&o);
}

static const char *lang_name(enum sv_lang l)
{
	return l == SV_LANG_RU ? "Russian" : l == SV_LANG_BG ? "Bulgarian" : "the source language";
}

/* Whether every word of the tokens is a name, an acronym or Latin: a target
 * identical to such a source needs no translation. */
static int names_only(const struct sv_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		if (tk->type != SV_TOK_WORD || (tk->flags & SV_TOKF_PART))
			continue;
		if (!(tk->flags & (SV_TOKF_CAPITAL | SV_TOKF_LATIN)))
			return 0;
	}
	return 1;
}

/* A cheap first test that text may be in lang rather than the other
 * language: Russian has ы, э and ё, which Bulgarian lacks; Bulgarian has ѝ,
 * and ъ before a consonant or at a word's end, which Russian lacks. The
 * language identifier then decides. */
static int looks_like(const char *text, enum sv_lang lang)
{
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; p[i]; i++) {
		if (p[i] != 0xD1 && p[i] != 0xD0)
			continue;
		unsigned c = (unsigned)p[i] << 8 | p[i + 1];
		if (lang == SV_LANG_RU && (c == 0xD18B || c == 0xD0AB || c == 0xD18D ||
					   c == 0xD0AD ||
					   c == 0xD191 || c == 0xD081))
			return 1; /* ы Ы э Э ё Ё */
		if (lang == SV_LANG_BG) {
			if (c == 0xD19D || c == 0xD08D)
				return 1; /* ѝ Ѝ */
			if (c == 0xD18A || c == 0xD0AA) { /* ъ Ъ */
				unsigned d = p[i + 2] ? (unsigned)p[i + 2] << 8 | p[i + 3] : 0;
				/* Russian writes ъ only before е, ё, ю, я */
				if (d != 0xD0B5 && d != 0xD191 && d != 0xD18E && d != 0xD18F &&
				    d != 0xD095 && d != 0xD0AE && d != 0xD0AF)
					return 1;
			}
		}
		if (p[i + 1])
			i++;
	}
	return 0;
}

static size_t count_words(const struct sv_tokens *toks)
{
	size_t n = 0;
	for (size_t i = 0; i < toks->n; i++)
		n += (toks->v[i].type == SV_TOK_WORD) && !(toks->v[i].flags & SV_TOKF_PART);
	return n;
}

/* untranslated; returns 1 when the unit is untranslated (other content checks
 * are then moot). Tokens of both sides are in r->st / r->tt. */
static int check_untranslated(struct run *r, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	const char *tgt = s->tgt ? s->tgt : "";
	int src_blank = 1, tgt_blank = 1;
	for (const char *p = s->src; *p && src_blank; p++)
		src_blank = isspace((unsigned char)*p);
	for (const char *p = tgt; *p && tgt_blank; p++)
		tgt_blank = isspace((unsigned char)*p);
	if (src_blank)
		return 0;
	if (tgt_blank) {
		add(r, SV_CHECK_UNTRANSLATED, i, 1, 0, 0, "%s",
		    s->tgt ? "the target is empty" : "the unit has no target");
		return 1;
	}
	if (r->skey[i] && r->tkey[i] && !strcmp(r->skey[i], r->tkey[i])) {
		if (names_only(&r->st))
			return 0;
		add(r, SV_CHECK_UNTRANSLATED, i, 1, 0, (uint32_t)strlen(tgt),
		    "the target is identical to the source");
		return 1;
	}
	/* A target in the source language: copied and touched up, or left over. */
	if (s->src_lang != s->tgt_lang && s->tgt_lang != SV_LANG_UNKNOWN &&
	    looks_like(tgt, s->src_lang) && count_words(&r->tt) >= 5) {
		double conf = 0, sconf = 0;
		enum sv_lang tl = sv_lang_detect(tgt, strlen(tgt), &conf);
		enum sv_lang sl = sv_lang_detect(s->src, strlen(s->src), &sconf);
		if (tl == s->src_lang && sl == s->src_lang && conf >= 0.9) {
			add(r, SV_CHECK_UNTRANSLATED, i, 1, 0, (uint32_t)strlen(tgt),
			    "the target is in %s, the source language (confidence %.2f)",
			    lang_name(s->src_lang), conf);
			return 1;
		}
	}
	return 0;
}

static void excerpt(struct sv_buf *b, const char *s, uint32_t start, uint32_t len)
{
	sv_buf_addf(b, "%.*s", (int)len, s + start);
}

/* Finds glossary terms in s; a look-alike Latin letter inside a Cyrillic
 * word (reported by mixed-script) does not hide a term. */
static void find_terms(struct run *r, enum sv_lang lang, const char *s,
		       const struct sv_tokens *toks, struct sv_check_matches *out)
{
	struct sv_error e = { 0 };
	if (!sv_check_script_repair(s, &r->fix, &r->map, &r->mapcap) ||
	    sv_text_tokenize(r->t, r->fix.data, r->fix.len, &r->ft, &e)) {
		sv_check_glossary_find_tokens(r->g, lang, s, toks, out);
		return;
	}
	sv_check_glossary_find_tokens(r->g, lang, r->fix.data, &r->ft, out);
	for (size_t i = 0; i < out->n; i++) {
		struct sv_check_match *m = &out->v[i];
		uint32_t a = r->map[m->start], z = r->map[m->start + m->len];
		m->start = a;
		m->len = z - a;
	}
}

/* Records for term-inconsistent how unit i renders its source terms: only
 * where a concept has one source term in the source and one rendering in
 * the target, since a unit with a term and its acronym on either side says
 * nothing certain about which rendered which. */
static void record_renderings(struct run *r, size_t i, unsigned render, unsigned bad)
{
	for (size_t a = 0; a < r->sm.n; a++) {
		const struct sv_check_match *m = &r->sm.v[a];
		if (bad & (1u << m->status))
			continue;
		int first = 1, other_src = 0;
		for (size_t k = 0; k < r->sm.n; k++) {
			const struct sv_check_match *o = &r->sm.v[k];
			if (o->concept != m->concept || (bad & (1u << o->status)))
				continue;
			if (k < a)
				first = 0;
			if (o->term != m->term)
				other_src = 1;
		}
		if (!first || other_src)
			continue;
		uint32_t term = UINT32_MAX;
		int several = 0;
		for (size_t k = 0; k < r->tm.n; k++) {
			const struct sv_check_match *t = &r->tm.v[k];
			if (t->concept != m->concept || !(render & (1u << t->status)))
				continue;
			if (term != UINT32_MAX && term != t->term)
				several = 1;
			term = t->term;
		}
		if (term == UINT32_MAX || several)
			continue;
		SV_GROW(r->obs, r->capobs, r->nobs + 1);
		r->obs[r->nobs++] = (struct obs){ m->concept, m->term, term, i, 0 };
	}
}

/* term-missing, term-forbidden, and the renderings for term-inconsistent. */
static void check_terms(struct run *r, size_t i, int untranslated)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	struct sv_check_glossary *g = r->g;
	const char *tgt = s->tgt ? s->tgt : "";
	find_terms(r, s->src_lang, s->src, &r->st, &r->sm);
	find_terms(r, s->tgt_lang, tgt, &r->tt, &r->tm);
	unsigned want = 1u << SV_CHECK_ST_APPROVED;
	if (r->cfg->candidates)
		want |= 1u << SV_CHECK_ST_CANDIDATE;
	unsigned render = (1u << SV_CHECK_ST_APPROVED) | (1u << SV_CHECK_ST_CANDIDATE);
	unsigned bad = (1u << SV_CHECK_ST_FORBIDDEN) | (1u << SV_CHECK_ST_AVOID);

	/* An untranslated target is reported as such: its words are not
	 * renderings, and not forbidden variants either. */
	if (untranslated)
		return;
	/* Target side: forbidden terms, unless the same words also make an
	 * allowed term; avoided renderings only where their concept is in the
	 * source. */
	for (size_t a = 0; a < r->tm.n;) {
		size_t b = a;
		int allowed = 0;
		while (b < r->tm.n && r->tm.v[b].start == r->tm.v[a].start) {
			allowed |= !!(render & (1u << r->tm.v[b].status));
			b++;
		}
		for (size_t k = a; k < b && !allowed; k++) {
			const struct sv_check_match *m = &r->tm.v[k];
			int in_source = 0;
			for (size_t j = 0; j < r->sm.n && !in_source; j++)
				in_source = r->sm.v[j].concept == m->concept &&
					    !(bad & (1u << r->sm.v[j].status));
			if (m->status == SV_CHECK_ST_AVOID && !in_source)
				continue;
			sv_buf_reset(&r->msg);
			size_t nalt = sv_check_glossary_list(g, m->concept, s->tgt_lang,
							     1u << SV_CHECK_ST_APPROVED, &r->msg);
			add(r, SV_CHECK_TERM_FORBIDDEN, i, 1, m->start, m->len,
			    "«%.*s» (%s «%s»)%s%s", (int)m->len, tgt + m->start,
			    m->status == SV_CHECK_ST_AVOID ? "rejected rendering" :
			    "forbidden term",
			    sv_check_glossary_citation(g, m->term), nalt ? "; use " : "",
			    nalt ? r->msg.data : "");
			break;
		}
		a = b;
	}
	/* Source side: each term found needs one of its concept's equivalents. */
	for (size_t a = 0; a < r->sm.n;) {
		size_t b = a;
		while (b < r->sm.n && r->sm.v[b].start == r->sm.v[a].start)
			b++;
		int required = 0, satisfied = 0, forbidden_seen = 0;
		for (size_t k = a; k < b; k++) {
			const struct sv_check_match *m = &r->sm.v[k];
			if (bad & (1u << m->status))
				continue;
			if (sv_check_glossary_list(g, m->concept, s->tgt_lang, want, NULL))
				required = 1;
			for (size_t j = 0; j < r->tm.n; j++) {
				const struct sv_check_match *t = &r->tm.v[j];
				if (t->concept != m->concept)
					continue;
				if (want & (1u << t->status))
					satisfied = 1;
				if (bad & (1u << t->status))
					forbidden_seen = 1;
			}
		}
		if (required && !satisfied && !forbidden_seen) {
			const struct sv_check_match *m = &r->sm.v[a];
			for (size_t k = a; k < b; k++)
				if (!(bad & (1u << r->sm.v[k].status))) {
					m = &r->sm.v[k];
					break;
				}
			sv_buf_reset(&r->msg);
			sv_check_glossary_list(g, m->concept, s->tgt_lang, want, &r->msg);
			/* once per concept and unit */
			int dup = 0;
			for (size_t k = 0; k < a && !dup; k++)
				dup = r->sm.v[k].concept == m->concept;
			if (!dup)
				add(r, SV_CHECK_TERM_MISSING, i, 0, m->start, m->len,
				    "«%.*s» (term «%s») but none of %s in the target", (int)m->len,
				    s->src + m->start, sv_check_glossary_citation(g, m->term),
				    r->msg.data);
		}
		a = b;
	}
	record_renderings(r, i, render, bad);
}

static void describe_num(struct sv_buf *b, const char *s, const struct sv_check_num *n)
{
	excerpt(b, s, n->start, n->len);
}

static void check_numbers(struct run *r, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	const char *tgt = s->tgt ? s->tgt : "";
	sv_check_nums_extract(&r->numwords, s->src, &r->st, &r->sn);
	sv_check_nums_extract(&r->numwords, tgt, &r->tt, &r->tn);
	long a = sv_check_nums_unmatched(&r->sn, &r->tn, 0);
	long b = sv_check_nums_unmatched(&r->tn, &r->sn, 0);
	if (a < 0 && b < 0)
		return;
	sv_buf_reset(&r->msg);
	if (a >= 0) {
		sv_buf_adds(&r->msg, "source has ");
		for (long k = a, n = 0; k >= 0 && n < 4;
		     k = sv_check_nums_unmatched(&r->sn, &r->tn, (size_t)k + 1), n++) {
			if (n)
				sv_buf_adds(&r->msg, ", ");
			describe_num(&r->msg, s->src, &r->sn.v[k]);
		}
	}
	if (b >= 0) {
		sv_buf_adds(&r->msg, a >= 0 ? "; target has " : "target has ");
		for (long k = b, n = 0; k >= 0 && n < 4;
		     k = sv_check_nums_unmatched(&r->tn, &r->sn, (size_t)k + 1), n++) {
			if (n)
				sv_buf_adds(&r->msg, ", ");
			describe_num(&r->msg, tgt, &r->tn.v[k]);
		}
	}
	sv_buf_adds(&r->msg, a >= 0 && b >= 0 ? " (numbers differ)"
			     : a >= 0 ? " not found in the target"
				      : " not found in the source");
	if (b >= 0)
		add(r, SV_CHECK_NUMBER_MISMATCH, i, 1, r->tn.v[b].start, r->tn.v[b].len, "%s",
		    r->msg.data);
	else
		add(r, SV_CHECK_NUMBER_MISMATCH, i, 0, r->sn.v[a].start, r->sn.v[a].len, "%s",
		    r->msg.data);
}

static void script_hit(void *ctx, uint32_t start, uint32_t len, const char *what)
{
	struct run *r = ctx;
	const struct sv_check_seg *s = &r->segs->v[r->cur];
	const char *text = r->side ? s->tgt : s->src;
	add(r, SV_CHECK_MIXED_SCRIPT, r->cur, r->side, start, len, "%s «%.*s»: %s",
	    r->side ? "target" : "source", (int)len, text + start, what);
}

/* Splits a code list into words (borrowed into a copy). */
static size_t split_codes(char *s, char **v, size_t max)
{
	size_t n = 0;
	for (char *p = strtok(s, " "); p && n < max; p = strtok(NULL, " "))
		v[n++] = p;
	return n;
}

static void check_tags(struct run *r, size_t i)
{
	const struct sv_check_seg *s = &r->segs->v[i];
	if (!s->src_codes || !s->tgt_codes || !s->tgt)
		return;
	if (!strcmp(s->src_codes, s->tgt_codes))
		return;
	enum { MAX = 256 };
	char *sc = sv_strdup(s->src_codes), *tc = sv_strdup(s->tgt_codes);
	char *a[MAX], *b[MAX];
	size_t na = split_codes(sc, a, MAX), nb = split_codes(tc, b, MAX);
	char used_a[MAX] = { 0 }, used_b[MAX] = { 0 };
	for (size_t x = 0; x < na; x++)
		for (size_t y = 0; y < nb; y++)
			if (!used_b[y] && !strcmp(a[x], b[y])) {
				used_a[x] = used_b[y] = 1;
				break;
			}
	sv_buf_reset(&r->msg);
	int missing = 0, added = 0;
	for (size_t x = 0; x < na; x++)
		if (!used_a[x]) {
			sv_buf_addf(&r->msg, "%s%s", missing ? " " : "missing in the target: ",
				    a[x]);
			missing++;
		}
	for (size_t y = 0; y < nb; y++)
		if (!used_b[y]) {
			sv_buf_addf(&r->msg, "%s%s", added ? " " : missing ? "; added: " :
				    "added in the target: ",
				    b[y]);
			added++;
		}
	if (!missing && !added)
		sv_buf_addf(&r->msg, "codes reordered: source %s, target %s", s->src_codes,
			    s->tgt_codes);
	add(r, SV_CHECK_TAG_MISMATCH, i, 1, 0, 0, "%s", r->msg.data);
	free(sc);
	free(tc);
}

static int obs_cmp(const void *pa, const void *pb)
{
	const struct obs *a = pa, *b = pb;
	if (a->src_term != b->src_term)
		return a->src_term < b->src_term ? -1 : 1;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1; /* renderings in order of first use */
	return a->seg < b->seg ? -1 : a->seg > b->seg;
}

/* Appends "file unit, unit, ..." for up to max segments of list. */
static void where(struct run *r, struct sv_buf *b, const size_t *segs, size_t n, size_t max)
{
	uint32_t file = UINT32_MAX;
	for (size_t k = 0; k < n && k < max; k++) {
		const struct sv_check_seg *s = &r->segs->v[segs[k]];
		if (s->file != file) {
			sv_buf_addf(b, "%s%s:", k ? "; " : "",
				    sv_intern_str(&r->segs->files, s->file));
			file = s->file;
		} else {
			sv_buf_addc(b, ',');
		}
		sv_buf_addf(b, "%s", s->unit);
	}
	if (n > max)
		sv_buf_addf(b, " and %zu more", n - max);
}

static int obs_first_cmp(const void *pa, const void *pb)
{
	const struct obs *a = pa, *b = pb;
	if (a->src_term != b->src_term)
		return a->src_term < b->src_term ? -1 : 1;
	if (a->term != b->term)
		return a->term < b->term ? -1 : 1;
	return a->seg < b->seg ? -1 : a->seg > b->seg;
}

static void check_term_consistency(struct run *r)
{
	if (!r->nobs)
		return;
	/* each rendering's first unit, then the renderings of a source term
	 * as runs in order of first use */
	qsort(r->obs, r->nobs, sizeof(*r->obs), obs_first_cmp);
	for (size_t a = 0; a < r->nobs;) {
		size_t b = a;
		while (b < r->nobs && r->obs[b].src_term == r->obs[a].src_term &&
		       r->obs[b].term == r->obs[a].term)
			b++;
		for (size_t k = a; k < b; k++)
			r->obs[k].first = r->obs[a].seg;
		a = b;
	}
	qsort(r->obs, r->nobs, sizeof(*r->obs), obs_cmp);
	size_t *list = NULL, cap = 0;
	for (size_t a = 0; a < r->nobs;) {
		size_t b = a;
		while (b < r->nobs && r->obs[b].src_term == r->obs[a].src_term)
			b++;
		/* the most frequent rendering is the reference (ties: the first used) */
		uint32_t ref = r->obs[a].term;
		size_t refn = 0, distinct = 0;
		for (size_t k = a; k < b;) {
			size_t e = k;
			while (e < b && r->obs[e].term == r->obs[k].term)
				e++;
			distinct++;
			if (e - k > refn) {
				refn = e - k;
				ref = r->obs[k].term;
			}
			k = e;
		}
		if (distinct < 2) {
			a = b;
			continue;
		}
		sv_buf_reset(&r->msg);
		sv_buf_addf(&r->msg, "«%s» rendered ",
			    sv_check_glossary_citation(r->g, r->obs[a].src_term));
		/* the reference first, then the others in order of first use; at
		 * most five listed */
		int nr = 0;
		for (int pass = 0; pass < 2; pass++)
			for (size_t k = a; k < b;) {
				size_t e = k, n = 0;
				int is_ref = r->obs[k].term == ref;
				while (e < b && r->obs[e].term == r->obs[k].term) {
					SV_GROW(list, cap, n + 1);
					list[n++] = r->obs[e].seg;
					e++;
				}
				if (is_ref == !pass && nr < 5) {
					sv_buf_addf(&r->msg, "%s«%s» %zu× (", nr ? ", " : "as ",
						    sv_check_glossary_citation(r->g, r->obs[k].term),
						    n);
					where(r, &r->msg, list, n, 5);
					sv_buf_addc(&r->msg, ')');
					nr++;
				}
				k = e;
			}
		if (distinct > 5)
			sv_buf_addf(&r->msg, " and %zu other renderings", distinct - 5);
		for (size_t k = a; k < b; k++) {
			if (r->obs[k].term == ref)
				continue;
			add(r, SV_CHECK_TERM_INCONSISTENT, r->obs[k].seg, 1, 0, 0,
			    "«%s» here; %s", sv_check_glossary_citation(r->g, r->obs[k].term),
			    r->msg.data);
		}
		a = b;
	}
	free(list);
}

/* Groups the segments by key[i] and flags, in each group whose other key
 * differs, the units whose other key is not the group's most frequent one
 * (ties: the first seen). */
static void check_groups(struct run *r, char **key, char **other, int by_source)
{
	struct sv_map groups = SV_MAP_INIT;
	size_t n = r->segs->n;
	size_t *next = sv_malloc((n + 1) * sizeof(size_t)); /* chain of a group, n ends */
	size_t *last = sv_malloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		next[i] = n;
		if (!key[i] || !other[i] || !*key[i])
			continue;
		int added;
		struct sv_map_slot *sl = sv_map_add(&groups, key[i], strlen(key[i]), &added);
		if (added) {
			sl->val = i + 1; /* head */
			last[i] = i;
		} else {
			size_t h = sl->val - 1;
			next[last[h]] = i;
			last[h] = i;
		}
	}
	for (size_t c = 0; c < groups.cap; c++) {
		if (!groups.slots[c].key)
			continue;
		size_t h = groups.slots[c].val - 1;
		int differs = 0;
		for (size_t i = next[h]; i < n && !differs; i = next[i])
			differs = strcmp(other[i], other[h]) != 0;
		if (!differs)
			continue;
		size_t ref = h, refn = 0;
		for (size_t i = h; i < n; i = next[i]) {
			size_t cnt = 0;
			for (size_t j = h; j < n; j = next[j])
				cnt += !strcmp(other[j], other[i]);
			if (cnt > refn) {
				refn = cnt;
				ref = i;
			}
		}
		const struct sv_check_seg *rs = &r->segs->v[ref];
		for (size_t i = h; i < n; i = next[i]) {
			if (!strcmp(other[i], other[ref]))
				continue;
			if (by_source)
				add(r, SV_CHECK_SEGMENT_INCONSISTENT, i, 1, 0, 0,
				    "same source as %s:%s (%zu×) but a different target; there: «%s»",
				    sv_intern_str(&r->segs->files, rs->file), rs->unit, refn,
				    rs->tgt ? rs->tgt : "");
			else
				add(r, SV_CHECK_SEGMENT_INCONSISTENT, i, 0, 0, 0,
				    "same target as %s:%s (%zu×) but a different source; there: «%s»",
				    sv_intern_str(&r->segs->files, rs->file), rs->unit, refn,
				    rs->src);
		}
	}
	free(next);
	free(last);
	sv_map_release(&groups);
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct sv_check_finding *a = pa, *b = pb;
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	if (a->side != b->side)
		return a->side - b->side;
	if (a->mark != b->mark)
		return a->mark < b->mark ? -1 : 1;
	return strcmp(a->message, b->message);
}

int sv_check_run(struct sv_text *t, const struct sv_check_segs *segs,
		 struct sv_check_glossary *g, const struct sv_check_config *cfg,
		 struct sv_check_findings *out, struct sv_error *err)
{
	int rc = SV_OK;
	struct run r;
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.segs = segs;
	r.g = g && sv_check_glossary_terms(g) ? g : NULL;
	r.cfg = cfg;
	r.out = out;
	r.first = out->n;
	sv_buf_init(&r.msg);
	sv_buf_init(&r.tmp);
	sv_buf_init(&r.fix);
	sv_check_numwords_init(&r.numwords);
	r.skey = sv_calloc(segs->n + 1, sizeof(char *));
	r.tkey = sv_calloc(segs->n + 1, sizeof(char *));
	int want_terms = r.g && (enabled(&r, SV_CHECK_TERM_MISSING) ||
				 enabled(&r, SV_CHECK_TERM_FORBIDDEN) ||
				 enabled(&r, SV_CHECK_TERM_INCONSISTENT));
	for (size_t i = 0; i < segs->n; i++) {
		const struct sv_check_seg *s = &segs->v[i];
		const char *tgt = s->tgt ? s->tgt : "";
		r.cur = i;
		if ((rc = sv_text_tokenize(t, s->src, strlen(s->src), &r.st, err)) ||
		    (rc = sv_text_tokenize(t, tgt, strlen(tgt), &r.tt, err))) {
			sv_error_prefix(err, "'%s': unit %s: ", sv_check_seg_file(segs, i),
					s->unit);
			goto out;
		}
		r.skey[i] = norm_text(s->src);
		r.tkey[i] = s->tgt ? norm_text(s->tgt) : NULL;
		int untranslated = check_untranslated(&r, i);
		if (untranslated) {
			/* not a rendering: leave it out of the consistency checks */
			free(r.tkey[i]);
			r.tkey[i] = NULL;
		}
		if (want_terms)
			check_terms(&r, i, untranslated);
		if (!untranslated && enabled(&r, SV_CHECK_NUMBER_MISMATCH))
			check_numbers(&r, i);
		if (enabled(&r, SV_CHECK_MIXED_SCRIPT)) {
			r.side = 0;
			sv_check_scripts(s->src, script_hit, &r);
			r.side = 1;
			sv_check_scripts(tgt, script_hit, &r);
		}
		if (enabled(&r, SV_CHECK_TAG_MISMATCH))
			check_tags(&r, i);
	}
	if (r.g && enabled(&r, SV_CHECK_TERM_INCONSISTENT))
		check_term_consistency(&r);
	if (enabled(&r, SV_CHECK_SEGMENT_INCONSISTENT)) {
		check_groups(&r, r.skey, r.tkey, 1);
		check_groups(&r, r.tkey, r.skey, 0);
	}
	if (out->n - r.first > 1)
		qsort(out->v + r.first, out->n - r.first, sizeof(*out->v), finding_cmp);
out:
	for (size_t i = 0; i < segs->n; i++) {
		free(r.skey[i]);
		free(r.tkey[i]);
	}
	free(r.skey);
	free(r.tkey);
	free(r.obs);
	sv_map_release(&r.numwords);
	sv_buf_release(&r.fix);
	sv_tokens_release(&r.ft);
	free(r.map);
	free(r.sn.v);
	free(r.tn.v);
	sv_check_matches_release(&r.sm);
	sv_check_matches_release(&r.tm);
	sv_tokens_release(&r.st);
	sv_tokens_release(&r.tt);
	sv_buf_release(&r.msg);
	sv_buf_release(&r.tmp);
	return rc;
}
