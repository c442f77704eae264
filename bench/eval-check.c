/* eval-check: injects known errors into a clean bilingual file and prints the
 * recall and precision of `sverka check` per check.
 *
 *   eval-check PAIRS.tsv GLOSSARY [--per N] [--seed N] [--source ru|bg] [--dup-before] [-v]
 *
 * PAIRS.tsv holds source<TAB>target lines (ntrex-dev's parallel files pasted
 * line by line, or tests/data/check/reports.tsv). The checks first run on the
 * clean file: its findings are the baseline (real differences in the human
 * translation) and are not counted. Then up to N units (default 30) per kind
 * get one error each, no unit more than one, never a unit already flagged
 * by the check that should find the error:
 *   term-forbidden   an approved target term (its source term present) replaced
 *                    by a forbidden variant of the same concept
 *   term-missing     the only approved equivalent of a source term deleted
 *   number-mismatch  a digit of a number that both sides share changed
 *   mixed-script     one or two Cyrillic letters of a word replaced by Latin
 *                    look-alikes (target; source in every fourth case); in
 *                    every fourth case a one-letter word (с, о, а, у) made
 *                    Latin, or a letter inside a word made a digit (о -> 0)
 *   untranslated     the source copied into the target (units with an
 *                    ordinary lower-case word, since names may stay as they are)
 *   segment-inconsistent  a duplicate of a unit appended with one ordinary
 *                    word of its target deleted (not a name, number or term);
 *                    with --dup-before the altered target comes first (the
 *                    original unit altered, the intact copy appended)
 *   term-inconsistent  an approved target term replaced by an approved synonym
 *                    (same concept) that no other unit uses for that source
 *                    term, where two or more units use the first (as many as
 *                    the glossary's synonyms allow)
 * A finding counts as a true positive when its check and unit are those of an
 * injection; every other new finding (not in the baseline) is a false
 * positive of its check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/check-int.h"

enum { NKIND = 7 };
static const int kind_check[NKIND] = {
	SV_CHECK_TERM_FORBIDDEN, SV_CHECK_TERM_MISSING,  SV_CHECK_NUMBER_MISMATCH,
	SV_CHECK_MIXED_SCRIPT,   SV_CHECK_UNTRANSLATED, SV_CHECK_SEGMENT_INCONSISTENT,
	SV_CHECK_TERM_INCONSISTENT,
};

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

static void set_tgt(struct sv_check_seg *s, const char *t)
{
	char *c = sv_strdup(t);
	free(s->tgt);
	s->tgt = c;
}

/* Replaces text[a..a+n) with rep; returns a new string. */
static char *splice(const char *text, size_t a, size_t n, const char *rep)
{
	struct sv_buf b = SV_BUF_INIT;
	sv_buf_add(&b, text, a);
	sv_buf_adds(&b, rep);
	sv_buf_adds(&b, text + a + n);
	return sv_buf_detach(&b);
}

/* Deletes text[a..a+n) and one space next to it. */
static char *cut(const char *text, size_t a, size_t n)
{
	size_t len = strlen(text);
	if (a + n < len && text[a + n] == ' ')
		n++;
	else if (a > 0 && text[a - 1] == ' ')
		a--, n++;
	return splice(text, a, n, "");
}

struct ctx {
	struct sv_text *t;
	struct sv_check_glossary *g;
	struct sv_map numwords;
	struct sv_tokens toks, toks2;
	struct sv_check_matches sm, tm;
	struct ck_nums sn, tn;
};

static const uint32_t *concept_terms(struct ctx *c, uint32_t concept, size_t *n)
{
	const uint32_t *v;
	*n = ck_glossary_concept_terms(c->g, concept, &v);
	return v;
}

/* A status-st term of concept in lang, or UINT32_MAX. */
static uint32_t pick_term(struct ctx *c, uint32_t concept, enum sv_lang lang,
			  enum sv_check_term_status st)
{
	size_t n;
	const uint32_t *v = concept_terms(c, concept, &n);
	for (size_t i = 0; i < n; i++) {
		enum sv_lang l;
		enum sv_check_term_status s;
		ck_glossary_term_info(c->g, v[i], &l, &s);
		if (l == lang && s == st)
			return v[i];
	}
	return UINT32_MAX;
}

static int source_has(const struct sv_check_matches *sm, uint32_t concept)
{
	for (size_t i = 0; i < sm->n; i++)
		if (sm->v[i].concept == concept && sm->v[i].status == SV_CHECK_ST_APPROVED)
			return 1;
	return 0;
}

/* term-forbidden (forbid) or term-missing: mutate s; 1 when done. */
static int inject_term(struct ctx *c, struct sv_check_seg *s, int forbid)
{
	struct sv_error e = { 0 };
	if (!s->tgt || sv_check_glossary_find(c->g, s->src_lang, s->src, &c->sm, &e) ||
	    sv_check_glossary_find(c->g, s->tgt_lang, s->tgt, &c->tm, &e))
		return 0;
	for (size_t i = 0; i < c->tm.n; i++) {
		const struct sv_check_match *m = &c->tm.v[i];
		if (m->status != SV_CHECK_ST_APPROVED || !source_has(&c->sm, m->concept))
			continue;
		size_t same = 0;
		for (size_t j = 0; j < c->tm.n; j++)
			same += c->tm.v[j].concept == m->concept;
		if (same != 1)
			continue;
		char *nt;
		if (forbid) {
			uint32_t f = pick_term(c, m->concept, s->tgt_lang, SV_CHECK_ST_FORBIDDEN);
			if (f == UINT32_MAX)
				continue;
			nt = splice(s->tgt, m->start, m->len, sv_check_glossary_citation(c->g, f));
		} else {
			nt = cut(s->tgt, m->start, m->len);
		}
		free(s->tgt);
		s->tgt = nt;
		return 1;
	}
	return 0;
}

/* How many units of segs (other than skip) render concept's source term
 * src_term with target term term, alone. */
static size_t renderings(struct ctx *c, const struct sv_check_segs *segs, size_t skip,
			 uint32_t src_term, uint32_t term)
{
	struct sv_error e = { 0 };
	size_t n = 0;
	for (size_t i = 0; i < segs->n; i++) {
		const struct sv_check_seg *s = &segs->v[i];
		if (i == skip || !s->tgt || !strstr(s->tgt, sv_check_glossary_citation(c->g, term)) ||
		    sv_check_glossary_find(c->g, s->src_lang, s->src, &c->sm, &e))
			continue;
		int has = 0;
		for (size_t k = 0; k < c->sm.n; k++)
			has |= c->sm.v[k].term == src_term;
		n += has;
	}
	return n;
}

/* term-inconsistent: an approved target term replaced by another approved
 * term of its concept (a synonym) where at least two other units use the
 * first one for the same source term. */
static int inject_synonym(struct ctx *c, struct sv_check_segs *segs, size_t i)
{
	struct sv_check_seg *s = &segs->v[i];
	struct sv_error e = { 0 };
	if (!s->tgt || sv_check_glossary_find(c->g, s->src_lang, s->src, &c->sm, &e) ||
	    sv_check_glossary_find(c->g, s->tgt_lang, s->tgt, &c->tm, &e))
		return 0;
	for (size_t k = 0; k < c->tm.n; k++) {
		const struct sv_check_match m = c->tm.v[k];
		if (m.status != SV_CHECK_ST_APPROVED)
			continue;
		uint32_t src_term = UINT32_MAX;
		size_t nsrc = 0, ntgt = 0;
		for (size_t j = 0; j < c->sm.n; j++)
			if (c->sm.v[j].concept == m.concept) {
				src_term = c->sm.v[j].term;
				nsrc++;
			}
		for (size_t j = 0; j < c->tm.n; j++)
			ntgt += c->tm.v[j].concept == m.concept;
		if (nsrc != 1 || ntgt != 1)
			continue;
		size_t n;
		const uint32_t *v = concept_terms(c, m.concept, &n);
		for (size_t j = 0; j < n; j++) {
			enum sv_lang l;
			enum sv_check_term_status st;
			ck_glossary_term_info(c->g, v[j], &l, &st);
			if (l != s->tgt_lang || st != SV_CHECK_ST_APPROVED || v[j] == m.term)
				continue;
			if (renderings(c, segs, i, src_term, m.term) < 2 ||
			    renderings(c, segs, i, src_term, v[j]) > 0)
				continue;
			char *nt = splice(s->tgt, m.start, m.len, sv_check_glossary_citation(c->g, v[j]));
			free(s->tgt);
			s->tgt = nt;
			return 1;
		}
		return 0;
	}
	return 0;
}

static int inject_number(struct ctx *c, struct sv_check_seg *s)
{
	struct sv_error e = { 0 };
	if (!s->tgt || sv_text_tokenize(c->t, s->src, strlen(s->src), &c->toks, &e) ||
	    sv_text_tokenize(c->t, s->tgt, strlen(s->tgt), &c->toks2, &e))
		return 0;
	ck_nums_extract(&c->numwords, s->src, &c->toks, &c->sn);
	ck_nums_extract(&c->numwords, s->tgt, &c->toks2, &c->tn);
	if (ck_nums_unmatched(&c->tn, &c->sn, 0) >= 0 ||
	    ck_nums_unmatched(&c->sn, &c->tn, 0) >= 0)
		return 0;
	for (size_t i = 0; i < c->tn.n; i++) {
		const struct ck_num *n = &c->tn.v[i];
		if (!n->hard)
			continue;
		/* the last digit of the number's text */
		size_t d = n->start + n->len;
		while (d > n->start && (s->tgt[d - 1] < '0' || s->tgt[d - 1] > '9'))
			d--;
		if (d == n->start)
			continue;
		for (int tries = 0; tries < 9; tries++) {
			char digit[2] = { (char)('0' + (s->tgt[d - 1] - '0' + 1 + rnd(9)) % 10), 0 };
			char *nt = splice(s->tgt, d - 1, 1, digit);
			sv_text_tokenize(c->t, nt, strlen(nt), &c->toks2, &e);
			ck_nums_extract(&c->numwords, nt, &c->toks2, &c->tn);
			if (ck_nums_unmatched(&c->tn, &c->sn, 0) >= 0) {
				free(s->tgt);
				s->tgt = nt;
				return 1;
			}
			free(nt);
			sv_text_tokenize(c->t, s->tgt, strlen(s->tgt), &c->toks2, &e);
			ck_nums_extract(&c->numwords, s->tgt, &c->toks2, &c->tn);
		}
	}
	return 0;
}

/* Latin twins of Cyrillic letters (UTF-8 of the Cyrillic, the Latin). */
static const char *const twins[][2] = {
	{ "а", "a" }, { "е", "e" }, { "о", "o" }, { "р", "p" }, { "с", "c" }, { "х", "x" },
	{ "у", "y" }, { "А", "A" }, { "В", "B" }, { "Е", "E" }, { "К", "K" }, { "М", "M" },
	{ "Н", "H" }, { "О", "O" }, { "Р", "P" }, { "С", "C" }, { "Т", "T" }, { "Х", "X" },
};

/* A one-letter word (с, о, а, у) in Latin, or else a letter of a word made a
 * digit (о -> 0, з -> 3), in the target. */
static int inject_lone_or_digit(struct ctx *c, struct sv_check_seg *s)
{
	static const char *const lone[][2] = { { "с", "c" }, { "о", "o" }, { "а", "a" },
					       { "у", "y" } };
	static const char *const digit[][2] = { { "о", "0" }, { "з", "3" }, { "О", "0" },
						{ "З", "3" } };
	struct sv_error e = { 0 };
	if (!s->tgt || sv_text_tokenize(c->t, s->tgt, strlen(s->tgt), &c->toks, &e))
		return 0;
	for (size_t i = 1; i + 1 < c->toks.n; i++) {
		const struct sv_token *tk = &c->toks.v[i];
		if (tk->type != SV_TOK_WORD || tk->len != 2)
			continue;
		for (size_t k = 0; k < 4; k++)
			if (!memcmp(s->tgt + tk->start, lone[k][0], 2)) {
				char *nt = splice(s->tgt, tk->start, 2, lone[k][1]);
				free(s->tgt);
				s->tgt = nt;
				return 1;
			}
	}
	for (size_t i = 0; i < c->toks.n; i++) {
		const struct sv_token *tk = &c->toks.v[i];
		if (tk->type != SV_TOK_WORD || tk->len < 8 || (tk->flags & SV_TOKF_LATIN))
			continue;
		for (uint32_t a = tk->start + 2; a + 2 < tk->start + tk->len; a += 2)
			for (size_t k = 0; k < 4; k++)
				if (!memcmp(s->tgt + a, digit[k][0], 2)) {
					char *nt = splice(s->tgt, a, 2, digit[k][1]);
					free(s->tgt);
					s->tgt = nt;
					return 1;
				}
	}
	return 0;
}

static int inject_homoglyph(struct ctx *c, struct sv_check_seg *s, int source)
{
	char **text = source ? &s->src : &s->tgt;
	struct sv_error e = { 0 };
	if (!*text || sv_text_tokenize(c->t, *text, strlen(*text), &c->toks, &e))
		return 0;
	size_t cand[256], nc = 0;
	for (size_t i = 0; i < c->toks.n && nc < 256; i++) {
		const struct sv_token *tk = &c->toks.v[i];
		if (tk->type != SV_TOK_WORD || (tk->flags & (SV_TOKF_LATIN | SV_TOKF_PART)) ||
		    tk->len < 6)
			continue;
		cand[nc++] = i;
	}
	if (!nc)
		return 0;
	const struct sv_token *tk = &c->toks.v[cand[rnd((unsigned)nc)]];
	int changes = 1 + (int)rnd(2), done = 0;
	char *cur = sv_strdup(*text);
	uint32_t end = tk->start + tk->len;
	for (uint32_t a = tk->start; a + 1 < end && done < changes;) {
		int hit = 0;
		for (size_t k = 0; k < sizeof(twins) / sizeof(twins[0]) && !hit; k++)
			if (!memcmp(cur + a, twins[k][0], 2) && rnd(3) == 0) {
				char *nt = splice(cur, a, 2, twins[k][1]);
				free(cur);
				cur = nt;
				end--;
				hit = 1;
				done++;
			}
		a += hit ? 1 : ((unsigned char)cur[a] < 0x80 ? 1 : 2);
	}
	if (!done) {
		free(cur);
		return 0;
	}
	free(*text);
	*text = cur;
	return 1;
}

/* An ordinary lower-case word of s (not a name, not in a glossary term of
 * lang): *a, *n its bytes when a is not NULL. */
static int ordinary_word(struct ctx *c, const char *s, enum sv_lang lang, size_t *a, size_t *n)
{
	struct sv_error e = { 0 };
	if (sv_check_glossary_find(c->g, lang, s, &c->tm, &e) ||
	    sv_text_tokenize(c->t, s, strlen(s), &c->toks, &e))
		return 0;
	size_t cand[256], nc = 0;
	for (size_t i = 0; i < c->toks.n && nc < 256; i++) {
		const struct sv_token *tk = &c->toks.v[i];
		if (tk->type == SV_TOK_WORD && !(tk->flags & (SV_TOKF_CAPITAL | SV_TOKF_LATIN |
							      SV_TOKF_PART | SV_TOKF_COMPOUND)) &&
		    tk->len >= 8) {
			int in_term = 0;
			for (size_t m = 0; m < c->tm.n && !in_term; m++)
				in_term = tk->start < c->tm.v[m].start + c->tm.v[m].len &&
					  c->tm.v[m].start < tk->start + tk->len;
			if (!in_term)
				cand[nc++] = i;
		}
	}
	if (!nc)
		return 0;
	if (a) {
		const struct sv_token *tk = &c->toks.v[cand[rnd((unsigned)nc)]];
		*a = tk->start;
		*n = tk->len;
	}
	return 1;
}

struct counts {
	size_t injected[SV_CHECK_COUNT], tp[SV_CHECK_COUNT], fp[SV_CHECK_COUNT];
	size_t baseline[SV_CHECK_COUNT];
};

static int run(struct ctx *c, const struct sv_check_segs *segs, const struct sv_check_config *cfg,
	       unsigned char *flags /* [seg * COUNT + check] */)
{
	struct sv_check_findings f;
	struct sv_error e = { 0 };
	sv_check_findings_init(&f);
	if (sv_check_run(c->t, segs, c->g, cfg, &f, &e)) {
		fprintf(stderr, "eval-check: %s\n", e.msg);
		return 1;
	}
	for (size_t i = 0; i < f.n; i++)
		flags[f.v[i].seg * SV_CHECK_COUNT + (size_t)f.v[i].check] = 1;
	sv_check_findings_release(&f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *pairs = NULL, *gloss = NULL;
	unsigned per = 30;
	int verbose = 0, dup_before = 0;
	enum sv_lang src = SV_LANG_UNKNOWN;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--per") && i + 1 < argc)
			per = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			rng ^= (unsigned long long)strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ULL;
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "--dup-before"))
			dup_before = 1;
		else if (!strcmp(argv[i], "--source") && i + 1 < argc)
			src = sv_lang_parse(argv[++i]);
		else if (!pairs)
			pairs = argv[i];
		else if (!gloss)
			gloss = argv[i];
	}
	if (!pairs || !gloss) {
		fprintf(stderr, "usage: eval-check PAIRS.tsv GLOSSARY [--per N] [--seed N] "
				"[--source ru|bg]\n");
		return 2;
	}
	struct sv_error e = { 0 };
	struct ctx c;
	memset(&c, 0, sizeof(c));
	struct sv_check_segs segs;
	struct sv_check_config cfg;
	sv_check_segs_init(&segs);
	sv_check_config_init(&cfg);
	ck_numwords_init(&c.numwords);
	if (!(c.t = sv_text_open(NULL, &e)) || sv_check_read_report(pairs, src, &segs, &e)) {
		fprintf(stderr, "eval-check: %s\n", e.msg);
		return 3;
	}
	c.g = sv_check_glossary_new(c.t);
	if (sv_check_read_glossary(gloss, segs.n ? segs.v[0].src_lang : SV_LANG_RU, c.g, &e)) {
		fprintf(stderr, "eval-check: %s\n", e.msg);
		return 3;
	}
	size_t n0 = segs.n;
	size_t cap = (n0 + per + 1) * SV_CHECK_COUNT;
	unsigned char *base = sv_calloc(cap, 1), *after = sv_calloc(cap, 1);
	int *injected = sv_calloc(n0 + per + 1, sizeof(int)); /* check + 1 */
	size_t *dup_of = sv_calloc(n0 + per + 1, sizeof(size_t)); /* duplicates: the original */
	if (run(&c, &segs, &cfg, base))
		return 4;
	struct counts k;
	memset(&k, 0, sizeof(k));
	for (size_t i = 0; i < n0 * SV_CHECK_COUNT; i++)
		k.baseline[i % SV_CHECK_COUNT] += base[i];
	/* duplicated sources already in the file are left alone */
	struct sv_map srcs = SV_MAP_INIT;
	for (size_t i = 0; i < n0; i++)
		sv_map_add(&srcs, segs.v[i].src, strlen(segs.v[i].src), NULL)->val++;
	unsigned *order = sv_malloc(n0 * sizeof(unsigned));
	for (int kind = 0; kind < NKIND; kind++) {
		int check = kind_check[kind];
		for (size_t i = 0; i < n0; i++)
			order[i] = (unsigned)i;
		for (size_t i = n0; i > 1; i--) {
			unsigned j = rnd((unsigned)i), t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		unsigned done = 0;
		for (size_t oi = 0; oi < n0 && done < per; oi++) {
			size_t i = order[oi];
			struct sv_check_seg *s = &segs.v[i];
			if (injected[i] || base[i * SV_CHECK_COUNT + (size_t)check] || !s->tgt ||
			    sv_map_get(&srcs, s->src, 0) > 1)
				continue;
			int ok = 0;
			switch (check) {
			case SV_CHECK_TERM_FORBIDDEN:
				ok = inject_term(&c, s, 1);
				break;
			case SV_CHECK_TERM_MISSING:
				ok = inject_term(&c, s, 0);
				break;
			case SV_CHECK_NUMBER_MISMATCH:
				ok = inject_number(&c, s);
				break;
			case SV_CHECK_TERM_INCONSISTENT:
				ok = inject_synonym(&c, &segs, i);
				break;
			case SV_CHECK_MIXED_SCRIPT:
				ok = done % 4 == 3 ? inject_lone_or_digit(&c, s)
						   : inject_homoglyph(&c, s, done % 4 == 2);
				break;
			case SV_CHECK_UNTRANSLATED:
				if ((ok = ordinary_word(&c, s->src, s->src_lang, NULL, NULL)))
					set_tgt(s, s->src);
				break;
			case SV_CHECK_SEGMENT_INCONSISTENT: {
				size_t a, n;
				if (!(ok = ordinary_word(&c, s->tgt, s->tgt_lang, &a, &n)))
					break;
				char *nt = cut(s->tgt, a, n);
				char unit[64];
				snprintf(unit, sizeof(unit), "dup-%s", s->unit);
				sv_check_segs_add(&segs, sv_check_seg_file(&segs, i), unit,
						  segs.v[i].src, nt, NULL, NULL, segs.v[i].src_lang,
						  segs.v[i].tgt_lang);
				free(nt);
				injected[segs.n - 1] = check + 1;
				dup_of[segs.n - 1] = i;
				ok = 2;
				if (dup_before) {
					/* the altered copy first: swap the targets */
					char *t = segs.v[i].tgt;
					segs.v[i].tgt = segs.v[segs.n - 1].tgt;
					segs.v[segs.n - 1].tgt = t;
					injected[segs.n - 1] = -1;
					ok = 3;
				}
				break;
			}
			}
			if (ok) {
				/* -1: the original of a duplicate */
				injected[i] = ok == 2 ? -1 : check + 1;
				k.injected[check]++;
				done++;
			}
		}
	}
	if (run(&c, &segs, &cfg, after))
		return 4;
	for (size_t i = 0; i < segs.n; i++)
		for (int ch = 0; ch < SV_CHECK_COUNT; ch++) {
			size_t at = i * SV_CHECK_COUNT + (size_t)ch;
			/* a duplicate shares its original's baseline */
			size_t bat = (i < n0 ? i : dup_of[i]) * SV_CHECK_COUNT + (size_t)ch;
			if (!after[at] || base[bat])
				continue;
			if (injected[i] == ch + 1) {
				k.tp[ch]++;
			} else {
				k.fp[ch]++;
				if (verbose)
					printf("false positive: %s %s:%s (injected: %s)\n\t%s\n\t%s\n",
					       sv_check_name(ch), sv_check_seg_file(&segs, i),
					       segs.v[i].unit,
					       injected[i] > 0 ? sv_check_name(injected[i] - 1) : "none",
					       segs.v[i].src, segs.v[i].tgt ? segs.v[i].tgt : "");
			}
		}
	printf("eval-check: %s: %zu units, glossary %s: %zu terms in %zu concepts; %u per kind\n",
	       pairs, n0, gloss, sv_check_glossary_terms(c.g), sv_check_glossary_concepts(c.g), per);
	printf("%-22s %8s %8s %6s %6s %6s %8s %9s\n", "check", "baseline", "injected", "tp", "fp",
	       "fn", "recall", "precision");
	double minr = 1, minp = 1;
	for (int ch = 0; ch < SV_CHECK_COUNT; ch++) {
		size_t fn = k.injected[ch] - k.tp[ch];
		double r = k.injected[ch] ? (double)k.tp[ch] / (double)k.injected[ch] : 1;
		double p = k.tp[ch] + k.fp[ch] ? (double)k.tp[ch] / (double)(k.tp[ch] + k.fp[ch]) : 1;
		if (k.injected[ch]) {
			minr = r < minr ? r : minr;
			minp = p < minp ? p : minp;
		}
		printf("%-22s %8zu %8zu %6zu %6zu %6zu %8.3f %9.3f\n", sv_check_name(ch), k.baseline[ch],
		       k.injected[ch], k.tp[ch], k.fp[ch], fn, r, p);
	}
	printf("lowest recall %.3f, lowest precision %.3f (checks with injections)\n", minr, minp);
	sv_map_release(&srcs);
	free(order);
	free(base);
	free(after);
	free(injected);
	free(dup_of);
	sv_map_release(&c.numwords);
	sv_tokens_release(&c.toks);
	sv_tokens_release(&c.toks2);
	sv_check_matches_release(&c.sm);
	sv_check_matches_release(&c.tm);
	free(c.sn.v);
	free(c.tn.v);
	sv_check_glossary_free(c.g);
	sv_check_config_release(&cfg);
	sv_check_segs_release(&segs);
	sv_text_close(c.t);
	return 0;
}
