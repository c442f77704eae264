/* The terms job's termbase refresh. */
#include "store/terms-store.h"

/* Writes term i of r with its forms, once. */
static int write_term(struct sv_store *st, struct sv_termbase_refresh *r, size_t i,
		      struct sv_error *err)
{
	struct sv_termbase_refresh_term *t = &r->terms[i];
	if (t->id)
		return SV_OK;
	int rc = sv_termbase_term_put(st, &t->row, &t->id, err);
	for (size_t k = 0; k < t->nforms && !rc; k++)
		rc = sv_termbase_form_add_len(st, t->id, t->forms[k].form, t->forms[k].len,
					      t->forms[k].count, err);
	return rc;
}

int sv_store_terms_write(struct sv_store *st, struct sv_termbase_refresh *r, size_t *written,
			 size_t *kept, struct sv_error *err)
{
	size_t nwritten = 0, nkept = 0;
	int rc = sv_termbase_refresh_begin(st, err);
	for (size_t i = 0; i < r->npairs && !rc; i++) {
		const struct sv_termbase_refresh_pair *p = &r->pairs[i];
		if ((rc = write_term(st, r, p->term[0], err)) ||
		    (rc = write_term(st, r, p->term[1], err)))
			break;
		int64_t id = 0;
		rc = sv_termbase_pair_put(st, r->terms[p->term[0]].id, r->terms[p->term[1]].id,
					  p->score, p->evidence, &id, err);
		if (rc)
			break;
		nwritten++;
		nkept += id == 0;
	}
	for (size_t i = 0; i < r->nalone && !rc; i++)
		rc = write_term(st, r, r->alone[i], err);
	if (!rc)
		rc = sv_termbase_concepts_reset(st, err);
	for (size_t i = 0; i < r->njoins && !rc; i++) {
		int64_t a = r->terms[r->joins[i].a].id, b = r->terms[r->joins[i].b].id;
		if (a && b)
			rc = sv_termbase_concept_join(st, a, b, err);
	}
	if (!rc)
		rc = sv_termbase_concepts_prefer(st, err);
	if (!rc)
		rc = sv_termbase_refresh_end(st, err);
	if (written)
		*written = nwritten;
	if (kept)
		*kept = nkept;
	return rc;
}
