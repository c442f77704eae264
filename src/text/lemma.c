/* Lemmatisation with hunspell (ru_RU, bg_BG), memoised per language: every
 * stem hunspell knows (proper nouns through the capitalised form), ranked by
 * how much of the word they keep, and a suffix fallback for unknown words
 * (Russian surnames, Bulgarian definite articles). */
#include "text/text-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>
#include <unicode/ucnv.h>

#define MAX_LEMMAS 8
#define MAX_WORD 96 /* bytes; longer words are their own lemma */
#define LEMMA_CACHE 4096 /* entries, a power of two */

/* Candidate lemmas being collected, as keys in one buffer. */
struct cands {
	struct sv_buf buf;
	size_t off[MAX_LEMMAS], len[MAX_LEMMAS];
	size_t n;
	unsigned proper; /* bit i: candidate i is a capitalised dictionary entry */
};

static void cands_add_key(struct cands *c, const char *key, size_t len)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->len[i] == len && !memcmp(c->buf.data + c->off[i], key, len))
			return;
	if (c->n == MAX_LEMMAS || !len)
		return;
	c->off[c->n] = c->buf.len;
	c->len[c->n] = len;
	sv_buf_add(&c->buf, key, len);
	c->n++;
}

/* Adds a hunspell stem (dictionary form, maybe capitalised, maybe with ё)
 * as a key. */
static void cands_add_stem(struct cands *c, const char *stem, struct sv_buf *tmp)
{
	uint32_t cp;
	size_t before = c->n;
	sv_buf_reset(tmp);
	sv_text_key(stem, strlen(stem), tmp);
	cands_add_key(c, tmp->data, tmp->len);
	tx_cp_at((const unsigned char *)stem, strlen(stem), 0, &cp);
	if (c->n > before && tx_is_upper(cp))
		c->proper |= 1u << before;
}

/* Converts UTF-8 to the dictionary's encoding or back (to_dict = 0). */
static int convert(void *conv, int to_dict, const char *s, char *out, size_t cap)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[256];
	int32_t ulen;
	if (to_dict) {
		u_strFromUTF8(u, 256, &ulen, s, -1, &st);
		if (U_FAILURE(st))
			return -1;
		int32_t len = ucnv_fromUChars(conv, out, (int32_t)cap, u, ulen, &st);
		return U_SUCCESS(st) && (size_t)len < cap ? 0 : -1;
	}
	ulen = ucnv_toUChars(conv, u, 256, s, -1, &st);
	if (U_FAILURE(st))
		return -1;
	int32_t len;
	u_strToUTF8(out, (int32_t)cap, &len, u, ulen, &st);
	return U_SUCCESS(st) && (size_t)len < cap ? 0 : -1;
}

/* Adds hunspell's stems of word (UTF-8) to c; returns how many it gave. */
static size_t stems(struct sv_dict *d, const char *word, struct cands *c, struct sv_buf *tmp)
{
	char enc[MAX_WORD * 4 + 8], back[MAX_WORD * 4 + 8];
	const char *w = word;
	if (d->conv) {
		if (convert(d->conv, 1, word, enc, sizeof(enc)))
			return 0;
		w = enc;
	}
	char **list = NULL;
	int n = Hunspell_stem(d->h, &list, w);
	for (int i = 0; i < n; i++) {
		const char *st = list[i];
		if (d->conv) {
			if (convert(d->conv, 0, list[i], back, sizeof(back)))
				continue;
			st = back;
		}
		cands_add_stem(c, st, tmp);
	}
	if (list)
		Hunspell_free_list(d->h, &list, n);
	return n > 0 ? (size_t)n : 0;
}

static int known(struct sv_dict *d, const char *word)
{
	char enc[MAX_WORD * 4 + 8];
	if (d->conv) {
		if (convert(d->conv, 1, word, enc, sizeof(enc)))
			return 0;
		word = enc;
	}
	return Hunspell_spell(d->h, word);
}

/* word with its first letter in upper case, into out (NUL-terminated). */
static void capitalise(const char *key, size_t len, char *out)
{
	uint32_t cp;
	size_t k = tx_cp_at((const unsigned char *)key, len, 0, &cp);
	if (cp >= 0x430 && cp < 0x450)
		cp -= 0x20;
	else if (cp >= 0x450 && cp < 0x460)
		cp -= 0x50;
	else if (cp >= 'a' && cp <= 'z')
		cp -= 32;
	struct sv_buf b = { out, 0, MAX_WORD + 8 };
	sv_buf_add_cp(&b, cp);
	memcpy(out + b.len, key + k, len - k);
	out[b.len + len - k] = '\0';
}

static int ends(const char *s, size_t n, const char *suf, size_t *stem)
{
	size_t l = strlen(suf);
	if (n < l + 4 || memcmp(s + n - l, suf, l))
		return 0; /* at least two letters must stay */
	*stem = n - l;
	return 1;
}

/* Russian surnames: Жапарова, Жапаровым -> жапаров; Рахмонова -> рахмонов. */
static int surname(const char *key, size_t n, struct cands *c)
{
	static const char *const bases[] = { "ов", "ев", "ин", "ын", NULL };
	static const char *const endings[] = { "ыми", "ым", "ом", "ой", "ых", "а", "у", "е", "ы",
		"ою", "", NULL };
	static const char *const sky[] = { "ский", "ская", "ского", "скому", "ским", "ском", "ской",
		"скую", "ские", "ских", "скими", "цкий", "цкая", "цкого", "цкому", "цким", "цком",
		"цкой", "цкую", NULL };
	size_t stem;
	for (int i = 0; sky[i]; i++) {
		if (ends(key, n, sky[i], &stem)) {
			char buf[MAX_WORD + 16];
			const char *base = memcmp(sky[i], "ц", 2) ? "ский" : "цкий";
			memcpy(buf, key, stem);
			memcpy(buf + stem, base, strlen(base));
			cands_add_key(c, buf, stem + strlen(base));
			return 1;
		}
	}
	for (int e = 0; endings[e]; e++) {
		size_t el = strlen(endings[e]);
		if (n <= el || memcmp(key + n - el, endings[e], el))
			continue;
		for (int b = 0; bases[b]; b++) {
			if (ends(key, n - el, bases[b], &stem)) {
				cands_add_key(c, key, n - el);
				return 1;
			}
		}
	}
	return 0;
}

/* Russian forms hunspell leaves as they are: люди, дети and идти with its
 * prefixed verbs (шёл, пришла, нашлись). */
static int ru_irregular(const char *key, size_t n, struct cands *c)
{
	static const struct {
		const char *form, *lemma;
	} whole[] = {
		{ "людей", "люди" }, { "людям", "люди" }, { "людьми", "люди" }, { "людях", "люди" },
		{ "детей", "дети" }, { "детям", "дети" }, { "детьми", "дети" }, { "детях", "дети" },
	};
	static const struct {
		const char *prefix, *inf;
	} go[] = {
		{ "", "идти" }, { "при", "прийти" }, { "у", "уйти" }, { "вы", "выйти" },
		{ "по", "пойти" }, { "за", "зайти" }, { "про", "пройти" }, { "на", "найти" },
		{ "пере", "перейти" }, { "подо", "подойти" }, { "во", "войти" }, { "до", "дойти" },
		{ "со", "сойти" }, { "обо", "обойти" }, { "ото", "отойти" }, { "взо", "взойти" },
		{ "изо", "изойти" }, { "разо", "разойти" },
	};
	static const char *const past[] = { "шел", "шла", "шло", "шли", "шелся", "шлась", "шлось",
		"шлись", NULL };
	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		if (strlen(whole[i].form) == n && !memcmp(whole[i].form, key, n)) {
			cands_add_key(c, whole[i].lemma, strlen(whole[i].lemma));
			return 1;
		}
	}
	for (int p = 0; past[p]; p++) {
		size_t pl = strlen(past[p]);
		if (n < pl || memcmp(key + n - pl, past[p], pl))
			continue;
		for (size_t g = 0; g < sizeof(go) / sizeof(go[0]); g++) {
			size_t gl = strlen(go[g].prefix);
			if (gl + pl != n || memcmp(key, go[g].prefix, gl))
				continue;
			char buf[64];
			int refl = pl > strlen("шли");
			snprintf(buf, sizeof(buf), "%s%s", go[g].inf, refl ? "сь" : "");
			cands_add_key(c, buf, strlen(buf));
			return 1;
		}
	}
	return 0;
}

/* A Cyrillic consonant letter (not а е и о у ы э ю я, й, ь, ъ). */
static int is_consonant(uint32_t cp)
{
	if (cp < 0x430 || cp >= 0x450)
		return 0;
	switch (cp) {
	case 0x430: case 0x435: case 0x438: case 0x43E: case 0x443: case 0x44B: case 0x44D:
	case 0x44E: case 0x44F: case 0x439: case 0x44C: case 0x44A:
		return 0;
	default:
		return 1;
	}
}

/* Unknown Russian words, mostly foreign names: an instrumental -ом drops
 * (Рахмоном → рахмон); after a consonant -а, -у, -е drop too, with the word
 * itself kept as the second lemma (Пашиняна → пашинян|пашиняна, but
 * Нетаньяху → нетаньях|нетаньяху). */
static int ru_noun(const char *key, size_t n, struct cands *c)
{
	static const char *const endings[] = { "ом", "а", "у", "е", NULL };
	for (int e = 0; endings[e]; e++) {
		size_t el = strlen(endings[e]), stem;
		if (!ends(key, n, endings[e], &stem) || stem < 6)
			continue; /* at least three letters stay */
		uint32_t cp;
		tx_cp_at((const unsigned char *)key, n, stem - 2, &cp);
		if (!is_consonant(cp))
			continue;
		cands_add_key(c, key, stem);
		if (el == 1 + 1) /* one Cyrillic letter: keep the word too */
			cands_add_key(c, key, n);
		return 1;
	}
	return 0;
}

/* Bulgarian adjectives in -ски, -цки, -шки, -зки: the gender, number and
 * article endings go back to -ки (руско-киргизкото → руско-киргизки,
 * Зеленския → зеленски). */
static int bg_adjective(const char *key, size_t n, struct cands *c)
{
	static const char *const endings[] = { "ката", "кото", "ките", "кият", "кия", "ка", "ко",
		NULL };
	for (int e = 0; endings[e]; e++) {
		size_t stem;
		if (!ends(key, n, endings[e], &stem) || stem < 4)
			continue;
		uint32_t cp;
		tx_cp_at((const unsigned char *)key, n, stem - 2, &cp);
		if (cp != 0x441 && cp != 0x446 && cp != 0x448 && cp != 0x437) /* с ц ш з */
			continue;
		char buf[MAX_WORD + 16];
		memcpy(buf, key, stem);
		memcpy(buf + stem, "ки", strlen("ки"));
		cands_add_key(c, buf, stem + strlen("ки"));
		return 1;
	}
	return 0;
}

/* Bulgarian definite forms: the article stripped, checked against the
 * dictionary when there is one. */
static int bg_article(struct sv_dict *d, const char *key, size_t n, struct cands *c,
		      struct sv_buf *tmp)
{
	static const struct {
		const char *suf, *repl;
	} arts[] = {
		{ "ията", "ия" }, { "ството", "ство" }, { "ът", "" }, { "ят", "" }, { "ят", "й" },
		{ "та", "" }, { "то", "" }, { "те", "" }, { "а", "" }, { "я", "" }, { "я", "й" },
	};
	char buf[MAX_WORD + 16];
	size_t stem;
	int fallback = -1;
	for (size_t i = 0; i < sizeof(arts) / sizeof(arts[0]); i++) {
		if (!ends(key, n, arts[i].suf, &stem))
			continue;
		memcpy(buf, key, stem);
		strcpy(buf + stem, arts[i].repl);
		size_t len = stem + strlen(arts[i].repl);
		if (d->h) {
			size_t before = c->n;
			if (known(d, buf) && stems(d, buf, c, tmp))
				return 1;
			char cap[MAX_WORD + 16];
			capitalise(buf, len, cap);
			if (known(d, cap) && stems(d, cap, c, tmp))
				return 1;
			c->n = before;
		}
		if (fallback < 0 && strcmp(arts[i].suf, "а") && strcmp(arts[i].suf, "я"))
			fallback = (int)i;
	}
	if (fallback >= 0 && ends(key, n, arts[fallback].suf, &stem)) {
		memcpy(buf, key, stem);
		strcpy(buf + stem, arts[fallback].repl);
		cands_add_key(c, buf, stem + strlen(arts[fallback].repl));
		return 1;
	}
	return 0;
}

/* Common prefix of two UTF-8 strings, in bytes. */
static size_t common_prefix(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;
	while (i < an && i < bn && a[i] == b[i])
		i++;
	while (i > 0 && i < an && ((unsigned char)a[i] & 0xC0) == 0x80)
		i--; /* back to the start of the character that differs */
	return i;
}

/* How much of the word a candidate keeps; in Russian a proper noun that is
 * the word itself (Мира) comes after the common nouns (мир). */
static long keep_score(const struct cands *c, size_t i, const char *key, size_t n,
		       enum sv_lang lang)
{
	long p = (long)common_prefix(c->buf.data + c->off[i], c->len[i], key, n);
	if (lang == SV_LANG_RU && (c->proper >> i & 1) && c->proper != (1u << c->n) - 1 &&
	    c->len[i] == n && !memcmp(c->buf.data + c->off[i], key, n))
		p = 0;
	return p;
}

/* Orders candidates: more of the word kept first, then shorter. */
static void rank(struct cands *c, const char *key, size_t n, enum sv_lang lang)
{
	for (size_t i = 1; i < c->n; i++) {
		for (size_t j = i; j > 0; j--) {
			long pa = keep_score(c, j - 1, key, n, lang);
			long pb = keep_score(c, j, key, n, lang);
			int swap = pb > pa || (pb == pa && c->len[j] < c->len[j - 1]);
			if (!swap)
				break;
			size_t o = c->off[j], l = c->len[j];
			unsigned pa_ = c->proper >> (j - 1) & 1, pb_ = c->proper >> j & 1;
			c->off[j] = c->off[j - 1], c->len[j] = c->len[j - 1];
			c->off[j - 1] = o, c->len[j - 1] = l;
			c->proper &= ~(3u << (j - 1));
			c->proper |= pb_ << (j - 1) | pa_ << j;
		}
	}
}

static int has_letter(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += tx_cp_at(p, n, i, &cp);
		if (tx_is_letter(cp))
			return 1;
	}
	return 0;
}

/* Computes the lemma list of key in d and stores it; returns its index. */
static size_t compute(struct sv_text *t, enum sv_lang lang, const char *key, size_t n, int *kn)
{
	struct sv_dict *d = &t->dict[lang];
	struct cands c = { .buf = SV_BUF_INIT };
	struct sv_buf *tmp = &t->scratch2;
	void *h = tx_dict_handle(t, lang);
	*kn = 0;
	if (lang == SV_LANG_RU && n <= MAX_WORD && ru_irregular(key, n, &c)) {
		*kn = 1;
	} else if (n <= MAX_WORD && has_letter(key, n)) {
		char w[MAX_WORD + 16], cap[MAX_WORD + 16];
		memcpy(w, key, n);
		w[n] = '\0';
		if (h) {
			/* hunspell given a capitalised word also finds its lower-case
			 * entries, and proper nouns come back capitalised */
			capitalise(key, n, cap);
			stems(d, cap, &c, tmp);
			if (!c.n)
				stems(d, w, &c, tmp);
			/* the key folded ё to е: try ё back at each е (only a few) */
			for (size_t i = 0, tries = 0; !c.n && i + 1 < n && tries < 4; i++) {
				if ((unsigned char)w[i] == 0xd0 && (unsigned char)w[i + 1] == 0xb5) {
					w[i] = (char)0xd1, w[i + 1] = (char)0x91;
					if (known(d, w))
						stems(d, w, &c, tmp);
					w[i] = (char)0xd0, w[i + 1] = (char)0xb5;
					tries++;
				}
			}
		}
		*kn = c.n > 0;
		rank(&c, key, n, lang);
		/* the fallbacks give their lemmas in order */
		if (!c.n && lang == SV_LANG_BG && !surname(key, n, &c) && !bg_adjective(key, n, &c))
			bg_article(d, key, n, &c, tmp);
		if (!c.n && lang == SV_LANG_RU && !surname(key, n, &c))
			ru_noun(key, n, &c);
	}
	if (!c.n)
		cands_add_key(&c, key, n);
	size_t idx = d->nlists;
	SV_GROW(d->lists, d->caplists, d->nlists + 3 + c.n);
	d->lists[d->nlists++] = (uint32_t)c.n | (*kn ? 0x80000000u : 0);
	d->lists[d->nlists++] = (uint32_t)d->joined.len;
	d->lists[d->nlists++] = 0;
	for (size_t i = 0; i < c.n; i++) {
		uint32_t id = sv_intern_add(&t->lemmas, c.buf.data + c.off[i], c.len[i]);
		d->lists[d->nlists++] = id;
		if (i)
			sv_buf_addc(&d->joined, '|');
		sv_buf_adds(&d->joined, sv_intern_str(&t->lemmas, id));
	}
	d->lists[idx + 2] = (uint32_t)(d->joined.len - d->lists[idx + 1]);
	sv_buf_release(&c.buf);
	return idx;
}

uint32_t tx_lemma_list(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen)
{
	struct sv_dict *d = &t->dict[lang];
	uint32_t idx;
	/* frequent short words are answered from the cache, which stays in
	 * the processor's cache where the memo table does not */
	uint32_t h = sv_hash_fast(key, keylen);
	struct sv_lemma_cache *ce = NULL;
	if (keylen <= sizeof(ce->key)) {
		if (!d->cache)
			d->cache = sv_calloc(LEMMA_CACHE, sizeof(*d->cache));
		ce = &d->cache[h & (LEMMA_CACHE - 1)];
		if (ce->hash == h && ce->len == keylen && !memcmp(ce->key, key, keylen))
			return ce->idx;
	}
	struct sv_map_slot *slot = sv_map_find_hashed(&d->memo, key, keylen, h);
	int kn;
	if (slot) {
		idx = (uint32_t)(slot->val - 1);
	} else {
		idx = (uint32_t)compute(t, lang, key, keylen, &kn);
		sv_map_add_hashed(&d->memo, key, keylen, h, NULL)->val = idx + 1;
	}
	if (ce) {
		ce->hash = h;
		ce->idx = idx;
		ce->len = (uint8_t)keylen;
		memcpy(ce->key, key, keylen);
	}
	return idx;
}

size_t sv_text_lemmas_ex(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen,
			 const char **lemmas, size_t max, int *known_word)
{
	if ((lang != SV_LANG_RU && lang != SV_LANG_BG) || !keylen) {
		if (max)
			lemmas[0] = sv_intern_str(&t->lemmas,
						  sv_intern_add(&t->lemmas, key, keylen));
		if (known_word)
			*known_word = 0;
		return 1;
	}
	struct sv_dict *d = &t->dict[lang];
	uint32_t idx = tx_lemma_list(t, lang, key, keylen);
	uint32_t head = d->lists[idx];
	size_t cnt = head & 0x7FFFFFFFu;
	if (known_word)
		*known_word = !!(head & 0x80000000u);
	for (size_t i = 0; i < cnt && i < max; i++)
		lemmas[i] = sv_intern_str(&t->lemmas, d->lists[idx + 3 + i]);
	return cnt;
}

size_t sv_text_lemmas(struct sv_text *t, enum sv_lang lang, const char *key, size_t keylen,
		      const char **lemmas, size_t max)
{
	return sv_text_lemmas_ex(t, lang, key, keylen, lemmas, max, NULL);
}

