-- C1 is in both years (the 2023-24 version wins); C2 and C5 ended before April 2023;
-- C4 was open at 31 March 2023 and is not in the 2023-24 return: 0001's view still
-- holds it as current (a later return supersedes only episodes it lists).
SELECT 'episodes view', child, decom, dec, rec, collection_year FROM episodes ORDER BY child, decom;
SELECT 'history', e.child, e.decom, e.dec, r.collection_year FROM ssda903_episodes e JOIN returns r ON r.id = e.return_id ORDER BY e.child, r.collection_year;
