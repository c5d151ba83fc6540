#!/bin/sh
# usage: summary.sh LOG
# Counts the TAP/KTAP results in a guest console log, one line per group:
#   <group>: P passed, F failed[, S skipped][ (M planned results missing)]
# followed by the failed tests of the group, then the last line
#   N passed, N failed[, N skipped]
# A group is a top-level result: a KUnit suite (the kernel's boot-time KTAP),
# a kselftest program ("selftests: swap: prog" is shown as swap/prog), or a
# check of the guest itself (cgroup2-memory, swapon-zram0, stress-ng, ...).
# Only leaves (the innermost results) are counted; a parent "not ok" whose
# children all passed counts as one failure; "# SKIP" (and "# TODO") is
# skipped.  A block that planned 1..N and got fewer results counts the
# missing ones as failed (a crash mid-run), and so does a log with no
# result at all.
# LOG "-" reads the standard input as it arrives (scripts/qemu.sh pipes the
# console in): each group line is then printed as soon as the group ends,
# with the seconds since the start ("[  42s] swap_cluster: 9 passed, ..."),
# like kunit.py's live results.
# Exit: 0 all passed, 1 a failure (or nothing to count), 2 usage.
log=${1:-}
live=0
if [ "$log" = - ]; then
	live=1
else
	[ -f "$log" ] || { echo "usage: summary.sh LOG|- (no file '$log')" >&2; exit 2; }
fi
# mawk (Debian's awk) reads a pipe in blocks, and so would print the live
# lines only at the end, unless it is interactive
AWK=awk
awk -W version 2>&1 | grep -q mawk && AWK="awk -W interactive"

$AWK -v live="$live" '
# depth d blocks: open[d] (a block of children is in progress at depth d),
# plan[d], nres[d], and the leaf counts P/F/S/M (missing) with the failed
# leaf names FL collected for the result at depth d-1 that will close it.
function reset(d) {
	open[d] = 0; plan[d] = -1; nres[d] = 0; sub_[d] = ""
	P[d] = 0; F[d] = 0; S[d] = 0; M[d] = 0; FL[d] = ""
}
function prefix(list, name,    n, i, a, out) {
	n = split(list, a, "\n"); out = ""
	for (i = 1; i <= n; i++) if (a[i] != "") out = out name "." a[i] "\n"
	return out
}
# a result at depth d: a leaf, or the parent closing the block at d+1
function result(d, ok, name, dir,    k, cp, cf, cs, cm, cfl, skip) {
	for (k = maxd; k > d + 1; k--) if (open[k]) unfinished(k)
	skip = (toupper(dir) ~ /^(SKIP|TODO)/)
	cp = cf = cs = cm = 0; cfl = ""
	if (open[d + 1]) {
		cp = P[d + 1]; cf = F[d + 1]; cs = S[d + 1]; cm = M[d + 1]
		if (plan[d + 1] > nres[d + 1]) cm += plan[d + 1] - nres[d + 1]
		cfl = FL[d + 1]
		if (!ok && !skip && cf + cm == 0) { cf = 1; cfl = cfl "(" name " itself: not ok" (dir != "" ? " # " dir : "") ")\n" }
		reset(d + 1)
	}
	if (cp + cf + cs + cm == 0) {	# a leaf (or a parent with no results)
		if (skip) cs = 1
		else if (ok) cp = 1
		else { cf = 1; cfl = name (dir != "" ? " # " dir : "") "\n" }
	} else if (d > 0)
		cfl = prefix(cfl, name)
	if (cut && d > 0) cfl = cfl name "\n"	# an unfinished block: name it
	cut = 0
	if (d == 0) group(name, cp, cf, cs, cm, cfl)
	else { P[d] += cp; F[d] += cf; S[d] += cs; M[d] += cm; FL[d] = FL[d] cfl }
	open[d] = 1; nres[d]++
	if (d > maxd) maxd = d
}
# the block at depth k never got its closing result (a crash, a timeout)
function unfinished(k,    name, j) {
	for (j = maxd; j > k; j--) if (open[j]) unfinished(j)
	name = sub_[k] != "" ? sub_[k] : "(unnamed block)"
	# one failure at least, also where no plan says what is missing
	if (plan[k] <= nres[k]) M[k]++
	cut = 1
	result(k - 1, 0, name " (unfinished)", "")
}
function group(name, p, f, s, m, fl,    n, i, a) {
	ngroups++
	if (live) { srand(); printf "[%4ds] ", srand() - t0 }
	printf "%s: %d passed, %d failed%s%s\n", name, p, f + m,
		s ? ", " s " skipped" : "", m ? " (" m " planned results missing)" : ""
	n = split(fl, a, "\n")
	for (i = 1; i <= n; i++) if (a[i] != "") print "    not ok: " a[i]
	tp += p; tf += f + m; ts += s
	if (live) fflush()
}
# end of a top-level block: close what is open, check its plan
function close_top(    k) {
	for (k = maxd; k >= 1; k--) if (open[k]) unfinished(k)
	if (plan[0] > nres[0])
		group(blockname " (" plan[0] " planned, " nres[0] " ran)", 0, 0, 0, plan[0] - nres[0], "")
	for (k = 0; k <= maxd + 1; k++) reset(k)
}
BEGIN {
	maxd = 0; reset(0); reset(1); blockname = "tap"; guest = ""
	# srand() returns the previous seed: the second call gives the time of
	# day that the first one seeded with (POSIX awk has no clock)
	if (live) { srand(); t0 = srand() }
}
{
	s = $0
	gsub(/\r/, "", s)
	gsub(/\033\[[0-9;?]*[A-Za-z]/, "", s)
	gsub(/\033./, "", s)
	# a printk line ("[   12.345678] ...") may start in the middle of a
	# user space line that was not finished yet: the text before the
	# timestamp is that user line (its tail follows on the next line),
	# the rest is the kernel message
	if (match(s, /\[ *[0-9]+\.[0-9]+\] /)) {
		at = RSTART; al = RLENGTH	# line() calls match() too
		if (at > 1) line(substr(s, 1, at - 1), 0)
		line(substr(s, at + al), 1)
	} else
		line(s, 0)
}
function line(s, hadts) {
	sub(/^\[ *[CT][0-9]+\] /, "", s)
	if (s ~ /^GUEST: begin /) { guest = s; sub(/^GUEST: begin /, "", guest) }
	# depth: one level per leading "    " (KTAP) or "# " (kselftest runner)
	d = 0
	for (;;) {
		if (s ~ /^(not )?ok [0-9]+( |$)/) { kind = "result"; break }
		if (s ~ /^1\.\.[0-9]+/) { kind = "plan"; break }
		if (s ~ /^K?TAP version [0-9]+/) { kind = "version"; break }
		if (s ~ /^# Subtest: /) { kind = "subtest"; break }
		if (substr(s, 1, 4) == "    ") { s = substr(s, 5); d++; continue }
		if (substr(s, 1, 2) == "# ") { s = substr(s, 3); d++; continue }
		kind = ""; break
	}
	if (kind == "") return
	if (d > maxd) maxd = d
	if (kind == "version") {
		if (d == 0) {
			close_top()
			blockname = hadts ? "kunit" : (guest != "" ? guest : "tap")
		} else if (open[d] && nres[d] > 0)
			unfinished(d)
		open[d] = 1
	} else if (kind == "plan") {
		plan[d] = substr(s, 4) + 0; open[d] = 1
	} else if (kind == "subtest") {
		sub_[d] = substr(s, 12); open[d] = 1
	} else {
		ok = (s !~ /^not /)
		sub(/^(not )?ok [0-9]+ ?/, "", s)
		sub(/^- /, "", s)
		dir = ""
		if (match(s, /(^| )# /)) {
			dir = substr(s, RSTART + RLENGTH)
			s = substr(s, 1, RSTART - 1)
		}
		# kselftest runner: "selftests: swap: prog" -> swap/prog
		if (s ~ /^selftests: [^:]+: /) { sub(/^selftests: /, "", s); sub(/: /, "/", s) }
		if (s == "") s = "(unnamed)"
		nresults++
		result(d, ok, s, dir)
	}
}
END {
	close_top()
	if (live) exit tf > 0	# the judged total comes from verdict.sh
	if (ngroups == 0) { print "FAIL: no test results in the log"; tf++ }
	printf "%d passed, %d failed%s\n", tp, tf, ts ? ", " ts " skipped" : ""
	exit tf > 0
}' "$log"
