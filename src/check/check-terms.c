/* The glossary checks: term-missing and term-forbidden per unit, and
 * term-inconsistent across the batch from the renderings each unit records. */
#include "check/check-int.h"

#include <stdlib.h>
#include <string.h>

/* A glossary rendering seen in a unit: concept rendered by target term. */
struct rendering {
	uint32_t concept, src_term, term;
	size_t seg;
	size_t first; /* the first unit where src_term was rendered by term (set before sorting) */
};

/* The family's scratch, reused from unit to unit, and the renderings it collects. */
struct terms_state {
	struct sv_check_matches src_matches, tgt_matches; /* glossary terms of the unit in hand */
	struct sv_buf repaired;         /* a text with look-alike letters repaired */
	struct sv_tokens repaired_toks; /* its tokens */
	uint32_t *repaired_map;         /* its bytes' offsets in the original */
	size_t repaired_mapcap;
	struct sv_buf msg;
	struct rendering *renderings;
	size_t nrenderings, caprenderings;
};

static void *terms_open(struct sv_check_run *r)
{
	struct terms_state *ts = sv_calloc(1, sizeof(*ts));
	sv_buf_init(&ts->repaired);
	sv_buf_init(&ts->msg);
	return ts;
}

static void terms_close(void *state)
{
	struct terms_state *ts = state;
	sv_check_matches_release(&ts->src_matches);
	sv_check_matches_release(&ts->tgt_matches);
	sv_buf_release(&ts->repaired);
	sv_tokens_release(&ts->repaired_toks);
	free(ts->repaired_map);
	sv_buf_release(&ts->msg);
	free(ts->renderings);
	free(ts);
}

/* Finds glossary terms in s; a look-alike Latin letter inside a Cyrillic
 * word (reported by mixed-script) does not hide a term. */
static void find_terms(struct sv_check_run *r, struct terms_state *ts, enum sv_lang lang,
		       const char *s,
		       const struct sv_tokens *toks, struct sv_check_matches *out)
{
	struct sv_error e = { 0 };
	if (!ck_script_repair(s, &ts->repaired, &ts->repaired_map, &ts->repaired_mapcap) ||
	    sv_text_tokenize(r->t, ts->repaired.data, ts->repaired.len, &ts->repaired_toks, &e)) {
		ck_glossary_find_tokens(r->g, lang, s, toks, out);
		return;
	}
	ck_glossary_find_tokens(r->g, lang, ts->repaired.data, &ts->repaired_toks, out);
	for (size_t i = 0; i < out->n; i++) {
		struct sv_check_match *m = &out->v[i];
		uint32_t a = ts->repaired_map[m->start], z = ts->repaired_map[m->start + m->len];
		m->start = a;
		m->len = z - a;
	}
}

/* Records for term-inconsistent how unit i renders its source terms: only
 * where a concept has one source term in the source and one rendering in
 * the target, since a unit with a term and its acronym on either side says
 * nothing certain about which rendered which. */
static void record_renderings(struct sv_check_run *r, struct terms_state *ts, size_t i,
			      unsigned render, unsigned bad)
{
	for (size_t a = 0; a < ts->src_matches.n; a++) {
		const struct sv_check_match *m = &ts->src_matches.v[a];
		if (bad & (1u << m->status))
			continue;
		int first = 1, other_src = 0;
		for (size_t k = 0; k < ts->src_matches.n; k++) {
			const struct sv_check_match *o = &ts->src_matches.v[k];
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
		for (size_t k = 0; k < ts->tgt_matches.n; k++) {
			const struct sv_check_match *t = &ts->tgt_matches.v[k];
			if (t->concept != m->concept || !(render & (1u << t->status)))
				continue;
			if (term != UINT32_MAX && term != t->term)
				several = 1;
			term = t->term;
		}
		if (term == UINT32_MAX || several)
			continue;
		SV_GROW(ts->renderings, ts->caprenderings, ts->nrenderings + 1);
		ts->renderings[ts->nrenderings++] =
			(struct rendering){ m->concept, m->term, term, i, 0 };
	}
}

/* term-missing, term-forbidden, and the renderings for term-inconsistent. */
static void terms_unit(struct sv_check_run *r, void *state, size_t i)
{
	struct terms_state *ts = state;
	int untranslated = r->untranslated;
	const struct sv_check_seg *s = &r->segs->v[i];
	struct sv_check_glossary *g = r->g;
	const char *tgt = s->tgt ? s->tgt : "";
	find_terms(r, ts, s->src_lang, s->src, &r->src_toks, &ts->src_matches);
	find_terms(r, ts, s->tgt_lang, tgt, &r->tgt_toks, &ts->tgt_matches);
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
	for (size_t a = 0; a < ts->tgt_matches.n;) {
		size_t b = a;
		int allowed = 0;
		while (b < ts->tgt_matches.n &&
		       ts->tgt_matches.v[b].start == ts->tgt_matches.v[a].start) {
			allowed |= !!(render & (1u << ts->tgt_matches.v[b].status));
			b++;
		}
		for (size_t k = a; k < b && !allowed; k++) {
			const struct sv_check_match *m = &ts->tgt_matches.v[k];
			int in_source = 0;
			for (size_t j = 0; j < ts->src_matches.n && !in_source; j++)
				in_source = ts->src_matches.v[j].concept == m->concept &&
					    !(bad & (1u << ts->src_matches.v[j].status));
			if (m->status == SV_CHECK_ST_AVOID && !in_source)
				continue;
			sv_buf_reset(&ts->msg);
			size_t nalt = ck_glossary_list(g, m->concept, s->tgt_lang,
							     1u << SV_CHECK_ST_APPROVED, &ts->msg);
			ck_found(r, SV_CHECK_TERM_FORBIDDEN, i, 1, m->start, m->len,
				       "«%.*s» (%s «%s»)%s%s", (int)m->len, tgt + m->start,
				       m->status == SV_CHECK_ST_AVOID ? "rejected rendering" :
				       "forbidden term",
				       sv_check_glossary_citation(g, m->term), nalt ? "; use " : "",
				       nalt ? ts->msg.data : "");
			break;
		}
		a = b;
	}
	/* Source side: each term found needs one of its concept's equivalents. */
	for (size_t a = 0; a < ts->src_matches.n;) {
		size_t b = a;
		while (b < ts->src_matches.n &&
		       ts->src_matches.v[b].start == ts->src_matches.v[a].start)
			b++;
		int required = 0, satisfied = 0, forbidden_seen = 0;
		for (size_t k = a; k < b; k++) {
			const struct sv_check_match *m = &ts->src_matches.v[k];
			if (bad & (1u << m->status))
				continue;
			if (ck_glossary_list(g, m->concept, s->tgt_lang, want, NULL))
				required = 1;
			for (size_t j = 0; j < ts->tgt_matches.n; j++) {
				const struct sv_check_match *t = &ts->tgt_matches.v[j];
				if (t->concept != m->concept)
					continue;
				if (want & (1u << t->status))
					satisfied = 1;
				if (bad & (1u << t->status))
					forbidden_seen = 1;
			}
		}
		if (required && !satisfied && !forbidden_seen) {
			const struct sv_check_match *m = &ts->src_matches.v[a];
			for (size_t k = a; k < b; k++)
				if (!(bad & (1u << ts->src_matches.v[k].status))) {
					m = &ts->src_matches.v[k];
					break;
				}
			sv_buf_reset(&ts->msg);
			ck_glossary_list(g, m->concept, s->tgt_lang, want, &ts->msg);
			/* once per concept and unit */
			int dup = 0;
			for (size_t k = 0; k < a && !dup; k++)
				dup = ts->src_matches.v[k].concept == m->concept;
			if (!dup)
				ck_found(r, SV_CHECK_TERM_MISSING, i, 0, m->start, m->len,
				    "«%.*s» (term «%s») but none of %s in the target", (int)m->len,
				    s->src + m->start, sv_check_glossary_citation(g, m->term),
				    ts->msg.data);
		}
		a = b;
	}
	record_renderings(r, ts, i, render, bad);
}

static int rendering_first_cmp(const void *pa, const void *pb)
{
	const struct rendering *a = pa, *b = pb;
	if (a->src_term != b->src_term)
		return a->src_term < b->src_term ? -1 : 1;
	if (a->term != b->term)
		return a->term < b->term ? -1 : 1;
	return a->seg < b->seg ? -1 : a->seg > b->seg;
}

static int rendering_cmp(const void *pa, const void *pb)
{
	const struct rendering *a = pa, *b = pb;
	if (a->src_term != b->src_term)
		return a->src_term < b->src_term ? -1 : 1;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1; /* renderings in order of first use */
	return a->seg < b->seg ? -1 : a->seg > b->seg;
}

/* Appends "FILE:UNIT,UNIT; FILE:UNIT" for up to max of the n segments (and how many more). */
static void append_unit_list(const struct sv_check_run *r, struct sv_buf *b, const size_t *segs,
			     size_t n, size_t max)
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

static void terms_batch(struct sv_check_run *r, void *state)
{
	struct terms_state *ts = state;
	if (!ts->nrenderings)
		return;
	/* each rendering's first unit, then the renderings of a source term
	 * as runs in order of first use */
	qsort(ts->renderings, ts->nrenderings, sizeof(*ts->renderings), rendering_first_cmp);
	for (size_t a = 0; a < ts->nrenderings;) {
		size_t b = a;
		while (b < ts->nrenderings &&
		       ts->renderings[b].src_term == ts->renderings[a].src_term &&
		       ts->renderings[b].term == ts->renderings[a].term)
			b++;
		for (size_t k = a; k < b; k++)
			ts->renderings[k].first = ts->renderings[a].seg;
		a = b;
	}
	qsort(ts->renderings, ts->nrenderings, sizeof(*ts->renderings), rendering_cmp);
	size_t *list = NULL, cap = 0;
	for (size_t a = 0; a < ts->nrenderings;) {
		size_t b = a;
		while (b < ts->nrenderings &&
		       ts->renderings[b].src_term == ts->renderings[a].src_term)
			b++;
		/* the most frequent rendering is the reference (ties: the first used) */
		uint32_t ref = ts->renderings[a].term;
		size_t refn = 0, distinct = 0;
		for (size_t k = a; k < b;) {
			size_t e = k;
			while (e < b && ts->renderings[e].term == ts->renderings[k].term)
				e++;
			distinct++;
			if (e - k > refn) {
				refn = e - k;
				ref = ts->renderings[k].term;
			}
			k = e;
		}
		if (distinct < 2) {
			a = b;
			continue;
		}
		sv_buf_reset(&ts->msg);
		sv_buf_addf(&ts->msg, "«%s» rendered ",
			    sv_check_glossary_citation(r->g, ts->renderings[a].src_term));
		/* the reference first, then the others in order of first use; at
		 * most five listed */
		int nr = 0;
		for (int pass = 0; pass < 2; pass++)
			for (size_t k = a; k < b;) {
				size_t e = k, n = 0;
				int is_ref = ts->renderings[k].term == ref;
				while (e < b && ts->renderings[e].term == ts->renderings[k].term) {
					SV_GROW(list, cap, n + 1);
					list[n++] = ts->renderings[e].seg;
					e++;
				}
				if (is_ref == !pass && nr < 5) {
					uint32_t term = ts->renderings[k].term;
					sv_buf_addf(&ts->msg, "%s«%s» %zu× (", nr ? ", " : "as ",
						    sv_check_glossary_citation(r->g, term), n);
					append_unit_list(r, &ts->msg, list, n, 5);
					sv_buf_addc(&ts->msg, ')');
					nr++;
				}
				k = e;
			}
		if (distinct > 5)
			sv_buf_addf(&ts->msg, " and %zu other renderings", distinct - 5);
		for (size_t k = a; k < b; k++) {
			if (ts->renderings[k].term == ref)
				continue;
			const struct rendering *other = &ts->renderings[k];
			ck_found(r, SV_CHECK_TERM_INCONSISTENT, other->seg, 1, 0, 0,
			    "«%s» here; %s", sv_check_glossary_citation(r->g, other->term),
			    ts->msg.data);
		}
		a = b;
	}
	free(list);
}


const struct ck_ops ck_terms_ops = {
	.open = terms_open,
	.close = terms_close,
	.unit = terms_unit,
	.batch = terms_batch,
	.needs_glossary = 1,
};
