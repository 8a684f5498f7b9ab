-- The current version of each referral, as in 0002, but with a fixed
-- choice between two rows of the same return for the same child and date.
-- Annex A's List 3 (referrals) and List 6 (children in need) both give a
-- child's referral date; only List 3 gives its source and whether it ended
-- in no further action. Keep the row that has a source, then the first
-- row, so the source never depends on SQLite's order of evaluation.
DROP VIEW cin_referrals_current;
CREATE VIEW cin_referrals_current AS
SELECT * FROM (SELECT x.*, r.collection_year, r.kind AS source_kind,
       row_number() OVER (PARTITION BY x.child, x.referral_date
                          ORDER BY r.collection_year DESC, x.return_id DESC,
                                   x.referral_source IS NULL, x.row) AS version
  FROM cin_referrals x JOIN returns r ON r.id = x.return_id WHERE x.child IS NOT NULL AND x.referral_date IS NOT NULL)
WHERE version = 1;
