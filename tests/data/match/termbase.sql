-- A small termbase over memories/seeds in the shape `sverka align` writes it
-- (lemma keys as the text pipeline gives them), for the lookup golden cases.
BEGIN;
INSERT INTO concepts(id, created) VALUES (1, '2026-01-01T00:00:00Z'), (2, '2026-01-01T00:00:00Z');
INSERT INTO terms(id, concept, lang, lemma_key, citation, kind, freq, preferred, status) VALUES
  (1, 1, 'ru', 'киргизия', 'Киргизия', 'name', 12, 1, 'approved'),
  (2, 1, 'bg', 'киргизстан', 'Киргизстан', 'name', 7, 1, 'approved'),
  (3, 1, 'bg', 'киргизия', 'Киргизия', 'name', 0, 0, 'candidate'),
  (4, 2, 'ru', 'одкб', 'ОДКБ', 'acronym', 17, 1, 'approved'),
  (5, 2, 'bg', 'одкс', 'ОДКС', 'acronym', 2, 1, 'approved'),
  (6, NULL, 'ru', 'совет коллективный безопасность', 'Совет коллективной безопасности', 'phrase', 3, 0, 'candidate'),
  (7, NULL, 'bg', 'съвет за колективен сигурност', 'Съвет за колективна сигурност', 'phrase', 2, 0, 'candidate'),
  (8, NULL, 'ru', 'садыр жапаров', 'Садыр Жапаров', 'name', 1, 0, 'candidate'),
  (9, NULL, 'bg', 'садир жапаров', 'Садир Жапаров', 'name', 2, 0, 'candidate'),
  (10, NULL, 'bg', 'организация на договор за колективен сигурност',
   'Организация на Договора за колективна сигурност', 'phrase', 1, 0, 'candidate');
INSERT INTO term_forms(term, form, count) VALUES
  (1, 'Киргизию', 4), (1, 'Киргизии', 3), (2, 'Киргизстан', 6), (7, 'Съвета за колективна сигурност', 2);
INSERT INTO term_pairs(ru_term, bg_term, score, evidence, status, created) VALUES
  (1, 2, 0.84, 'cognate киргиз~киргиз; both in 2 paired documents', 'approved', '2026-01-01T00:00:00Z'),
  (4, 5, 0.78, 'acronym letters О-Д-К ~ О-Д-К; expansions share коллективный~колективен', 'approved', '2026-01-01T00:00:00Z'),
  (6, 7, 0.81, 'lexicon совет~съвет, безопасность~сигурност; cognate коллективный~колективен', 'candidate', '2026-01-01T00:00:00Z'),
  (8, 9, 0.93, 'cognate садыр~садир, жапаров~жапаров', 'candidate', '2026-01-01T00:00:00Z'),
  (6, 10, 0.35, 'cognate коллективный~колективен', 'rejected', '2026-01-01T00:00:00Z');
COMMIT;
