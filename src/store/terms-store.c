/* The terms job's reads (segments, units, document pairs) and its termbase refresh. */
#include "store/terms-store.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

int sv_store_terms_segments(struct sv_store *st,
			    void (*fn)(void *ctx, const struct sv_store_term_segment *seg),
			    void *ctx, struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT s.id, s.doc, s.lang, s.text FROM segments s ORDER BY s.doc, s.ordinal",
		err);
	if (!s)
		return SV_ESTORE;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(s, 2);
		struct sv_store_term_segment seg = {
			.id = sqlite3_column_int64(s, 0),
			.doc = sqlite3_column_int64(s, 1),
			.lang = !strcmp(lang, "ru") ? SV_LANG_RU
				: !strcmp(lang, "bg") ? SV_LANG_BG : SV_LANG_OTHER,
			.text = (const char *)sqlite3_column_text(s, 3),
		};
		fn(ctx, &seg);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(st, err, "cannot read segments");
	return SV_OK;
}

/* The row ids of a units.ru_segs/bg_segs list ("12,13") into ids (replacing). */
static void parse_seg_list(const char *p, int64_t **ids, size_t *n, size_t *cap)
{
	*n = 0;
	while (p && *p) {
		char *e;
		long long id = strtoll(p, &e, 10);
		if (e == p)
			break;
		p = *e == ',' ? e + 1 : e;
		SV_GROW(*ids, *cap, *n + 1);
		(*ids)[(*n)++] = id;
	}
}

int sv_store_terms_units(struct sv_store *st,
			 void (*fn)(void *ctx, const int64_t *ru_segs, size_t nru,
				    const int64_t *bg_segs, size_t nbg),
			 void *ctx, struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT ru_segs, bg_segs FROM units\n"
		"  WHERE ru_segs IS NOT NULL AND bg_segs IS NOT NULL\n"
		"  AND ru_segs <> '' AND bg_segs <> '' ORDER BY id", err);
	if (!s)
		return SV_ESTORE;
	int64_t *ids[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 }, cap[2] = { 0, 0 };
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int k = 0; k < 2; k++)
			parse_seg_list((const char *)sqlite3_column_text(s, k), &ids[k], &n[k],
				       &cap[k]);
		fn(ctx, ids[0], n[0], ids[1], n[1]);
	}
	sqlite3_reset(s);
	free(ids[0]);
	free(ids[1]);
	if (rc != SQLITE_DONE)
		return sv_store_fail(st, err, "cannot read units");
	return SV_OK;
}

int sv_store_terms_docpairs(struct sv_store *st,
			    void (*fn)(void *ctx, int64_t ru_doc, int64_t bg_doc), void *ctx,
			    struct sv_error *err)
{
	sqlite3_stmt *s = sv_store_prepare(st, "SELECT ru_doc, bg_doc FROM doc_pairs", err);
	if (!s)
		return SV_ESTORE;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sv_store_fail(st, err, "cannot read document pairs");
	return SV_OK;
}

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
