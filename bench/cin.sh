#!/bin/sh
# CIN census and Annex A parse rates (see bench/README.md, "CIN census and
# Annex A"). Generates a census of CIN_BENCH_CHILDREN children (default
# 700,000, national size) by repeating two children (one in four with a full
# CIN episode: assessment, CIN plan, section 47, CP plan with two reviews;
# the rest with a referral only), then:
#   1. parses it with the streaming reader alone (bench/cin_parse.c):
#      children/s, MB/s, peak RSS from getrusage;
#   2. loads CIN_BENCH_LOAD_CHILDREN of them (default 100,000) with
#      `caseflow ingest` into a fresh store, timed by /usr/bin/time;
#   3. writes an Annex A workbook for an authority of ANNEXA_BENCH_CHILDREN
#      children (default 100,000; lists sized as a year's volumes) and parses
#      it with the Annex A reader (bench/annexa_bench.c), then ingests it.
# Run from the top of the checkout after `make`. Uses one core.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
n=${CIN_BENCH_CHILDREN:-700000}
nload=${CIN_BENCH_LOAD_CHILDREN:-100000}
nannexa=${ANNEXA_BENCH_CHILDREN:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { # gen N FILE
	awk -v n="$1" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
	print "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L</SourceLevel>"
	print "<LEA>999</LEA><SoftwareCode>bench</SoftwareCode></Source></Header>"
	print "<Children>"
	for (i = 1; i <= n; i++) {
		id = sprintf("B%07d", i)
		print "  <Child>"
		print "    <ChildIdentifiers>"
		print "      <LAchildID>" id "</LAchildID>"
		print "      <UPN>A" sprintf("%012d", i) "</UPN>"
		print "      <PersonBirthDate>2013-0" (i % 9 + 1) "-1" (i % 9) "</PersonBirthDate>"
		print "      <Sex>" (i % 2 ? "M" : "F") "</Sex>"
		print "    </ChildIdentifiers>"
		print "    <ChildCharacteristics>"
		print "      <Ethnicity>WBRI</Ethnicity>"
		if (i % 4 == 0) {
			print "      <Disabilities><Disability>HAND</Disability><Disability>HEAR</Disability></Disabilities>"
		}
		print "    </ChildCharacteristics>"
		print "    <CINdetails>"
		print "      <CINreferralDate>2023-10-06</CINreferralDate>"
		print "      <ReferralSource>1A</ReferralSource>"
		print "      <PrimaryNeedCode>N4</PrimaryNeedCode>"
		if (i % 4 == 0) {
			print "      <CINclosureDate>2024-02-27</CINclosureDate>"
			print "      <ReasonForClosure>RC1</ReasonForClosure>"
			print "      <Assessments>"
			print "        <AssessmentActualStartDate>2023-10-07</AssessmentActualStartDate>"
			print "        <AssessmentAuthorisationDate>2023-11-18</AssessmentAuthorisationDate>"
			print "        <FactorsIdentifiedAtAssessment>"
			print "          <AssessmentFactors>2A</AssessmentFactors>"
			print "          <AssessmentFactors>3A</AssessmentFactors>"
			print "        </FactorsIdentifiedAtAssessment>"
			print "      </Assessments>"
			print "      <CINPlanDates>"
			print "        <CINPlanStartDate>2023-11-24</CINPlanStartDate>"
			print "        <CINPlanEndDate>2023-12-26</CINPlanEndDate>"
			print "      </CINPlanDates>"
			print "      <Section47>"
			print "        <S47ActualStartDate>2023-10-08</S47ActualStartDate>"
			print "        <InitialCPCtarget>2023-10-27</InitialCPCtarget>"
			print "        <DateOfInitialCPC>2023-10-20</DateOfInitialCPC>"
			print "        <ICPCnotRequired>0</ICPCnotRequired>"
			print "      </Section47>"
			print "      <ReferralNFA>0</ReferralNFA>"
			print "      <ChildProtectionPlans>"
			print "        <CPPstartDate>2023-10-20</CPPstartDate>"
			print "        <CPPendDate>2024-02-14</CPPendDate>"
			print "        <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
			print "        <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
			print "        <NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
			print "        <Reviews>"
			print "          <CPPreviewDate>2024-01-15</CPPreviewDate>"
			print "          <CPPreviewDate>2024-02-12</CPPreviewDate>"
			print "        </Reviews>"
			print "      </ChildProtectionPlans>"
		} else {
			print "      <ReferralNFA>1</ReferralNFA>"
		}
		print "    </CINdetails>"
		print "  </Child>"
	}
	print "</Children></Message>" }' > "$2"
}

# the bench programs, as `make bench` builds them
make -s -C "$top" build/caseflow build/bench/cin_parse build/bench/annexa_bench

echo "== CIN census: parse only, $n children"
gen "$n" "$tmp/census.xml"
ls -l "$tmp/census.xml" | awk '{ printf "file: %.1f MB\n", $5 / 1e6 }'
"$top/build/bench/cin_parse" "$tmp/census.xml"
rm -f "$tmp/census.xml"

echo "== CIN census: caseflow ingest of $nload children into a new store"
gen "$nload" "$tmp/load.xml"
CASEFLOW_NO_PROGRESS=1 /usr/bin/time -o "$tmp/time.txt" -f "ingest: %e s elapsed, %U s user, peak RSS %M KB" \
	"$top/build/caseflow" ingest --db "$tmp/bench.db" "$tmp/load.xml" | tail -1
cat "$tmp/time.txt"
sqlite3 "$tmp/bench.db" "SELECT 'stored: ' || (SELECT count(*) FROM cin_children) || ' children, ' ||
	(SELECT count(*) FROM cin_referrals) || ' referrals, ' || (SELECT count(*) FROM assessments) || ' assessments, ' ||
	(SELECT count(*) FROM cp_reviews) || ' CP reviews, ' || (SELECT count(*) FROM issues) || ' issues'"
rm -f "$tmp/load.xml" "$tmp/bench.db"

echo "== Annex A: a workbook for an authority of $nannexa children"
"$top/build/bench/annexa_bench" "$nannexa" "$tmp/Annex_A_bench.xlsx"
CASEFLOW_NO_PROGRESS=1 /usr/bin/time -o "$tmp/time.txt" -f "ingest: %e s elapsed, %U s user, peak RSS %M KB" \
	"$top/build/caseflow" ingest --db "$tmp/annexa.db" "$tmp/Annex_A_bench.xlsx" | tail -1
cat "$tmp/time.txt"
