/* Monolingual term candidates: every segment is tokenised and lemmatised;
 * acronyms, capitalised names and noun phrases of 1-5 content words that
 * neither start nor end with a function word are counted by lemma key with
 * their occurrences; acronym definitions link a short form to its long
 * form; C-value ranks them; citation forms are built from the forms seen. */
#include "terms/terms-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

struct tm_word {
	uint32_t start, len;  /* bytes in the segment */
	uint32_t lemma;       /* id */
	uint8_t cls;          /* enum tm_class */
	uint8_t cap, acro, sstart;
	uint8_t prep;         /* a preposition allowed inside a phrase */
	uint8_t infl;         /* the word differs from its lemma */
	uint8_t gen;          /* Russian: could be a genitive */
	uint16_t stretch;     /* words of one stretch share it (no punctuation between) */
	uint16_t tok;         /* index of the token */
};

static const char *const ru_preps[] = { "о", "об", "по", "для", "на", "в", "из", "с", "со",
					 "от", "до", "при", "без", "над", "под", "между", NULL };
static const char *const bg_preps[] = { "за", "на", "от", "в", "във", "по", "с", "със", "до",
					 "при", "без", "между", "към", "пред", "срещу", "над",
					 "под", NULL };

/* Russian noun endings of the genitive (singular and plural, zero ending
 * included); instrumental, dative and prepositional endings are not. */
static int ru_genitive_like(const char *k)
{
	static const char *const no[] = { "ом", "ем", "ами", "ями", "ым", "им", "у", "ю", "е",
					  "ой", NULL };
	for (size_t i = 0; no[i]; i++)
		if (tm_ends(k, no[i]))
			return 0;
	return 1;
}

/* English, French and Spanish function words inside Latin-script names. */
static const char *const latin_stop[] = { "the", "a", "an", "of", "and", "in", "on", "at", "for",
					   "to", "by", "with", "from", "la", "le", "les", "de", "du",
					   "des", "el", "los", "y", "et", "i", "s", "m", "dr", "mr",
					   "mrs", "ms", "st", NULL };

/* A Cyrillic word with a capital after a small letter (ПутинЭмомали). */
static int glued(const char *s, size_t n)
{
	int lower_before = 0;
	uint32_t c;
	for (size_t i = 0; sv_utf8_next(s, n, &i, &c);) {
		if ((c >= 0x410 && c <= 0x42F) || c == 0x401) {
			if (lower_before)
				return 1;
		} else if ((c >= 0x430 && c <= 0x44F) || c == 0x451) {
			lower_before = 1;
		} else {
			lower_before = 0;
		}
	}
	return 0;
}

/* Whether the Russian word key[0..n) is lemma plus a case ending (Джеррарда =
 * джеррард + а), not a surname suffix (Баранов is not баран + ов). */
static int case_ending_of(const char *key, size_t n, const char *lemma)
{
	static const char *const endings[] = { "а", "я", "у", "ю", "ом", "ем", "ым", "им", "ой",
						"ей", "е", "ы", "и", "ами", "ями", "ах", "ях", NULL };
	size_t ln = strlen(lemma);
	if (ln >= n || memcmp(key, lemma, ln))
		return 0;
	for (size_t i = 0; endings[i]; i++)
		if (strlen(endings[i]) == n - ln && !memcmp(key + ln, endings[i], n - ln))
			return 1;
	return 0;
}

static int tm_ends_n(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

static int in_list(const char *const *l, const char *s, size_t n)
{
	for (size_t i = 0; l[i]; i++)
		if (strlen(l[i]) == n && !memcmp(l[i], s, n))
			return 1;
	return 0;
}

static void side_grow_lemmas(struct tm_side *sd, uint32_t id)
{
	if (id < sd->caplemma)
		return;
	size_t old = sd->caplemma, cap = old ? old : 1024;
	while (cap <= id)
		cap *= 2;
	sd->lemma_freq = sv_realloc(sd->lemma_freq, cap * sizeof(uint32_t));
	sd->lemma_cap = sv_realloc(sd->lemma_cap, cap * sizeof(uint32_t));
	sd->lemma_low = sv_realloc(sd->lemma_low, cap * sizeof(uint32_t));
	sd->lemma_class = sv_realloc(sd->lemma_class, cap);
	memset(sd->lemma_freq + old, 0, (cap - old) * sizeof(uint32_t));
	memset(sd->lemma_cap + old, 0, (cap - old) * sizeof(uint32_t));
	memset(sd->lemma_low + old, 0, (cap - old) * sizeof(uint32_t));
	memset(sd->lemma_class + old, 0, cap - old);
	sd->caplemma = cap;
}

uint32_t tm_side_lemma(struct tm_side *sd, const char *s, size_t n, int stop)
{
	uint32_t before = (uint32_t)sv_intern_count(&sd->lemmas);
	uint32_t id = sv_intern_add(&sd->lemmas, s, n);
	side_grow_lemmas(sd, id);
	if (id > before)
		sd->lemma_class[id] = stop ? TM_STOP
				  : (uint8_t)tm_lemma_class(sd->lang, sv_intern_str(&sd->lemmas, id));
	return id;
}

void tm_side_init(struct tm_side *sd, enum sv_lang lang)
{
	memset(sd, 0, sizeof(*sd));
	sd->lang = lang;
	sv_intern_init(&sd->lemmas);
}

void tm_side_index_release(struct tm_side *sd)
{
	sv_map_release(&sd->keyidx);
	free(sd->keynext);
	sd->keynext = NULL;
	if (sd->post)
		for (size_t i = 0; i < sd->npostv; i++)
			free(sd->post[i]);
	free(sd->post);
	free(sd->npost);
	free(sd->cappost);
	sd->post = NULL;
	sd->npost = sd->cappost = NULL;
	sd->npostv = 0;
}

void tm_side_release(struct tm_side *sd)
{
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		free(t->occ);
		free(t->key);
		free(t->citation);
		free(t->units);
		free(t->docs);
		free(t->ctx);
	}
	free(sd->terms);
	for (size_t i = 0; i < sd->nseg; i++)
		free(sd->segtext[i]);
	free(sd->segtext);
	free(sd->segdoc);
	free(sd->segid);
	sv_map_release(&sd->cand);
	sv_map_release(&sd->votes);
	tm_side_index_release(sd);
	free(sd->lemma_freq);
	free(sd->lemma_cap);
	free(sd->lemma_low);
	free(sd->lemma_class);
	sv_intern_release(&sd->lemmas);
	memset(sd, 0, sizeof(*sd));
}

uint32_t tm_side_segment(struct tm_side *sd, const char *text, uint32_t doc, int64_t id)
{
	if (sd->nseg == sd->capseg) {
		size_t cap = sd->capseg;
		SV_GROW(sd->segtext, cap, sd->nseg + 1);
		cap = sd->capseg;
		SV_GROW(sd->segdoc, cap, sd->nseg + 1);
		cap = sd->capseg;
		SV_GROW(sd->segid, cap, sd->nseg + 1);
		sd->capseg = cap;
	}
	sd->segtext[sd->nseg] = sv_strdup(text);
	sd->segdoc[sd->nseg] = doc;
	sd->segid[sd->nseg] = id;
	return (uint32_t)sd->nseg++;
}

/* The term with lemma ids w[0..n), created when absent. */
static struct tm_term *term_get(struct tm_side *sd, const uint32_t *w, size_t n, struct sv_buf *key)
{
	sv_buf_reset(key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sv_buf_addc(key, ' ');
		sv_buf_adds(key, sv_intern_str(&sd->lemmas, w[i]));
	}
	int added = 0;
	struct sv_map_slot *s = sv_map_add(&sd->cand, key->data, key->len, &added);
	if (added) {
		SV_GROW(sd->terms, sd->capterms, sd->nterms + 1);
		struct tm_term *t = &sd->terms[sd->nterms];
		memset(t, 0, sizeof(*t));
		memcpy(t->w, w, n * sizeof(*w));
		t->n = (uint8_t)n;
		for (size_t i = 0; i < n; i++)
			if (sd->lemma_class[w[i]] != TM_STOP)
				t->ncontent++;
		t->key = sv_strndup(key->data, key->len);
		s->val = ++sd->nterms;
	}
	return &sd->terms[s->val - 1];
}

static void occ_add(struct tm_term *t, uint32_t seg, uint32_t start, uint32_t len)
{
	if (t->nocc == t->capocc) {
		t->capocc = t->capocc ? t->capocc * 2 : 2;
		t->occ = sv_realloc(t->occ, t->capocc * sizeof(*t->occ));
	}
	t->occ[t->nocc++] = (struct tm_occ){ seg, start, len };
	t->freq++;
}

/* Schwartz & Hearst over word initials: letters of the acronym matched right
 * to left against the initials of content words, function words skipped.
 * Returns the index of the first word of the long form, or -1. */
static long match_initials(struct tm_side *sd, const struct tm_word *w, long from, long to,
			   const char *acro, int backwards)
{
	uint32_t letters[16];
	size_t nl = 0;
	struct sv_buf low = SV_BUF_INIT;
	tm_lower(acro, strlen(acro), &low);
	for (const char *p = low.data; *p && nl < 16;) {
		letters[nl++] = tm_first_letter(p);
		p += (unsigned char)*p >= 0xF0 ? 4 : (unsigned char)*p >= 0xE0 ? 3
		     : (unsigned char)*p >= 0xC0 ? 2 : 1;
	}
	sv_buf_release(&low);
	if (nl < 2)
		return -1;
	if (backwards) { /* long form before the acronym, ending at `to` */
		long i = to;
		size_t k = nl;
		while (k > 0 && i >= from) {
			if (w[i].cls == TM_STOP) {
				i--;
				continue;
			}
			const char *l = sv_intern_str(&sd->lemmas, w[i].lemma);
			if (tm_first_letter(l) != letters[k - 1])
				return -1;
			k--;
			if (k == 0)
				return i;
			i--;
		}
		return -1;
	}
	long i = from; /* long form after the acronym, starting at `from` */
	size_t k = 0;
	while (k < nl && i <= to) {
		if (w[i].cls == TM_STOP) {
			i++;
			continue;
		}
		const char *l = sv_intern_str(&sd->lemmas, w[i].lemma);
		if (tm_first_letter(l) != letters[k])
			return -1;
		k++;
		if (k == nl)
			return i;
		i++;
	}
	return -1;
}

static int is_open(const char *s, size_t n)
{
	return n == 1 && (*s == '(' || *s == '[');
}

static int is_dash(const char *s, size_t n)
{
	return (n == 1 && *s == '-') || (n == 3 && (!memcmp(s, "\xe2\x80\x93", 3) ||
						    !memcmp(s, "\xe2\x80\x94", 3)));
}

/* Registers the long form w[a..b] as a name and links it with the acronym. */
static void link_definition(struct tm_side *sd, uint32_t seg, const struct tm_word *w, long a,
			    long b, struct tm_term *acro, struct sv_buf *key)
{
	uint32_t ids[TM_MAX_WORDS];
	if (b - a + 1 > TM_MAX_WORDS)
		return;
	for (long i = a; i <= b; i++)
		ids[i - a] = w[i].lemma;
	size_t ai = (size_t)(acro - sd->terms);
	struct tm_term *lf = term_get(sd, ids, (size_t)(b - a + 1), key);
	acro = &sd->terms[ai]; /* term_get may move the array */
	if (!lf->nocc || lf->occ[lf->nocc - 1].seg != seg ||
	    lf->occ[lf->nocc - 1].start != w[a].start)
		occ_add(lf, seg, w[a].start, w[b].start + w[b].len - w[a].start);
	lf->kind = TM_NAME;
	lf->keep = 1;
	lf->acronym = (uint32_t)ai + 1;
	acro->expansion = (uint32_t)(lf - sd->terms) + 1;
	acro->keep = 1;
}

int tm_vote_segment(struct tm_side *sd, struct sv_text *t, uint32_t seg, struct sv_tokens *toks,
		    struct sv_error *err)
{
	const char *text = sd->segtext[seg];
	int rc = sv_text_tokenize(t, text, strlen(text), toks, err);
	for (size_t i = 0; !rc && i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		if (tk->type != SV_TOK_WORD)
			continue;
		const char *lem[4];
		size_t nl = sv_text_lemmas(t, sd->lang, sv_token_key(toks, i), tk->keylen, lem, 4);
		for (size_t q = 0; q < nl; q++)
			sv_map_add(&sd->votes, lem[q], strlen(lem[q]), NULL)->val++;
	}
	return rc;
}

int tm_extract_segment(struct tm_side *sd, struct sv_text *t, uint32_t seg, int max_content,
		       struct sv_tokens *toks, struct sv_error *err)
{
	const char *text = sd->segtext[seg];
	size_t n = strlen(text);
	int rc = sv_text_tokenize(t, text, n, toks, err);
	if (rc)
		return rc;
	struct tm_word *w = sv_malloc((toks->n + 1) * sizeof(*w));
	size_t nw = 0;
	uint16_t stretch = 0;
	struct sv_buf key = SV_BUF_INIT;
	const char *const *preps = sd->lang == SV_LANG_BG ? bg_preps : ru_preps;
	for (size_t i = 0; i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		const char *k = sv_token_key(toks, i);
		if (tk->type != SV_TOK_WORD && tk->type != SV_TOK_ACRONYM) {
			stretch++;
			continue;
		}
		int stop = sv_text_is_stopword(sd->lang, k, tk->keylen) ||
			   ((tk->flags & SV_TOKF_LATIN) && in_list(latin_stop, k, tk->keylen));
		const char *lem[4];
		size_t nl = sv_text_lemmas(t, sd->lang, k, tk->keylen, lem, 4);
		size_t pick = 0;
		int verb = 0;
		uintptr_t best = 0;
		for (size_t q = 0; q < nl; q++) {
			/* Russian ties go to an analysis rather than the word's own
			 * spelling (Джеррарда: джеррард); Bulgarian nouns have no
			 * cases, hunspell's order stands (Русия: русия, not рус) */
			uintptr_t v = sv_map_get(&sd->votes, lem[q], 0) * 2 +
				      (sd->lang == SV_LANG_RU && case_ending_of(k, tk->keylen, lem[q]));
			if (v > best) {
				best = v;
				pick = q;
			}
			if (sd->lang == SV_LANG_RU && tm_lemma_class(sd->lang, lem[q]) == TM_VERB)
				verb = 1;
		}
		/* a capitalised Russian word in -ов/-ев/-ин/-ын is a surname in the
		 * nominative (Баранов), not the genitive plural of баран */
		if (nl && sd->lang == SV_LANG_RU && (tk->flags & SV_TOKF_CAPITAL) &&
		    strlen(lem[pick]) + 4 == tk->keylen && !memcmp(lem[pick], k, tk->keylen - 4) &&
		    (tm_ends_n(k, tk->keylen, "ов") || tm_ends_n(k, tk->keylen, "ев") ||
		     tm_ends_n(k, tk->keylen, "ин") || tm_ends_n(k, tk->keylen, "ын")))
			nl = 0;
		uint32_t id = nl ? tm_side_lemma(sd, lem[pick], strlen(lem[pick]), stop)
				 : tm_side_lemma(sd, k, tk->keylen, stop);
		sd->lemma_freq[id]++;
		int cap = (tk->flags & SV_TOKF_CAPITAL) != 0;
		int sstart = (tk->flags & SV_TOKF_SENT_START) != 0;
		if (!sstart) {
			if (cap)
				sd->lemma_cap[id]++;
			else
				sd->lemma_low[id]++;
		}
		if (tk->flags & SV_TOKF_PART)
			continue; /* parts enrich the vocabulary, phrases use the whole */
		if (!(tk->flags & SV_TOKF_LATIN) && tk->type == SV_TOK_WORD &&
		    glued(text + tk->start, tk->len)) {
			stretch++; /* words run together (РахмонОДКБВ): page furniture */
			continue;
		}
		w[nw] = (struct tm_word){ .start = tk->start, .len = tk->len, .lemma = id,
					  .cls = stop ? TM_STOP : sd->lemma_class[id],
					  .cap = (uint8_t)cap, .acro = tk->type == SV_TOK_ACRONYM,
					  .sstart = (uint8_t)sstart,
					  .prep = (uint8_t)(stop && in_list(preps, k, tk->keylen)),
					  .stretch = stretch, .tok = (uint16_t)i };
		if (w[nw].acro)
			w[nw].cls = TM_NOUN;
		else if (verb && !cap)
			w[nw].cls = TM_VERB;
		w[nw].infl = nl && strcmp(lem[pick], k) != 0;
		w[nw].gen = w[nw].infl && ru_genitive_like(k);
		if (w[nw].cls == TM_VERB) {
			stretch++; /* verbs end phrases */
			continue;
		}
		nw++;
	}
	/* Candidates: runs within a stretch, first and last a content word,
	 * the last a noun, inner function words only prepositions (one). */
	for (size_t i = 0; i < nw; i++) {
		if (w[i].cls == TM_STOP)
			continue;
		size_t content = 0, preps_in = 0;
		uint32_t ids[TM_MAX_WORDS];
		for (size_t j = i; j < nw && j - i < TM_MAX_WORDS; j++) {
			if (w[j].stretch != w[i].stretch)
				break;
			if (w[j].cls == TM_STOP) {
				if (!w[j].prep || ++preps_in > 1)
					break;
			} else if (++content > (size_t)max_content)
				break;
			ids[j - i] = w[j].lemma;
			/* a noun right after a noun: a genitive in Russian, or both
			 * capitalised (a name: Владимир Путин) */
			if (j > i && w[j].cls == TM_NOUN && w[j - 1].cls == TM_NOUN &&
			    !(w[j].cap && w[j - 1].cap && !w[j - 1].sstart) &&
			    !(sd->lang == SV_LANG_RU && w[j].gen) && !w[j].acro)
				break;
			/* two capitalised words of one name agree in case (Владимира
			 * Путина, not Таджикистана Алишер); an acronym ends a name */
			if (j > i && w[j].cap && w[j - 1].cap && !w[j].acro &&
			    (w[j - 1].acro || (sd->lang == SV_LANG_RU && w[j].cls == TM_NOUN &&
					       w[j - 1].cls == TM_NOUN && w[j].infl != w[j - 1].infl)))
				break;
			if (w[j].cls != TM_NOUN)
				continue;
			/* a single short word is no term (but an acronym of two letters) */
			if (j == i && sv_utf8_length(text + w[i].start, w[i].len) < (w[i].acro ? 2u : 3u))
				continue;
			struct tm_term *tt = term_get(sd, ids, j - i + 1, &key);
			occ_add(tt, seg, w[i].start, w[j].start + w[j].len - w[i].start);
			if (w[i].cap && !w[i].sstart)
				tt->capital++;
			if (j == i && w[i].acro)
				tt->acro++;
		}
	}
	/* Acronym definitions. */
	for (size_t i = 0; i < nw; i++) {
		if (!w[i].acro)
			continue;
		uint32_t ti = (uint32_t)i;
		struct tm_term *acro = term_get(sd, &w[i].lemma, 1, &key);
		size_t tok = w[ti].tok;
		char abuf[64];
		size_t al = w[ti].len < 63 ? w[ti].len : 63;
		memcpy(abuf, text + w[ti].start, al);
		abuf[al] = 0;
		int open_before = tok > 0 &&
				  is_open(text + toks->v[tok - 1].start, toks->v[tok - 1].len);
		int dash_before = tok > 0 &&
				  is_dash(text + toks->v[tok - 1].start, toks->v[tok - 1].len);
		long a = -1, b = -1;
		/* long form (SHORT), long form - SHORT, long form SHORT */
		if (i > 0) {
			long to = (long)i - 1, from = to - 9 < 0 ? 0 : to - 9;
			int adjacent = w[to].stretch == w[i].stretch ||
				       ((open_before || dash_before) && w[to].stretch + 1 == w[i].stretch);
			while (from < to && w[from].stretch != w[to].stretch)
				from++;
			if (adjacent) {
				a = match_initials(sd, w, from, to, abuf, 1);
				b = to;
			}
		}
		/* SHORT (long form), SHORT - long form */
		if (a < 0 && i + 1 < nw && tok + 1 < toks->n &&
		    (is_open(text + toks->v[tok + 1].start, toks->v[tok + 1].len) ||
		     is_dash(text + toks->v[tok + 1].start, toks->v[tok + 1].len))) {
			long from = (long)i + 1, to = from + 9 >= (long)nw ? (long)nw - 1 : from + 9;
			while (to > from && w[to].stretch != w[from].stretch)
				to--;
			b = match_initials(sd, w, from, to, abuf, 0);
			a = b >= 0 ? from : -1;
		}
		if (a >= 0 && b >= a && w[a].cls != TM_STOP)
			link_definition(sd, seg, w, a, b, acro, &key);
	}
	sv_buf_release(&key);
	free(w);
	return SV_OK;
}

/* C-value (Frantzi et al.) with log2(|a| + 1) so that single words count:
 * C(a) = log2(|a|+1) * (f(a) - mean f of the longer candidates holding a). */
void tm_side_cvalue(struct tm_side *sd)
{
	double *nested = sv_calloc(sd->nterms + 1, sizeof(double));
	uint32_t *nn = sv_calloc(sd->nterms + 1, sizeof(uint32_t));
	struct sv_buf key = SV_BUF_INIT;
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *b = &sd->terms[i];
		for (size_t s = 0; s < b->n; s++)
			for (size_t e = s + 1; e <= b->n; e++) {
				if (e - s == b->n)
					continue;
				sv_buf_reset(&key);
				for (size_t k = s; k < e; k++) {
					if (k > s)
						sv_buf_addc(&key, ' ');
					sv_buf_adds(&key, sv_intern_str(&sd->lemmas, b->w[k]));
				}
				struct sv_map_slot *sl = sv_map_find(&sd->cand, key.data, key.len);
				if (!sl)
					continue;
				nested[sl->val - 1] += b->freq;
				nn[sl->val - 1]++;
			}
	}
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *a = &sd->terms[i];
		double f = a->freq;
		if (nn[i])
			f -= nested[i] / nn[i];
		a->cvalue = log2((double)a->ncontent + 1) * (f > 0 ? f : 0);
	}
	sv_buf_release(&key);
	free(nested);
	free(nn);
}

/* Kinds and pruning: a candidate is kept when it is an acronym, a name (its
 * first word written with a capital mid-sentence more often than not), or
 * seen at least min_freq times. */
void tm_side_prune(struct tm_side *sd, uint32_t min_freq)
{
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		uint32_t first = t->w[0];
		if (t->n == 1 && t->acro * 2 > t->freq)
			t->kind = TM_ACRONYM;
		if (t->kind != TM_ACRONYM && t->kind != TM_NAME && t->capital &&
		    sd->lemma_cap[first] > sd->lemma_low[first])
			t->kind = TM_NAME;
		if (t->kind == TM_ACRONYM && t->n != 1)
			t->kind = TM_NAME;
		if (t->kind != TM_PHRASE || t->freq >= min_freq)
			t->keep = 1;
		if (t->kind == TM_NAME && t->freq < min_freq && !t->acronym &&
		    sd->lemma_cap[first] == 0)
			t->keep = 0;
	}
}
