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
	/* Concordance over matching keys and lemmas; external content. */
	"CREATE VIRTUAL TABLE segments_fts USING fts5(norm, lemmas, content='segments',\n"
	"  content_rowid='id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '-.'\");\n",
	"CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN\n"
	"  INSERT INTO segments_fts(rowid, norm, lemmas) VALUES (new.id, new.norm, new.lemmas);\n"
	"END;\n",
	"CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN\n"
	"  INSERT INTO segments_fts(segments_fts, rowid, norm, lemmas)\n"
	"    VALUES ('delete', old.id, old.norm, old.lemmas);\n"
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
	"  content_rowid='id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '-.'\");\n",
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

static const char *const *const migrations[] = { v1 };

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
