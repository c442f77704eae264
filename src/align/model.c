/* The alignment model: the key space and its union-find, the seed lexicon,
 * documents and their sentence features, IDF weights, and the similarity of
 * two feature sets (IDF-weighted Dice with numbers as capped anchors). */
#include "align/align-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cyrillic.h"
#include "base/utf8.h"

/* ---- Links and containers -------------------------------------------- */

const char *sv_align_method_name(enum sv_align_method m)
{
	switch (m) {
	case SV_ALIGN_MONOTONE: return "monotone";
	case SV_ALIGN_MINING: return "mining";
	default: return "auto";
	}
}

void sv_align_links_release(struct sv_align_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	l->method = SV_ALIGN_AUTO;
	l->parallelness = 0;
}

void sv_align_docpairs_release(struct sv_align_docpairs *p)
{
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

void al_link_add(struct sv_align_links *l, uint32_t ru, uint32_t nru, uint32_t bg, uint32_t nbg,
		 float score, float margin, int method)
{
	SV_GROW(l->v, l->cap, l->n + 1);
	struct sv_align_link *k = &l->v[l->n++];
	k->ru = ru;
	k->nru = nru;
	k->bg = bg;
	k->nbg = nbg;
	k->score = score;
	k->margin = margin;
	k->method = (uint8_t)method;
}

void sv_align_opts_init(struct sv_align_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->method = SV_ALIGN_AUTO;
	o->max_merge = 3;
	o->skip_pct = 0.98;
	o->skip_scale = 1.0;
	o->k = 4;
	o->min_margin = 1.4;
	o->mine_alpha = 0.05;
	o->doc_threshold = 0.25;
	o->doc_ratio = 0.6;
	o->doc_floor = 0.05;
	o->date_days = 7;
	o->passes = 2;
}

/* ---- Keys and concepts ----------------------------------------------- */

uint32_t al_key_id(struct sv_align *a, const char *key, size_t len)
{
	size_t before = a->keys.n;
	uint32_t id = sv_intern_add(&a->keys, key, len);
	if (a->keys.n == before)
		return id;
	if (id >= a->kcap) {
		size_t old = a->kcap, cap = a->kcap;
		SV_GROW(a->parent, cap, (size_t)id + 1);
		cap = old;
		SV_GROW(a->csize, cap, (size_t)id + 1);
		cap = old;
		SV_GROW(a->flags, cap, (size_t)id + 1);
		cap = old;
		SV_GROW(a->full, cap, (size_t)id + 1);
		a->kcap = cap;
	}
	a->parent[id] = id;
	a->csize[id] = 1;
	a->flags[id] = 0;
	a->full[id] = 0;
	if (len && key[0] == '#')
		a->flags[id] |= KF_NUM;
	else if (len && (unsigned char)key[0] < 0x80)
		a->flags[id] |= KF_LATIN;
	return id;
}

uint32_t al_find(struct sv_align *a, uint32_t k)
{
	uint32_t r = k;
	while (a->parent[r] != r)
		r = a->parent[r];
	while (a->parent[k] != r) {
		uint32_t n = a->parent[k];
		a->parent[k] = r;
		k = n;
	}
	return r;
}

int al_union(struct sv_align *a, uint32_t x, uint32_t y, uint32_t max_size)
{
	uint32_t rx = al_find(a, x), ry = al_find(a, y);
	if (rx == ry)
		return 0;
	if ((a->flags[rx] | a->flags[ry]) & KF_NUM)
		return 0;
	if (a->csize[rx] + a->csize[ry] > max_size)
		return 0;
	if (a->csize[rx] < a->csize[ry]) {
		uint32_t t = rx;
		rx = ry;
		ry = t;
	}
	a->parent[ry] = rx;
	a->csize[rx] += a->csize[ry];
	a->dirty = 1;
	return 1;
}

uint32_t al_word_key(struct sv_align *a, enum sv_lang lang, const char *w, size_t n)
{
	struct sv_buf *b = &a->scratch;
	sv_buf_reset(b);
	sv_buf_adds(b, lang == SV_LANG_BG ? "b:" : "r:");
	sv_buf_add(b, w, n);
	struct sv_map_slot *s = sv_map_find(&a->words, b->data, b->len);
	if (s)
		return (uint32_t)s->val;
	struct sv_buf key = SV_BUF_INIT;
	int pleo = 0;
	al_key(lang, w, n, 1, &key, &pleo);
	size_t before = a->keys.n;
	uint32_t id = al_key_id(a, key.data, key.len);
	if (a->keys.n != before && key.len && key.data[0] != '#') {
		uint32_t cp[64];
		size_t fn = al_full_skeleton(lang, w, n, cp, 64);
		a->full[id] = (uint32_t)a->fullbuf.len + 1;
		for (size_t i = 0; i < fn; i++)
			sv_buf_add_cp(&a->fullbuf, cp[i]);
		sv_buf_addc(&a->fullbuf, '\0');
	}
	if (sv_text_is_stopword(lang, w, n))
		a->flags[id] |= KF_STOP;
	if (pleo) {
		/* names keep their letters in Bulgarian (Морозов), so the rewrite
		 * and the plain key are the same concept */
		al_key(lang, w, n, 0, &key, NULL);
		al_union(a, id, al_key_id(a, key.data, key.len), 64);
	}
	sv_buf_release(&key);
	sv_buf_reset(b);
	sv_buf_adds(b, lang == SV_LANG_BG ? "b:" : "r:");
	sv_buf_add(b, w, n);
	sv_map_add(&a->words, b->data, b->len, NULL)->val = id;
	return id;
}

/* ---- Lexicon --------------------------------------------------------- */

static int lex_pair(struct sv_align *a, const char *ru, size_t rn, const char *bg, size_t bn,
		    uint32_t max)
{
	uint32_t x = al_word_key(a, SV_LANG_RU, ru, rn);
	uint32_t y = al_word_key(a, SV_LANG_BG, bg, bn);
	a->flags[x] |= KF_RU;
	a->flags[y] |= KF_BG;
	if (!al_union(a, x, y, max))
		return 0;
	a->lexn++;
	return 1;
}

int sv_align_lexicon_add(struct sv_align *a, const char *ru, const char *bg)
{
	return lex_pair(a, ru, strlen(ru), bg, strlen(bg), 12);
}

size_t sv_align_lexicon_size(const struct sv_align *a)
{
	return a->lexn;
}

size_t sv_align_table_size(const struct sv_align *a)
{
	return a->tt.n;
}

/* A Russian/Bulgarian or ASCII capital lower-cased (Ѝ too, as terms does), ё and Ё as е;
 * any other code point as it is. */
static uint32_t fold_letter(uint32_t c)
{
	return sv_cyr_fold(c);
}

/* Lower-cases a lexicon word (Cyrillic and ASCII) into out. */
static void lower_word(const char *s, size_t n, struct sv_buf *out)
{
	sv_buf_reset(out);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)s + i, n - i, &c);
		if (!l)
			return;
		i += l;
		sv_buf_add_cp(out, fold_letter(c));
	}
}

void sv_align_lexicon_use(struct sv_align *a, const struct sv_lexicon *lex)
{
	struct sv_buf ru = SV_BUF_INIT, bg = SV_BUF_INIT;
	for (size_t i = 0; i < lex->n; i++) {
		lower_word(lex->pairs[i].ru, strlen(lex->pairs[i].ru), &ru);
		lower_word(lex->pairs[i].bg, strlen(lex->pairs[i].bg), &bg);
		if (strchr(ru.data, ' ') || strchr(bg.data, ' '))
			continue; /* multiword entries are for the term aligner */
		lex_pair(a, ru.data, ru.len, bg.data, bg.len, 12);
	}
	sv_buf_release(&ru);
	sv_buf_release(&bg);
}

int sv_align_lexicon_load(struct sv_align *a, const char *path, struct sv_error *err)
{
	struct sv_lexicon lex = SV_LEXICON_INIT;
	int rc = sv_lexicon_read(&lex, path, err);
	if (!rc)
		sv_align_lexicon_use(a, &lex);
	sv_lexicon_release(&lex);
	return rc;
}

/* ---- Open, close ----------------------------------------------------- */

struct sv_align *sv_align_open_lexicon(const struct sv_lexicon *lex)
{
	struct sv_align *a = sv_calloc(1, sizeof(*a));
	sv_intern_init(&a->keys);
	sv_map_init(&a->words);
	sv_map_init(&a->ev.pairs);
	sv_buf_init(&a->scratch);
	sv_buf_init(&a->fullbuf);
	a->c = 1.0;
	a->s2 = AL_S2_DEFAULT;
	a->dirty = 1;
	al_key_id(a, "", 0); /* id 1: the empty key, never in a sentence */
	if (lex)
		sv_align_lexicon_use(a, lex);
	return a;
}

struct sv_align *sv_align_open(const char *lexicon, struct sv_error *err)
{
	struct sv_lexicon lex = SV_LEXICON_INIT;
	if (sv_lexicon_read(&lex, lexicon, err))
		return NULL;
	struct sv_align *a = sv_align_open_lexicon(&lex);
	sv_lexicon_release(&lex);
	return a;
}

void sv_align_close(struct sv_align *a)
{
	if (!a)
		return;
	sv_intern_release(&a->keys);
	sv_map_release(&a->words);
	sv_map_release(&a->ev.pairs);
	free(a->ev.cru);
	free(a->ev.cbg);
	free(a->ev.res);
	free(a->tt.ru);
	free(a->tt.bg);
	free(a->tt.p);
	free(a->tt.off);
	free(a->tt.to);
	free(a->tt.tp);
	free(a->parent);
	free(a->csize);
	free(a->flags);
	free(a->full);
	sv_buf_release(&a->fullbuf);
	for (size_t i = 0; i < a->ndocs; i++)
		free(a->docs[i].name);
	free(a->docs);
	free(a->sents);
	free(a->raw);
	free(a->fk);
	free(a->w);
	free(a->cls);
	free(a->df);
	sv_buf_release(&a->scratch);
	free(a);
}

/* ---- Documents ------------------------------------------------------- */

static long parse_day(const char *s)
{
	int y, m, d;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* days from civil (Howard Hinnant) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* Appends to names each word of text that starts with a capital and is not
 * its first word, lower-cased as norm has it, followed by a space. A word is
 * a run of Russian or ASCII letters and hyphens. The tokenizer's
 * SV_TOKF_CAPITAL is not used: its words differ (digits, apostrophes,
 * compounds, other scripts), and names taken from it lower comparable
 * F1 (docs/FIGURES.md), which the figures rest on. */
static void inner_names(const char *t, struct sv_buf *names)
{
	size_t tn = strlen(t), i = 0;
	int first = 1;
	while (i < tn) {
		uint32_t c;
		size_t l = sv_utf8_decode((const unsigned char *)t + i, tn - i, &c);
		if (!l) {
			i++;
			continue;
		}
		int up = (c >= 0x410 && c <= 0x42F) || c == 0x401 || (c >= 'A' && c <= 'Z');
		int low = (c >= 0x430 && c <= 0x44F) || c == 0x451 || (c >= 'a' && c <= 'z');
		if (!up && !low) {
			i += l;
			continue;
		}
		size_t st = names->len;
		int cap = up;
		while (i < tn) {
			l = sv_utf8_decode((const unsigned char *)t + i, tn - i, &c);
			if (!l)
				break;
			uint32_t f = fold_letter(c);
			if (f == c && !((c >= 0x430 && c <= 0x44F) || (c >= 'a' && c <= 'z') ||
					c == '-'))
				break;
			sv_buf_add_cp(names, f);
			i += l;
		}
		if (cap && !first)
			sv_buf_addc(names, ' ');
		else
			names->len = st;
		names->data[names->len] = '\0';
		first = 0;
	}
}

/* Appends the raw keys of one sentence, unique. */
static void sent_features(struct sv_align *a, enum sv_lang lang, const struct sv_align_sent *s,
			  struct al_sent *out)
{
	const char *norm = s->norm ? s->norm : "";
	const char *lem = s->lemmas && *s->lemmas ? s->lemmas : NULL;
	/* lemmas are used only when they line up with the tokens of norm */
	if (lem && sv_text_keys_count(lem) != sv_text_keys_count(norm))
		lem = NULL;
	struct sv_buf names = SV_BUF_INIT;
	if (s->text)
		inner_names(s->text, &names);
	out->raw_off = (uint32_t)a->nraw;
	struct sv_text_keys_iter keys, lems;
	sv_text_keys_init(&keys, norm);
	sv_text_keys_init(&lems, lem);
	const char *w;
	size_t wn;
	while (sv_text_keys_next(&keys, &w, &wn)) {
		int is_name = 0;
		struct sv_text_keys_iter nit;
		const char *nm;
		size_t nmlen;
		sv_text_keys_init(&nit, names.data);
		while (!is_name && sv_text_keys_next(&nit, &nm, &nmlen))
			is_name = nmlen == wn && !memcmp(nm, w, wn);
		const char *entry;
		size_t elen;
		int digit = w[0] >= '0' && w[0] <= '9';
		if (lem && sv_text_keys_next(&lems, &entry, &elen) && !digit) {
			/* the first lemma */
			struct sv_text_lemmas_iter alts;
			sv_text_lemmas_init(&alts, entry, elen);
			sv_text_lemmas_next(&alts, &w, &wn);
		}
		uint32_t id = al_word_key(a, lang, w, wn);
		a->flags[id] |= lang == SV_LANG_BG ? KF_BG : KF_RU;
		if (is_name)
			a->flags[id] |= KF_NAME;
		SV_GROW(a->raw, a->rcap, a->nraw + 1);
		a->raw[a->nraw++] = id;
		if (out->ntok < UINT16_MAX)
			out->ntok++;
	}
	sv_buf_release(&names);
	uint32_t *r = a->raw + out->raw_off;
	size_t n = a->nraw - out->raw_off;
	if (n > 1)
		qsort(r, n, sizeof(*r), cmp_u32);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || r[u - 1] != r[i])
			r[u++] = r[i];
	a->nraw = out->raw_off + u;
	out->raw_n = (uint32_t)u;
	const char *t = s->text ? s->text : norm;
	out->len = (uint32_t)sv_utf8_length(t, strlen(t));
}

int sv_align_add(struct sv_align *a, const struct sv_align_doc *doc, size_t *id,
		 struct sv_error *err)
{
	if (doc->lang != SV_LANG_RU && doc->lang != SV_LANG_BG)
		return sv_error_set(err, SV_EUSAGE, "'%s': language must be ru or bg",
				    doc->name ? doc->name : "(document)");
	SV_GROW(a->docs, a->dcap, a->ndocs + 1);
	struct al_doc *d = &a->docs[a->ndocs];
	d->name = doc->name ? sv_strdup(doc->name) : NULL;
	d->lang = doc->lang;
	d->day = parse_day(doc->date);
	d->first = a->nsents;
	d->n = doc->n;
	SV_GROW(a->sents, a->scap, a->nsents + doc->n);
	for (size_t i = 0; i < doc->n; i++) {
		struct al_sent *s = &a->sents[a->nsents + i];
		memset(s, 0, sizeof(*s));
		sent_features(a, doc->lang, &doc->sents[i], s);
	}
	a->nsents += doc->n;
	a->dirty = 1;
	if (id)
		*id = a->ndocs;
	a->ndocs++;
	return SV_OK;
}

size_t sv_align_count(const struct sv_align *a)
{
	return a->ndocs;
}

/* ---- Finalising: concepts, IDF --------------------------------------- */

void al_finalise(struct sv_align *a)
{
	if (!a->dirty)
		return;
	al_cognate_link(a);
	size_t nk = a->keys.n; /* ids < nk */
	if (a->wcap < nk) {
		a->wcap = nk;
		a->w = sv_realloc(a->w, nk * sizeof(*a->w));
		a->df = sv_realloc(a->df, nk * sizeof(*a->df));
		a->cls = sv_realloc(a->cls, nk);
	}
	memset(a->df, 0, nk * sizeof(*a->df));
	a->nfk = 0;
	for (size_t i = 0; i < a->nsents; i++) {
		struct al_sent *s = &a->sents[i];
		SV_GROW(a->fk, a->fkcap, a->nfk + s->raw_n);
		uint32_t *f = a->fk + a->nfk;
		for (uint32_t j = 0; j < s->raw_n; j++)
			f[j] = al_find(a, a->raw[s->raw_off + j]);
		if (s->raw_n > 1)
			qsort(f, s->raw_n, sizeof(*f), cmp_u32);
		uint32_t u = 0;
		for (uint32_t j = 0; j < s->raw_n; j++)
			if (!u || f[u - 1] != f[j])
				f[u++] = f[j];
		s->off = (uint32_t)a->nfk;
		s->n = u;
		a->nfk += u;
		for (uint32_t j = 0; j < u; j++)
			a->df[f[j]]++;
	}
	double n = (double)a->nsents;
	a->nsent_idf = n;
	for (size_t k = 0; k < nk; k++)
		a->w[k] = (float)log((n + 1.0) / ((double)a->df[k] + 0.5));
	/* a concept holding a function word weighs less */
	for (size_t k = 1; k < nk; k++)
		if (a->flags[k] & KF_STOP)
			a->df[al_find(a, (uint32_t)k)] |= 0x80000000u;
	for (size_t k = 0; k < nk; k++)
		if (a->df[k] & 0x80000000u) {
			a->df[k] &= 0x7fffffffu;
			a->w[k] *= AL_STOP_WEIGHT;
		}
	memset(a->cls, AL_WORD, nk);
	for (size_t k = 1; k < nk; k++) {
		uint32_t r = al_find(a, (uint32_t)k);
		if (a->flags[k] & KF_NUM)
			a->cls[r] = AL_NUMBER;
		else if ((a->flags[k] & KF_NAME) && a->cls[r] == AL_WORD)
			a->cls[r] = AL_NAME;
	}
	for (size_t i = 0; i < a->nsents; i++) {
		struct al_sent *s = &a->sents[i];
		memset(s->wc, 0, sizeof(s->wc));
		for (uint32_t j = 0; j < s->n; j++) {
			uint32_t k = a->fk[s->off + j];
			s->wc[a->cls[k]] += a->w[k];
		}
	}
	a->tt.stale = 1;
	a->dirty = 0;
}

void al_tt_push(struct al_tt *tt, uint32_t ru, uint32_t bg, float p)
{
	if (tt->n == tt->cap) {
		size_t cap = tt->cap;
		SV_GROW(tt->ru, cap, tt->n + 1);
		cap = tt->cap;
		SV_GROW(tt->bg, cap, tt->n + 1);
		cap = tt->cap;
		SV_GROW(tt->p, cap, tt->n + 1);
		tt->cap = cap;
	}
	tt->ru[tt->n] = ru;
	tt->bg[tt->n] = bg;
	tt->p[tt->n] = p;
	tt->n++;
}

void al_tt_index(struct sv_align *a)
{
	struct al_tt *tt = &a->tt;
	size_t nk = a->keys.n;
	if (!tt->stale)
		return;
	tt->stale = 0;
	if (!tt->n) {
		tt->nk = 0;
		return;
	}
	tt->off = sv_realloc(tt->off, (nk + 1) * sizeof(*tt->off));
	tt->to = sv_realloc(tt->to, tt->n * sizeof(*tt->to));
	tt->tp = sv_realloc(tt->tp, tt->n * sizeof(*tt->tp));
	memset(tt->off, 0, (nk + 1) * sizeof(*tt->off));
	uint32_t *ru = sv_malloc(tt->n * sizeof(*ru)), *bg = sv_malloc(tt->n * sizeof(*bg));
	for (size_t e = 0; e < tt->n; e++) {
		ru[e] = al_find(a, tt->ru[e]);
		bg[e] = al_find(a, tt->bg[e]);
		if (ru[e] != bg[e])
			tt->off[ru[e] + 1]++;
	}
	for (size_t k = 0; k < nk; k++)
		tt->off[k + 1] += tt->off[k];
	uint32_t *fill = sv_malloc((nk + 1) * sizeof(*fill));
	memcpy(fill, tt->off, (nk + 1) * sizeof(*fill));
	for (size_t e = 0; e < tt->n; e++) {
		if (ru[e] == bg[e])
			continue;
		uint32_t at = fill[ru[e]]++;
		tt->to[at] = bg[e];
		tt->tp[at] = tt->p[e];
	}
	free(fill);
	free(ru);
	free(bg);
	tt->nk = nk;
}

/* ---- Similarity ------------------------------------------------------ */

void al_set_of(struct sv_align *a, size_t sent, struct al_set *s)
{
	const struct al_sent *t = &a->sents[sent];
	s->k = a->fk + t->off;
	s->n = t->n;
	memcpy(s->wc, t->wc, sizeof(s->wc));
	s->len = t->len;
}

void al_set_merge(struct sv_align *a, const struct al_set *const *parts, size_t np,
		  uint32_t **store, size_t *cap, struct al_set *out)
{
	size_t total = 0;
	uint32_t len = 0;
	for (size_t i = 0; i < np; i++) {
		total += parts[i]->n;
		len += parts[i]->len + (i ? 1 : 0);
	}
	SV_GROW(*store, *cap, total + 1);
	uint32_t *k = *store;
	size_t u = 0;
	float wc[AL_NCLS] = { 0 };
	if (np > 3) {
		/* many parts (blocks of sentences): concatenate, sort, unique */
		size_t t = 0;
		for (size_t i = 0; i < np; i++) {
			if (parts[i]->n)
				memcpy(k + t, parts[i]->k, parts[i]->n * sizeof(*k));
			t += parts[i]->n;
		}
		if (t > 1)
			qsort(k, t, sizeof(*k), cmp_u32);
		for (size_t i = 0; i < t; i++) {
			if (u && k[u - 1] == k[i])
				continue;
			k[u++] = k[i];
			wc[a->cls[k[i]]] += a->w[k[i]];
		}
		out->k = k;
		out->n = (uint32_t)u;
		memcpy(out->wc, wc, sizeof(wc));
		out->len = len;
		return;
	}
	/* a few sorted parts: merge them, keeping each concept once */
	size_t pos[3] = { 0 };
	for (;;) {
		uint32_t min = UINT32_MAX;
		for (size_t i = 0; i < np; i++)
			if (pos[i] < parts[i]->n && parts[i]->k[pos[i]] < min)
				min = parts[i]->k[pos[i]];
		if (min == UINT32_MAX)
			break;
		for (size_t i = 0; i < np; i++)
			if (pos[i] < parts[i]->n && parts[i]->k[pos[i]] == min)
				pos[i]++;
		k[u++] = min;
		wc[a->cls[min]] += a->w[min];
	}
	out->k = k;
	out->n = (uint32_t)u;
	memcpy(out->wc, wc, sizeof(wc));
	out->len = len;
}

static const float al_caps[AL_NCLS] = { 1e30f, AL_NUM_CAP, AL_NAME_CAP };

/* Dice over the matched weight c[] of each class against the weights of x
 * and y, every class capped (numbers and names are anchors, never a flat
 * bonus). */
static double capped_dice(const float *c, const struct al_set *x, const struct al_set *y)
{
	float num = 0, den = 0;
	for (int k = 0; k < AL_NCLS; k++) {
		float cap = al_caps[k];
		num += c[k] < cap ? c[k] : cap;
		den += (x->wc[k] < cap ? x->wc[k] : cap) + (y->wc[k] < cap ? y->wc[k] : cap);
	}
	return den > 0 ? 2.0 * num / den : 0.0;
}

double al_sim(const struct sv_align *a, const struct al_set *x, const struct al_set *y)
{
	const uint32_t *p = x->k, *pe = x->k + x->n, *q = y->k, *qe = y->k + y->n;
	float c[AL_NCLS] = { 0 };
	/* a branch-free merge: only matches touch the weight tables */
	while (p < pe && q < qe) {
		uint32_t u = *p, v = *q;
		if (u == v)
			c[a->cls[u]] += a->w[u];
		p += u <= v;
		q += v <= u;
	}
	return capped_dice(c, x, y);
}

static int has_key(const uint32_t *v, uint32_t n, uint32_t k)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (v[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == k;
}

/* Words of x a set may leave unmatched and look up in the table. */
#define TT_MAX_UNMATCHED 64

double al_sim_tt(const struct sv_align *a, const struct al_set *x, const struct al_set *y)
{
	const struct al_tt *tt = &a->tt;
	if (!tt->nk)
		return al_sim(a, x, y);
	const uint32_t *p = x->k, *pe = x->k + x->n, *q = y->k, *qe = y->k + y->n;
	float c[AL_NCLS] = { 0 };
	uint32_t un[TT_MAX_UNMATCHED], nu = 0;
	while (p < pe) {
		uint32_t u = *p;
		while (q < qe && *q < u)
			q++;
		if (q < qe && *q == u)
			c[a->cls[u]] += a->w[u];
		else if (nu < TT_MAX_UNMATCHED && u < tt->nk && tt->off[u] < tt->off[u + 1])
			un[nu++] = u;
		p++;
	}
	/* each unmatched RU word takes its most probable unmatched BG partner;
	 * a BG word is taken once */
	uint32_t used[TT_MAX_UNMATCHED], nused = 0;
	for (uint32_t i = 0; i < nu; i++) {
		uint32_t u = un[i];
		float best = 0;
		uint32_t bv = 0;
		for (uint32_t e = tt->off[u]; e < tt->off[u + 1]; e++) {
			uint32_t v = tt->to[e];
			float g = tt->tp[e] * 0.5f * (a->w[u] + a->w[v]);
			if (g <= best || !has_key(y->k, y->n, v) || has_key(x->k, x->n, v))
				continue;
			int taken = 0;
			for (uint32_t t = 0; t < nused; t++)
				taken |= used[t] == v;
			if (!taken) {
				best = g;
				bv = v;
			}
		}
		if (best > 0) {
			used[nused++] = bv;
			c[a->cls[u]] += best;
		}
	}
	return capped_dice(c, x, y);
}

void al_mark(const struct sv_align *a, const struct al_set *x, float *mark, int on)
{
	for (uint32_t i = 0; i < x->n; i++)
		mark[x->k[i]] = on ? a->w[x->k[i]] : 0.0f;
}

double al_sim_marked(const struct sv_align *a, const float *mark, const struct al_set *x,
		     const struct al_set *y)
{
	/* three accumulators in registers: indexing a local array by class
	 * serialises the loop through memory */
	float c0 = 0, c1 = 0, c2 = 0;
	for (uint32_t i = 0; i < y->n; i++) {
		uint32_t k = y->k[i];
		float m = mark[k];
		uint8_t cl = a->cls[k];
		c0 += cl == AL_WORD ? m : 0.0f;
		c1 += cl == AL_NUMBER ? m : 0.0f;
		c2 += cl == AL_NAME ? m : 0.0f;
	}
	float c[AL_NCLS] = { c0, c1, c2 };
	return capped_dice(c, x, y);
}

/* log(erfc(d / sqrt 2)) + 1, clamped to [-3, 1], tabulated by 1/64 up to
 * d = 4 (beyond that it is -3). */
#define LEN_TAB 256
static float len_tab[LEN_TAB + 2];
static int len_tab_ready;

static void len_tab_init(void)
{
	for (int i = 0; i <= LEN_TAB + 1; i++) {
		double d = (double)i / 64.0;
		double p = erfc(d / M_SQRT2);
		double t = (p > 1e-300 ? log(p) : -700) + 1.0;
		len_tab[i] = (float)(t < -3 ? -3 : t > 1 ? 1 : t);
	}
	len_tab_ready = 1;
}

double al_len_term(const struct sv_align *a, double lru, double lbg)
{
	if (!len_tab_ready)
		len_tab_init();
	double l = (lru + lbg / a->c) / 2.0 + 1.0;
	double d = fabs(lbg - a->c * lru) / sqrt(a->s2 * l) * 64.0;
	if (d >= LEN_TAB)
		return -3.0;
	int i = (int)d;
	double f = d - i;
	return len_tab[i] + f * (len_tab[i + 1] - len_tab[i]);
}

double sv_align_similarity(struct sv_align *a, const struct sv_align_sent *ru,
			   const struct sv_align_sent *bg)
{
	/* score two loose sentences against the model's IDF by adding them as
	 * features temporarily */
	al_finalise(a);
	struct al_sent s[2];
	memset(s, 0, sizeof(s));
	size_t nraw = a->nraw;
	sent_features(a, SV_LANG_RU, ru, &s[0]);
	sent_features(a, SV_LANG_BG, bg, &s[1]);
	al_finalise(a); /* new keys may have joined concepts: weights of old ones unchanged */
	if (a->wcap < a->keys.n) {
		size_t old = a->wcap;
		a->wcap = a->keys.n;
		a->w = sv_realloc(a->w, a->wcap * sizeof(*a->w));
		a->df = sv_realloc(a->df, a->wcap * sizeof(*a->df));
		a->cls = sv_realloc(a->cls, a->wcap);
		for (size_t k = old; k < a->wcap; k++) {
			a->df[k] = 0;
			a->cls[k] = (a->flags[k] & KF_NUM) ? AL_NUMBER : AL_WORD;
			a->w[k] = (float)log((a->nsent_idf + 1.0) / 0.5);
		}
	}
	uint32_t *keys[2];
	struct al_set set[2];
	for (int i = 0; i < 2; i++) {
		keys[i] = sv_malloc((s[i].raw_n + 1) * sizeof(uint32_t));
		float wc[AL_NCLS] = { 0 };
		uint32_t u = 0;
		for (uint32_t j = 0; j < s[i].raw_n; j++)
			keys[i][u++] = al_find(a, a->raw[s[i].raw_off + j]);
		qsort(keys[i], u, sizeof(uint32_t), cmp_u32);
		uint32_t v = 0;
		for (uint32_t j = 0; j < u; j++) {
			if (v && keys[i][v - 1] == keys[i][j])
				continue;
			keys[i][v++] = keys[i][j];
			uint32_t r = keys[i][j];
			float w = r < a->wcap ? a->w[r] : (float)log((a->nsent_idf + 1.0) / 0.5);
			wc[r < a->wcap ? a->cls[r] : (a->flags[r] & KF_NUM) ? AL_NUMBER : AL_WORD] += w;
		}
		set[i].k = keys[i];
		set[i].n = v;
		memcpy(set[i].wc, wc, sizeof(wc));
		set[i].len = s[i].len;
	}
	al_tt_index(a);
	double r = al_sim_tt(a, &set[0], &set[1]);
	free(keys[0]);
	free(keys[1]);
	a->nraw = nraw;
	return r;
}
