/* The memory's termbase as a check glossary: a concept's terms with their
 * own status, and every term pair grouped under its Russian term's concept
 * (or the Russian term alone): approved pairs give required equivalents,
 * candidates known renderings, forbidden pairs rejected renderings. */
#include "check/check.h"

#include <stdio.h>
#include <string.h>

#include "store/termbase.h"

/* A status as the glossary knows it; *skip for one it leaves out. */
static enum sv_check_term_status status_of(enum sv_status s, int *skip)
{
	*skip = 0;
	switch (s) {
	case SV_STATUS_APPROVED: return SV_CHECK_ST_APPROVED;
	case SV_STATUS_CANDIDATE: return SV_CHECK_ST_CANDIDATE;
	case SV_STATUS_FORBIDDEN: return SV_CHECK_ST_FORBIDDEN;
	default: *skip = 1; return SV_CHECK_ST_CANDIDATE;
	}
}

static uint32_t concept_for(struct sv_check_glossary *g, struct sv_map *m, const char *key)
{
	int added;
	struct sv_map_slot *sl = sv_map_add(m, key, strlen(key), &added);
	if (added)
		sl->val = (uintptr_t)sv_check_glossary_concept(g) + 1;
	return (uint32_t)(sl->val - 1);
}

static int add_term(struct sv_check_glossary *g, uint32_t c, enum sv_lang l, const char *text,
		    enum sv_check_term_status st, struct sv_error *err)
{
	if (!text || (l != SV_LANG_RU && l != SV_LANG_BG))
		return SV_OK;
	struct sv_error e = { 0 };
	int rc = sv_check_glossary_add(g, c, l, text, st, &e);
	if (rc == SV_EINPUT)
		return SV_OK; /* a term without words: nothing to match */
	if (rc)
		*err = e;
	return rc;
}

/* The glossary being filled, its concepts by store concept ("c<id>") or
 * Russian term ("t<id>"). */
struct load {
	struct sv_check_glossary *g;
	struct sv_map concepts;
	struct sv_error *err;
	int rc;
};

static int concept_term(void *ctx, const struct sv_store_term *t)
{
	struct load *ld = ctx;
	char key[48];
	int skip;
	enum sv_check_term_status ts = status_of(t->status, &skip);
	snprintf(key, sizeof(key), "c%lld", (long long)t->concept);
	uint32_t c = concept_for(ld->g, &ld->concepts, key);
	if (!skip)
		ld->rc = add_term(ld->g, c, t->lang, t->citation, ts, ld->err);
	return ld->rc;
}

static int pair_terms(void *ctx, const struct sv_store_term_pair *p)
{
	struct load *ld = ctx;
	char key[48];
	int skip;
	if (p->ru.status == SV_STATUS_REJECTED)
		return 0;
	if (!p->ru.concept)
		snprintf(key, sizeof(key), "t%lld", (long long)p->ru.id);
	else
		snprintf(key, sizeof(key), "c%lld", (long long)p->ru.concept);
	uint32_t c = concept_for(ld->g, &ld->concepts, key);
	enum sv_check_term_status rs = status_of(p->ru.status, &skip);
	if ((ld->rc = add_term(ld->g, c, SV_LANG_RU, p->ru.citation,
			       rs == SV_CHECK_ST_FORBIDDEN ? rs : SV_CHECK_ST_APPROVED, ld->err)))
		return ld->rc;
	enum sv_check_term_status bs = status_of(p->status, &skip);
	if (bs == SV_CHECK_ST_FORBIDDEN)
		bs = SV_CHECK_ST_AVOID; /* rejected for this source term only */
	if (p->bg.status == SV_STATUS_FORBIDDEN)
		bs = SV_CHECK_ST_FORBIDDEN;
	ld->rc = add_term(ld->g, c, SV_LANG_BG, p->bg.citation, bs, ld->err);
	return ld->rc;
}

int sv_check_glossary_load_store(struct sv_check_glossary *g, struct sv_store *st,
				 struct sv_error *err)
{
	struct load ld = { g, SV_MAP_INIT, err, SV_OK };
	struct sv_store_terms_query q = { .by = SV_STORE_TERMS_CONCEPTS };
	int rc;
	if ((rc = sv_store_terms_find(st, &q, concept_term, &ld, err)) || (rc = ld.rc) ||
	    (rc = sv_store_term_pairs_find(st, 0, SV_LANG_UNKNOWN, pair_terms, &ld, err)))
		goto out;
	rc = ld.rc;
out:
	sv_map_release(&ld.concepts);
	return rc;
}
