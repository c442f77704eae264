/* Tokenisation: ICU word breaks over UTF-8, then sverka's joins: hyphenated
 * compounds (whole, then parts), numbers with thousands separated by
 * spaces, percentages, dates and ranges; typing and matching keys. */
#include "text/text-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <sys/mman.h>

#include <unicode/uchar.h>

void sv_tokens_release(struct sv_tokens *toks)
{
	free(toks->v);
	toks->v = NULL;
	toks->n = toks->cap = 0;
	sv_buf_release(&toks->keys);
}

static uint32_t first_cp(const unsigned char *s, const struct sv_piece *pc)
{
	uint32_t cp;
	tx_cp_at(s, pc->end, pc->start, &cp);
	return pc->end > pc->start ? cp : 0;
}

static int is_hyphen(uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static int is_dash(uint32_t cp) { return is_hyphen(cp) || cp == 0x2013 || cp == 0x2014 || cp == 0x2212; }

static int all_digits(const unsigned char *s, uint32_t a, uint32_t b)
{
	for (uint32_t i = a; i < b; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return b > a;
}

/* A space piece of exactly one space, NBSP or narrow NBSP. */
static int single_space(const unsigned char *s, const struct sv_piece *pc)
{
	uint32_t len = pc->end - pc->start;
	const unsigned char *p = s + pc->start;
	return pc->kind == P_SPACE && ((len == 1 && p[0] == ' ') ||
		(len == 2 && p[0] == 0xC2 && p[1] == 0xA0) ||
		(len == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89)));
}

/* Date d.m.yyyy / dd.mm.yy within s[a..b): writes ISO yyyy-mm-dd into iso. */
static int parse_date(const unsigned char *s, uint32_t a, uint32_t b, char iso[16])
{
	unsigned v[3] = { 0, 0, 0 }, len[3] = { 0, 0, 0 };
	int f = 0;
	for (uint32_t i = a; i < b; i++) {
		if (s[i] == '.') {
			if (++f > 2)
				return 0;
		} else if (s[i] >= '0' && s[i] <= '9') {
			v[f] = v[f] * 10 + (s[i] - '0');
			len[f]++;
		} else {
			return 0;
		}
	}
	if (f != 2 || !len[0] || len[0] > 2 || !len[1] || len[1] > 2 || (len[2] != 4 && len[2] != 2))
		return 0;
	if (v[0] < 1 || v[0] > 31 || v[1] < 1 || v[1] > 12)
		return 0;
	if (len[2] == 2)
		v[2] += v[2] < 50 ? 2000 : 1900;
	snprintf(iso, 16, "%04u-%02u-%02u", v[2] % 10000, v[1], v[0]);
	return 1;
}

/* Appends the canonical key of the number s[a..b): separators dropped,
 * a decimal comma made a point, a percent sign kept. */
static void number_key(struct sv_buf *keys, const unsigned char *s, uint32_t a, uint32_t b)
{
	int commas = 0, points = 0;
	for (uint32_t i = a; i < b; i++)
		commas += s[i] == ',', points += s[i] == '.';
	for (uint32_t i = a; i < b;) {
		uint32_t cp;
		i += (uint32_t)tx_cp_at(s, b, i, &cp);
		if (cp >= '0' && cp <= '9')
			sv_buf_addc(keys, (char)cp);
		else if (cp == ',' )
			sv_buf_addc(keys, commas == 1 && !points ? '.' : ',');
		else if (cp == '.' || cp == '%')
			sv_buf_addc(keys, (char)cp);
		else if (is_dash(cp))
			sv_buf_addc(keys, '-');
	}
}

/* A new token at out->v[out->n - 1], its key still to add; with `lemmas`
 * (analysis in Russian or Bulgarian) its lemma note is cleared. */
static struct sv_token *new_token(struct sv_text *t, struct sv_tokens *out, int lemmas,
				  uint32_t a, uint32_t b, int type, int flags)
{
	if (out->n == out->cap)
		SV_GROW(out->v, out->cap, out->n + 1);
	if (lemmas) {
		if (out->n >= t->captoklem)
			SV_GROW(t->toklem, t->captoklem, out->n + 1);
		t->toklem[out->n].len = 0;
	}
	struct sv_token *tk = &out->v[out->n++];
	tk->start = a;
	tk->len = b - a;
	tk->type = (uint16_t)type;
	tk->flags = (uint16_t)flags;
	tk->key = (uint32_t)out->keys.len;
	return tk;
}

static void push(struct sv_text *t, struct sv_tokens *out, int lemmas, const char *s, uint32_t a,
		 uint32_t b, int type, int flags)
{
	struct sv_token *tk = new_token(t, out, lemmas, a, b, type, flags);
	const unsigned char *p = (const unsigned char *)s;
	char iso[16];
	if (type == SV_TOK_NUMBER && (flags & SV_TOKF_DATE) && parse_date(p, a, b, iso))
		sv_buf_adds(&out->keys, iso);
	else if (type == SV_TOK_NUMBER)
		number_key(&out->keys, p, a, b);
	else
		sv_text_key(s + a, b - a, &out->keys);
	tk->keylen = (uint32_t)(out->keys.len - tk->key);
	sv_buf_addc(&out->keys, '\0');
}

/* push() with the key known. */
static void push_key(struct sv_text *t, struct sv_tokens *out, int lemmas, uint32_t a, uint32_t b,
		     int type, int flags, const char *key, size_t keylen)
{
	struct sv_token *tk = new_token(t, out, lemmas, a, b, type, flags);
	struct sv_buf *k = &out->keys;
	sv_buf_grow(k, keylen + 1);
	tx_copy_short(k->data + k->len, key, keylen);
	k->len += keylen;
	k->data[k->len++] = '\0';
	k->data[k->len] = '\0';
	tk->keylen = (uint32_t)keylen;
}

/* Type and flags of the word s[a..b). */
static int word_type(const unsigned char *s, uint32_t a, uint32_t b, int *flags)
{
	size_t letters = 0, upper = 0, latin = 0, digits = 0;
	int first = 1;
	for (uint32_t i = a; i < b;) {
		uint32_t cp;
		i += (uint32_t)tx_cp_at(s, b, i, &cp);
		if (cp >= '0' && cp <= '9') {
			digits++;
			continue;
		}
		if (!tx_is_letter(cp))
			continue;
		letters++;
		int up = tx_is_upper(cp);
		upper += up;
		if (first && up)
			*flags |= SV_TOKF_CAPITAL;
		first = 0;
		latin += cp < 0x250;
	}
	if (letters && latin == letters)
		*flags |= SV_TOKF_LATIN;
	if (letters >= 2 && upper == letters)
		return SV_TOK_ACRONYM;
	if (!letters && digits)
		return SV_TOK_NUMBER;
	return SV_TOK_WORD;
}

/* Whether each ASCII character is punctuation to ICU (u_ispunct). */
static unsigned char ascii_punct[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void ascii_init(void)
{
	for (int c = 0; c < 128; c++)
		ascii_punct[c] = (unsigned char)!!u_ispunct(c);
}

#define WORD_CACHE 65536 /* entries, a power of two */

/* The word cache, zeroed: on Linux in huge pages where it can, so that a
 * word costs no TLB miss (docs/FIGURES.md; docs/TEXT.md, "Speed"). */
static struct sv_word_cache *words_alloc(void)
{
	size_t size = WORD_CACHE * sizeof(struct sv_word_cache);
#ifdef MADV_HUGEPAGE
	void *p = NULL;
	if (!posix_memalign(&p, 2u << 20, size)) {
		madvise(p, size, MADV_HUGEPAGE);
		memset(p, 0, size);
		return p;
	}
#endif
	return sv_calloc(WORD_CACHE, sizeof(struct sv_word_cache));
}

/* Hashes the word pieces the word cache may hold and asks the processor to
 * fetch their entries (a miss a word would cost more than the rest). */
static void word_prefetch(struct sv_text *t, const unsigned char *s)
{
	if (!t->words)
		t->words = words_alloc();
	for (size_t i = 0; i < t->npieces; i++) {
		struct sv_piece *pc = &t->pieces[i];
		if (pc->kind != P_WORD || pc->end - pc->start > SV_WORD_CACHE_TEXT)
			continue;
		pc->hash = sv_hash_fast(s + pc->start, pc->end - pc->start);
#ifdef __GNUC__
		__builtin_prefetch(&t->words[pc->hash & (WORD_CACHE - 1)]);
#endif
	}
}

/* The word cache's entry for the one-piece word s[a..b) with hash h (0: too
 * long), filled on a miss; NULL when the word and its key do not fit. */
static struct sv_word_cache *word_entry(struct sv_text *t, const unsigned char *s, uint32_t a,
					uint32_t b, uint32_t h)
{
	size_t len = b - a;
	if (!h)
		return NULL;
	struct sv_word_cache *e = &t->words[h & (WORD_CACHE - 1)];
	if (e->hash == h && e->len == len && tx_same_short(e->text, (const char *)s + a, len))
		return e;
	int flags = 0;
	int type = word_type(s, a, b, &flags);
	struct sv_buf *k = &t->scratch;
	sv_buf_reset(k);
	sv_text_key((const char *)s + a, len, k);
	int same = k->len == len && !memcmp(k->data, s + a, len);
	if (!same && len + k->len > SV_WORD_CACHE_TEXT)
		return NULL;
	e->hash = h;
	e->len = (uint8_t)len;
	e->keylen = (uint8_t)k->len;
	e->type = (uint8_t)type;
	e->flags = (uint8_t)flags;
	e->jlen[0] = e->jlen[1] = 0;
	e->keyoff = same ? 0 : (uint8_t)len;
	memcpy(e->text, s + a, len);
	if (!same)
		memcpy(e->text + len, k->data, k->len);
	return e;
}

/* Where the lemmas of e's key in lang are, joined (looked up once). */
static struct sv_toklem entry_lemmas(struct sv_text *t, struct sv_word_cache *e,
				     enum sv_lang lang)
{
	int l = lang - SV_LANG_RU;
	if (!e->jlen[l]) {
		const struct sv_dict *d = &t->dict[lang];
		uint32_t idx = tx_lemma_list(t, lang, e->text + e->keyoff, e->keylen);
		size_t len;
		const char *j = tx_lemmas_joined(d, idx, &len);
		if (len <= UINT8_MAX) {
			e->joff[l] = (uint32_t)(j - d->joined.data);
			e->jlen[l] = (uint8_t)len;
		}
	}
	return (struct sv_toklem){ e->joff[l], e->jlen[l] };
}

int sv_text_tokenize(struct sv_text *t, const char *s, size_t n, struct sv_tokens *out,
		     struct sv_error *err)
{
	return tx_tokenize_lang(t, s, n, out, SV_LANG_UNKNOWN, err);
}

/* One tokenisation run over the pieces of a text. */
struct tk_run {
	struct sv_text *t;
	struct sv_tokens *out;
	const char *s;
	const unsigned char *p; /* s */
	const struct sv_piece *pc;
	size_t np;
	enum sv_lang lang;
	int lemmas;    /* lang is RU or BG: t->toklem is filled */
	int seen_word; /* a word token has been pushed */
};

/* Pushes the token of a P_OTHER piece: punctuation or a symbol. */
static void push_other(struct tk_run *r, const struct sv_piece *c)
{
	uint32_t cp = first_cp(r->p, c);
	if (cp < 0x80 && c->end - c->start == 1) {
		int type = ascii_punct[cp] ? SV_TOK_PUNCT : SV_TOK_SYMBOL;
		char k = (char)tx_key_cp(cp);
		push_key(r->t, r->out, r->lemmas, c->start, c->end, type, 0, &k, 1);
		return;
	}
	int type = u_ispunct((UChar32)cp) ? SV_TOK_PUNCT : SV_TOK_SYMBOL;
	/* a combining mark left over after a word belongs to it */
	push(r->t, r->out, r->lemmas, r->s, c->start, c->end, type, 0);
}

/* The last piece of a NUMBER with space-separated thousands from piece i
 * (1 000 000), i itself when there are none; *end gets its end. */
static size_t thousands_last(const struct tk_run *r, size_t i, uint32_t *end)
{
	const unsigned char *p = r->p;
	const struct sv_piece *pc = r->pc;
	const struct sv_piece *c = &pc[i];
	size_t j = i;
	*end = c->end;
	if (c->kind == P_NUMBER && all_digits(p, c->start, c->end) && c->end - c->start <= 3) {
		while (j + 2 < r->np && single_space(p, &pc[j + 1]) && pc[j + 2].kind == P_NUMBER) {
			const struct sv_piece *g = &pc[j + 2];
			uint32_t glen = 0;
			while (g->start + glen < g->end && p[g->start + glen] >= '0' &&
			       p[g->start + glen] <= '9')
				glen++;
			if (glen != 3 || (g->start + glen < g->end && p[g->start + glen] != ',' &&
					  p[g->start + glen] != '.'))
				break;
			j += 2;
			*end = g->end;
		}
	}
	return j;
}

/* The last piece of the chain of hyphen-joined pieces from piece j
 * (российско-киргизских, 2026–2030); *nparts gets their number, *numeric
 * whether all are numbers (from *numeric: whether j is one), *end the end. */
static size_t chain_last(const struct tk_run *r, size_t j, int *nparts, int *numeric,
			 uint32_t *end)
{
	const struct sv_piece *pc = r->pc;
	size_t k = j;
	*nparts = 1;
	while (k + 2 < r->np && pc[k + 1].kind == P_OTHER && pc[k + 1].start == pc[k].end &&
	       (pc[k + 2].kind == P_WORD || pc[k + 2].kind == P_NUMBER) &&
	       pc[k + 2].start == pc[k + 1].end) {
		uint32_t h = first_cp(r->p, &pc[k + 1]);
		int next_num = pc[k + 2].kind == P_NUMBER;
		if (!(is_hyphen(h) || (is_dash(h) && *numeric && next_num)))
			break;
		*numeric &= next_num;
		k += 2;
		(*nparts)++;
		*end = pc[k].end;
	}
	return k;
}

/* A percent sign after piece k, maybe after a space: its piece, with
 * SV_TOKF_PERCENT added to *flags and *end moved; else k. */
static size_t percent_last(const struct tk_run *r, size_t k, int *flags, uint32_t *end)
{
	size_t q = k + 1;
	if (q < r->np && single_space(r->p, &r->pc[q]))
		q++;
	if (q < r->np && r->pc[q].kind == P_OTHER && r->p[r->pc[q].start] == '%') {
		*flags |= SV_TOKF_PERCENT;
		*end = r->pc[q].end;
		return q;
	}
	return k;
}

/* Pushes the one-piece word [start, end) from the word cache; 0 when the
 * cache does not take it. */
static int push_cached(struct tk_run *r, const struct sv_piece *c, uint32_t start, uint32_t end,
		       int flags)
{
	struct sv_word_cache *e = word_entry(r->t, r->p, start, end, c->hash);
	if (!e || e->type == SV_TOK_NUMBER) /* (a number: letterless ҂5) */
		return 0;
	flags |= e->flags;
	if (!r->seen_word)
		flags |= SV_TOKF_SENT_START;
	r->seen_word = 1;
	const char *key = e->text + e->keyoff;
	push_key(r->t, r->out, r->lemmas, start, end, e->type, flags, key, e->keylen);
	if (r->lemmas && e->type == SV_TOK_WORD && e->keylen)
		r->t->toklem[r->out->n - 1] = entry_lemmas(r->t, e, r->lang);
	return 1;
}

/* Pushes a one-piece word or number [start, end). */
static void push_single(struct tk_run *r, const struct sv_piece *c, uint32_t start, uint32_t end,
			int flags)
{
	char iso[16];
	int type = c->kind == P_NUMBER ? SV_TOK_NUMBER : word_type(r->p, start, end, &flags);
	if (type == SV_TOK_NUMBER && parse_date(r->p, start, end, iso))
		flags |= SV_TOKF_DATE;
	if (!r->seen_word && type != SV_TOK_NUMBER)
		flags |= SV_TOKF_SENT_START;
	push(r->t, r->out, r->lemmas, r->s, start, end, type, flags);
	r->seen_word |= type != SV_TOK_NUMBER;
}

/* Pushes the chain of pieces i..last (thousands groups up to j in its
 * first part), [start, end) in all, with nparts parts: an ISO date, a
 * range, or a COMPOUND token followed by its PARTs. */
static void push_chain(struct tk_run *r, size_t i, size_t j, size_t last, int nparts,
		       uint32_t start, uint32_t end, int flags)
{
	const unsigned char *p = r->p;
	const struct sv_piece *pc = r->pc;
	int type;
	int all_num = 1;
	for (size_t q = i; q <= last; q += 2)
		if (pc[q].kind != P_NUMBER)
			all_num = 0;
	if (all_num && nparts == 3 && pc[i].end - pc[i].start == 4 && j == i &&
	    all_digits(p, pc[i].start, pc[i].end) &&
	    pc[i + 2].end - pc[i + 2].start == 2 && pc[i + 4].end - pc[i + 4].start == 2 &&
	    is_hyphen(first_cp(p, &pc[i + 1]))) {
		/* ISO date 2025-11-27 */
		flags |= SV_TOKF_DATE;
		push(r->t, r->out, r->lemmas, r->s, start, end, SV_TOK_NUMBER, flags);
		return;
	}
	if (all_num) {
		type = SV_TOK_NUMBER;
		if (nparts == 2)
			flags |= SV_TOKF_RANGE;
	} else {
		type = word_type(p, start, end, &flags);
		if (type == SV_TOK_NUMBER)
			type = SV_TOK_WORD;
	}
	if (!r->seen_word && type != SV_TOK_NUMBER)
		flags |= SV_TOKF_SENT_START;
	r->seen_word |= type != SV_TOK_NUMBER;
	push(r->t, r->out, r->lemmas, r->s, start, end, type, flags | SV_TOKF_COMPOUND);
	/* the parts; thousands groups stay in the first part */
	for (size_t q = i; q <= last; q += 2) {
		uint32_t a = pc[q].start, b = pc[q].end;
		if (q == i)
			b = pc[j].end, q = j;
		int pf = 0;
		int pt = pc[q].kind == P_NUMBER ? SV_TOK_NUMBER : word_type(p, a, b, &pf);
		push(r->t, r->out, r->lemmas, r->s, a, b, pt, pf | SV_TOKF_PART);
	}
}

int tx_tokenize_lang(struct sv_text *t, const char *s, size_t n, struct sv_tokens *out,
		     enum sv_lang lang, struct sv_error *err)
{
	int rc;
	int lemmas = lang == SV_LANG_RU || lang == SV_LANG_BG;
	out->n = 0;
	sv_buf_reset(&out->keys);
	if (n > UINT32_MAX)
		return sv_error_set(err, SV_EINPUT, "text too long to tokenise (%zu bytes)", n);
	if ((rc = tx_words_break(t, s, n, err)))
		goto out;
	pthread_once(&ascii_once, ascii_init);
	word_prefetch(t, (const unsigned char *)s);
	struct tk_run r = { .t = t, .out = out, .s = s, .p = (const unsigned char *)s,
			    .pc = t->pieces, .np = t->npieces, .lang = lang, .lemmas = lemmas };
	for (size_t i = 0; i < r.np;) {
		const struct sv_piece *c = &r.pc[i];
		if (c->kind == P_OTHER)
			push_other(&r, c);
		if (c->kind == P_SPACE || c->kind == P_OTHER) {
			i++;
			continue;
		}
		uint32_t end;
		int nparts, numeric = c->kind == P_NUMBER, flags = 0;
		size_t j = thousands_last(&r, i, &end);
		size_t last = chain_last(&r, j, &nparts, &numeric, &end);
		size_t k = last;
		if (numeric || (nparts == 1 && c->kind == P_NUMBER))
			k = percent_last(&r, k, &flags, &end);
		if (nparts > 1)
			push_chain(&r, i, j, last, nparts, c->start, end, flags);
		else if (c->kind != P_WORD || !push_cached(&r, c, c->start, end, flags))
			push_single(&r, c, c->start, end, flags);
		i = k + 1;
	}
out:
	return rc;
}
