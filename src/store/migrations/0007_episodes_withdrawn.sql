-- The current version of each episode, now also leaving out an episode that
-- a later return should hold and does not: one still open when a later
-- collection year began (DEC missing, or on or after that year's 1 April)
-- while that year's episodes are loaded. The later return is the
-- authority's word that the episode ended or never was. The same rule is
-- applied in C by model/cla.c (cla_load); ssda903_episodes keeps every
-- version as history.
DROP VIEW episodes;
CREATE VIEW episodes AS
SELECT child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change,
       home_post, pl_post, urn, return_id, row, collection_year
FROM (SELECT e.*, r.collection_year,
             row_number() OVER (PARTITION BY e.child, e.decom
                                ORDER BY r.collection_year DESC, e.return_id DESC) AS version
      FROM ssda903_episodes e JOIN returns r ON r.id = e.return_id
      WHERE e.child IS NOT NULL AND e.decom IS NOT NULL) v
WHERE version = 1
  AND NOT EXISTS (SELECT 1 FROM returns later
                  WHERE later.kind IN ('ssda903.episodes', 'ssda903.xml')
                    AND later.collection_year > v.collection_year
                    AND (v.dec IS NULL OR v.dec >= printf('%04d-04-01', later.collection_year - 1)));
