#!/bin/sh
# usage: verdict.sh LOG
# Judges a guest console log (scripts/qemu.sh).  It fails on
#   - a guest that did not finish (no "GUEST: done": hang, timeout, crash),
#     shown with the last lines of the log;
#   - any kernel report: panic, lockdep, list debug, KASAN, KFENCE, KCSAN, UBSAN,
#     hung task, RCU stall, soft/hard lockup, oops, BUG, WARNING, OOM kill,
#     and a "Call Trace:" that none of these explains; each category is
#     named, with its first occurrence and the lines around it;
# and otherwise on the tests: scripts/summary.sh (one line per test group).
# The last line is "verdict: PASS" or "verdict: FAIL (<reasons>)".
# env: VERDICT_CONTEXT (lines shown after a report, default 25),
#      VERDICT_TAIL (lines shown for a hang, default 30).
# Exit: 0 pass, 1 fail, 2 usage.
log=${1:-}
[ -f "$log" ] || { echo "usage: verdict.sh LOG (no file '$log')" >&2; exit 2; }
here=$(dirname "$0")
ctx=${VERDICT_CONTEXT:-25}
tailn=${VERDICT_TAIL:-30}
reasons=

if ! tr -d '\r' <"$log" | grep -q '^GUEST: done'; then
	echo "FAIL: guest did not finish (hang or timeout); last lines of the log:"
	tr -d '\r' <"$log" | tail -n "$tailn" | sed 's/^/  | /'
	reasons="hang"
fi

# One category per line, the first that matches; each category is shown once
# (its first line, 3 lines before, $ctx after) with its number of lines.
reports=$(tr -d '\r' <"$log" | awk -v ctx="$ctx" '
function cat_of(s) {
	if (s ~ /Kernel panic - not syncing/) return "panic"
	if (s ~ /possible circular locking dependency|possible recursive locking detected|inconsistent lock state|INFO: lockdep is turned off|bad unlock balance detected|suspicious RCU usage|possible irq lock inversion|held lock freed|lock held when returning to user space|DEBUG_LOCKS_WARN_ON|kernel\/locking\/lockdep\.c/) return "lockdep"
	if (s ~ /list_add corruption|list_del corruption|list_add_rcu corruption|list corruption/) return "list debug"
	if (s ~ /BUG: KASAN:/) return "KASAN"
	if (s ~ /BUG: KFENCE:/) return "KFENCE"
	if (s ~ /BUG: KCSAN:/) return "KCSAN"
	if (s ~ /UBSAN:/) return "UBSAN"
	if (s ~ /INFO: task .* blocked for more than/) return "hung task"
	if (s ~ /rcu: INFO: .*detected stall|self-detected stall|detected stalls on CPUs/) return "RCU stall"
	if (s ~ /soft lockup - CPU|hard LOCKUP/) return "lockup"
	if (s ~ /Oops: |general protection fault|kernel BUG at|BUG: unable to handle|BUG: kernel NULL pointer dereference/) return "oops"
	if (s ~ /BUG: /) return "BUG"
	if (s ~ /WARNING: /) return "WARNING"
	if (s ~ /invoked oom-killer|Out of memory: Killed process|Memory cgroup out of memory/) return "OOM"
	if (s ~ /Call Trace:/) return "call trace"
	return ""
}
{ line[NR] = $0; c = cat_of($0) }
c != "" { if (!(c in first)) { first[c] = NR; order[++n] = c }; count[c]++ }
END {
	for (i = 1; i <= n; i++) {
		c = order[i]
		# a call trace is only a report of its own when nothing else is
		if (c == "call trace" && n > 1) continue
		l = first[c]
		printf "FAIL: kernel report (%s): %s\n", c, line[l]
		printf "  (%d line(s) of this kind; the first at line %d:)\n", count[c], l
		for (j = (l > 3 ? l - 3 : 1); j <= l + ctx && j <= NR; j++)
			printf "  | %s\n", line[j]
		printf "#REASON %s\n", c
	}
}')
if [ -n "$reports" ]; then
	echo "$reports" | grep -v '^#REASON '
	for r in $(echo "$reports" | sed -n 's/^#REASON //p' | tr ' ' '_'); do
		reasons="${reasons:+$reasons, }$(echo "$r" | tr _ ' ')"
	done
fi

if [ -n "$reasons" ]; then
	echo "--- test results up to there (for information; the verdict is FAIL anyway):"
	sh "$here/summary.sh" "$log"
	echo "verdict: FAIL ($reasons)"
	exit 1
fi
if sh "$here/summary.sh" "$log"; then
	echo "verdict: PASS"
	exit 0
fi
echo "verdict: FAIL (test failures)"
exit 1
