/* Unit tests for src/store: schema and migrations, documents, segments,
 * savepoints, read-only opening, refusing newer schemas, and the
 * concordance index kept exact through adds, replacements, deletions,
 * rollbacks and migrations from older schemas.
 *
 * The on-disk format (pragmas, the index's own tables, older schemas) is
 * read and written through a connection of the test's own on the file
 * (file_count(), file_exec()), never through the store's: what a
 * transaction holds is seen through the store's API. */
#include "../test.h"

#include <unistd.h>

#include <sqlite3.h>

#include "job/add.h"
#include "store/fts-int.h"
#include "store/schema.h"
#include "store/store.h"

static char dbpath[256];

static int setup(void **state)
{
	sv_test_tmp_db_path(dbpath, sizeof(dbpath), "store");
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	sv_test_remove_db(dbpath);
	return 0;
}

/* A connection of the test's own on the memory's file, with the tokenizer the
 * index needs; sees what is committed. */
static sqlite3 *file_open(void)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(st_fts_register(db), SQLITE_OK);
	return db;
}

/* The first column of the first row of sql (text in ?1 when not NULL), as read from the
 * file. */
static int64_t file_count_text(const char *sql, const char *text)
{
	sqlite3 *db = file_open();
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static int64_t file_count(const char *sql)
{
	return file_count_text(sql, NULL);
}

/* Runs sql on the file; fails the test on an error. */
static void file_exec(const char *sql)
{
	sqlite3 *db = file_open();
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

static void add_doc(struct sv_store *st, const char *path, const char *sha, const char *lang,
		    int64_t *id)
{
	struct sv_error err = { 0 };
	struct sv_store_doc d = { .path = (char *)path, .sha256 = (char *)sha, .lang = (char *)lang,
				  .format = "text", .bytes = 10 };
	assert_int_equal(sv_store_doc_add(st, &d, &err), SV_OK);
	*id = d.id;
}

static void test_create_and_migrate(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	/* Read-only opening of a missing memory fails with a hint. */
	assert_int_equal(sv_store_open(dbpath, SV_STORE_READONLY, &st, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, "sverka add"));
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	assert_int_equal(file_count("PRAGMA user_version"), sv_schema_latest());
	/* Foreign keys are on: a segment of no document is refused. */
	struct sv_store_seg orphan = { .doc = 12345, .ordinal = 1, .para = 1, .lang = "ru",
				       .text = "x", .norm = "x", .lemmas = "x" };
	assert_int_equal(sv_store_seg_add(st, &orphan, NULL, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	/* WAL journal (persistent: any connection sees it). */
	assert_int_equal(file_count("SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* A new memory's page size and concordance index settings. */
	assert_int_equal(file_count("PRAGMA page_size"), 8192);
	assert_int_equal(file_count("SELECT v FROM segments_fts_config WHERE k = 'hashsize'"),
			 8 << 20);
	sv_store_close(st);

	/* A memory from a newer sverka is refused, not damaged. */
	file_exec("PRAGMA user_version = 99");
	assert_int_equal(sv_store_open(dbpath, 0, &st, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, "newer"));
}

static void test_documents(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	int64_t ru, bg;
	add_doc(st, "seeds/004.txt", "aa", "ru", &ru);
	add_doc(st, "seeds/003.txt", "bb", "bg", &bg);
	struct sv_store_seg seg = { .doc = bg, .ordinal = 1, .para = 1, .lang = "bg",
				    .text = "Съветът за колективна сигурност на ОДКС заседава в Бишкек.",
				    .norm = "съветът за колективна сигурност на одкс заседава в бишкек",
				    .lemmas = "съвет за колективен сигурност на одкс заседавам в бишкек" };
	assert_int_equal(sv_store_seg_add(st, &seg, NULL, &err), SV_OK);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);

	struct sv_store_doc d;
	assert_int_equal(sv_store_doc_find(st, "seeds/003.txt", &d, &err), SV_OK);
	assert_int_equal(d.id, bg);
	assert_string_equal(d.lang, "bg");
	assert_int_equal(d.segments, 1);
	sv_store_doc_release(&d);
	assert_int_equal(sv_store_doc_find(st, "./seeds/004.txt", &d, &err), SV_OK);
	assert_int_equal(d.id, ru);
	sv_store_doc_release(&d);
	char idstr[32];
	snprintf(idstr, sizeof(idstr), "%lld", (long long)ru);
	assert_int_equal(sv_store_doc_find(st, idstr, &d, &err), SV_OK);
	assert_string_equal(d.path, "seeds/004.txt");
	sv_store_doc_release(&d);
	assert_int_equal(sv_store_doc_find(st, "nope.txt", &d, &err), SV_EINPUT);
	assert_string_equal(err.msg, "no document 'nope.txt' in the memory");

	int64_t id;
	char *path;
	assert_int_equal(sv_store_doc_by_sha(st, "bb", &id, &path, &err), SV_OK);
	assert_int_equal(id, bg);
	assert_string_equal(path, "seeds/003.txt");
	free(path);

	/* The lemma index finds the inflected form's lemma; the lemmas of an
	 * ambiguous word stand at one position, so phrases match through any. */
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'сигурност'"), 1);
	seg.ordinal = 2;
	seg.text = "Русия и Киргизстан.";
	seg.norm = "русия и киргизстан";
	seg.lemmas = "русия|рус и киргизстан";
	assert_int_equal(sv_store_seg_add(st, &seg, NULL, &err), SV_OK);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'рус'"), 1);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"рус и киргизстан\"'"), 1);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"русия и киргизстан\"'"), 1);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"и рус\"'"), 0);

	/* Deleting a document takes its segments and index entries along. */
	assert_int_equal(sv_store_doc_delete(st, bg, &err), SV_OK);
	assert_int_equal(file_count("SELECT count(*) FROM segments"), 0);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'сигурност'"), 0);
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'киргизстан'"), 0);
	sv_store_close(st);
}

static void test_savepoint(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	int64_t a, b;
	add_doc(st, "a.txt", "1", "ru", &a);
	assert_int_equal(sv_store_savepoint(st, "ingest", &err), SV_OK);
	add_doc(st, "b.txt", "2", "bg", &b);
	sv_store_rollback_to(st, "ingest");
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_int_equal(file_count("SELECT count(*) FROM documents"), 1);
	/* A duplicate path is a store error, not a crash. */
	struct sv_store_doc d = { .path = "a.txt", .sha256 = "3", .lang = "ru", .format = "text" };
	assert_int_equal(sv_store_doc_add(st, &d, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, "UNIQUE"));
	sv_store_close(st);

	/* Read-only opening works on an existing memory and refuses writes. */
	assert_int_equal(sv_store_open(dbpath, SV_STORE_READONLY, &st, &err), SV_OK);
	assert_int_equal(file_count("SELECT count(*) FROM documents"), 1);
	struct sv_store_doc c = { .path = "c.txt", .sha256 = "4", .lang = "ru", .format = "text" };
	assert_int_equal(sv_store_doc_add(st, &c, &err), SV_ESTORE);
	assert_int_equal(sv_store_doc_delete(st, a, &err), SV_ESTORE);
	sv_store_close(st);
}

/* FTS5's own check of the committed memory, comparing the index with the
 * segments table (rank 1: the external content is read back and tokenised). */
static void assert_index_exact(void)
{
	file_exec("INSERT INTO segments_fts(segments_fts, rank) VALUES ('integrity-check', 1)");
	assert_int_equal(file_count("SELECT count(*) FROM segments_fts_pending"), 0);
}

/* Index entries of the committed memory matching query. */
static int64_t hits(const char *query)
{
	return file_count_text("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?1",
			       query);
}

static int count_seg(void *ctx, const struct sv_store_seg_row *seg)
{
	(void)seg;
	++*(int64_t *)ctx;
	return 0;
}

/* Segments of lang the concordance index finds for query, as the store's
 * connection sees them (inside its transaction). */
static int64_t tx_hits(struct sv_store *st, enum sv_lang lang, const char *query)
{
	struct sv_error err = { 0 };
	int64_t n = 0;
	if (sv_store_segs_match(st, lang, query, 0, count_seg, &n, &err))
		fail_msg("%s", err.msg);
	return n;
}

static int ingest(struct sv_store *st, struct sv_text *t, const char *name, const char *text,
		  int force)
{
	struct sv_error err = { 0 };
	struct sv_ingest_opts o = { .force = force };
	struct sv_ingest_result res;
	return sv_ingest_bytes(st, t, name, text, strlen(text), &o, &res, &err);
}

static const char bg_a[] =
	"Съветът за колективна сигурност на ОДКС заседава в Бишкек.\n"
	"Русия и Киргизстан подписаха споразумение за сътрудничество.\n";
static const char bg_a2[] =
	"Президентът откри новата болница в Каракол.\n"
	"Лекарите приеха първите пациенти в понеделник.\n";
static const char ru_b[] =
	"Совет коллективной безопасности ОДКБ собрался в Бишкеке.\n"
	"Россия и Киргизия подписали соглашение о сотрудничестве.\n";
static const char ru_c[] = "Парламент утвердил бюджет на следующий год.\n";
static const char ru_c2[] = "Правительство отправило в отставку министра транспорта.\n";

/* New segments reach the index at the commit (or sv_store_index), in one
 * statement; replaced and deleted ones leave it exactly, whether they were
 * indexed already or were added within the same transaction. */
static void test_index_exact(void **state)
{
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t)
		fail_msg("%s", err.msg);
	assert_int_equal(sv_store_open(dbpath, SV_STORE_CREATE, &st, &err), SV_OK);

	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	assert_int_equal(ingest(st, t, "bg/a.txt", bg_a, 0), SV_OK);
	assert_int_equal(ingest(st, t, "ru/b.txt", ru_b, 0), SV_OK);
	assert_int_equal(tx_hits(st, SV_LANG_BG, "сигурност"), 0); /* not yet */
	assert_int_equal(tx_hits(st, SV_LANG_RU, "безопасность"), 0);
	assert_int_equal(sv_store_index(st, &err), SV_OK);
	assert_int_equal(tx_hits(st, SV_LANG_BG, "сигурност"), 1);
	assert_int_equal(tx_hits(st, SV_LANG_RU, "безопасность"), 1);
	/* Added, then replaced twice within the transaction, never indexed in
	 * between: no FTS5 'delete' may be written for it. */
	assert_int_equal(ingest(st, t, "ru/c.txt", ru_c, 0), SV_OK);
	assert_int_equal(ingest(st, t, "ru/c.txt", ru_c2, 0), SV_OK);
	assert_int_equal(ingest(st, t, "ru/c.txt", ru_c2, 1), SV_OK);
	/* A failing file leaves nothing, the others stay pending. */
	assert_int_equal(ingest(st, t, "ru/bad.txt", "Бюджет\xff\n", 0), SV_EINPUT);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_index_exact();
	assert_int_equal(hits("бюджет"), 0);
	assert_int_equal(hits("министр"), 1);
	assert_int_equal(file_count("SELECT count(*) FROM segments"), 5);

	/* Replacing indexed documents: a changed file, the same bytes forced. */
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	assert_int_equal(ingest(st, t, "bg/a.txt", bg_a2, 0), SV_OK);
	assert_int_equal(ingest(st, t, "ru/b.txt", ru_b, 1), SV_OK);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_index_exact();
	assert_int_equal(hits("сигурност"), 0);
	assert_int_equal(hits("болница"), 1);
	assert_int_equal(hits("безопасность"), 1);

	/* Indexed inside a savepoint that is then rolled back: the rows added
	 * before it are pending again and indexed at the commit. */
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	assert_int_equal(ingest(st, t, "bg/d.txt", bg_a, 0), SV_OK);
	assert_int_equal(sv_store_savepoint(st, "file", &err), SV_OK);
	assert_int_equal(ingest(st, t, "ru/e.txt", ru_c, 0), SV_OK);
	assert_int_equal(sv_store_index(st, &err), SV_OK);
	assert_int_equal(tx_hits(st, SV_LANG_RU, "бюджет"), 1);
	sv_store_rollback_to(st, "file");
	assert_int_equal(tx_hits(st, SV_LANG_RU, "бюджет"), 0);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_index_exact();
	assert_int_equal(hits("сигурност"), 1);

	/* Deleting the document with the highest ids, then adding: the new
	 * rows may take the freed ids and are indexed all the same. */
	struct sv_store_doc d;
	assert_int_equal(sv_store_doc_find(st, "bg/d.txt", &d, &err), SV_OK);
	assert_int_equal(sv_store_begin(st, &err), SV_OK);
	assert_int_equal(sv_store_doc_delete(st, d.id, &err), SV_OK);
	sv_store_doc_release(&d);
	assert_int_equal(ingest(st, t, "ru/e.txt", ru_c, 0), SV_OK);
	assert_int_equal(sv_store_commit(st, &err), SV_OK);
	assert_index_exact();
	assert_int_equal(hits("сигурност"), 0);
	assert_int_equal(hits("бюджет"), 1);
	sv_store_close(st);
	sv_text_close(t);
}

/* A memory made by an older sverka (schema v1 or v2, segments indexed by a
 * trigger) migrates to the latest schema and its index stays exact when
 * its documents are replaced and new ones added. */
static void test_migrate_index(void **state)
{
	struct sv_error err = { 0 };
	struct sv_text *t = sv_text_open(NULL, &err);
	if (!t)
		fail_msg("%s", err.msg);
	for (int from = 1; from < sv_schema_latest(); from++) {
		teardown(state);
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
		assert_int_equal(st_fts_register(db), SQLITE_OK);
		for (int v = 0; v < from; v++)
			for (const char *const *sql = sv_schema_migration(v); *sql; sql++)
				assert_int_equal(sqlite3_exec(db, *sql, NULL, NULL, NULL), SQLITE_OK);
		char sql[1024];
		snprintf(sql, sizeof(sql),
			 "PRAGMA user_version = %d;"
			 "INSERT INTO documents(id, path, sha256, lang, format, bytes, added)"
			 " VALUES (1, 'bg/old.txt', 'x', 'bg', 'text', 10, 'now');"
			 "INSERT INTO segments(doc, ordinal, para, lang, text, norm, lemmas) VALUES"
			 " (1, 1, 1, 'bg', 'Съветът заседава.', 'съветът заседава', 'съвет заседавам'),"
			 " (1, 2, 1, 'bg', 'Русия и Киргизстан.', 'русия и киргизстан',"
			 " 'русия|рус и киргизстан');",
			 from);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		/* From v3 on, segments are indexed at the commit of the sverka that
		 * stored them: a memory of that version has them in the index. */
		if (from >= 3)
			assert_int_equal(sqlite3_exec(db, "INSERT INTO segments_fts(segments_fts)"
						      " VALUES ('rebuild')", NULL, NULL, NULL),
					 SQLITE_OK);
		sqlite3_close(db);

		struct sv_store *st = NULL;
		assert_int_equal(sv_store_open(dbpath, 0, &st, &err), SV_OK);
		assert_int_equal(file_count("PRAGMA user_version"), sv_schema_latest());
		assert_index_exact();
		assert_int_equal(hits("рус"), 1);
		assert_int_equal(sv_store_begin(st, &err), SV_OK);
		assert_int_equal(ingest(st, t, "bg/old.txt", bg_a2, 0), SV_OK);
		assert_int_equal(ingest(st, t, "ru/b.txt", ru_b, 0), SV_OK);
		assert_int_equal(sv_store_commit(st, &err), SV_OK);
		assert_index_exact();
		assert_int_equal(hits("рус"), 0);
		assert_int_equal(hits("болница"), 1);
		assert_int_equal(hits("безопасность"), 1);
		sv_store_close(st);
	}
	sv_text_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_migrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_savepoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_index, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
