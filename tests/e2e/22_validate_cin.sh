# caseflow validate on a hand-worked CIN census (2023-24): every finding
# derived on paper.
. "$CASEFLOW_TOP/tests/e2e/lib.sh"

# A1: an open CIN plan from 1 June and an open CP plan from 1 July in the
# same episode: the plan starts while the CIN plan is open (4017) and the
# two run together (4001), both rows flagged each time. One CP plan starts
# in the year and no initial conference is recorded (2883, the return as a
# whole), and only one child's disability is recorded, NONE (2887Q: fewer
# than 8 NONE rows, as DfE's tool counts); the CP plan starts on no initial
# conference's date (2885: the plan, and the episode, which has no S47
# enquiry). B2: ethnicity XXXX (4220), an episode closed on 1 August 2023,
# before its referral on 1 September (8630), and a child born, going on to
# further action, with no disability recorded (8540: child and episode).
# Both give UPN A123456789123: twice (1520), with check letter A where the
# digits weighted 2..13 sum to 404, 404 mod 23 = 13, letter P (1510), and
# characters 2-4 (123) not an LA code (1530); findings show it withheld.
cat > "$work/cin.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2024</Year>
      <ReferenceDate>2024-03-31</ReferenceDate>
    </CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>201</LEA></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>A1</LAchildID>
        <UPN>A123456789123</UPN>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <Sex>1</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-05-01</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N4</PrimaryNeedCode>
        <CINPlanDates>
          <CINPlanStartDate>2023-06-01</CINPlanStartDate>
        </CINPlanDates>
        <ChildProtectionPlans>
          <CPPstartDate>2023-07-01</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
        </ChildProtectionPlans>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>B2</LAchildID>
        <UPN>A123456789123</UPN>
        <PersonBirthDate>2010-01-01</PersonBirthDate>
        <Sex>2</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>XXXX</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-09-01</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2023-08-01</CINclosureDate>
        <ReasonForClosure>RC1</ReasonForClosure>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
XML
"$cf" validate "$work/cin.xml" --table findings --format csv --out "$work/f.csv" 2>"$work/err"
check "validate recognises a CIN census and exits 0 with findings" test $? -eq 0
sed -n '/^rule,type,table/,$p' "$work/f.csv" | cut -d, -f1,3,5 | tail -n +2 | sort >"$work/got"
cat >"$work/want" <<'TXT'
1510,ChildIdentifiers,A1
1510,ChildIdentifiers,B2
1520,ChildIdentifiers,A1
1520,ChildIdentifiers,B2
1530,ChildIdentifiers,A1
1530,ChildIdentifiers,B2
2883,LA,
2885,CINdetails,A1
2885,ChildProtectionPlans,A1
2887Q,LA,
4001,CINplanDates,A1
4001,ChildProtectionPlans,A1
4017,CINplanDates,A1
4017,ChildProtectionPlans,A1
4220,ChildCharacteristics,B2
8540,CINdetails,B2
8540,ChildIdentifiers,B2
8630,CINdetails,B2
TXT
check "findings are the hand-worked ones" diff "$work/want" "$work/got"
check "the UPN is not shown" sh -c "! grep -q A123456789123 '$work/f.csv'"
# the row of a CIN finding is its element's line: B2's <CINdetails> starts on line 49
check "8630 is on line 49" grep -q '^8630,error,CINdetails,49,B2,' "$work/f.csv"
"$cf" validate --list-rules --return cin --year 2024-25 --format csv >"$work/rules.csv"
check "--list-rules --return cin lists the 2024-25 version of 8750" grep -q '^8750,error,2024-25 to now,' "$work/rules.csv"
"$cf" validate --rules 8630 "$work/cin.xml" --format csv --out "$work/one/" 2>/dev/null
check "--rules runs only the rules given (a summary row and a finding)" \
	test "$(cat "$work/one/summary.csv" "$work/one/findings.csv" | grep -c '^8630,')" -eq 2
