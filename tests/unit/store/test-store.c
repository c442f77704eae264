/* Unit tests for src/store: schema and migrations, documents, segments,
 * savepoints, read-only opening, refusing newer schemas. */
#include "../test.h"

#include <unistd.h>

#include "store/schema.h"
#include "store/store.h"

static char dbpath[256];

static int setup(void **state)
{
	snprintf(dbpath, sizeof(dbpath), "/tmp/sv-test-store-%d.db", (int)getpid());
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	char p[300];
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static int64_t count(struct sv_store *st, const char *sql)
{
	sqlite3_stmt *s = sv_store_prepare(st, sql, NULL);
	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
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
	assert_int_equal(count(st, "PRAGMA user_version"), sv_schema_latest());
	assert_int_equal(count(st, "PRAGMA foreign_keys"), 1);
	sqlite3_stmt *s = sv_store_prepare(st, "PRAGMA journal_mode", &err);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_reset(s);
	sv_store_close(st);

	/* A memory from a newer sverka is refused, not damaged. */
	assert_int_equal(sv_store_open(dbpath, 0, &st, &err), SV_OK);
	assert_int_equal(sv_store_exec(st, "PRAGMA user_version = 99", &err), SV_OK);
	sv_store_close(st);
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
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'сигурност'"), 1);
	seg.ordinal = 2;
	seg.text = "Русия и Киргизстан.";
	seg.norm = "русия и киргизстан";
	seg.lemmas = "русия|рус и киргизстан";
	assert_int_equal(sv_store_seg_add(st, &seg, NULL, &err), SV_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'рус'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"рус и киргизстан\"'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"русия и киргизстан\"'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"и рус\"'"), 0);

	/* Deleting a document takes its segments and index entries along. */
	assert_int_equal(sv_store_doc_delete(st, bg, &err), SV_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM segments"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'сигурност'"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM segments_fts WHERE lemmas MATCH 'киргизстан'"), 0);
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
	assert_int_equal(count(st, "SELECT count(*) FROM documents"), 1);
	/* A duplicate path is a store error, not a crash. */
	struct sv_store_doc d = { .path = "a.txt", .sha256 = "3", .lang = "ru", .format = "text" };
	assert_int_equal(sv_store_doc_add(st, &d, &err), SV_ESTORE);
	assert_non_null(strstr(err.msg, "UNIQUE"));
	sv_store_close(st);

	/* Read-only opening works on an existing memory and refuses writes. */
	assert_int_equal(sv_store_open(dbpath, SV_STORE_READONLY, &st, &err), SV_OK);
	assert_int_equal(count(st, "SELECT count(*) FROM documents"), 1);
	assert_int_equal(sv_store_exec(st, "DELETE FROM documents", &err), SV_ESTORE);
	sv_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_migrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_savepoint, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
