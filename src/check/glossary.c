/* The check glossary: concepts with Russian and Bulgarian terms, each term a
 * sequence of words given as sets of lemmas, and an inverted index from a
 * first word's lemma to the terms it can start, so that finding terms in a
 * segment costs a few hash look-ups per token whatever the glossary's size. */
#include "check/check-int.h"

#include <stdlib.h>
#include <string.h>

#define MAXLEM 4 /* lemmas kept per word */

struct gword {
	uint32_t id[MAXLEM + 1]; /* the key and the lemmas, as ids in g->ids; 0 ends */
};

struct gterm {
	uint32_t concept;
	uint32_t word;   /* first word, index into g->words */
	uint16_t nwords;
	uint8_t lang;    /* enum sv_lang */
	uint8_t status;  /* enum sv_check_term_status */
	uint32_t citation; /* id in g->ids */
};

/* Per-token view of a text: the ids (key and lemmas) known to the glossary. */
struct ttok {
	uint32_t id[MAXLEM + 1];
	uint32_t start, end; /* bytes */
	int barrier;         /* punctuation that a term cannot span */
};

struct sv_check_glossary {
	struct sv_text *t;          /* borrowed */
	struct sv_intern ids;       /* keys, lemmas and citations */
	struct gword *words;
	size_t nwords, capwords;
	struct gterm *terms;
	size_t nterms, capterms;
	uint32_t nconcepts;
	struct sv_map dedup;        /* lang, concept, key sequence -> term + 1 */
	/* The index, rebuilt when terms were added: per language, for each id
	 * the terms whose first word holds it, as CSR arrays. */
	int dirty;
	size_t nindexed;            /* ids covered */
	uint32_t *post_start[3], *post[3]; /* one-word terms by id */
	struct sv_map pairs[3];     /* longer terms: ids of words 1 and 2 -> n + 1 */
	uint32_t *pair_start[3], *pair_post[3];
	uint32_t *cstart, *cterms;  /* concept -> its terms, CSR */
	struct sv_tokens toks;      /* scratch */
	struct ttok *tt;
	size_t ntt, captt;
	struct sv_buf scratch, cscratch;
	struct sv_map idcache[3];   /* per language: a text word's key -> index in idvals */
	struct gword *idvals;       /* (cleared whenever the terms change) */
	size_t nidvals, capidvals;
};

struct sv_check_glossary *sv_check_glossary_new(struct sv_text *t)
{
	struct sv_check_glossary *g = sv_calloc(1, sizeof(*g));
	g->t = t;
	sv_intern_init(&g->ids);
	sv_map_init(&g->dedup);
	sv_buf_init(&g->scratch);
	sv_buf_init(&g->cscratch);
	g->dirty = 1;
	return g;
}

static void drop_index(struct sv_check_glossary *g)
{
	for (int l = 0; l < 3; l++) {
		free(g->post_start[l]);
		free(g->post[l]);
		g->post_start[l] = g->post[l] = NULL;
		sv_map_release(&g->pairs[l]);
		free(g->pair_start[l]);
		free(g->pair_post[l]);
		g->pair_start[l] = g->pair_post[l] = NULL;
	}
	free(g->cstart);
	free(g->cterms);
	g->cstart = g->cterms = NULL;
	for (int l = 0; l < 3; l++) {
		sv_map_release(&g->idcache[l]);
		sv_map_init(&g->idcache[l]);
	}
	g->nidvals = 0;
}

void sv_check_glossary_free(struct sv_check_glossary *g)
{
	if (!g)
		return;
	drop_index(g);
	sv_intern_release(&g->ids);
	sv_map_release(&g->dedup);
	free(g->words);
	free(g->terms);
	free(g->tt);
	free(g->idvals);
	sv_tokens_release(&g->toks);
	sv_buf_release(&g->scratch);
	sv_buf_release(&g->cscratch);
	free(g);
}

uint32_t sv_check_glossary_concept(struct sv_check_glossary *g)
{
	return g->nconcepts++;
}

size_t sv_check_glossary_terms(const struct sv_check_glossary *g)
{
	return g->nterms;
}

size_t sv_check_glossary_concepts(const struct sv_check_glossary *g)
{
	return g->nconcepts;
}

const char *sv_check_glossary_citation(const struct sv_check_glossary *g, uint32_t term)
{
	return term < g->nterms ? sv_intern_str(&g->ids, g->terms[term].citation) : "";
}

void sv_check_matches_release(struct sv_check_matches *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

/* Whether a token takes part in term matching, and whether it blocks it. */
static int token_kind(const char *s, const struct sv_token *tk)
{
	if (tk->flags & SV_TOKF_PART)
		return 0;
	switch (tk->type) {
	case SV_TOK_WORD:
	case SV_TOK_ACRONYM:
	case SV_TOK_NUMBER:
		return 1;
	case SV_TOK_PUNCT: {
		/* Quotes and hyphens do not break a term; other punctuation does. */
		unsigned char c = (unsigned char)s[tk->start];
		if (c == '"' || c == '\'' || c == '-')
			return 0;
		if (c == 0xC2 && tk->len == 2 && ((unsigned char)s[tk->start + 1] == 0xAB ||
						  (unsigned char)s[tk->start + 1] == 0xBB))
			return 0; /* « » */
		if (c == 0xE2 && tk->len == 3 && (unsigned char)s[tk->start + 1] == 0x80) {
			unsigned char d = (unsigned char)s[tk->start + 2];
			if ((d >= 0x98 && d <= 0x9F) || (d >= 0x90 && d <= 0x95))
				return 0; /* ‘ ’ ‚ ‛ “ ” „ ‟ and dashes */
		}
		return 2;
	}
	default:
		return 2;
	}
}

/* The lemma of a hyphenated compound from its parts (the PART tokens after
 * token i): each part's first lemma, joined by hyphens, so that
 * государствам-членам and държави-членки meet their citation forms.
 * Borrowed from g->cscratch until the next call. */
static const char *compound_lemma(struct sv_check_glossary *g, enum sv_lang lang,
				  const struct sv_tokens *toks, size_t i)
{
	sv_buf_reset(&g->cscratch);
	for (size_t j = i + 1; j < toks->n && (toks->v[j].flags & SV_TOKF_PART); j++) {
		const struct sv_token *p = &toks->v[j];
		if (p->type == SV_TOK_PUNCT || p->type == SV_TOK_SYMBOL)
			continue;
		const char *lem[1];
		if (!sv_text_lemmas(g->t, lang, sv_token_key(toks, j), p->keylen, lem, 1))
			lem[0] = sv_token_key(toks, j);
		if (g->cscratch.len)
			sv_buf_addc(&g->cscratch, '-');
		sv_buf_adds(&g->cscratch, lem[0]);
	}
	return g->cscratch.data;
}

/* Fills g->tt with the ids of s's tokens; add: intern unknown ids (for a term). */
static void view_tokens(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
			const struct sv_tokens *toks, int add)
{
	g->ntt = 0;
	for (size_t i = 0; i < toks->n; i++) {
		const struct sv_token *tk = &toks->v[i];
		int kind = token_kind(s, tk);
		if (!kind)
			continue;
		SV_GROW(g->tt, g->captt, g->ntt + 1);
		struct ttok *o = &g->tt[g->ntt++];
		memset(o, 0, sizeof(*o));
		o->start = tk->start;
		o->end = tk->start + tk->len;
		if (kind == 2) {
			o->barrier = 1;
			continue;
		}
		const char *key = sv_token_key(toks, i);
		/* a text's words: their ids once per distinct key and language */
		struct sv_map_slot *cached = NULL;
		if (!add) {
			int added;
			cached = sv_map_add(&g->idcache[lang], key, tk->keylen, &added);
			if (!added) {
				memcpy(o->id, g->idvals[cached->val].id, sizeof(o->id));
				continue;
			}
		}
		size_t n = 0;
		uint32_t id = add ? sv_intern_add(&g->ids, key, tk->keylen)
				  : sv_intern_find(&g->ids, key, tk->keylen);
		if (id)
			o->id[n++] = id;
		/* numbers and acronyms are their own lemmas (НАТО is not на + -то) */
		if (tk->type == SV_TOK_NUMBER || tk->type == SV_TOK_ACRONYM) {
			if (cached) {
				SV_GROW(g->idvals, g->capidvals, g->nidvals + 1);
				memcpy(g->idvals[g->nidvals].id, o->id, sizeof(o->id));
				cached->val = g->nidvals++;
			}
			continue;
		}
		const char *lem[MAXLEM];
		size_t nl = sv_text_lemmas(g->t, lang, key, tk->keylen, lem, MAXLEM);
		if (nl > MAXLEM)
			nl = MAXLEM;
		if ((tk->flags & SV_TOKF_COMPOUND) && nl < MAXLEM)
			lem[nl++] = compound_lemma(g, lang, toks, i);
		/* a content word of a term does not match a function word that is
		 * only one of its analyses */
		int key_stop = add && sv_text_is_stopword(lang, key, tk->keylen);
		for (size_t k = 0; k < nl; k++) {
			size_t len = strlen(lem[k]);
			if (!len || (add && !key_stop && sv_text_is_stopword(lang, lem[k], len)))
				continue;
			id = add ? sv_intern_add(&g->ids, lem[k], len)
				 : sv_intern_find(&g->ids, lem[k], len);
			int dup = !id;
			for (size_t j = 0; j < n && !dup; j++)
				dup = o->id[j] == id;
			if (!dup)
				o->id[n++] = id;
		}
		if (cached) {
			SV_GROW(g->idvals, g->capidvals, g->nidvals + 1);
			memcpy(g->idvals[g->nidvals].id, o->id, sizeof(o->id));
			cached->val = g->nidvals++;
		}
	}
}

int sv_check_glossary_add(struct sv_check_glossary *g, uint32_t concept, enum sv_lang lang,
			  const char *text, enum sv_check_term_status status, struct sv_error *err)
{
	int rc = SV_OK;
	if (lang != SV_LANG_RU && lang != SV_LANG_BG)
		return sv_error_set(err, SV_EUSAGE, "term '%s': language must be ru or bg", text);
	sv_buf_reset(&g->scratch);
	sv_text_nfc(text, strlen(text), &g->scratch);
	char *nfc = sv_strdup(g->scratch.data);
	if ((rc = sv_text_tokenize(g->t, nfc, strlen(nfc), &g->toks, err)))
		goto out;
	view_tokens(g, lang, nfc, &g->toks, 1);
	/* Drop barriers at the ends; keep inner ones out of the term. */
	size_t nw = 0;
	for (size_t i = 0; i < g->ntt; i++)
		if (!g->tt[i].barrier)
			g->tt[nw++] = g->tt[i];
	g->ntt = nw;
	if (!nw || nw > UINT16_MAX) {
		rc = sv_error_set(err, SV_EINPUT, "term '%s': no words", text);
		goto out;
	}
	sv_buf_reset(&g->scratch);
	sv_buf_addf(&g->scratch, "%d\x1f%u\x1f", (int)lang, concept);
	for (size_t i = 0; i < nw; i++)
		sv_buf_addf(&g->scratch, "%u ", g->tt[i].id[0]);
	int added;
	struct sv_map_slot *slot = sv_map_add(&g->dedup, g->scratch.data, g->scratch.len, &added);
	if (!added) {
		struct gterm *old = &g->terms[slot->val - 1];
		/* Keep the stronger claim: forbidden, then rejected for this
		 * concept, then approved, then candidate. */
		static const int rank[] = { [SV_CHECK_ST_CANDIDATE] = 0, [SV_CHECK_ST_APPROVED] = 1,
					    [SV_CHECK_ST_AVOID] = 2, [SV_CHECK_ST_FORBIDDEN] = 3 };
		if (rank[status] > rank[old->status])
			old->status = (uint8_t)status;
		goto out;
	}
	SV_GROW(g->terms, g->capterms, g->nterms + 1);
	SV_GROW(g->words, g->capwords, g->nwords + nw);
	struct gterm *tm = &g->terms[g->nterms];
	slot->val = ++g->nterms;
	tm->concept = concept;
	tm->word = (uint32_t)g->nwords;
	tm->nwords = (uint16_t)nw;
	tm->lang = (uint8_t)lang;
	tm->status = (uint8_t)status;
	tm->citation = sv_intern_add(&g->ids, nfc, strlen(nfc));
	for (size_t i = 0; i < nw; i++)
		memcpy(g->words[g->nwords++].id, g->tt[i].id, sizeof(g->tt[i].id));
	if (concept >= g->nconcepts)
		g->nconcepts = concept + 1;
	g->dirty = 1;
out:
	free(nfc);
	return rc;
}

static void pair_key(char key[8], uint32_t a, uint32_t b)
{
	memcpy(key, &a, 4);
	memcpy(key + 4, &b, 4);
}

/* Calls fn for every (id of word 0, id of word 1) of a multi-word term. */
#define EACH_PAIR(g, tm, A, B)                                                           \
	for (size_t A##k = 0; A##k <= MAXLEM && (g)->words[(tm)->word].id[A##k]; A##k++)   \
		for (size_t B##k = 0; B##k <= MAXLEM && (g)->words[(tm)->word + 1].id[B##k]; \
		     B##k++)                                                                   \
			for (uint32_t A = (g)->words[(tm)->word].id[A##k],                     \
				      B = (g)->words[(tm)->word + 1].id[B##k], A##once = 1;    \
			     A##once; A##once = 0)

/* Builds the index for every language: one-word terms by the ids of their
 * word; longer terms by the pairs of ids of their first two words, so that a
 * frequent first word (Совет, държава) costs one look-up per pair, not a
 * scan of every term it starts. */
static void build_index(struct sv_check_glossary *g)
{
	drop_index(g);
	size_t nids = sv_intern_count(&g->ids) + 1;
	char key[8];
	for (int l = 1; l < 3; l++) {
		uint32_t *start = sv_calloc(nids + 1, sizeof(uint32_t));
		uint32_t *pcount = NULL;
		size_t npairs = 0, cap = 0;
		sv_map_init(&g->pairs[l]);
		for (size_t t = 0; t < g->nterms; t++) {
			const struct gterm *tm = &g->terms[t];
			if (tm->lang != l)
				continue;
			if (tm->nwords == 1) {
				const uint32_t *id = g->words[tm->word].id;
				for (size_t k = 0; k <= MAXLEM && id[k]; k++)
					start[id[k] + 1]++;
				continue;
			}
			EACH_PAIR(g, tm, a, b) {
				pair_key(key, a, b);
				int added;
				struct sv_map_slot *sl = sv_map_add(&g->pairs[l], key, 8, &added);
				if (added) {
					SV_GROW(pcount, cap, npairs + 1);
					pcount[npairs] = 0;
					sl->val = ++npairs;
				}
				pcount[sl->val - 1]++;
			}
		}
		for (size_t i = 1; i <= nids; i++)
			start[i] += start[i - 1];
		uint32_t *post = sv_malloc((start[nids] + 1) * sizeof(uint32_t));
		uint32_t *fill = sv_malloc((nids + 1) * sizeof(uint32_t));
		memcpy(fill, start, (nids + 1) * sizeof(uint32_t));
		uint32_t *pstart = sv_calloc(npairs + 2, sizeof(uint32_t));
		for (size_t i = 0; i < npairs; i++)
			pstart[i + 1] = pstart[i] + pcount[i];
		uint32_t *ppost = sv_malloc((pstart[npairs] + 1) * sizeof(uint32_t));
		uint32_t *pfill = sv_malloc((npairs + 1) * sizeof(uint32_t));
		memcpy(pfill, pstart, (npairs + 1) * sizeof(uint32_t));
		for (size_t t = 0; t < g->nterms; t++) {
			const struct gterm *tm = &g->terms[t];
			if (tm->lang != l)
				continue;
			if (tm->nwords == 1) {
				const uint32_t *id = g->words[tm->word].id;
				for (size_t k = 0; k <= MAXLEM && id[k]; k++)
					post[fill[id[k]]++] = (uint32_t)t;
				continue;
			}
			EACH_PAIR(g, tm, a, b) {
				pair_key(key, a, b);
				struct sv_map_slot *sl = sv_map_find(&g->pairs[l], key, 8);
				ppost[pfill[sl->val - 1]++] = (uint32_t)t;
			}
		}
		free(fill);
		free(pfill);
		free(pcount);
		g->post_start[l] = start;
		g->post[l] = post;
		g->pair_start[l] = pstart;
		g->pair_post[l] = ppost;
	}
	g->cstart = sv_calloc((size_t)g->nconcepts + 2, sizeof(uint32_t));
	g->cterms = sv_malloc((g->nterms + 1) * sizeof(uint32_t));
	for (size_t t = 0; t < g->nterms; t++)
		g->cstart[g->terms[t].concept + 1]++;
	for (size_t c = 1; c <= g->nconcepts; c++)
		g->cstart[c] += g->cstart[c - 1];
	uint32_t *fill = sv_malloc(((size_t)g->nconcepts + 1) * sizeof(uint32_t));
	memcpy(fill, g->cstart, ((size_t)g->nconcepts + 1) * sizeof(uint32_t));
	for (size_t t = 0; t < g->nterms; t++)
		g->cterms[fill[g->terms[t].concept]++] = (uint32_t)t;
	free(fill);
	g->nindexed = nids;
	g->dirty = 0;
}

size_t ck_glossary_list(struct sv_check_glossary *g, uint32_t concept, enum sv_lang lang,
			      unsigned mask, struct sv_buf *out)
{
	if (g->dirty)
		build_index(g);
	if (concept >= g->nconcepts)
		return 0;
	size_t n = 0;
	for (uint32_t p = g->cstart[concept]; p < g->cstart[concept + 1]; p++) {
		const struct gterm *tm = &g->terms[g->cterms[p]];
		if (tm->lang != lang || !(mask & (1u << tm->status)))
			continue;
		if (out)
			sv_buf_addf(out, "%s«%s»", n ? ", " : "",
				    sv_intern_str(&g->ids, tm->citation));
		n++;
	}
	return n;
}

static int word_matches(const struct gword *w, const struct ttok *tk)
{
	for (size_t a = 0; a <= MAXLEM && tk->id[a]; a++)
		for (size_t b = 0; b <= MAXLEM && w->id[b]; b++)
			if (tk->id[a] == w->id[b])
				return 1;
	return 0;
}

/* Number of text tokens term t covers from token i on, or 0. */
static size_t term_at(const struct sv_check_glossary *g, const struct gterm *tm, size_t i)
{
	if (i + tm->nwords > g->ntt)
		return 0;
	for (size_t k = 0; k < tm->nwords; k++) {
		const struct ttok *tk = &g->tt[i + k];
		if (tk->barrier || !word_matches(&g->words[tm->word + k], tk))
			return 0;
	}
	return tm->nwords;
}

static void push_match(struct sv_check_matches *out, const struct sv_check_glossary *g,
		       uint32_t t, uint32_t start, uint32_t end)
{
	for (size_t k = out->n; k-- > 0 && out->v[k].start == start;)
		if (out->v[k].term == t)
			return;
	SV_GROW(out->v, out->cap, out->n + 1);
	struct sv_check_match *m = &out->v[out->n++];
	m->term = t;
	m->concept = g->terms[t].concept;
	m->start = start;
	m->len = end - start;
	m->status = (enum sv_check_term_status)g->terms[t].status;
}

void ck_glossary_find_tokens(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
				   const struct sv_tokens *toks, struct sv_check_matches *out)
{
	out->n = 0;
	if (!g->nterms || (lang != SV_LANG_RU && lang != SV_LANG_BG))
		return;
	if (g->dirty)
		build_index(g);
	view_tokens(g, lang, s, toks, 0);
	const uint32_t *start = g->post_start[lang], *post = g->post[lang];
	const uint32_t *pstart = g->pair_start[lang], *ppost = g->pair_post[lang];
	char key[8];
	size_t i = 0;
	while (i < g->ntt) {
		const struct ttok *tk = &g->tt[i];
		size_t best = 0;
		size_t first = out->n;
		for (size_t a = 0; !tk->barrier && a <= MAXLEM && tk->id[a]; a++) {
			uint32_t id = tk->id[a];
			if (id >= g->nindexed)
				continue;
			for (uint32_t p = start[id]; p < start[id + 1]; p++) {
				if (best > 1)
					break;
				if (!best)
					out->n = first;
				best = 1;
				push_match(out, g, post[p], tk->start, tk->end);
			}
			const struct ttok *nx = i + 1 < g->ntt ? &g->tt[i + 1] : NULL;
			for (size_t b = 0; nx && !nx->barrier && b <= MAXLEM && nx->id[b]; b++) {
				pair_key(key, id, nx->id[b]);
				const struct sv_map_slot *sl = sv_map_find(&g->pairs[lang], key, 8);
				if (!sl)
					continue;
				for (uint32_t p = pstart[sl->val - 1]; p < pstart[sl->val]; p++) {
					const struct gterm *tm = &g->terms[ppost[p]];
					size_t len = term_at(g, tm, i);
					if (!len || len < best)
						continue;
					if (len > best) {
						best = len;
						out->n = first; /* a longer term wins */
					}
					push_match(out, g, ppost[p], tk->start,
						   g->tt[i + len - 1].end);
				}
			}
		}
		i += best ? best : 1;
	}
}

int sv_check_glossary_find(struct sv_check_glossary *g, enum sv_lang lang, const char *s,
			   struct sv_check_matches *out, struct sv_error *err)
{
	int rc = sv_text_tokenize(g->t, s, strlen(s), &g->toks, err);
	if (rc)
		return rc;
	ck_glossary_find_tokens(g, lang, s, &g->toks, out);
	return SV_OK;
}

size_t ck_glossary_concept_terms(struct sv_check_glossary *g, uint32_t concept,
				       const uint32_t **terms)
{
	if (g->dirty)
		build_index(g);
	if (concept >= g->nconcepts) {
		*terms = NULL;
		return 0;
	}
	*terms = g->cterms + g->cstart[concept];
	return g->cstart[concept + 1] - g->cstart[concept];
}

void ck_glossary_term_info(const struct sv_check_glossary *g, uint32_t term,
				 enum sv_lang *lang, enum sv_check_term_status *status)
{
	*lang = (enum sv_lang)g->terms[term].lang;
	*status = (enum sv_check_term_status)g->terms[term].status;
}
