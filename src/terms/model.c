/* The pairing model: its life (init, release), cognate-key buckets and postings per side,
 * word similarity of a Russian and a Bulgarian lemma, the compositional score of two terms
 * and the translations of a lemma into the other side's vocabulary. */
#include "terms/terms-int.h"

#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "base/cyrillic.h"
#include "base/utf8.h"

/* Cognate similarity below which two words of running text count as unlike (docs/TERMS.md,
 * "Word similarity": many words there share only an ending, укрепление / уважение). */
#define TM_COGNATE_FLOOR_TEXT 0.6
/* A learnt word pair's similarity: TM_LEARNT_BASE + TM_LEARNT_DICE * Dice (docs/TERMS.md,
 * "Word similarity"). */
#define TM_LEARNT_BASE 0.5
#define TM_LEARNT_DICE 0.5
/* A word of the other side sharing a cognate key is a translation from this similarity on
 * (docs/TERMS.md, "Word similarity"). */
#define TM_TRANSLATION_MIN_SIM 0.55
#define TM_BUCKET_WALK_MAX 256 /* words of one cognate-key bucket looked at */
#define TM_TRANS_CACHE_MAX 32  /* translations memoised per lemma */
/* tm_model.word_sim_cache: similarity in 1/10000 steps below bit 16, the reason above. */
#define TM_SIM_SCALE 10000.0
#define TM_SIM_WHY_SHIFT 16

void sv_terms_opts_init(struct sv_terms_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->min_score = 0.30;
	o->max_words = 5;
	o->per_term = 3;
	o->project = 1;
}

void tm_model_init(struct tm_model *m, struct sv_text *t, const struct sv_terms_opts *o)
{
	memset(m, 0, sizeof(*m));
	m->text = t;
	if (o)
		m->opts = *o;
	else
		sv_terms_opts_init(&m->opts);
	if (m->opts.max_words < 1 || m->opts.max_words > 5)
		m->opts.max_words = 5;
	if (m->opts.per_term < 1)
		m->opts.per_term = 3;
	m->cog_floor = TM_COGNATE_FLOOR_TEXT;
	tm_side_init(&m->side[TM_RU], SV_LANG_RU);
	tm_side_init(&m->side[TM_BG], SV_LANG_BG);
	tm_lexicon_init(&m->lx);
	sv_buf_init(&m->key_buf);
	sv_buf_init(&m->bucket_buf);
}

void tm_model_release(struct tm_model *m)
{
	for (int s = 0; s < 2; s++) {
		tm_side_release(&m->side[s]);
		free(m->learnt[s]);
		free(m->seg_term_off[s]);
		free(m->seg_term_ids[s]);
		for (size_t i = 0; i < m->trans_cache[s].nlemmas; i++)
			free(m->trans_cache[s].by_lemma[i]);
		free(m->trans_cache[s].by_lemma);
	}
	tm_lexicon_release(&m->lx);
	for (size_t i = 0; i < m->nunits; i++) {
		free(m->units[i].lemmas[TM_RU]);
		free(m->units[i].lemmas[TM_BG]);
	}
	free(m->units);
	free(m->seg_where);
	sv_map64_release(&m->docpairs);
	sv_map64_release(&m->word_sim_cache);
	free(m->pairs);
	free(m->seen_mark);
	sv_buf_release(&m->key_buf);
	sv_buf_release(&m->bucket_buf);
}

/* ---- Cognate keys and postings ---------------------------------------- */

#define CONSONANT_KEY_LEN 4 /* consonants in a consonant key */

/* Up to four consonants of the word, doubles collapsed, жд -> ж, щ -> ч. */
static void consonant_key(const char *w, struct sv_buf *out)
{
	sv_buf_reset(out);
	sv_buf_adds(out, "c:");
	size_t n = strlen(w), k = 0;
	uint32_t prev = 0;
	uint32_t c;
	for (size_t i = 0; k < CONSONANT_KEY_LEN && sv_utf8_next(w, n, &i, &c);) {
		if (sv_cyr_is_nonconsonant(c) || sv_latin_is_vowel(c))
			continue;
		if (c == 0x449)
			c = 0x447;
		if (c == 0x434 && prev == 0x436)
			continue;
		if (c == prev)
			continue;
		sv_buf_add_cp(out, c);
		prev = c;
		k++;
	}
}

/* The two cognate keys of a lemma, as bucket numbers. */
enum { KEY_ALIGN = 0, KEY_CONSONANTS = 1 };

static void bucket_add(struct tm_side *sd, const char *key, size_t klen, uint32_t id, int which)
{
	int added = 0;
	struct sv_map_slot *s = sv_map_add(&sd->keyidx, key, klen, &added);
	uint32_t node = (id << 1 | (uint32_t)which) + 1;
	sd->keynext[id * 2 + (uint32_t)which] = added ? 0 : (uint32_t)s->val;
	s->val = node;
}

/* Appends "k:" and the align module's cognate key of w to out (replacing it). */
static void align_key(enum sv_lang lang, const char *w, struct sv_buf *key, struct sv_buf *out)
{
	sv_buf_reset(key);
	sv_align_cognate_key(lang, w, key);
	sv_buf_reset(out);
	sv_buf_adds(out, "k:");
	sv_buf_add(out, key->data, key->len);
}

void tm_side_index(struct tm_model *m, int s)
{
	struct tm_side *sd = &m->side[s];
	size_t nl = sv_intern_count(&sd->lemmas) + 1;
	sd->keynext = sv_calloc(nl * 2, sizeof(uint32_t));
	for (uint32_t id = 1; id < nl; id++) {
		if (sd->lemma_class[id] == TM_STOP)
			continue;
		const char *w = tm_lemma(sd, id);
		align_key(sd->lang, w, &m->key_buf, &m->bucket_buf);
		bucket_add(sd, m->bucket_buf.data, m->bucket_buf.len, id, KEY_ALIGN);
		consonant_key(w, &m->bucket_buf);
		bucket_add(sd, m->bucket_buf.data, m->bucket_buf.len, id, KEY_CONSONANTS);
	}
	sd->post = sv_calloc(nl, sizeof(uint32_t *));
	sd->npostv = nl;
	sd->npost = sv_calloc(nl, sizeof(uint32_t));
	sd->cappost = sv_calloc(nl, sizeof(uint32_t));
	for (size_t i = 0; i < sd->nterms; i++) {
		struct tm_term *t = &sd->terms[i];
		if (!t->keep)
			continue;
		for (size_t k = 0; k < t->n; k++) {
			uint32_t id = t->w[k];
			if (sd->lemma_class[id] == TM_STOP)
				continue;
			if (sd->npost[id] && sd->post[id][sd->npost[id] - 1] == i)
				continue;
			if (sd->npost[id] == sd->cappost[id]) {
				sd->cappost[id] = sd->cappost[id] ? sd->cappost[id] * 2 : 4;
				sd->post[id] = sv_realloc(sd->post[id],
							  sd->cappost[id] * sizeof(uint32_t));
			}
			sd->post[id][sd->npost[id]++] = (uint32_t)i;
		}
	}
}

/* ---- Word similarity --------------------------------------------------- */

static double word_sim_calc(struct tm_model *m, uint32_t r, uint32_t b, int *why)
{
	const struct tm_side *ru = &m->side[TM_RU], *bg = &m->side[TM_BG];
	const struct tm_learnt *lr = m->learnt[TM_RU], *lb = m->learnt[TM_BG];
	const char *rs = tm_lemma(ru, r), *bs = tm_lemma(bg, b);
	if (!strcmp(rs, bs)) {
		*why = TM_WHY_SAME;
		return 1.0;
	}
	if (tm_lexicon_has(&m->lx, rs, bs)) {
		*why = TM_WHY_LEXICON;
		return 1.0;
	}
	double best = 0;
	*why = TM_WHY_NONE;
	if (lr && ((lr[r].partner == b && r < ru->caplemma) ||
		   (b < bg->caplemma && lb[b].partner == r))) {
		double d = lr[r].partner == b ? lr[r].dice : lb[b].dice;
		best = TM_LEARNT_BASE + TM_LEARNT_DICE * d;
		*why = TM_WHY_LEARNT;
	}
	double c = tm_cognate(rs, bs);
	if (c >= m->cog_floor && c > best) {
		best = c;
		*why = TM_WHY_COGNATE;
	}
	return best;
}

double tm_word_sim(struct tm_model *m, uint32_t r, uint32_t b, int *why)
{
	uint32_t *v = sv_map64_add(&m->word_sim_cache, (uint64_t)r << 32 | b);
	if (!*v) {
		double s = word_sim_calc(m, r, b, why);
		*v = (uint32_t)(s * TM_SIM_SCALE + 0.5) + 1 + ((uint32_t)*why << TM_SIM_WHY_SHIFT);
	}
	*why = (int)(*v >> TM_SIM_WHY_SHIFT);
	return (double)((*v & 0xFFFF) - 1) / TM_SIM_SCALE;
}

double tm_words_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
		      struct tm_match *out, size_t *nout)
{
	uint32_t rw[TM_MAX_WORDS], bw[TM_MAX_WORDS];
	size_t k = 0, l = 0;
	for (size_t i = 0; i < a->n; i++)
		if (m->side[TM_RU].lemma_class[a->w[i]] != TM_STOP)
			rw[k++] = a->w[i];
	for (size_t i = 0; i < b->n; i++)
		if (m->side[TM_BG].lemma_class[b->w[i]] != TM_STOP)
			bw[l++] = b->w[i];
	if (!k || !l)
		return 0;
	double sim[TM_MAX_WORDS][TM_MAX_WORDS];
	int why[TM_MAX_WORDS][TM_MAX_WORDS];
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < l; j++)
			sim[i][j] = tm_word_sim(m, rw[i], bw[j], &why[i][j]);
	int ur[TM_MAX_WORDS] = { 0 }, ub[TM_MAX_WORDS] = { 0 };
	double sum = 0;
	size_t nm = 0;
	for (;;) {
		double best = 0;
		size_t bi = 0, bj = 0;
		for (size_t i = 0; i < k; i++)
			for (size_t j = 0; j < l; j++)
				if (!ur[i] && !ub[j] && sim[i][j] > best) {
					best = sim[i][j];
					bi = i;
					bj = j;
				}
		if (best <= 0)
			break;
		ur[bi] = ub[bj] = 1;
		sum += best;
		if (out)
			out[nm] = (struct tm_match){ rw[bi], bw[bj], best, why[bi][bj] };
		nm++;
	}
	if (nout)
		*nout = nm;
	return 2 * sum / (double)(k + l);
}

/* ---- Translations ------------------------------------------------------- */

static size_t translations_calc(struct tm_model *m, int from, uint32_t id, uint32_t *out,
				size_t max)
{
	const struct tm_side *sd = &m->side[from], *to = &m->side[TM_OTHER(from)];
	const char *w = tm_lemma(sd, id);
	size_t n = 0;
	uint32_t x = sv_intern_find(&to->lemmas, w, strlen(w));
	if (x)
		out[n++] = x;
	char *const *tr = tm_lexicon_find(&m->lx, sd->lang, w);
	for (size_t i = 0; tr && tr[i] && n < max; i++)
		if ((x = sv_intern_find(&to->lemmas, tr[i], strlen(tr[i]))))
			out[n++] = x;
	if (m->learnt[from] && m->learnt[from][id].partner && n < max)
		out[n++] = m->learnt[from][id].partner;
	struct sv_buf key = SV_BUF_INIT, bucket = SV_BUF_INIT;
	align_key(sd->lang, w, &key, &bucket);
	for (int which = KEY_ALIGN; which <= KEY_CONSONANTS; which++) {
		if (which == KEY_CONSONANTS)
			consonant_key(w, &bucket);
		struct sv_map_slot *s = sv_map_find(&to->keyidx, bucket.data, bucket.len);
		uint32_t node = s ? (uint32_t)s->val : 0;
		size_t walked = 0;
		while (node && n < max && walked++ < TM_BUCKET_WALK_MAX) {
			uint32_t cid = (node - 1) >> 1, wh = (node - 1) & 1;
			int dup = 0;
			for (size_t i = 0; i < n; i++)
				dup |= out[i] == cid;
			if (!dup) {
				int why;
				double c = from == TM_RU ? tm_word_sim(m, id, cid, &why)
							 : tm_word_sim(m, cid, id, &why);
				if (c >= TM_TRANSLATION_MIN_SIM)
					out[n++] = cid;
			}
			node = to->keynext[cid * 2 + wh];
		}
	}
	sv_buf_release(&key);
	sv_buf_release(&bucket);
	return n;
}

size_t tm_translations(struct tm_model *m, int from, uint32_t id, uint32_t *out, size_t max)
{
	struct tm_trans_cache *tc = &m->trans_cache[from];
	if (!tc->by_lemma) {
		tc->nlemmas = sv_intern_count(&m->side[from].lemmas) + 1;
		tc->by_lemma = sv_calloc(tc->nlemmas, sizeof(uint32_t *));
	}
	if (id >= tc->nlemmas)
		return translations_calc(m, from, id, out, max);
	if (!tc->by_lemma[id]) {
		uint32_t tmp[TM_TRANS_CACHE_MAX];
		size_t n = translations_calc(m, from, id, tmp, TM_TRANS_CACHE_MAX);
		tc->by_lemma[id] = sv_malloc((n + 1) * sizeof(uint32_t));
		tc->by_lemma[id][0] = (uint32_t)n;
		memcpy(tc->by_lemma[id] + 1, tmp, n * sizeof(uint32_t));
	}
	size_t n = tc->by_lemma[id][0] < max ? tc->by_lemma[id][0] : max;
	memcpy(out, tc->by_lemma[id] + 1, n * sizeof(uint32_t));
	return n;
}

/* ---- New terms ----------------------------------------------------------- */

uint32_t tm_term_new(struct tm_side *sd, const char *const *lemmas, size_t n,
		     const char *citation, int kind)
{
	uint32_t ids[TM_MAX_WORDS];
	struct sv_buf key = SV_BUF_INIT;
	for (size_t i = 0; i < n && i < TM_MAX_WORDS; i++) {
		ids[i] = tm_side_lemma(sd, lemmas[i], strlen(lemmas[i]), 0);
		if (i)
			sv_buf_addc(&key, ' ');
		sv_buf_adds(&key, lemmas[i]);
	}
	if (n > TM_MAX_WORDS)
		n = TM_MAX_WORDS;
	int added = 0;
	struct sv_map_slot *s = sv_map_add(&sd->cand, key.data, key.len, &added);
	if (!added) {
		sv_buf_release(&key);
		struct tm_term *t = &sd->terms[s->val - 1];
		t->keep = 1;
		return (uint32_t)s->val - 1;
	}
	SV_GROW(sd->terms, sd->capterms, sd->nterms + 1);
	struct tm_term *t = &sd->terms[sd->nterms];
	memset(t, 0, sizeof(*t));
	memcpy(t->w, ids, n * sizeof(*ids));
	t->n = (uint8_t)n;
	t->ncontent = (uint8_t)n;
	t->kind = (uint8_t)kind;
	t->keep = 1;
	t->key = sv_buf_detach(&key);
	t->citation = sv_strdup(citation);
	s->val = ++sd->nterms;
	return (uint32_t)sd->nterms - 1;
}
