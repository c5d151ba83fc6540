#!/bin/sh
# usage: lockcost.sh OUT  -> OUT/lockcost.csv, OUT/lockcost.md
# The cost of the cluster lock per swapped page, an estimate that icount
# cannot give (it counts a locked instruction as one instruction):
#   lock round trips per swapped page: the cluster lock class's acquisitions
#     in /proc/lock_stat (OUT/lockstat.csv) over pswpout + pswpin of the same
#     run (OUT/bench.csv), per kernel, device and P, over the lock_stat pairs;
#   the native cost of one lock + unlock on this host (OUT/unlock-cost.csv,
#     bench/unlock-cost.c), for three layouts: "lock-word" (the critical
#     section writes the lock's own word, as the series' count, flags and
#     order updates do), "next-word" (it writes the word after it, a
#     stand-in for the swap table updates, which are in another allocation)
#     and "spread" (another lock a cache line away each time, one thread);
#     stock: "spinlock" (lock cmpxchg + byte store, the queued spinlock's
#     fast paths) and "pvspinlock" (its paravirt unlock, a call of a locked
#     cmpxchg of the locked byte); patched: "byte" (lock bts + release store
#     of the lock bit's byte, this series on x86) and "plain" (lock bts +
#     btr, v3); 1 thread (uncontended, the line stays in this core's cache)
#     and 2 threads, each with its own lock in one cache line (false
#     sharing: the line moves between the cores at every round trip);
#   extra ns per swapped page = patched round trips x patched cost
#                               - stock round trips x stock cost,
#   with its range from the extremes of both factors.
# It leaves out: the preempt_disable() and irq-off work both kernels do
# around the lock, the contended slow paths (queued spinlock vs spinning
# test-and-set), other CPUs, and more than two cores.
#
# usage: lockcost.sh OUT -> OUT/lockcost.csv and OUT/lockcost.md (the report
# section, which bench/bench.sh appends to bench.md), then for every
# results/unlock-cost/NAME.txt (bench/unlock-cost.c's output on another
# machine, with its lscpu lines) OUT/lockcost-NAME.csv and a table in
# lockcost.md: this run's round trips at that machine's instruction costs.
# lockcost.sh OUT COSTS NAME: that one table only (OUT/lockcost-NAME.*).
out=${1:?usage: lockcost.sh OUT [COSTS NAME]}
if [ $# = 1 ]; then
	sh "$0" "$out" "$out/unlock-cost.csv" this || exit 1
	host=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
	{
		echo
		echo "## Lock cost per swapped page (bench/lockcost.sh)"
		echo
		echo "Lock round trips per swapped page: acquisitions of the cluster lock class in"
		echo "lock_stat over pswpout + pswpin of the same run (median of the lockstat pairs)."
		echo "ns per round trip: bench/unlock-cost.c natively on this host ($host), median"
		echo "(min-max) of its repetitions in this run.  Stock: the queued spinlock, lock"
		echo "cmpxchg + byte store (native), or + a call of a locked cmpxchg of the locked byte"
		echo "(paravirt, as KVM guests with PV spinlocks release).  Patched: lock bts + release"
		echo "store of the lock bit's byte (this series on x86), and lock bts + btr (v3, and"
		echo "what __bit_spin_unlock() would do).  The critical section writes the lock word"
		echo "(the count, flags and order updates), the word after it (a stand-in for the swap"
		echo "table writes), or takes another lock a cache line away each time (one thread:"
		echo "the lock is not retaken at once, as in the swap paths).  With 2 threads each has"
		echo "its own lock in one cache line.  Extra = patched trips x patched cost - stock"
		echo "trips x stock cost; the range combines the extremes of both factors (one day's"
		echo "repetitions).  Not covered: preempt/irq work around the lock (both kernels do"
		echo "it), contended slow paths, other CPUs, more than two cores."
		echo
		cat "$out/lockcost-this.md"
		for f in "$(dirname "$0")"/../results/unlock-cost/*.txt; do
			[ -f "$f" ] || continue
			n=$(basename "$f" .txt)
			sh "$0" "$out" "$f" "$n" || continue
			echo
			m=$(sed -n 's/^Model name:[[:space:]]*//p' "$f" | head -1)
			c=$(sed -n 's/^CPU(s):[[:space:]]*//p' "$f" | head -1)
			echo "The same round trips at the costs bench/unlock-cost.c measured natively in"
			echo "another run, results/unlock-cost/$n.txt${m:+ ($m, $c CPUs)} (see results/README.md):"
			echo
			cat "$out/lockcost-$n.md"
		done
	} >"$out/lockcost.md.tmp" && mv "$out/lockcost.md.tmp" "$out/lockcost.md"
	mv "$out/lockcost-this.csv" "$out/lockcost.csv" && rm -f "$out/lockcost-this.md"
	exit 0
fi
costs=$2
suffix=-${3:?usage: lockcost.sh OUT COSTS NAME}
for f in "$out/bench.csv" "$out/lockstat.csv" "$costs"; do
	[ -s "$f" ] || { echo "lockcost.sh: no $f" >&2; exit 1; }
done
grep -E '^(threads,|[0-9]+,)' "$costs" >"$out/.costs.$$" || { echo "lockcost.sh: no CSV rows in $costs" >&2; exit 1; }
trap 'rm -f "$out/.costs.$$"' EXIT
awk -F, -v md="$out/lockcost$suffix.md" '
function sort(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
# stats LIST: sets MED, MIN, MAX of the space-separated numbers in LIST
function stats(list,    n, a) {
	n = split(list, a, " "); sort(a, n)
	MED = n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2; MIN = a[1]; MAX = a[n]
	return n
}
FNR == 1 { file++; for (i = 1; i <= NF; i++) c[file, $i] = i; next }
# bench.csv: the pages of every lockstat run that passed (ok=1, verdict PASS)
file == 1 && $c[1, "mode"] == "lockstat" && $c[1, "ok"] == 1 && $c[1, "verdict"] == "PASS" {
	pages[$c[1, "device"], $c[1, "P"], $c[1, "kernel"], $c[1, "pair"]] = $c[1, "pswpout"] + $c[1, "pswpin"]
	next
}
# lockstat.csv: the acquisitions of the cluster lock per run, summed over its
# classes (one per compilation unit that initialises a cluster lock)
file == 2 && $c[2, "role"] == "cluster" {
	r = $c[2, "device"] SUBSEP $c[2, "P"] SUBSEP $c[2, "kernel"] SUBSEP $c[2, "pair"]
	if (!(r in acq)) runs[++nr] = r
	acq[r] += $c[2, "acquisitions"]
	next
}
file == 3 {
	cost[$c[3, "layout"], $c[3, "threads"], $c[3, "variant"]] = cost[$c[3, "layout"], $c[3, "threads"], $c[3, "variant"]] " " $c[3, "ns_per_pair"]
}
# one (layout, threads) cost of variant V: sets MED, MIN, MAX; 0 if none
function c3(l, t, v) { return (l SUBSEP t SUBSEP v) in cost ? stats(cost[l, t, v]) : 0 }
function ns(v, lo, hi, ok) { return ok ? sprintf("%.2f (%.2f-%.2f)", v, lo, hi) : "n/a" }
END {
	for (j = 1; j <= nr; j++) {
		r = runs[j]; split(r, f, SUBSEP)
		pg = pages[r]
		if (pg <= 0) { printf "lockcost.sh: %s P=%s %s pair %s: no passing run in bench.csv, left out\n", f[1], f[2], f[3], f[4] >"/dev/stderr"; continue }
		k = f[1] SUBSEP f[2]
		if (!(k in seen)) { seen[k] = 1; pts[++np] = k }
		rt[k, f[3]] = rt[k, f[3]] " " acq[r] / pg
	}
	# stock: the queued spinlock, native (spinlock) and paravirt (pvspinlock)
	# unlock; patched: this series (byte: lock bts + byte store release) and
	# v3 (plain: lock bts + btr)
	ns_ = split("spinlock pvspinlock", sv, " "); np_ = split("byte plain", pv, " ")
	print "device,P,layout,threads,stock_variant,patched_variant,stock_rt_per_page,patched_rt_per_page,stock_ns_per_rt,patched_ns_per_rt,extra_ns_per_page,extra_lo,extra_hi"
	printf "" >md
	print "| device | P | round trips per page, stock / patched | critical section writes | threads | ns per round trip: spinlock / PV spinlock / bit lock, byte release / bit lock, btr (v3) | extra ns per page, byte release vs spinlock | vs PV spinlock |" >md
	print "|---|---|---|---|---|---|---|---|" >md
	nl = split("lock-word next-word spread", lay, " ")
	split("the lock word,the next word,another lock each time", what, ",")
	for (i = 1; i <= np; i++) {
		k = pts[i]; split(k, f, SUBSEP)
		if (!stats(rt[k, "stock"])) continue; rs = MED; rs0 = MIN; rs1 = MAX
		if (!stats(rt[k, "patched"])) continue; rp = MED; rp0 = MIN; rp1 = MAX
		for (l = 1; l <= nl; l++) for (t = 1; t <= 2; t++) {
			if (!c3(lay[l], t, "spinlock")) continue
			cell = ""
			for (a = 1; a <= ns_; a++) { ok = c3(lay[l], t, sv[a]); cell = cell (a > 1 ? " / " : "") ns(MED, MIN, MAX, ok) }
			for (b = 1; b <= np_; b++) { ok = c3(lay[l], t, pv[b]); cell = cell " / " ns(MED, MIN, MAX, ok) }
			ex = ""
			for (a = 1; a <= ns_; a++) {
				if (!c3(lay[l], t, sv[a])) { ex = ex " | n/a"; continue }
				cs = MED; cs0 = MIN; cs1 = MAX
				for (b = 1; b <= np_; b++) {
					if (!c3(lay[l], t, pv[b])) continue
					cp = MED; cp0 = MIN; cp1 = MAX
					e = rp * cp - rs * cs; lo = rp0 * cp0 - rs1 * cs1; hi = rp1 * cp1 - rs0 * cs0
					printf "%s,%s,%s,%d,%s,%s,%.3f,%.3f,%.2f,%.2f,%.2f,%.2f,%.2f\n", f[1], f[2], lay[l], t, sv[a], pv[b], rs, rp, cs, cp, e, lo, hi
					if (b == 1) ex = ex sprintf(" | %+.1f (%+.1f to %+.1f)", e, lo, hi)
				}
				if (!c3(lay[l], t, pv[1])) ex = ex " | n/a"
			}
			printf "| %s | %s | %.2f / %.2f | %s | %d | %s%s |\n", f[1], f[2], rs, rp, what[l], t, cell, ex >md
		}
	}
	exit bad
}' "$out/bench.csv" "$out/lockstat.csv" "$out/.costs.$$" >"$out/lockcost$suffix.csv" || exit 1
[ "$(wc -l <"$out/lockcost$suffix.csv")" -gt 1 ] ||
	{ echo "lockcost.sh: no lock_stat run with swapped pages in $out" >&2; exit 1; }
