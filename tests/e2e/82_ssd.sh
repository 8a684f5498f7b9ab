#!/bin/sh
# The Standard Safeguarding Dataset: an extract of ssd_* CSV tables loads to
# the same records as the statutory returns. A synthetic authority written
# both ways gives the same kpi and summary figures, except where the SSD
# cannot say what the returns say (docs/ssd.md); a hand-made extract checks
# the joins, the issues and that a failed load changes nothing.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"
fingerprint() {
	sqlite3 "$1" .dump | grep '^INSERT' | grep -v '^INSERT INTO schema_version' | sha256sum | cut -c1-16
}

# --- the round trip: one simulation, as returns and as an SSD extract --------
"$cf" synth --children 3000 --years 2 --first-year 2023 --seed 5 --out "$work/ret" --write-ssd "$work/ssd" --quiet
check "synth --write-ssd writes the 18 ssd_* tables" [ "$(ls "$work/ssd" | grep -c '^ssd_.*\.csv$')" -eq 18 ]
check "the extract names nobody: no forename, surname or UPN column" \
	sh -c "! cat '$work'/ssd/*.csv | head -c 100000000 | grep -qi 'forename\|surname\|upn,'"
a=$work/returns.db b=$work/ssd.db
"$cf" ingest --db "$a" "$work/ret/2023-24/ssda903" "$work/ret/2024-25/ssda903" "$work/ret/2023-24/cin_census.xml" \
	"$work/ret/2024-25/cin_census.xml" "$work/ret/2023-24/contacts.csv" "$work/ret/2024-25/contacts.csv" >/dev/null 2>&1
"$cf" ingest --db "$b" "$work/ssd" > "$work/ssd_ingest.txt" 2>&1
check "the SSD extract loads" [ $? -eq 0 ]
check "each table is a return of kind ssd, in the extract's year" \
	[ "$(sqlite3 "$b" "SELECT count(*) || ',' || min(collection_year) || ',' || max(collection_year) FROM returns WHERE kind = 'ssd'")" = "18,2025,2025" ]
check "it covers 2023-24 and 2024-25 (from its first contact)" \
	[ "$(sqlite3 "$b" "SELECT group_concat(collection_year) FROM ssd_years")" = "2024,2025" ]
check "no value problems in the synthetic extract" [ "$(sqlite3 "$b" "SELECT count(*) FROM issues")" -eq 0 ]
check "no full postcode anywhere in the store" \
	sh -c "! sqlite3 '$b' .dump | grep -Eq 'X[SN][0-9]+ [0-9][A-Z][A-Z]'"
check "the same children looked after, with the same episodes" \
	[ "$(sqlite3 "$a" "SELECT count(*), count(DISTINCT child) FROM episodes WHERE coalesce(dec, '9') >= '2023-04-01'")" = \
	  "$(sqlite3 "$b" "SELECT count(*), count(DISTINCT child) FROM episodes WHERE coalesce(dec, '9') >= '2023-04-01'")" ]
for db in "$a" "$b"; do
	"$cf" kpi --db "$db" --period all --format csv > "$db.kpi" 2>/dev/null
	"$cf" summary --db "$db" --format csv --table summary > "$db.summary" 2>/dev/null
done
check "kpi: figures for 2023-24 and 2024-25 (years, quarters, months)" [ "$(wc -l < "$b.kpi")" -gt 1000 ]
# What differs, and only that: the census counts CP plans before the years
# loaded (NumberOfPreviousCPP), the SSD only the plans it holds; and the
# SSD's care leavers are their status now, so the 903's OC3 of an earlier
# year (EET at 19-21 on the birthday that year) has no SSD counterpart.
diff "$a.kpi" "$b.kpi" | grep '^[<>]' | cut -c3- | cut -d, -f1 | sort -u > "$work/differ.txt"
check "kpi: only cpp_subsequent and care_leavers_eet_19_21 differ" \
	[ "$(tr '\n' ' ' < "$work/differ.txt")" = "care_leavers_eet_19_21 cpp_subsequent " ]
check "kpi: care leavers in EET agree for the extract's own year" \
	[ "$(grep '^care_leavers_eet_19_21,2024-25,' "$a.kpi")" = "$(grep '^care_leavers_eet_19_21,2024-25,' "$b.kpi")" ]
check "kpi: the 2023-24 care leavers are absent from the SSD, not miscounted" \
	grep -q '^care_leavers_eet_19_21,2023-24,all,all,0,0,' "$b.kpi"
check "summary: identical (looked after, started, ceased by age and placement, each 31 March)" \
	cmp -s "$a.summary" "$b.summary"
check "summary: both 31 Marches" [ "$(cut -d, -f1 "$b.summary" | grep . | sort -u | tr '\n' ' ')" = "2024-03-31 2025-03-31 date " ]
child=$(sqlite3 "$a" "SELECT child FROM episodes ORDER BY child LIMIT 1")
"$cf" journey --db "$a" --child "$child" --format csv | cut -d, -f1,2 > "$work/ja.txt"
"$cf" journey --db "$b" --child "$child" --format csv > "$work/jb.csv"
check "journey: the same dated events for a child in care" sh -c "cut -d, -f1,2 '$work/jb.csv' | cmp -s - '$work/ja.txt'"
check "journey: each event names its SSD file and row" grep -q ',ssd,.*ssd_cla_episodes.csv,[0-9]' "$work/jb.csv"
"$cf" ingest --db "$work/alloc.db" "$work/ret/allocations.csv" > /dev/null 2>&1
alloc_sql="SELECT worker_id || ' ' || child || ' ' || from_date FROM allocations WHERE service = 'children''s social care'
	AND from_date <= '2025-03-31' AND coalesce(to_date, '9') >= '2023-04-01' ORDER BY 1"
sqlite3 "$work/alloc.db" "$alloc_sql" > "$work/alloc_a.txt"
sqlite3 "$b" "$alloc_sql" > "$work/alloc_b.txt"
check "workers: the SSD's involvements are the families extract's social work allocations ($(wc -l < "$work/alloc_b.txt"))" \
	sh -c "[ -s '$work/alloc_b.txt' ] && cmp -s '$work/alloc_a.txt' '$work/alloc_b.txt'"
# both into one store: the returns, then the extract; a plan both hold keeps the census's count of
# the plans before it, so every figure is the returns'
cp "$a" "$work/both.db"
"$cf" ingest --db "$work/both.db" "$work/ssd" > /dev/null 2>&1
"$cf" kpi --db "$work/both.db" --period all --format csv > "$work/both.kpi" 2>/dev/null
check "returns and SSD in one store: every kpi figure is the returns'" cmp -s "$a.kpi" "$work/both.kpi"
loaded=$(fingerprint "$b")
"$cf" ingest --db "$b" "$work/ssd" > /dev/null 2>&1
check "loading the extract again adds nothing" [ "$(fingerprint "$b")" = "$loaded" ]

# --- a hand-made extract: the joins, worked by hand ---------------------------
x=$work/hand
mkdir -p "$x"
printf 'pers_person_id,pers_sex,pers_ethnicity,pers_dob,pers_forename\nP1,F,WBRI,2012-05-01 00:00:00,ignored\nP2,M,MWBC,03/02/2015,\n' > "$x/ssd_person.csv"
# P1: looked after from 1 May 2023 on a C2; the legal status changes to C1
# on 1 Aug 2023 with no move (episode 2, RNE L, same placement PL1); she
# moves on 1 Nov 2023 (PL2, reason CHILD). So: episode 1 is C2 at U4 with
# no reason for change (its placement goes on), episode 2 is C1 at U4 and
# carries PL1's reason, episode 3 is C1 at K2.
printf 'clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_primary_need_code,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_id,clae_cla_placement_id\nE1,P1,2023-05-01,S,N1,2023-08-01,X1,CLA1,PL1\nE2,P1,2023-08-01,L,N1,2023-11-01,X1,CLA1,PL1\nE3,P1,2023-11-01,P,N1,,,CLA1,PL2\n' > "$x/ssd_cla_episodes.csv"
printf 'lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date\nL1,P1,C2,2023-05-01,2023-08-01\nL2,P1,C1,2023-08-01,\n' > "$x/ssd_legal_status.csv"
printf 'clap_cla_placement_id,clap_cla_placement_start_date,clap_cla_placement_type,clap_cla_placement_urn,clap_cla_placement_provider,clap_cla_placement_postcode,clap_cla_placement_end_date,clap_cla_placement_change_reason\nPL1,2023-05-01,U4,,PR1,LS1 4AB,2023-11-01,CHILD\nPL2,2023-11-01,K2,SC123456,PR4,LS2 7EE,,\n' > "$x/ssd_cla_placement.csv"
# P2: a referral on 5 June 2023 with an s47 on 8 June, a conference on
# 20 June, and a CP plan from it; row 3 has a date nobody can read.
printf 'cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,cine_referral_nfa,cine_close_reason,cine_close_date\nR1,P2,2023-06-05,N1,1A,N,,\nR2,P2,2023-13-40,N2,5A,N,,\n' > "$x/ssd_cin_episodes.csv"
printf 's47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_outcome_json\nS1,R1,P2,2023-06-08,2023-06-20,"{""CP_CONFERENCE_FLAG"": ""Y""}"\n' > "$x/ssd_s47_enquiry.csv"
printf 'icpc_icpc_id,icpc_s47_enquiry_id,icpc_person_id,icpc_referral_id,icpc_icpc_target_date,icpc_icpc_date\nI1,S1,P2,R1,2023-06-29,2023-06-20\n' > "$x/ssd_initial_cp_conference.csv"
printf 'cppl_cp_plan_id,cppl_referral_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category\nC1,R1,P2,2023-06-20,,Neglect,Multiple: Neglect; Emotional abuse\nC2,R1,P2,2023-07-01,,Bruises,\n' > "$x/ssd_cp_plans.csv"
# a review of a period of care the extract does not have, and factors of an assessment it lacks
printf 'clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_review_cancelled,clar_cla_review_participation\nV1,CLA1,2023-05-20,N,PN1\nV2,CLA9,2023-06-01,N,PN1\nV3,CLA1,2023-07-01,Y,PN1\n' > "$x/ssd_cla_reviews.csv"
printf 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A9,"[""1A""]"\n' > "$x/ssd_assessment_factors.csv"
# a truncated line
printf 'miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date\nM1,P1,2023-09-01,M,2023-09-02\nM2,P1,2023-10-01\n' > "$x/ssd_missing.csv"
h=$work/hand.db
"$cf" ingest --db "$h" "$x" > "$work/hand.txt" 2>&1
check "a hand-made extract loads" [ $? -eq 0 ]
q() { sqlite3 "$h" "$1"; }
check "episodes: legal status in force on the first day, the placement, its reason on the episode it ends with" \
	[ "$(q "SELECT group_concat(decom || ' ' || ls || ' ' || place || ' ' || coalesce(reason_place_change, '-'), '|') FROM (SELECT * FROM ssda903_episodes ORDER BY decom)")" = \
	  "2023-05-01 C2 U4 -|2023-08-01 C1 U4 CHILD|2023-11-01 C1 K2 -" ]
check "episodes: placement postcodes as sectors only" [ "$(q "SELECT group_concat(pl_post, '|') FROM ssda903_episodes")" = "LS1 4|LS1 4|LS2 7" ]
check "the 903 header: sex as 903 codes, datetime and dd/mm/yyyy births as ISO" \
	[ "$(q "SELECT child || ' ' || sex || ' ' || dob FROM ssda903_header") / $(q "SELECT group_concat(child || ' ' || sex || ' ' || dob, ',') FROM children")" = \
	  "P1 2 2012-05-01 / P1 2 2012-05-01,P2 1 2015-02-03" ]
check "s47: its referral's date, and the conference's target and date" \
	[ "$(q "SELECT referral_date || ' ' || icpc_target_date || ' ' || icpc_date || ' ' || icpc_not_required FROM s47_enquiries")" = "2023-06-05 2023-06-29 2023-06-20 0" ]
check "CP plans: the SSD's words as the census's codes; the second counts the first" \
	[ "$(q "SELECT group_concat(coalesce(initial_category, '-') || ' ' || coalesce(latest_category, '-') || ' ' || previous_plans, '|') FROM (SELECT * FROM cp_plans ORDER BY start_date)")" = "NEG MUL 0|Bruises - 1" ]
check "an unknown category is kept as given, with an issue naming file, row and column" \
	[ "$(q "SELECT (r.path LIKE '%ssd_cp_plans.csv') || ',' || i.row || ',' || i.column_name || ',' || i.value || ',' || i.kind FROM issues i JOIN returns r ON r.id = i.return_id WHERE i.tbl = 'cp_plans'")" = "1,3,cppl_cp_plan_initial_category,Bruises,unknown_code" ]
check "a date nobody can read: an issue at its row and column, with the value" \
	[ "$(q "SELECT row || ',' || column_name || ',' || value || ',' || kind || ',' || child FROM issues WHERE tbl = 'cin_episodes'")" = "3,cine_referral_date,2023-13-40,bad_date,P2" ]
check "reviews: the period of care's child; a cancelled one and one of an unknown period are not stored" \
	[ "$(q "SELECT group_concat(child || ' ' || review || ' ' || review_code) FROM ssda903_reviews")" = "P1 2023-05-20 PN1" ]
check "rows naming records the extract lacks are issues at their file and row" \
	[ "$(q "SELECT group_concat(tbl || ':' || row || ':' || column_name || ':' || value, ' ') FROM (SELECT * FROM issues WHERE kind = 'unlinked' ORDER BY tbl)")" = \
	  "assessment_factors:2:cinf_assessment_id:A9 cla_reviews:3:clar_cla_id:CLA9" ]
check "a truncated line is kept, with a short_row issue at its row" \
	[ "$(q "SELECT group_concat(mis_start || ' ' || coalesce(mis_end, '-'), '|') FROM ssda903_missing") $(q "SELECT row FROM issues WHERE kind = 'short_row'")" = "2023-09-01 2023-09-02|2023-10-01 - 3" ]
check "ingest's summary counts them on their files' lines" \
	grep -q 'ssd_cla_reviews.csv .* 1  ssd_cla_reviews' "$work/hand.txt"
check "a column caseflow does not read (pers_forename) is never stored" sh -c "! sqlite3 '$h' .dump | grep -q ignored"

# --- a failed load changes nothing --------------------------------------------
before=$(fingerprint "$h")
y=$work/broken
mkdir -p "$y"
cp "$x/ssd_person.csv" "$y/"
printf 'clae_cla_episode_id,clae_cla_episode_start_date\nE9,2024-01-01\n' > "$y/ssd_cla_episodes.csv"
"$cf" ingest --db "$h" "$y" > /dev/null 2> "$work/err.txt"
check "a table without a column caseflow needs is refused (exit 1)" [ $? -eq 1 ]
check "the message names the file and the column" \
	grep -q "ssd_cla_episodes.csv.*clae_person_id" "$work/err.txt"
check "the refused extract left the store as it was" [ "$(fingerprint "$h")" = "$before" ]
CASEFLOW_FAIL_AFTER_ROWS=500 "$cf" ingest --db "$h" "$work/ssd" > /dev/null 2>&1
check "a failure part-way through a large extract fails the load" [ $? -ne 0 ]
check "and leaves the store as it was" [ "$(fingerprint "$h")" = "$before" ]
check "no staging table is left behind" [ "$(q "SELECT count(*) FROM sqlite_temp_master")" = 0 ]
echo "1..$n"
