/* How the terms job writes its result into the termbase in one refresh (it reads the
 * memory through store.h: sv_store_doc_segs(), sv_store_units_list(),
 * sv_store_docpairs_list()).
 *
 * Ownership: a struct sv_termbase_refresh is its filler's (sv_terms_result()); the store
 * only writes the row ids into it. */
#ifndef SV_STORE_TERMS_STORE_H
#define SV_STORE_TERMS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/termbase.h"

struct sv_termbase_form_count {
	const char *form; /* a surface form as observed (len bytes, no NUL needed) */
	size_t len;
	int64_t count;    /* its occurrences */
};

struct sv_termbase_refresh_term {
	struct sv_termbase_term row;
	struct sv_termbase_form_count *forms; /* observed forms (none for a projected term) */
	size_t nforms;
	int64_t id; /* set by sv_store_terms_write() once written; 0 before */
};

struct sv_termbase_refresh_pair {
	size_t term[2];  /* indices into terms: Russian, Bulgarian */
	double score;
	char *evidence;
};

struct sv_termbase_refresh_join {
	size_t a, b; /* indices into terms, put in one concept */
};

/* One refresh of what `align` made in the termbase. */
struct sv_termbase_refresh {
	struct sv_termbase_refresh_term *terms;
	size_t nterms;
	struct sv_termbase_refresh_pair *pairs; /* in writing order */
	size_t npairs;
	size_t *alone;  /* terms written without a partner, after the pairs' terms */
	size_t nalone;
	struct sv_termbase_refresh_join *joins; /* concepts, joined in this order */
	size_t njoins;
};

/* Writes a refresh inside the caller's transaction: sv_termbase_refresh_begin(), each pair
 * with its two terms (a term and its forms written once, when first needed), the terms
 * alone, the concepts reset and joined (a join of a term not written is skipped) and their
 * preferred terms, sv_termbase_refresh_end(). *written (may be NULL) gets the pairs
 * written, *kept (may be NULL) those of them left as a person reviewed them. */
int sv_store_terms_write(struct sv_store *st, struct sv_termbase_refresh *r, size_t *written,
			 size_t *kept, struct sv_error *err);

#endif
