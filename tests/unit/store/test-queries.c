/* Unit tests for the store's read queries: terms by lemma key, form, fold,
 * concept and full-text query, term pairs with both terms, units and
 * segments through the lemma indexes, the unit of a segment, the counts of
 * `sverka stats` and the segments of `sverka show`. Real Russian and
 * Bulgarian terms and sentences, the analyses written out by hand. */
#include "../test.h"

#include <unistd.h>

#include "base/buf.h"
#include "store/store.h"
#include "store/termbase.h"

static char dbpath[256];
static struct sv_store *st;

static int setup(void **state)
{
	struct sv_error err = { 0 };
	sv_test_tmp_db_path(dbpath, sizeof(dbpath), "queries");
	unlink(dbpath);
	if (sv_store_open(dbpath, SV_STORE_CREATE, &st, &err)) {
		fprintf(stderr, "# setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	sv_store_close(st);
	st = NULL;
	sv_test_remove_db(dbpath);
	return 0;
}

static void exec(const char *sql)
{
	struct sv_error err = { 0 };
	if (sv_store_exec(st, sql, &err))
		fail_msg("%s", err.msg);
}

static int64_t term(const char *lang, const char *lemma_key, const char *citation,
		    const char *kind, int64_t freq)
{
	struct sv_error err = { 0 };
	struct sv_termbase_term t = { .lang = lang, .lemma_key = lemma_key, .citation = citation,
				      .kind = kind, .freq = freq, .origin = "align" };
	int64_t id = 0;
	if (sv_termbase_term_put(st, &t, &id, &err))
		fail_msg("%s", err.msg);
	return id;
}

static int64_t pair(int64_t ru, int64_t bg, double score, const char *status, const char *ev)
{
	struct sv_error err = { 0 };
	int64_t id = 0;
	if (sv_termbase_pair_put(st, ru, bg, score, ev, &id, &err) ||
	    (strcmp(status, "candidate") && sv_termbase_pair_review(st, id, status, NULL, &err)))
		fail_msg("%s", err.msg);
	return id;
}

/* The terms a query gives, as "citation/lang/status" joined by "; ". */
struct listing {
	struct sv_buf b;
	size_t n;
};

static int list_term(void *ctx, const struct sv_store_term *t)
{
	struct listing *l = ctx;
	if (l->b.len)
		sv_buf_adds(&l->b, "; ");
	sv_buf_addf(&l->b, "%s/%s/%s", t->citation, sv_lang_code(t->lang),
		    sv_status_name(t->status));
	l->n++;
	return 0;
}

static char *terms(enum sv_store_terms_by by, enum sv_lang lang, const char *key,
		   int64_t concept, size_t limit)
{
	struct sv_error err = { 0 };
	struct listing l = { SV_BUF_INIT, 0 };
	struct sv_store_terms_query q = {
		.by = by, .lang = lang, .key = key, .concept = concept, .limit = limit
	};
	if (sv_store_terms_find(st, &q, list_term, &l, &err))
		fail_msg("%s", err.msg);
	return sv_buf_detach(&l.b);
}

static void expect_terms(enum sv_store_terms_by by, enum sv_lang lang, const char *key,
			 int64_t concept, size_t limit, const char *want)
{
	char *got = terms(by, lang, key, concept, limit);
	assert_string_equal(got, want);
	free(got);
}

/* Киргизия/Киргизстан (with a Russian spelling variant), ОДКБ/ОДКС approved,
 * a rejected pairing, and Совет коллективной безопасности with its forms. */
struct seeded {
	int64_t kg_ru, kg_var, kg_bg, kg_bg_wrong, csto_ru, csto_bg, csc_ru, csc_bg;
	int64_t p_kg, p_wrong, p_csto, p_csc;
};

static void seed_terms(struct seeded *s)
{
	struct sv_error err = { 0 };
	s->kg_ru = term("ru", "киргизия", "Киргизия", "name", 12);
	s->kg_var = term("ru", "кыргызстан", "Кыргызстан", "name", 2);
	s->kg_bg = term("bg", "киргизстан", "Киргизстан", "name", 7);
	s->kg_bg_wrong = term("bg", "киргизия", "Киргизия", "name", 1);
	s->csto_ru = term("ru", "одкб", "ОДКБ", "acronym", 17);
	s->csto_bg = term("bg", "одкс", "ОДКС", "acronym", 2);
	s->csc_ru = term("ru", "совет коллективный безопасность", "Совет коллективной безопасности",
			 "phrase", 2);
	s->csc_bg = term("bg", "съвет за колективен сигурност", "Съвет за колективна сигурност",
			 "phrase", 2);
	assert_int_equal(sv_termbase_form_add(st, s->kg_ru, "Киргизии", 3, &err), SV_OK);
	assert_int_equal(sv_termbase_form_add(st, s->csc_ru, "Совета коллективной безопасности",
					      1, &err),
			 SV_OK);
	s->p_kg = pair(s->kg_ru, s->kg_bg, 0.82, "candidate", "cognate киргиз~киргиз");
	s->p_wrong = pair(s->kg_ru, s->kg_bg_wrong, 0.55, "rejected", "cognate");
	s->p_csto = pair(s->csto_ru, s->csto_bg, 0.74, "approved",
			 "acronym letters: О-Д-К-Б / О-Д-К-С");
	s->p_csc = pair(s->csc_ru, s->csc_bg, 0.81, "forbidden", "");
	assert_int_equal(sv_termbase_concept_join(st, s->csto_ru, s->csto_bg, &err), SV_OK);
}

static int term_concept(void *ctx, const struct sv_store_term *t)
{
	*(int64_t *)ctx = t->concept;
	return 1;
}

static void test_terms_find(void **state)
{
	struct seeded s;
	seed_terms(&s);
	int has = 0;
	struct sv_error err = { 0 };
	assert_int_equal(sv_store_has_term_index(st, &has, &err), SV_OK);
	assert_true(has);

	expect_terms(SV_STORE_TERMS_LEMMAS, SV_LANG_RU, "киргизия", 0, 0,
		     "Киргизия/ru/candidate");
	expect_terms(SV_STORE_TERMS_LEMMAS, SV_LANG_BG, "киргизия", 0, 0,
		     "Киргизия/bg/candidate");
	expect_terms(SV_STORE_TERMS_LEMMAS, SV_LANG_BG, "одкб", 0, 0, "");
	expect_terms(SV_STORE_TERMS_FORM, SV_LANG_RU, "Киргизии", 0, 0, "Киргизия/ru/candidate");
	expect_terms(SV_STORE_TERMS_FORM, SV_LANG_BG, "Киргизии", 0, 0, "");
	/* a part of a longer term, through the word index of lemma keys */
	expect_terms(SV_STORE_TERMS_PHRASE, SV_LANG_RU, "\"коллективный безопасность\"", 0, 0,
		     "Совет коллективной безопасности/ru/candidate");
	expect_terms(SV_STORE_TERMS_PHRASE, SV_LANG_BG, "\"коллективный безопасность\"", 0, 0,
		     "");
	/* the spelling fold meets across the languages: кыргызстан ~ киргизстан */
	expect_terms(SV_STORE_TERMS_FOLD, SV_LANG_UNKNOWN, "киргизстан", 0, 0,
		     "Кыргызстан/ru/candidate; Киргизстан/bg/candidate");
	expect_terms(SV_STORE_TERMS_FOLD, SV_LANG_UNKNOWN, "киргизстан", 0, 1,
		     "Кыргызстан/ru/candidate");
	/* trigrams of a misspelling, and lemma words, best ranked first */
	char *got = terms(SV_STORE_TERMS_FOLD_WORDS, SV_LANG_UNKNOWN, "\"кирг\" OR \"гизс\"", 0, 0);
	assert_non_null(strstr(got, "Киргизстан/bg"));
	assert_non_null(strstr(got, "Киргизия/ru"));
	assert_null(strstr(got, "ОДКБ"));
	free(got);
	expect_terms(SV_STORE_TERMS_LEMMA_WORDS, SV_LANG_UNKNOWN, "\"сигурност\"", 0, 0,
		     "Съвет за колективна сигурност/bg/candidate");
	/* concepts: the concept's terms of a language, and every term with one */
	int64_t concept = 0;
	struct listing l = { SV_BUF_INIT, 0 };
	struct sv_store_terms_query all = { .by = SV_STORE_TERMS_CONCEPTS };
	assert_int_equal(sv_store_terms_find(st, &all, list_term, &l, &err), SV_OK);
	assert_string_equal(l.b.data, "ОДКБ/ru/candidate; ОДКС/bg/candidate");
	sv_buf_release(&l.b);
	struct sv_store_terms_query one = { .by = SV_STORE_TERMS_LEMMAS, .lang = SV_LANG_RU,
					    .key = "одкб" };
	assert_int_equal(sv_store_terms_find(st, &one, term_concept, &concept, &err), SV_OK);
	assert_true(concept > 0);
	expect_terms(SV_STORE_TERMS_CONCEPT, SV_LANG_BG, NULL, concept, 0, "ОДКС/bg/candidate");
	expect_terms(SV_STORE_TERMS_CONCEPT, SV_LANG_RU, NULL, concept, 0, "ОДКБ/ru/candidate");
	expect_terms(SV_STORE_TERMS_CONCEPT, SV_LANG_BG, NULL, concept + 1, 0, "");

	/* a rejected term never comes */
	exec("UPDATE terms SET status = 'rejected' WHERE lemma_key = 'кыргызстан'");
	expect_terms(SV_STORE_TERMS_FOLD, SV_LANG_UNKNOWN, "киргизстан", 0, 0,
		     "Киргизстан/bg/candidate");
	expect_terms(SV_STORE_TERMS_LEMMAS, SV_LANG_RU, "кыргызстан", 0, 0, "");

	/* an unknown query is an error, not an empty answer */
	struct sv_store_terms_query bad = { .by = (enum sv_store_terms_by)99 };
	assert_int_equal(sv_store_terms_find(st, &bad, list_term, &l, &err), SV_ESTORE);
}

/* The pairs a listing gives, as "ru = bg status score" joined by "; ". */
static int list_pair(void *ctx, const struct sv_store_term_pair *p)
{
	struct listing *l = ctx;
	if (l->b.len)
		sv_buf_adds(&l->b, "; ");
	sv_buf_addf(&l->b, "%s = %s %s %.2f", p->ru.citation, p->bg.citation,
		    sv_status_name(p->status), p->score);
	l->n++;
	return 0;
}

static char *pairs(int64_t term_id, enum sv_lang lang)
{
	struct sv_error err = { 0 };
	struct listing l = { SV_BUF_INIT, 0 };
	if (sv_store_term_pairs_find(st, term_id, lang, list_pair, &l, &err))
		fail_msg("%s", err.msg);
	return sv_buf_detach(&l.b);
}

static int stop_at_first(void *ctx, const struct sv_store_term_pair *p)
{
	*(int64_t *)ctx = p->id;
	return 1;
}

static void test_term_pairs(void **state)
{
	struct seeded s;
	seed_terms(&s);
	struct sv_error err = { 0 };
	/* a term's pairs, rejected ones left out, from either side */
	char *got = pairs(s.kg_ru, SV_LANG_RU);
	assert_string_equal(got, "Киргизия = Киргизстан candidate 0.82");
	free(got);
	got = pairs(s.kg_bg, SV_LANG_BG);
	assert_string_equal(got, "Киргизия = Киргизстан candidate 0.82");
	free(got);
	got = pairs(s.kg_bg_wrong, SV_LANG_BG);
	assert_string_equal(got, "");
	free(got);
	/* every pair not rejected, by id, with both terms */
	got = pairs(0, SV_LANG_UNKNOWN);
	assert_string_equal(got, "Киргизия = Киргизстан candidate 0.82; ОДКБ = ОДКС approved 0.74; "
				 "Совет коллективной безопасности = Съвет за колективна сигурност "
				 "forbidden 0.81");
	free(got);
	int64_t first = 0;
	assert_int_equal(sv_store_term_pairs_find(st, 0, SV_LANG_UNKNOWN, stop_at_first, &first,
						  &err),
			 SV_OK);
	assert_int_equal(first, s.p_kg);

	/* deleting a term takes its forms and pairs along */
	assert_int_equal(sv_store_term_delete(st, s.kg_ru, &err), SV_OK);
	expect_terms(SV_STORE_TERMS_FORM, SV_LANG_RU, "Киргизии", 0, 0, "");
	got = pairs(s.kg_bg, SV_LANG_BG);
	assert_string_equal(got, "");
	free(got);
	expect_terms(SV_STORE_TERMS_FOLD, SV_LANG_UNKNOWN, "киргизия", 0, 0,
		     "Киргизия/bg/candidate");
}

/* Two documents of a pair, a unit aligning their first segments, and a
 * unit of a translation memory without segments. */
struct memory {
	int64_t ru_doc, bg_doc, ru_seg, bg_seg, unit, tm_unit;
};

static int64_t add_doc(const char *path, const char *sha, const char *lang)
{
	struct sv_error err = { 0 };
	struct sv_store_doc d = { .path = (char *)path, .sha256 = (char *)sha, .lang = (char *)lang,
				  .format = "text", .bytes = 100 };
	assert_int_equal(sv_store_doc_add(st, &d, &err), SV_OK);
	return d.id;
}

static int64_t add_seg(int64_t doc, int64_t ordinal, const char *lang, const char *text,
		       const char *norm, const char *lemmas)
{
	struct sv_error err = { 0 };
	struct sv_store_seg seg = { .doc = doc, .ordinal = ordinal, .para = 1, .lang = lang,
				    .text = text, .norm = norm, .lemmas = lemmas };
	int64_t id = 0;
	assert_int_equal(sv_store_seg_add(st, &seg, &id, &err), SV_OK);
	return id;
}

static void seed_memory(struct memory *m)
{
	m->ru_doc = add_doc("ru/kg.txt", "aa", "ru");
	m->bg_doc = add_doc("bg/kg.txt", "bb", "bg");
	m->ru_seg = add_seg(m->ru_doc, 1, "ru",
			    "Совет коллективной безопасности ОДКБ собрался в Бишкеке.",
			    "совет коллективной безопасности одкб собрался в бишкеке",
			    "совет коллективный безопасность одкб собраться в бишкек");
	add_seg(m->ru_doc, 2, "ru", "Президент Киргизии открыл заседание.",
		"президент киргизии открыл заседание", "президент киргизия открыть заседание");
	m->bg_seg = add_seg(m->bg_doc, 1, "bg",
			    "Съветът за колективна сигурност на ОДКС заседава в Бишкек.",
			    "съветът за колективна сигурност на одкс заседава в бишкек",
			    "съвет за колективен сигурност на одкс заседавам в бишкек");
	add_seg(m->bg_doc, 2, "bg", "Президентът на Киргизстан откри заседанието.",
		"президентът на киргизстан откри заседанието",
		"президент на киргизстан открия заседание");
	/* a document pair with one aligned unit, as `align` stores them */
	struct sv_error err = { 0 };
	const char *created = "2026-01-01T00:00:00Z";
	struct sv_store_docpair pair = { .ru_doc = m->ru_doc, .bg_doc = m->bg_doc, .score = 0.9,
					 .mode = "parallel", .created = created };
	int64_t pair_id = 0;
	assert_int_equal(sv_store_docpair_put(st, &pair, &pair_id, &err), SV_OK);
	char ru_segs[24], bg_segs[24];
	snprintf(ru_segs, sizeof(ru_segs), "%lld", (long long)m->ru_seg);
	snprintf(bg_segs, sizeof(bg_segs), "%lld", (long long)m->bg_seg);
	struct sv_store_unit aligned = {
		.pair = pair_id, .ru_segs = ru_segs, .bg_segs = bg_segs,
		.ru_text = "Совет коллективной безопасности ОДКБ собрался в Бишкеке.",
		.bg_text = "Съветът за колективна сигурност на ОДКС заседава в Бишкек.",
		.ru_norm = "совет коллективной безопасности одкб собрался в бишкеке",
		.ru_lemmas = "совет коллективный безопасность одкб собраться в бишкек",
		.bg_norm = "съветът за колективна сигурност на одкс заседава в бишкек",
		.bg_lemmas = "съвет за колективен сигурност на одкс заседавам в бишкек",
		.link = "1-1", .score = 0.9, .method = "monotone", .created = created,
	};
	assert_int_equal(sv_store_unit_add(st, &aligned, &err), SV_OK);
	/* two imported units, one approved and one rejected */
	struct sv_store_unit imported[] = {
		{ .ru_text = "Саммит ОДКБ пройдёт в Бишкеке.",
		  .bg_text = "Срещата на върха на ОДКС ще се проведе в Бишкек.",
		  .ru_norm = "саммит одкб пройдёт в бишкеке",
		  .ru_lemmas = "саммит одкб пройти в бишкек",
		  .bg_norm = "срещата на върха на одкс ще се проведе в бишкек",
		  .bg_lemmas = "среща на връх на одкс ще се проведа в бишкек",
		  .link = "1-1", .score = 1, .method = "tmx", .status = "approved",
		  .origin = "memory.tmx", .created = created },
		{ .ru_text = "Заседание отменено.", .bg_text = "Заседанието е отменено.",
		  .ru_norm = "заседание отменено", .ru_lemmas = "заседание отменить",
		  .bg_norm = "заседанието е отменено", .bg_lemmas = "заседание съм отменя",
		  .link = "1-1", .score = 1, .method = "tmx", .status = "rejected",
		  .created = created },
	};
	for (size_t i = 0; i < sizeof(imported) / sizeof(imported[0]); i++) {
		int64_t count = 0;
		assert_int_equal(sv_store_unit_import(st, &imported[i], &count, &err), SV_OK);
		assert_int_equal(count, 1);
	}
	/* the units' ids, as the tests below name them */
	int64_t max = 0;
	assert_int_equal(sv_store_units_max_id(st, &max, &err), SV_OK);
	assert_int_equal(max, 3);
	m->unit = 1;
	m->tm_unit = 2;
}

static int collect_id(void *ctx, int64_t unit)
{
	struct listing *l = ctx;
	sv_buf_addf(&l->b, "%s%lld", l->b.len ? "," : "", (long long)unit);
	l->n++;
	return 0;
}

static int list_unit(void *ctx, const struct sv_store_unit_view *u)
{
	struct listing *l = ctx;
	if (l->b.len)
		sv_buf_adds(&l->b, "; ");
	sv_buf_addf(&l->b, "%lld %s | %s | %s | %s | %s", (long long)u->id, u->text, u->other,
		    sv_status_name(u->status), u->origin, u->method);
	l->n++;
	return 0;
}

static int list_seg(void *ctx, const struct sv_store_seg_row *seg)
{
	struct listing *l = ctx;
	if (l->b.len)
		sv_buf_adds(&l->b, "; ");
	sv_buf_addf(&l->b, "%lld.%lld %s %s", (long long)seg->ordinal, (long long)seg->para,
		    seg->lang, seg->text);
	l->n++;
	return 0;
}

static void test_units_and_segments(void **state)
{
	struct memory m;
	struct sv_error err = { 0 };
	seed_memory(&m);
	int64_t max = 0;
	assert_int_equal(sv_store_units_max_id(st, &max, &err), SV_OK);
	assert_int_equal(max, 3);

	/* postings of a lemma, rejected units included (search weighs them) */
	struct listing l = { SV_BUF_INIT, 0 };
	assert_int_equal(sv_store_unit_ids_match(st, SV_LANG_RU, "(\"бишкек\")", 0, collect_id, &l,
						 &err),
			 SV_OK);
	assert_string_equal(l.b.data, "1,2");
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_unit_ids_match(st, SV_LANG_BG, "(\"заседание\" OR \"одкс\")", 1,
						 collect_id, &l, &err),
			 SV_OK);
	assert_int_equal(strlen(l.b.data), 1);
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_unit_ids_match(st, SV_LANG_BG, "(\"отменя\")", 0, collect_id, &l,
						 &err),
			 SV_OK);
	assert_string_equal(l.b.data, "3");
	sv_buf_reset(&l.b);
	/* the Russian column only: a Bulgarian lemma is not a Russian one */
	assert_int_equal(sv_store_unit_ids_match(st, SV_LANG_RU, "(\"сигурност\")", 0, collect_id,
						 &l, &err),
			 SV_OK);
	assert_string_equal(l.b.data, "");

	/* the same through an iterator, two open at once */
	struct sv_store_postings *a = NULL, *b = NULL;
	assert_int_equal(sv_store_postings_open(st, SV_LANG_RU, "(\"бишкек\")", &a, &err), SV_OK);
	assert_int_equal(sv_store_postings_open(st, SV_LANG_BG, "(\"одкс\")", &b, &err), SV_OK);
	int64_t ua = 0, ub = 0;
	assert_int_equal(sv_store_postings_next(a, &ua, &err), SV_OK);
	assert_int_equal(sv_store_postings_next(b, &ub, &err), SV_OK);
	assert_int_equal(ua, 1);
	assert_int_equal(ub, 1);
	assert_int_equal(sv_store_postings_next(a, &ua, &err), SV_OK);
	assert_int_equal(ua, 2);
	assert_int_equal(sv_store_postings_next(a, &ua, &err), SV_OK);
	assert_int_equal(ua, 0);
	sv_store_postings_close(a);
	sv_store_postings_close(b);
	/* a broken query is an error with the memory's name */
	assert_int_equal(sv_store_postings_open(st, SV_LANG_RU, "(\"бишкек\"", &a, &err), SV_OK);
	assert_int_equal(sv_store_postings_next(a, &ua, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, dbpath));
	sv_store_postings_close(a);

	/* a unit seen from each side; a rejected one is not there */
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_unit_view_read(st, 2, SV_LANG_BG, list_unit, &l, &err), SV_OK);
	assert_string_equal(l.b.data,
			    "2 Срещата на върха на ОДКС ще се проведе в Бишкек. | "
			    "Саммит ОДКБ пройдёт в Бишкеке. | approved | memory.tmx | tmx");
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_unit_view_read(st, 3, SV_LANG_RU, list_unit, &l, &err), SV_OK);
	assert_int_equal(sv_store_unit_view_read(st, 99, SV_LANG_RU, list_unit, &l, &err), SV_OK);
	assert_string_equal(l.b.data, "");

	/* concordance: units holding a phrase, then segments */
	l.n = 0;
	assert_int_equal(sv_store_units_match(st, SV_LANG_RU, "NEAR(\"одкб\" \"бишкек\", 6)", 0,
					      list_unit, &l, &err),
			 SV_OK);
	assert_int_equal(l.n, 2);
	assert_non_null(strstr(l.b.data, "1 Совет коллективной безопасности ОДКБ собрался в "
					 "Бишкеке. | Съветът за колективна сигурност на ОДКС "
					 "заседава в Бишкек. | candidate |  | monotone"));
	sv_buf_reset(&l.b);
	l.n = 0;
	assert_int_equal(sv_store_units_match(st, SV_LANG_RU, "(\"отменить\")", 0, list_unit, &l,
					      &err),
			 SV_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(sv_store_segs_match(st, SV_LANG_BG, "(\"президент\")", 0, list_seg, &l,
					     &err),
			 SV_OK);
	assert_string_equal(l.b.data, "2.1 bg Президентът на Киргизстан откри заседанието.");
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_segs_match(st, SV_LANG_RU, "(\"президент\")", 0, list_seg, &l,
					     &err),
			 SV_OK);
	assert_string_equal(l.b.data, "2.1 ru Президент Киргизии открыл заседание.");
	sv_buf_reset(&l.b);

	/* the unit a segment went into, through the document pair */
	int64_t unit = -1;
	char *other = NULL;
	assert_int_equal(sv_store_seg_unit(st, SV_LANG_RU, m.ru_doc, m.ru_seg, &unit, &other, &err),
			 SV_OK);
	assert_int_equal(unit, m.unit);
	assert_string_equal(other, "Съветът за колективна сигурност на ОДКС заседава в Бишкек.");
	free(other);
	assert_int_equal(sv_store_seg_unit(st, SV_LANG_BG, m.bg_doc, m.bg_seg, &unit, &other, &err),
			 SV_OK);
	assert_int_equal(unit, m.unit);
	assert_string_equal(other, "Совет коллективной безопасности ОДКБ собрался в Бишкеке.");
	free(other);
	assert_int_equal(sv_store_seg_unit(st, SV_LANG_BG, m.bg_doc, m.bg_seg + 1, &unit, &other,
					   &err),
			 SV_OK);
	assert_int_equal(unit, 0);
	assert_null(other);

	/* a document's segments in order, for `sverka show` */
	assert_int_equal(sv_store_doc_segs(st, m.bg_doc, list_seg, &l, &err), SV_OK);
	assert_string_equal(l.b.data,
			    "1.1 bg Съветът за колективна сигурност на ОДКС заседава в Бишкек.; "
			    "2.1 bg Президентът на Киргизстан откри заседанието.");
	/* every segment of the memory, by document and then order */
	sv_buf_reset(&l.b);
	assert_int_equal(sv_store_doc_segs(st, 0, list_seg, &l, &err), SV_OK);
	assert_string_equal(l.b.data,
			    "1.1 ru Совет коллективной безопасности ОДКБ собрался в Бишкеке.; "
			    "2.1 ru Президент Киргизии открыл заседание.; "
			    "1.1 bg Съветът за колективна сигурност на ОДКС заседава в Бишкек.; "
			    "2.1 bg Президентът на Киргизстан откри заседанието.");
	sv_buf_release(&l.b);
}

static void test_stats(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store_counts c = SV_STORE_COUNTS_INIT;
	assert_int_equal(sv_store_stats(st, &c, &err), SV_OK);
	assert_int_equal(c.nlangs, 0);
	assert_int_equal(c.units, 0);
	struct memory m;
	struct seeded s;
	seed_memory(&m);
	seed_terms(&s);
	add_doc("bg/other.txt", "cc", "bg");
	assert_int_equal(sv_store_stats(st, &c, &err), SV_OK);
	assert_int_equal(c.nlangs, 2);
	assert_string_equal(c.langs[0].lang, "bg");
	assert_int_equal(c.langs[0].docs, 2);
	assert_int_equal(c.langs[0].segs, 2);
	assert_string_equal(c.langs[1].lang, "ru");
	assert_int_equal(c.langs[1].docs, 1);
	assert_int_equal(c.langs[1].segs, 2);
	assert_int_equal(c.doc_pairs, 1);
	assert_int_equal(c.units, 3);
	assert_int_equal(c.terms, 8);
	assert_int_equal(c.term_pairs, 4);
	assert_int_equal(c.approved_pairs, 1);
	sv_store_counts_release(&c);
	assert_null(c.langs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_terms_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_term_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_and_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
