SELECT 'episodes view', child, decom, dec, rec, collection_year FROM episodes ORDER BY child, decom;
SELECT 'history', e.child, e.decom, e.dec, r.collection_year FROM ssda903_episodes e JOIN returns r ON r.id = e.return_id ORDER BY e.child, r.collection_year;
