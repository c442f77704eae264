/* Acronyms: the letters of an acronym against the initials of a long form's content words
 * through their translations, acronym pairs, the acronym of a long form formed in the other
 * language, and acronym definitions in a text (sv_terms_acronyms). */
#include "terms/terms-int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* Base scores of acronym evidence (docs/TERMS.md, "Acronyms"). */
#define TM_ACRO_SAME_LETTERS 0.9  /* two acronyms with the same letters */
#define TM_ACRO_SPELLS 0.95       /* an acronym spelling the other's expansion */
#define TM_ACRO_SPELLS_BUT_ONE 0.7 /* ... with one letter unexplained (3 letters or more) */
#define TM_ACRO_SPELLS_NAME 0.8   /* an acronym spelling a multiword name */
#define TM_ACRO_DERIVED_BONUS 0.1 /* an acronym formed from such a name: 0.8 + 0.1 */
#define TM_ACRO_BUT_ONE_MIN_LETTERS 3

#define ACRO_MAX_LETTERS 16  /* letters of an acronym compared */
#define WORD_MAX_INITIALS 12 /* possible initials of one word */

/* The possible initials, in the other language, of content word id of side `from`: its own
 * initial (and и/э, е/э variants), the initials of its lexicon and learnt translations.
 * *via_lex is set when a lexicon translation gave another initial. */
static size_t word_initials(struct tm_model *m, int from, uint32_t id, uint32_t *out, size_t max,
			    int *via_lex)
{
	const struct tm_side *sd = &m->side[from];
	const char *w = tm_lemma(sd, id);
	size_t n = 0;
	uint32_t c = tm_first_letter(w);
	out[n++] = c;
	if (c == 0x438 && n < max) /* и -> э */
		out[n++] = 0x44D;
	if (c == 0x44D && n < max)
		out[n++] = 0x438;
	if (c == 0x435 && n < max)
		out[n++] = 0x44D;
	*via_lex = 0;
	char *const *tr = tm_lexicon_find(&m->lx, sd->lang, w);
	for (size_t i = 0; tr && tr[i] && n < max; i++) {
		uint32_t d = tm_first_letter(tr[i]);
		if (d != c) {
			out[n++] = d;
			*via_lex = 1;
		}
	}
	const struct tm_learnt *learnt = m->learnt[from];
	if (learnt && learnt[id].partner && n < max)
		out[n++] = tm_first_letter(tm_lemma(&m->side[TM_OTHER(from)], learnt[id].partner));
	return n;
}

/* Whether the letters of acronym `acro` spell the content words of `lf` (side `ls`) through
 * their translations. Returns the number of unmatched positions (SIZE_MAX when the lengths
 * differ); *used_lex is set when a lexicon initial was needed. */
static size_t acro_spells(struct tm_model *m, const char *acro, int ls, const struct tm_term *lf,
			  int *used_lex)
{
	uint32_t letters[ACRO_MAX_LETTERS];
	struct sv_buf low = SV_BUF_INIT;
	tm_lower(acro, strlen(acro), &low);
	size_t nl = sv_utf8_to_cps(low.data, low.len, letters, ACRO_MAX_LETTERS);
	sv_buf_release(&low);
	if (nl != lf->ncontent || nl < 2)
		return SIZE_MAX;
	size_t miss = 0, k = 0;
	*used_lex = 0;
	for (size_t i = 0; i < lf->n; i++) {
		uint32_t id = lf->w[i];
		if (m->side[ls].lemma_class[id] == TM_STOP)
			continue;
		uint32_t cand[WORD_MAX_INITIALS];
		int vl = 0;
		size_t nc = word_initials(m, ls, id, cand, WORD_MAX_INITIALS, &vl);
		int ok = 0;
		for (size_t j = 0; j < nc; j++)
			if (cand[j] == letters[k]) {
				ok = 1;
				if (j > 0 && vl)
					*used_lex = 1;
			}
		miss += !ok;
		k++;
	}
	return miss;
}

double tm_acronym_score(struct tm_model *m, const struct tm_term *a, const struct tm_term *b,
			struct sv_buf *ev)
{
	const struct tm_term *term[2] = { a, b };
	int aa = a->kind == TM_ACRONYM, ba = b->kind == TM_ACRONYM;
	double s = 0;
	int lex = 0;
	size_t miss;
	if (aa && ba) {
		/* the Russian acronym's length decides "but one letter" both ways */
		size_t len = sv_utf8_length(a->key, strlen(a->key));
		if (!strcmp(a->key, b->key)) {
			s = TM_ACRO_SAME_LETTERS;
			if (ev)
				sv_buf_adds(ev, "same letters");
		}
		/* one acronym spelling the other's expansion: the Bulgarian one's first */
		static const int expansion_side[2] = { TM_BG, TM_RU };
		for (int k = 0; k < 2; k++) {
			int es = expansion_side[k];
			const struct tm_term *own = term[es], *spelling = term[TM_OTHER(es)];
			if (!own->expansion)
				continue;
			const struct tm_term *e = &m->side[es].terms[own->expansion - 1];
			miss = acro_spells(m, spelling->key, es, e, &lex);
			double v = miss == 0 ? TM_ACRO_SPELLS
				   : (miss == 1 && len >= TM_ACRO_BUT_ONE_MIN_LETTERS)
					   ? TM_ACRO_SPELLS_BUT_ONE
					   : 0;
			if (v > s) {
				s = v;
				if (ev) {
					sv_buf_reset(ev);
					sv_buf_addf(ev, "%s spells the expansion of %s, '%s'%s%s",
						    spelling->key, own->key, e->key,
						    lex ? " through the lexicon" : "",
						    miss ? " but one letter" : "");
				}
			}
		}
		return s;
	}
	/* an acronym facing a multiword name of the other language */
	int ns = -1;
	if (aa && b->n > 1 && b->kind == TM_NAME)
		ns = TM_BG;
	else if (ba && a->n > 1 && a->kind == TM_NAME)
		ns = TM_RU;
	if (ns >= 0) {
		const struct tm_term *name = term[ns], *acro = term[TM_OTHER(ns)];
		miss = acro_spells(m, acro->key, ns, name, &lex);
		if (miss == 0) {
			s = TM_ACRO_SPELLS_NAME;
			if (ev)
				sv_buf_addf(ev, "%s spells '%s'%s", acro->key, name->key,
					    lex ? " through the lexicon" : "");
		}
	}
	return s;
}

/* A long form facing an acronym of the other language only. */
struct derive {
	uint32_t from; /* the acronym (the other side) */
	uint32_t name; /* the long form on this side */
	double base;
};

/* Forms the acronym of each long form d[i].name on side s and pairs it with the other
 * side's acronym d[i].from. */
static void derive_acronyms(struct tm_model *m, int s, const struct derive *d, size_t nd)
{
	struct tm_side *sd = &m->side[s];
	for (size_t i = 0; i < nd; i++) {
		struct tm_term *lf = &sd->terms[d[i].name];
		struct sv_buf cit = SV_BUF_INIT, key = SV_BUF_INIT;
		for (size_t k = 0; k < lf->n; k++) {
			if (sd->lemma_class[lf->w[k]] == TM_STOP)
				continue;
			const char *w = tm_lemma(sd, lf->w[k]);
			size_t l = sv_utf8_char_len(w);
			tm_add_upper(&cit, w, l);
			sv_buf_add(&key, w, l);
		}
		const char *lemmas[1] = { key.data };
		uint32_t had = sv_intern_find(&sd->lemmas, key.data, key.len);
		struct sv_map_slot *ex = had ? sv_map_find(&sd->cand, key.data, key.len) : NULL;
		uint32_t id = ex ? (uint32_t)ex->val - 1
				 : tm_term_new(sd, lemmas, 1, cit.data, TM_ACRONYM);
		struct tm_term *t = &sd->terms[id];
		if (!ex) {
			/* it stands where its expansion stands */
			struct tm_term *e = &sd->terms[d[i].name];
			t->derived = 1;
			t->expansion = d[i].name + 1;
			e->acronym = id + 1;
			for (uint32_t k = 0; k < e->ndocs; k++)
				tm_list_add(&t->docs, &t->ndocs, &t->capdocs, e->docs[k]);
			for (uint32_t k = 0; k < e->nunits; k++)
				tm_list_add(&t->units, &t->nunits, &t->capunits, e->units[k]);
			for (uint32_t k = 0; k < e->nctx; k++)
				tm_list_add(&t->ctx, &t->nctx, &t->capctx, e->ctx[k]);
		}
		if (t->kind == TM_ACRONYM) {
			double score = d[i].base + TM_ACRO_DERIVED_BONUS;
			if (s == TM_BG)
				tm_pair_push(m, d[i].from, id, score, TM_HOW_DERIVED);
			else
				tm_pair_push(m, id, d[i].from, score, TM_HOW_DERIVED);
		}
		sv_buf_release(&cit);
		sv_buf_release(&key);
	}
}

void tm_pair_acronyms(struct tm_model *m)
{
	struct tm_side *ru = &m->side[TM_RU], *bg = &m->side[TM_BG];
	struct derive *derive[2] = { NULL, NULL }; /* long forms per side */
	size_t nderive[2] = { 0, 0 }, cap[2] = { 0, 0 };
	for (size_t i = 0; i < ru->nterms; i++) {
		struct tm_term *a = &ru->terms[i];
		if (!a->keep)
			continue;
		for (size_t j = 0; j < bg->nterms; j++) {
			struct tm_term *b = &bg->terms[j];
			if (!b->keep)
				continue;
			if (a->kind != TM_ACRONYM && b->kind != TM_ACRONYM)
				continue;
			if (a->kind != TM_ACRONYM && a->ncontent < 2)
				continue;
			if (b->kind != TM_ACRONYM && b->ncontent < 2)
				continue;
			double s = tm_acronym_score(m, a, b, NULL);
			if (s <= 0)
				continue;
			tm_pair_push(m, (uint32_t)i, (uint32_t)j, s, TM_HOW_ACRONYM);
			/* An acronym facing a long form only: the other language's
			 * acronym is formed from that long form. */
			int ls = -1;
			struct derive dv = { 0, 0, s };
			if (a->kind == TM_ACRONYM && b->kind != TM_ACRONYM) {
				ls = TM_BG;
				dv.from = (uint32_t)i;
				dv.name = (uint32_t)j;
			} else if (b->kind == TM_ACRONYM && a->kind != TM_ACRONYM) {
				ls = TM_RU;
				dv.from = (uint32_t)j;
				dv.name = (uint32_t)i;
			}
			if (ls >= 0) {
				SV_GROW(derive[ls], cap[ls], nderive[ls] + 1);
				derive[ls][nderive[ls]++] = dv;
			}
		}
	}
	derive_acronyms(m, TM_BG, derive[TM_BG], nderive[TM_BG]);
	derive_acronyms(m, TM_RU, derive[TM_RU], nderive[TM_RU]);
	free(derive[TM_RU]);
	free(derive[TM_BG]);
}

int sv_terms_acronyms(struct sv_text *t, enum sv_lang lang, const char *s, size_t n,
		      struct sv_buf *out, struct sv_error *err)
{
	struct tm_side sd;
	struct sv_tokens toks = { 0 };
	tm_side_init(&sd, lang);
	char *copy = sv_strndup(s, n);
	tm_side_segment(&sd, copy, 0, 0);
	free(copy);
	int rc = tm_extract_segment(&sd, t, 0, 5, &toks, err);
	for (size_t i = 0; !rc && i < sd.nterms; i++) {
		struct tm_term *a = &sd.terms[i];
		if (!a->acro || !a->expansion || !a->nocc)
			continue;
		sv_buf_add(out, sd.segtext[0] + a->occ[0].start, a->occ[0].len);
		sv_buf_addc(out, '\t');
		sv_buf_adds(out, sd.terms[a->expansion - 1].key);
		sv_buf_addc(out, '\n');
	}
	sv_tokens_release(&toks);
	tm_side_release(&sd);
	return rc;
}
