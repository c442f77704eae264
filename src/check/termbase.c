/* The memory's termbase as a check glossary: a concept's terms with their
 * own status, and every term pair grouped under its Russian term's concept
 * (or the Russian term alone): approved pairs give required equivalents,
 * candidates known renderings, forbidden pairs rejected renderings. */
#include "check/check.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"

static enum sv_check_term_status status_of(const char *s, int *skip)
{
	*skip = 0;
	if (!s || !strcmp(s, "approved"))
		return SV_CHECK_ST_APPROVED;
	if (!strcmp(s, "candidate"))
		return SV_CHECK_ST_CANDIDATE;
	if (!strcmp(s, "forbidden"))
		return SV_CHECK_ST_FORBIDDEN;
	*skip = 1;
	return SV_CHECK_ST_CANDIDATE;
}

static uint32_t concept_for(struct sv_check_glossary *g, struct sv_map *m, const char *key)
{
	int added;
	struct sv_map_slot *sl = sv_map_add(m, key, strlen(key), &added);
	if (added)
		sl->val = (uintptr_t)sv_check_glossary_concept(g) + 1;
	return (uint32_t)(sl->val - 1);
}

static int add_term(struct sv_check_glossary *g, uint32_t c, const char *lang, const char *text,
		    enum sv_check_term_status st, struct sv_error *err)
{
	enum sv_lang l = sv_lang_parse(lang);
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

int sv_check_glossary_load_store(struct sv_check_glossary *g, struct sv_store *st,
				 struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_map concepts = SV_MAP_INIT;
	char key[48];
	sqlite3_stmt *s = sv_store_prepare(st,
		"SELECT concept, lang, citation, status FROM terms "
		"WHERE concept IS NOT NULL AND status <> 'rejected' ORDER BY concept, id", err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	int r;
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		int skip;
		enum sv_check_term_status ts = status_of((const char *)sqlite3_column_text(s, 3),
							 &skip);
		snprintf(key, sizeof(key), "c%lld", (long long)sqlite3_column_int64(s, 0));
		uint32_t c = concept_for(g, &concepts, key);
		if (!skip && (rc = add_term(g, c, (const char *)sqlite3_column_text(s, 1),
					    (const char *)sqlite3_column_text(s, 2), ts, err)))
			goto out;
	}
	if (r != SQLITE_DONE) {
		rc = sv_store_fail(st, err, "reading the termbase");
		goto out;
	}
	s = sv_store_prepare(st,
		"SELECT p.status, r.id, r.concept, r.citation, r.status, b.citation, b.status "
		"FROM term_pairs p JOIN terms r ON r.id = p.ru_term JOIN terms b ON b.id = p.bg_term "
		"WHERE p.status <> 'rejected' AND r.status <> 'rejected' ORDER BY p.id", err);
	if (!s) {
		rc = SV_ESTORE;
		goto out;
	}
	while ((r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *ps = (const char *)sqlite3_column_text(s, 0);
		if (sqlite3_column_type(s, 2) == SQLITE_NULL)
			snprintf(key, sizeof(key), "t%lld", (long long)sqlite3_column_int64(s, 1));
		else
			snprintf(key, sizeof(key), "c%lld", (long long)sqlite3_column_int64(s, 2));
		uint32_t c = concept_for(g, &concepts, key);
		int skip;
		enum sv_check_term_status rs = status_of((const char *)sqlite3_column_text(s, 4),
							 &skip);
		if ((rc = add_term(g, c, "ru", (const char *)sqlite3_column_text(s, 3),
				   rs == SV_CHECK_ST_FORBIDDEN ? rs : SV_CHECK_ST_APPROVED, err)))
			goto out;
		enum sv_check_term_status bs = status_of(ps, &skip);
		if (bs == SV_CHECK_ST_FORBIDDEN)
			bs = SV_CHECK_ST_AVOID; /* rejected for this source term only */
		const char *bstat = (const char *)sqlite3_column_text(s, 6);
		if (bstat && !strcmp(bstat, "forbidden"))
			bs = SV_CHECK_ST_FORBIDDEN;
		if ((rc = add_term(g, c, "bg", (const char *)sqlite3_column_text(s, 5), bs, err)))
			goto out;
	}
	if (r != SQLITE_DONE)
		rc = sv_store_fail(st, err, "reading the term pairs");
out:
	sv_map_release(&concepts);
	return rc;
}
