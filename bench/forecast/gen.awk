# Generate a synthetic authority's SSDA903 header, episodes and uasc CSVs,
# one folder per collection year, for benchmarking `caseflow forecast`.
# Not realistic in detail: children enter at a steady rate at ages 0-17,
# stay an exponential time (capped at 18), and move placement now and then.
# usage: awk -v children=100000 -v years=5 -v last=2024 -v out=DIR -v seed=1 -f bench/forecast/gen.awk
function days_from_civil(y, m, d,    era, yoe, doy, doe) {
	y -= m <= 2; era = int((y >= 0 ? y : y - 399) / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function fmt(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468; era = int((z >= 0 ? z : z - 146096) / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp + (mp < 10 ? 3 : -9); y += m <= 2
	return sprintf("%02d/%02d/%04d", d, m, y)
}
function expo(mean) { return -mean * log(1 - rand()) }
function pick_place(   u) {
	u = rand()
	if (u < 0.18) return "U1"; if (u < 0.30) return "U3"; if (u < 0.55) return "U4"; if (u < 0.72) return "U6"
	if (u < 0.80) return "K2"; if (u < 0.83) return "R1"; if (u < 0.88) return "H5"; if (u < 0.91) return "P2"
	if (u < 0.95) return "P1"; if (u < 0.97) return "A5"; if (u < 0.99) return "T0"; return "Z1"
}
BEGIN {
	srand(seed)
	first = last - years        # first collection year ends 31 March first+1
	win0 = days_from_civil(first, 4, 1); win1 = days_from_civil(last, 3, 31)
	# entries run from 6 years before the window so the window starts with a stock
	e0 = win0 - 6 * 365
	for (y = first; y < last; y++) {
		dir[y] = sprintf("%s/%d_%02d", out, y, (y + 1) % 100)
		system("mkdir -p '" dir[y] "'")
		print "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN" > (dir[y] "/episodes.csv")
		print "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB" > (dir[y] "/header.csv")
		print "CHILD,SEX,DOB,DUC" > (dir[y] "/uasc.csv")
	}
	made = 0; id = 100000
	while (made < children) {
		id++
		entry = e0 + int(rand() * (win1 - e0))
		age = int(rand() * rand() * 18 * 365)          # more young than old entrants
		dob = entry - age
		leave = entry + int(expo(650))
		if (leave > dob + 18 * 365) leave = dob + 18 * 365 + 1
		if (leave <= win0) continue                     # gone before the data starts
		made++
		n = 0; s = entry
		while (s < leave && s <= win1) {
			e = s + 30 + int(expo(420))
			if (e >= leave) e = leave
			n++; st[n] = s; en[n] = e; pl[n] = pick_place(); pr[n] = rand() < 0.6 ? "PR1" : "PR4"
			ls[n] = n == 1 ? "V2" : (rand() < 0.7 ? "C2" : "C1")
			rne[n] = n == 1 ? "S" : (rand() < 0.15 ? "L" : "P")
			if (rne[n] == "L") pl[n] = pl[n - 1]
			s = e
		}
		sex = rand() < 0.55 ? 1 : 2
		for (y = first; y < last; y++) {
			y0 = days_from_civil(y, 4, 1); y1 = days_from_civil(y + 1, 3, 31); any = 0
			for (k = 1; k <= n; k++) {
				if (st[k] > y1 || en[k] < y0) continue
				closed = en[k] <= y1
				rec = !closed ? "" : (k < n ? "X1" : "E13")
				printf "%d,%s,%s,%s,N1,%s,%s,%s,%s,,,,\n", id, fmt(st[k]), rne[k], ls[k], pl[k], pr[k],
					closed ? fmt(en[k]) : "", rec > (dir[y] "/episodes.csv")
				any = 1
			}
			if (any)
				printf "%d,%d,%s,WBRI,,,\n", id, sex, fmt(dob) > (dir[y] "/header.csv")
		}
	}
}
