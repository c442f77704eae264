-- Translation units from parallel documents added with --segmented, a Russian
-- .../ru/X.txt and a Bulgarian .../bg/X.txt: line i of one translates line i of the
-- other. Stands in for `sverka align --parallel` in the search and concord cases.
INSERT INTO units(ru_segs, bg_segs, ru_text, bg_text, ru_norm, ru_lemmas, bg_norm, bg_lemmas,
                  link, score, method, origin, created)
  SELECT r.id, b.id, r.text, b.text, r.norm, r.lemmas, b.norm, b.lemmas, '1-1', 1, 'parallel',
         'ntrex-dev', '2026-01-01T00:00:00Z'
  FROM documents dr
  JOIN documents db ON db.path = replace(dr.path, '/ru/', '/bg/') AND db.lang = 'bg'
  JOIN segments r ON r.doc = dr.id
  JOIN segments b ON b.doc = db.id AND b.ordinal = r.ordinal
  WHERE dr.lang = 'ru' AND dr.format = 'segmented' AND db.format = 'segmented'
  ORDER BY r.id;
