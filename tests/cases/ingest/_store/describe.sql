-- What an ingest case's store holds, as plain text for the sqlite3 CLI:
-- returns, row counts per table, the episodes and the issues (no load
-- times or absolute paths). Each case's `check` runs it.
.headers off
.mode list
.nullvalue NULL
SELECT '== returns';
SELECT path, kind, collection_year, rows, issues FROM returns ORDER BY id;
SELECT '== rows stored';
SELECT 'header', count(*) FROM ssda903_header UNION ALL
SELECT 'episodes', count(*) FROM ssda903_episodes UNION ALL
SELECT 'reviews', count(*) FROM ssda903_reviews UNION ALL
SELECT 'uasc', count(*) FROM ssda903_uasc UNION ALL
SELECT 'oc2', count(*) FROM ssda903_oc2 UNION ALL
SELECT 'oc3', count(*) FROM ssda903_oc3 UNION ALL
SELECT 'ad1', count(*) FROM ssda903_ad1 UNION ALL
SELECT 'placed_for_adoption', count(*) FROM ssda903_placed_for_adoption UNION ALL
SELECT 'previous_permanence', count(*) FROM ssda903_previous_permanence UNION ALL
SELECT 'missing', count(*) FROM ssda903_missing UNION ALL
SELECT 'social_worker_episodes', count(*) FROM ssda903_social_worker_episodes UNION ALL
SELECT 'children', count(*) FROM children;
SELECT '== episodes';
SELECT row, child, decom, rne, ls, cin, place, place_provider, dec, rec, reason_place_change,
       home_post, pl_post, urn FROM ssda903_episodes ORDER BY return_id, row;
SELECT '== issues';
SELECT r.path, i.tbl, i.row, i.line, i.child, i.column_name, i.value, i.kind
FROM issues i JOIN returns r ON r.id = i.return_id ORDER BY i.id;
