/* The memory's schema as forward migrations: migrations[i] takes a memory
 * from user_version i to i + 1. Never edit a released migration; add one. */
#include "store/schema.h"

#include <stddef.h>

static const char *const v1[] = {
	"CREATE TABLE documents(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL UNIQUE,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  lang TEXT NOT NULL,\n"
	"  date TEXT, outlet TEXT, title TEXT,\n"
	"  format TEXT NOT NULL,\n"
	"  bytes INTEGER NOT NULL,\n"
	"  added TEXT NOT NULL,\n"
	"  aligned INTEGER NOT NULL DEFAULT 0);\n",
	"CREATE INDEX documents_sha256 ON documents(sha256);\n",
	"CREATE TABLE segments(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  ordinal INTEGER NOT NULL,\n"
	"  para INTEGER NOT NULL,\n"
	"  lang TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  norm TEXT NOT NULL,\n"
	"  lemmas TEXT NOT NULL,\n"
	"  UNIQUE(doc, ordinal));\n",
	/* Concordance over lemmas (external content; matching keys are checked
	 * on the rows found, which halves the cost of indexing at ingest). */
	"CREATE VIRTUAL TABLE segments_fts USING fts5(lemmas, content='segments',\n"
	"  content_rowid='id', tokenize='sverka');\n",
	"CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN\n"
	"  INSERT INTO segments_fts(rowid, lemmas) VALUES (new.id, new.lemmas);\n"
	"END;\n",
	"CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN\n"
	"  INSERT INTO segments_fts(segments_fts, rowid, lemmas)\n"
	"    VALUES ('delete', old.id, old.lemmas);\n"
	"END;\n",
	/* Document pairs found by align or declared by a person. */
	"CREATE TABLE doc_pairs(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ru_doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  bg_doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
	"  score REAL NOT NULL,\n"
	"  mode TEXT NOT NULL CHECK(mode IN ('parallel','comparable')),\n"
	"  declared INTEGER NOT NULL DEFAULT 0,\n"
	"  created TEXT NOT NULL,\n"
	"  UNIQUE(ru_doc, bg_doc));\n",
	/* Translation units: aligned sentence groups, or imported pairs
	 * (pair NULL). Segment lists are comma-separated segment ids. */
	"CREATE TABLE units(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pair INTEGER REFERENCES doc_pairs(id) ON DELETE CASCADE,\n"
	"  ru_segs TEXT, bg_segs TEXT,\n"
	"  ru_text TEXT NOT NULL, bg_text TEXT NOT NULL,\n"
	"  ru_norm TEXT NOT NULL DEFAULT '', ru_lemmas TEXT NOT NULL DEFAULT '',\n"
	"  bg_norm TEXT NOT NULL DEFAULT '', bg_lemmas TEXT NOT NULL DEFAULT '',\n"
	"  link TEXT NOT NULL,\n"
	"  score REAL NOT NULL,\n"
	"  method TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'candidate'\n"
	"    CHECK(status IN ('candidate','approved','rejected')),\n"
	"  origin TEXT,\n"
	"  count INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL);\n",
	"CREATE INDEX units_pair ON units(pair);\n",
	"CREATE UNIQUE INDEX units_texts ON units(ru_text, bg_text) WHERE pair IS NULL;\n",
	"CREATE VIRTUAL TABLE units_fts USING fts5(ru_lemmas, bg_lemmas, content='units',\n"
	"  content_rowid='id', tokenize='sverka');\n",
	"CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN\n"
	"  INSERT INTO units_fts(rowid, ru_lemmas, bg_lemmas)\n"
	"    VALUES (new.id, new.ru_lemmas, new.bg_lemmas);\n"
	"END;\n",
	"CREATE TRIGGER units_ad AFTER DELETE ON units BEGIN\n"
	"  INSERT INTO units_fts(units_fts, rowid, ru_lemmas, bg_lemmas)\n"
	"    VALUES ('delete', old.id, old.ru_lemmas, old.bg_lemmas);\n"
	"END;\n",
	"CREATE TRIGGER units_au AFTER UPDATE OF ru_lemmas, bg_lemmas ON units BEGIN\n"
	"  INSERT INTO units_fts(units_fts, rowid, ru_lemmas, bg_lemmas)\n"
	"    VALUES ('delete', old.id, old.ru_lemmas, old.bg_lemmas);\n"
	"  INSERT INTO units_fts(rowid, ru_lemmas, bg_lemmas)\n"
	"    VALUES (new.id, new.ru_lemmas, new.bg_lemmas);\n"
	"END;\n",
	/* The termbase. A concept groups the terms of both languages that
	 * name one thing; one preferred term per language. */
	"CREATE TABLE concepts(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  note TEXT,\n"
	"  created TEXT NOT NULL);\n",
	"CREATE TABLE terms(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  concept INTEGER REFERENCES concepts(id) ON DELETE SET NULL,\n"
	"  lang TEXT NOT NULL,\n"
	"  lemma_key TEXT NOT NULL,\n"
	"  citation TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL DEFAULT 'phrase',\n"
	"  freq INTEGER NOT NULL DEFAULT 0,\n"
	"  termhood REAL NOT NULL DEFAULT 0,\n"
	"  preferred INTEGER NOT NULL DEFAULT 0,\n"
	"  status TEXT NOT NULL DEFAULT 'candidate'\n"
	"    CHECK(status IN ('candidate','approved','rejected','forbidden')),\n"
	"  origin TEXT NOT NULL DEFAULT 'align',\n"
	"  UNIQUE(lang, lemma_key));\n",
	"CREATE INDEX terms_concept ON terms(concept);\n",
	"CREATE TABLE term_forms(\n"
	"  term INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,\n"
	"  form TEXT NOT NULL,\n"
	"  count INTEGER NOT NULL DEFAULT 1,\n"
	"  PRIMARY KEY(term, form)) WITHOUT ROWID;\n",
	"CREATE TABLE term_pairs(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ru_term INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,\n"
	"  bg_term INTEGER NOT NULL REFERENCES terms(id) ON DELETE CASCADE,\n"
	"  score REAL NOT NULL,\n"
	"  evidence TEXT NOT NULL DEFAULT '',\n"
	"  status TEXT NOT NULL DEFAULT 'candidate'\n"
	"    CHECK(status IN ('candidate','approved','rejected','forbidden')),\n"
	"  origin TEXT NOT NULL DEFAULT 'align',\n"
	"  note TEXT,\n"
	"  reviewed TEXT,\n"
	"  created TEXT NOT NULL,\n"
	"  UNIQUE(ru_term, bg_term));\n",
	"CREATE INDEX term_pairs_bg ON term_pairs(bg_term);\n",
	NULL,
};

/* v2 (match): fast term lookup. Observed forms by form; the terms' lemma
 * keys word-indexed (parts of longer terms); the spelling fold of each lemma
 * key (ё/э→е, ы/й→и, no ь/ъ: see sv_match_fold) with an index for equality
 * and a trigram index for "did you mean". Kept by triggers in plain SQL, so
 * any connection may write terms. */
#define FOLD(x) \
	"replace(replace(replace(replace(replace(replace(" x ", 'ё', 'е'), 'э', 'е'), 'ы', 'и')," \
	" 'й', 'и'), 'ь', ''), 'ъ', '')"
static const char *const v2[] = {
	"CREATE INDEX IF NOT EXISTS term_forms_form ON term_forms(form);\n",
	"CREATE VIRTUAL TABLE terms_fts USING fts5(lemma_key, content='terms',\n"
	"  content_rowid='id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '-.'\");\n",
	"INSERT INTO terms_fts(terms_fts) VALUES ('rebuild');\n",
	"CREATE TABLE term_folds(\n"
	"  term INTEGER PRIMARY KEY REFERENCES terms(id) ON DELETE CASCADE,\n"
	"  fold TEXT NOT NULL);\n",
	"CREATE INDEX term_folds_fold ON term_folds(fold);\n",
	"CREATE VIRTUAL TABLE term_folds_fts USING fts5(fold, content='term_folds',\n"
	"  content_rowid='term', tokenize='trigram');\n",
	"INSERT INTO term_folds(term, fold) SELECT id, " FOLD("lemma_key") " FROM terms;\n",
	"INSERT INTO term_folds_fts(term_folds_fts) VALUES ('rebuild');\n",
	"CREATE TRIGGER term_folds_ai AFTER INSERT ON term_folds BEGIN\n"
	"  INSERT INTO term_folds_fts(rowid, fold) VALUES (new.term, new.fold);\n"
	"END;\n",
	"CREATE TRIGGER term_folds_ad AFTER DELETE ON term_folds BEGIN\n"
	"  INSERT INTO term_folds_fts(term_folds_fts, rowid, fold)\n"
	"    VALUES ('delete', old.term, old.fold);\n"
	"END;\n",
	"CREATE TRIGGER term_folds_au AFTER UPDATE ON term_folds BEGIN\n"
	"  INSERT INTO term_folds_fts(term_folds_fts, rowid, fold)\n"
	"    VALUES ('delete', old.term, old.fold);\n"
	"  INSERT INTO term_folds_fts(rowid, fold) VALUES (new.term, new.fold);\n"
	"END;\n",
	"CREATE TRIGGER terms_match_ai AFTER INSERT ON terms BEGIN\n"
	"  INSERT INTO terms_fts(rowid, lemma_key) VALUES (new.id, new.lemma_key);\n"
	"  INSERT INTO term_folds(term, fold) VALUES (new.id, " FOLD("new.lemma_key") ");\n"
	"END;\n",
	"CREATE TRIGGER terms_match_ad AFTER DELETE ON terms BEGIN\n"
	"  INSERT INTO terms_fts(terms_fts, rowid, lemma_key)\n"
	"    VALUES ('delete', old.id, old.lemma_key);\n"
	"  DELETE FROM term_folds WHERE term = old.id;\n"
	"END;\n",
	"CREATE TRIGGER terms_match_au AFTER UPDATE OF lemma_key ON terms BEGIN\n"
	"  INSERT INTO terms_fts(terms_fts, rowid, lemma_key)\n"
	"    VALUES ('delete', old.id, old.lemma_key);\n"
	"  INSERT INTO terms_fts(rowid, lemma_key) VALUES (new.id, new.lemma_key);\n"
	"  UPDATE term_folds SET fold = " FOLD("new.lemma_key") " WHERE term = new.id;\n"
	"END;\n",
	NULL,
};
#undef FOLD

/* v3 (store): segments reach the concordance index in one statement per
 * command instead of a trigger per row (FTS5 writes an index segment at
 * every statement's end, so ingest wrote one tiny segment per file and
 * merged them again and again). Rows stored since the last indexing have
 * ids in segments_fts_pending's [lo, hi] (one row or none): sv_store
 * assigns them increasing ids and indexes the range before each commit
 * (sv_store_index). A pending row was never indexed, so deleting one must
 * not write an FTS5 'delete'. */
static const char *const v3[] = {
	"DROP TRIGGER segments_ai;\n",
	"DROP TRIGGER segments_ad;\n",
	/* No per-row size table (columnsize=0): nothing ranks segments by
	 * bm25, and its row per segment was a quarter of the indexing. An
	 * 8 MiB term hash: a whole 50 MB add is written as one or two index
	 * segments instead of ~50 that are then merged (half the indexing). */
	"DROP TABLE segments_fts;\n",
	"CREATE VIRTUAL TABLE segments_fts USING fts5(lemmas, content='segments',\n"
	"  content_rowid='id', tokenize='sverka', columnsize=0);\n",
	"INSERT INTO segments_fts(segments_fts, rank) VALUES ('hashsize', 8388608);\n",
	"INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');\n",
	"CREATE TABLE segments_fts_pending(\n"
	"  one INTEGER PRIMARY KEY CHECK(one = 1),\n"
	"  lo INTEGER NOT NULL,\n"
	"  hi INTEGER NOT NULL);\n",
	"CREATE TRIGGER segments_ad AFTER DELETE ON segments\n"
	"  WHEN NOT EXISTS (SELECT 1 FROM segments_fts_pending WHERE old.id BETWEEN lo AND hi)\n"
	"BEGIN\n"
	"  INSERT INTO segments_fts(segments_fts, rowid, lemmas)\n"
	"    VALUES ('delete', old.id, old.lemmas);\n"
	"END;\n",
	NULL,
};

/* v4 (serve): review with optimistic concurrency and an audit trail. Every
 * term pair carries a revision that each decision raises; term_reviews
 * records each decision with who made it and when. A change of a pair's
 * status or note that does not set the revision itself (`sverka term`,
 * imports, manual adds) raises it and is recorded by the trigger, as made
 * on the command line; sverka serve names its user (store/review.c). */
static const char *const v4[] = {
	"ALTER TABLE term_pairs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;\n",
	"CREATE TABLE term_reviews(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  pair INTEGER NOT NULL REFERENCES term_pairs(id) ON DELETE CASCADE,\n"
	"  revision INTEGER NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  status TEXT NOT NULL,\n"
	"  detail TEXT,\n"
	"  who TEXT NOT NULL,\n"
	"  at TEXT NOT NULL);\n",
	"CREATE INDEX term_reviews_pair ON term_reviews(pair);\n",
	"CREATE TRIGGER term_pairs_revision AFTER UPDATE OF status, note ON term_pairs\n"
	"  WHEN new.revision = old.revision\n"
	"    AND (new.status IS NOT old.status OR new.note IS NOT old.note)\n"
	"BEGIN\n"
	"  UPDATE term_pairs SET revision = old.revision + 1 WHERE id = new.id;\n"
	"  INSERT INTO term_reviews(pair, revision, action, status, detail, who, at)\n"
	"    VALUES (new.id, old.revision + 1,\n"
	"      CASE WHEN new.status IS NOT old.status THEN 'status' ELSE 'note' END,\n"
	"      new.status, CASE WHEN new.note IS NOT old.note THEN new.note END,\n"
	"      'command line', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));\n"
	"END;\n",
	NULL,
};

static const char *const *const migrations[] = { v1, v2, v3, v4 };

const char *const *sv_schema_migration(int from)
{
	if (from < 0 || (size_t)from >= sizeof(migrations) / sizeof(migrations[0]))
		return NULL;
	return migrations[from];
}

int sv_schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}
