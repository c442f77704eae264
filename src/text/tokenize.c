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
 * word costs no TLB miss (docs/FIGURES.md). */
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
	const unsigned char *p = (const unsigned char *)s;
	struct sv_piece *pc = t->pieces;
	size_t np = t->npieces;
	int seen_word = 0;
	for (size_t i = 0; i < np;) {
		struct sv_piece *c = &pc[i];
		if (c->kind == P_SPACE) {
			i++;
			continue;
		}
		if (c->kind == P_OTHER) {
			uint32_t cp = first_cp(p, c);
			if (cp < 0x80 && c->end - c->start == 1) {
				int type = ascii_punct[cp] ? SV_TOK_PUNCT : SV_TOK_SYMBOL;
				char k = (char)tx_key_cp(cp);
				push_key(t, out, lemmas, c->start, c->end, type, 0, &k, 1);
				i++;
				continue;
			}
			int type = u_ispunct((UChar32)cp) ? SV_TOK_PUNCT : SV_TOK_SYMBOL;
			/* a combining mark left over after a word belongs to it */
			push(t, out, lemmas, s, c->start, c->end, type, 0);
			i++;
			continue;
		}
		/* a NUMBER with space-separated thousands: 1 000 000 */
		size_t j = i;
		uint32_t end = c->end;
		if (c->kind == P_NUMBER && all_digits(p, c->start, c->end) && c->end - c->start <= 3) {
			while (j + 2 < np && single_space(p, &pc[j + 1]) && pc[j + 2].kind == P_NUMBER) {
				struct sv_piece *g = &pc[j + 2];
				uint32_t glen = 0;
				while (g->start + glen < g->end && p[g->start + glen] >= '0' &&
				       p[g->start + glen] <= '9')
					glen++;
				if (glen != 3 || (g->start + glen < g->end && p[g->start + glen] != ',' &&
						  p[g->start + glen] != '.'))
					break;
				j += 2;
				end = g->end;
			}
		}
		/* the chain of hyphen-joined pieces: российско-киргизских, 2026–2030 */
		size_t k = j;
		int nparts = 1, numeric = c->kind == P_NUMBER;
		while (k + 2 < np && pc[k + 1].kind == P_OTHER && pc[k + 1].start == pc[k].end &&
		       (pc[k + 2].kind == P_WORD || pc[k + 2].kind == P_NUMBER) &&
		       pc[k + 2].start == pc[k + 1].end) {
			uint32_t h = first_cp(p, &pc[k + 1]);
			int next_num = pc[k + 2].kind == P_NUMBER;
			if (!(is_hyphen(h) || (is_dash(h) && numeric && next_num)))
				break;
			numeric &= next_num;
			k += 2;
			nparts++;
			end = pc[k].end;
		}
		int flags = 0, type;
		uint32_t start = c->start;
		size_t last = k; /* the chain's last piece */
		/* a percent sign, maybe after a space */
		if (numeric || (nparts == 1 && c->kind == P_NUMBER)) {
			size_t q = k + 1;
			if (q < np && single_space(p, &pc[q]))
				q++;
			if (q < np && pc[q].kind == P_OTHER && p[pc[q].start] == '%') {
				flags |= SV_TOKF_PERCENT;
				end = pc[q].end;
				k = q;
			}
		}
		char iso[16];
		if (nparts == 1 && c->kind == P_WORD) {
			struct sv_word_cache *e = word_entry(t, p, start, end, c->hash);
			if (e && e->type != SV_TOK_NUMBER) { /* (a number: letterless ҂5) */
				flags |= e->flags;
				if (!seen_word)
					flags |= SV_TOKF_SENT_START;
				seen_word = 1;
				const char *key = e->text + e->keyoff;
				push_key(t, out, lemmas, start, end, e->type, flags, key,
					 e->keylen);
				if (lemmas && e->type == SV_TOK_WORD && e->keylen)
					t->toklem[out->n - 1] = entry_lemmas(t, e, lang);
				i = k + 1;
				continue;
			}
		}
		if (nparts == 1) {
			type = c->kind == P_NUMBER ? SV_TOK_NUMBER : word_type(p, start, end, &flags);
			if (type == SV_TOK_NUMBER && parse_date(p, start, end, iso))
				flags |= SV_TOKF_DATE;
			if (!seen_word && type != SV_TOK_NUMBER)
				flags |= SV_TOKF_SENT_START;
			push(t, out, lemmas, s, start, end, type, flags);
			seen_word |= type != SV_TOK_NUMBER;
			i = k + 1;
			continue;
		}
		int all_num = 1;
		for (size_t q = i; q <= last; q += 2)
			if (pc[q].kind != P_NUMBER)
				all_num = 0;
		if (all_num && nparts == 3 && pc[i].end - pc[i].start == 4 && j == i &&
		    all_digits(p, pc[i].start, pc[i].end) &&
		    pc[i + 2].end - pc[i + 2].start == 2 && pc[i + 4].end - pc[i + 4].start == 2 &&
		    is_hyphen(first_cp(p, &pc[i + 1]))) {
			/* ISO date 2025-11-27 */
			push(t, out, lemmas, s, start, end, SV_TOK_NUMBER, flags | SV_TOKF_DATE);
			i = k + 1;
			continue;
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
		if (!seen_word && type != SV_TOK_NUMBER)
			flags |= SV_TOKF_SENT_START;
		seen_word |= type != SV_TOK_NUMBER;
		push(t, out, lemmas, s, start, end, type, flags | SV_TOKF_COMPOUND);
		/* the parts; thousands groups stay in the first part */
		for (size_t q = i; q <= last; q += 2) {
			uint32_t a = pc[q].start, b = pc[q].end;
			if (q == i)
				b = pc[j].end, q = j;
			int pf = 0;
			int pt = pc[q].kind == P_NUMBER ? SV_TOK_NUMBER : word_type(p, a, b, &pf);
			push(t, out, lemmas, s, a, b, pt, pf | SV_TOKF_PART);
		}
		i = k + 1;
	}
out:
	return rc;
}
