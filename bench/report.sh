#!/bin/sh
# usage: report.sh BOOTS OUT [BENCH_SECS] [PARAMS] [PLAN]
# The results of bench/bench.sh from its console logs: BOOTS has one line per
# boot, "mode kernel pair order host_secs verdict log".  Writes to OUT:
#   bench.csv     every run (one row per BENCH-RESULT line of every log)
#   summary.csv   per mode, device, P and metric: medians per kernel and the
#                 patched/stock ratio (per pair, then median, min, max)
#   lockstat.csv  the swap lock classes of the lock_stat runs
#   bench-wall.png, bench-icount.png   throughput against P
#   bench.md      the report
# POSIX sh + awk (mawk is enough) + gnuplot.
. "$(dirname "$0")/../scripts/lib.sh"
boots=${1:?usage: report.sh BOOTS OUT [BENCH_SECS] [PARAMS] [PLAN]}
out=${2:?usage: report.sh BOOTS OUT}
secs=${3:-}
params=${4:-}
plan=${5:-}
[ -f "$boots" ] || die "no $boots"
mkdir -p "$out" || exit 1

# --- bench.csv and lockstat.csv -------------------------------------------------
cols="mode config device P kernel pair order ok rc W_mib limit_mib R pages wall_s seq_s rand_s verify_s utime_s stime_s stat_sys_s pswpout pswpin pswpout_per_s pswpin_per_s seq_pswpout seq_pswpin rand_pswpout rand_pswpin verify_pswpout verify_pswpin pgmajfault pgsteal_direct pgscan_direct thp_swpout thp_swpout_fallback swap_ra swap_ra_hit memcg_max memcg_oom memcg_oom_kill memcg_peak memcg_swap_peak host_run_s boot_host_s clocksource verdict log"
lcols="mode device P kernel pair role class contentions wait_total_us wait_max_us wait_avg_us acquisitions hold_total_us hold_avg_us con_bounces acq_bounces"
echo "$cols" | tr ' ' , >"$out/bench.csv"
echo "$lcols" | tr ' ' , >"$out/lockstat.csv"
: >"$out/.lockstat.sites"
while read -r mode kern pair order bsecs verdict log; do
	[ -f "$log" ] || { info "missing log $log"; continue; }
	config=default
	[ "$mode" = lockstat ] && config=lockstat
	awk -v cols="$cols" -v lcols="$lcols" -v mode="$mode" -v config="$config" \
	    -v kern="$kern" -v pair="$pair" -v order="$order" -v bsecs="$bsecs" \
	    -v verdict="$verdict" -v logf="$log" -v csv="$out/bench.csv" \
	    -v lcsv="$out/lockstat.csv" -v sites="$out/.lockstat.sites" '
	function kv(from,    i, k) {	# key=value fields from field "from" on
		split("", v)
		for (i = from; i <= NF; i++)
			if ((k = index($i, "=")) > 1) v[substr($i, 1, k - 1)] = substr($i, k + 1)
	}
	function start(tag,    i) {	# the field index of tag, 0 if none
		for (i = 1; i <= NF; i++) if ($i == tag) return i
		return 0
	}
	/^BENCH-CLOCK clocksource=/ { split($2, cs, "="); clocksource = cs[2]; next }
	/HOSTTS / && (i = start("HOSTTS")) {
		t = $(i + 1); kv(i + 2)
		key = v["dev"] "," v["P"]
		if ($0 ~ /BENCH-BEGIN/) tb[key] = t; else te[key] = t
		next
	}
	/BENCH-RESULT / && (i = start("BENCH-RESULT")) {
		kv(i + 1)
		key = v["dev"] "," v["P"]
		v["mode"] = mode; v["config"] = config; v["device"] = v["dev"]
		v["kernel"] = kern; v["pair"] = pair; v["order"] = order
		v["W_mib"] = v["W"]; v["verdict"] = verdict; v["log"] = logf
		v["boot_host_s"] = bsecs; v["clocksource"] = clocksource
		if (v["wall_s"] > 0) {
			v["pswpout_per_s"] = sprintf("%.1f", v["pswpout"] / v["wall_s"])
			v["pswpin_per_s"] = sprintf("%.1f", v["pswpin"] / v["wall_s"])
		}
		if (v["clk_tck"] > 0) v["stat_sys_s"] = sprintf("%.2f", v["stat_sys_ticks"] / v["clk_tck"])
		if ((key in tb) && (key in te)) v["host_run_s"] = sprintf("%.3f", te[key] - tb[key])
		if (!("ok" in v)) v["ok"] = 0	# usemem printed nothing
		n = split(cols, c, " "); line = ""
		for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") v[c[j]]
		print line >>csv
		next
	}
	/BENCH-LOCKSTAT / && (i = start("BENCH-LOCKSTAT")) {
		kv(i + 1)
		v["mode"] = mode; v["device"] = v["dev"]; v["kernel"] = kern; v["pair"] = pair
		v["wait_total_us"] = v["wait_total_us"]
		n = split(lcols, c, " "); line = ""
		for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") v[c[j]]
		print line >>lcsv
		next
	}
	/BENCH-LOCKSITE / && (i = start("BENCH-LOCKSITE")) {
		s = $0; sub(/.*BENCH-LOCKSITE /, "", s)
		print kern " pair " pair ": " s >>sites
	}' "$log"
done <"$boots"

# --- summary.csv ------------------------------------------------------------
# per (mode, device, P, metric): the values of each kernel by pair, the
# ratio patched/stock of each pair; median, min and max of each.
metrics="pswpout_per_s pswpin_per_s wall_s stime_s stat_sys_s host_run_s"
awk -F, -v metrics="$metrics" '
function sort(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
# two-sided 95% quantile of Student t with df degrees of freedom
function t95(df) {
	split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 2.120 2.110 2.101 2.093 2.086", T95, " ")
	return df <= 20 ? T95[df] : (df <= 30 ? 2.042 : 1.96)
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	pt = $col["mode"] SUBSEP $col["device"] SUBSEP $col["P"]
	if (!(pt in seen)) { seen[pt] = 1; order[++npt] = pt }
	if ($col["ok"] != 1) bad[pt]++
	nm = split(metrics, m, " ")
	for (k = 1; k <= nm; k++) val[pt, m[k], $col["kernel"], $col["pair"]] = $col[m[k]]
	pairs[pt, $col["pair"]] = 1
	if ($col["pair"] > maxpair) maxpair = $col["pair"]
}
END {
	print "mode,device,P,metric,pairs,stock_median,stock_min,stock_max,patched_median,patched_min,patched_max,ratio_median,ratio_min,ratio_max,spread,difference,reading,failed_runs,ratio_gmean,ci95_lo,ci95_hi,verdict"
	nm = split(metrics, m, " ")
	for (q = 1; q <= npt; q++) {
		pt = order[q]; split(pt, f, SUBSEP)
		for (k = 1; k <= nm; k++) {
			ns = np = nr = 0
			for (p = 1; p <= maxpair; p++) {
				if (!((pt, p) in pairs)) continue
				s = val[pt, m[k], "stock", p]; t = val[pt, m[k], "patched", p]
				if (s != "") S[++ns] = s + 0
				if (t != "") T[++np] = t + 0
				if (s != "" && t != "" && s + 0 > 0) Q[++nr] = t / s
			}
			if (nr == 0) continue
			# geometric mean of the pair ratios and its 95% confidence
			# interval (t on the log ratios): the noise estimate
			sl = sl2 = 0
			for (p = 1; p <= nr; p++) { sl += log(Q[p]); sl2 += log(Q[p]) * log(Q[p]) }
			gm = exp(sl / nr); lo = hi = gm
			if (nr > 1) {
				sd = (sl2 - sl * sl / nr) / (nr - 1); sd = sd > 0 ? sqrt(sd) : 0
				hw = t95(nr - 1) * sd / sqrt(nr)
				lo = exp(sl / nr - hw); hi = exp(sl / nr + hw)
			}
			# higher is better for throughput, lower for times
			better_up = (m[k] ~ /_per_s$/)
			if (nr < 2) verdict = "one pair: no estimate of the noise"
			else if (hi < 1) verdict = better_up ? "patched slower beyond the noise" : "patched faster beyond the noise"
			else if (lo > 1) verdict = better_up ? "patched faster beyond the noise" : "patched slower beyond the noise"
			else verdict = "no difference beyond the noise"
			sort(S, ns); sort(T, np); sort(Q, nr)
			rm = med(Q, nr); spread = Q[nr] - Q[1]; diff = rm - 1; if (diff < 0) diff = -diff
			if (nr < 2) reading = "one pair: no spread"
			else if (spread > diff) reading = "spread wider than the difference"
			else if (Q[1] > 1 || Q[nr] < 1) reading = "every pair agrees"
			else reading = "pairs disagree on the sign"
			printf "%s,%s,%s,%s,%d,%.4g,%.4g,%.4g,%.4g,%.4g,%.4g,%.4f,%.4f,%.4f,%.4f,%.4f,%s,%d,%.4f,%.4f,%.4f,%s\n", \
				f[1], f[2], f[3], m[k], nr, med(S, ns), S[1], S[ns], med(T, np), T[1], T[np], \
				rm, Q[1], Q[nr], spread, diff, reading, bad[pt] + 0, gm, lo, hi, verdict
		}
	}
}' "$out/bench.csv" >"$out/summary.csv"

# --- plots ---------------------------------------------------------------------
for mode in wall icount; do
	grep -q "^$mode," "$out/summary.csv" || continue
	devs=$(awk -F, -v m="$mode" '$1 == m { print $2 }' "$out/summary.csv" | awk '!s[$0]++')
	ndev=$(echo "$devs" | wc -w)
	plot=$out/.plot-$mode.gp
	{
		echo "set terminal pngcairo size 1200,$((420 * ndev)) font ',10'"
		echo "set output '$out/bench-$mode.png'"
		echo "set datafile separator ','"
		echo "set multiplot layout $ndev,2 title 'swap throughput, $mode mode: median and min..max of the pairs ($(hostname), $(date -u +%F))'"
		echo "set key bottom right; set grid; set xlabel 'processes P'; set logscale x 2; set xrange [0.7:11]; set yrange [0:*]"
		for d in $devs; do
			for metric in pswpout_per_s pswpin_per_s; do
				dat=$out/.plot-$mode-$d-$metric.dat
				awk -F, -v m="$mode" -v d="$d" -v k="$metric" \
					'$1 == m && $2 == d && $4 == k { print $3 "," $6 "," $7 "," $8 "," $9 "," $10 "," $11 }' \
					"$out/summary.csv" | sort -t, -k1n >"$dat"
				echo "set title '$d: $(echo $metric | sed 's/pswpout_per_s/swap-out (pswpout)/; s/pswpin_per_s/swap-in (pswpin)/') pages/s'"
				echo "set ylabel 'pages/s (guest clock)'"
				echo "plot '$dat' using (\$1*0.97):2:3:4 with yerrorlines lw 2 title 'stock', '$dat' using (\$1*1.03):5:6:7 with yerrorlines lw 2 title 'patched'"
			done
		done
		echo "unset multiplot"
	} >"$plot"
	if command -v gnuplot >/dev/null; then
		gnuplot "$plot" 2>"$out/.plot-$mode.err" || {
			# pngcairo may be missing from gnuplot-nox: the plain png terminal
			sed -i "s/pngcairo size \([0-9]*\),\([0-9]*\) font ',10'/png size \1,\2/" "$plot"
			gnuplot "$plot" || info "gnuplot failed for $mode"
		}
	else
		info "no gnuplot: no plot (sh scripts/deps.sh bench)"
	fi
done
rm -f "$out"/.plot-* 

# --- bench.md ------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
qv=$(${BENCH_QEMU:-qemu-system-x86_64} --version | head -1)
case $params in
*ACCEL=kvm*) accel="KVM"; accel_l="under KVM" ;;
*) accel="no KVM: QEMU TCG"; accel_l="under QEMU TCG" ;;
esac
kv=$(grep -h -o 'BENCH-INFO kernel=[^ ]*' "$(awk '$2 == "stock" { print $7; exit }' "$boots")" 2>/dev/null | head -1 | sed 's/.*=//')
kvp=$(grep -h -o 'BENCH-INFO kernel=[^ ]*' "$(awk '$2 == "patched" { print $7; exit }' "$boots")" 2>/dev/null | head -1 | sed 's/.*=//')
nboots=$(wc -l <"$boots")
nfail=$(awk '$6 != "PASS"' "$boots" | wc -l)
nruns=$(($(wc -l <"$out/bench.csv") - 1))
nbad=$(awk -F, 'NR > 1 && $8 != 1' "$out/bench.csv" | wc -l)
{
	echo "# Swap cluster lock: stock vs patched $accel_l"
	echo
	echo "Generated by \`make bench\` (bench/bench.sh) on $(date -u '+%F %H:%M UTC')."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| host CPU | $cpu ($(nproc) cores, $accel) |"
	echo "| host kernel | $(uname -r) |"
	echo "| QEMU | $qv |"
	echo "| guest | $params |"
	echo "| kernels | stock $kv, patched $kvp (configs/default.config; lockstat.config for lock_stat) |"
	echo "| runs | $plan |"
	echo "| boots | $nboots ($nfail failed their verdict); $nruns runs ($nbad failed); bench time ${secs:-?} s |"
	echo
	echo "Ratios are patched/stock, taken pair by pair (a pair: one stock and one"
	echo "patched boot next to each other, ABBA order), then the median with min..max"
	echo "over the pairs.  Throughput: higher is better; times: lower is better."
	echo "The noise is judged by a 95% confidence interval of the geometric mean of"
	echo "the pair ratios (Student t on their logarithms): a point is \"beyond the"
	echo "noise\" only when the whole interval lies on one side of 1.  The verdict"
	echo "column gives it for swap-out pages/s and for the guest wall time."
	for mode in wall icount lockstat; do
		grep -q "^$mode," "$out/summary.csv" || continue
		echo
		case $mode in
		wall)     echo "## Wall-clock mode ($accel_l, one host thread per vCPU)" ;;
		icount)   echo "## icount mode (-icount shift=0,sleep=off: guest time = instructions)"
			  echo
			  echo "Guest durations here count instructions (1 ns each) over both vCPUs, which"
			  echo "QEMU runs round-robin on one host thread (-icount forces single-threaded TCG"
			  echo "with -smp > 1).  The pages/s are per instruction-time, the host column is"
			  echo "real time." ;;
		lockstat) echo "## Lockstat kernels (lockdep + LOCK_STAT), timings for information only" ;;
		esac
		echo
		echo "| device | P | pairs | swap-out pages/s stock | patched | ratio median (min..max) | ratio 95% CI | swap-in ratio median (min..max) | wall s stock | patched | wall ratio 95% CI | sys s (rusage) ratio | host s ratio | verdict: swap-out; wall |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		awk -F, -v m="$mode" '
		function r(k) { return sprintf("%.3f (%.3f..%.3f)", rm[k], rn[k], rx[k]) }
		function ci(k) { return sprintf("%.4f [%.4f, %.4f]", gm[k], lo[k], hi[k]) }
		$1 == m {
			pt = $2 "," $3
			if (!(pt in seen)) { seen[pt] = 1; o[++n] = pt; pairs[pt] = $5 }
			k = pt SUBSEP $4
			sm[k] = $6; pm[k] = $9; rm[k] = $12; rn[k] = $13; rx[k] = $14
			gm[k] = $19; lo[k] = $20; hi[k] = $21; vd[k] = $22
		}
		END {
			for (i = 1; i <= n; i++) {
				pt = o[i]; split(pt, f, ",")
				a = pt SUBSEP "pswpout_per_s"; b = pt SUBSEP "pswpin_per_s"
				w = pt SUBSEP "wall_s"; s = pt SUBSEP "stime_s"; h = pt SUBSEP "host_run_s"
				printf "| %s | %s | %s | %.0f | %.0f | %s | %s | %s | %.3f | %.3f | %s | %s | %s | %s; %s |\n", \
					f[1], f[2], pairs[pt], sm[a], pm[a], r(a), ci(a), r(b), sm[w], pm[w], ci(w), r(s), \
					(h in rm) ? r(h) : "-", vd[a], vd[w]
			}
		}' "$out/summary.csv"
	done
	if [ "$(wc -l <"$out/lockstat.csv")" -gt 1 ]; then
		echo
		echo "## lock_stat (lockstat kernels): the swap locks"
		echo
		echo "Medians over the pairs.  Times in microseconds, as /proc/lock_stat prints"
		echo "them; \"per 1k pages\": acquisitions per 1000 pages swapped (out + in)."
		echo
		echo "| device | P | kernel | lock | class | contentions | wait total us | wait max us | acquisitions | per 1k pages | contentions per 1k acq | hold avg us |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
		awk -F, '
		function sort(a, n,    i, j, t) {
			for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		}
		function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		function medof(k, f,    n, i, a) { n = split(vals[k, f], a, " "); sort(a, n); return n ? med(a, n) : 0 }
		FNR == 1 { file++; for (i = 1; i <= NF; i++) c[file, $i] = i; next }
		file == 1 && $c[1, "mode"] == "lockstat" {	# bench.csv: pages swapped per run
			pages[$c[1, "device"], $c[1, "P"], $c[1, "kernel"], $c[1, "pair"]] = $c[1, "pswpout"] + $c[1, "pswpin"]
			next
		}
		file == 2 {
			k = $c[2, "device"] SUBSEP $c[2, "P"] SUBSEP $c[2, "kernel"] SUBSEP $c[2, "role"] SUBSEP $c[2, "class"]
			if (!(k in seen)) { seen[k] = 1; o[++n] = k }
			for (wf in want) vals[k, wf] = vals[k, wf] " " $c[2, wf]
			pg = pages[$c[2, "device"], $c[2, "P"], $c[2, "kernel"], $c[2, "pair"]]
			vals[k, "per1k"] = vals[k, "per1k"] " " (pg > 0 ? $c[2, "acquisitions"] * 1000 / pg : 0)
			vals[k, "cper1k"] = vals[k, "cper1k"] " " ($c[2, "acquisitions"] > 0 ? $c[2, "contentions"] * 1000 / $c[2, "acquisitions"] : 0)
		}
		BEGIN { split("contentions wait_total_us wait_max_us acquisitions hold_avg_us", w, " "); for (i in w) want[w[i]] = 1 }
		END {
			for (i = 1; i <= n; i++) {
				split(o[i], f, SUBSEP)
				printf "| %s | %s | %s | %s | %s | %.0f | %.1f | %.1f | %.0f | %.0f | %.2f | %.3f |\n", \
					f[1], f[2], f[3], f[4], f[5], medof(o[i], "contentions"), medof(o[i], "wait_total_us"), \
					medof(o[i], "wait_max_us"), medof(o[i], "acquisitions"), medof(o[i], "per1k"), \
					medof(o[i], "cper1k"), medof(o[i], "hold_avg_us")
			}
		}' "$out/bench.csv" "$out/lockstat.csv" | sort -t'|' -k2,2 -k3,3n -k5,5 -k4,4r
		if [ -s "$out/.lockstat.sites" ]; then
			echo
			echo "Contention call sites of the swap locks (first pair; /proc/lock_stat):"
			echo
			echo '```'
			awk '/pair 1:/' "$out/.lockstat.sites" | sed 's/  */ /g' | head -60
			echo '```'
		fi
	fi
	echo
	echo "## Whole boots (host wall clock, qemu start to exit)"
	echo
	echo "A cross-check of the guest clock: one boot runs every point of its mode."
	echo "The guest clocksource of the runs: $(awk -F, 'NR > 1 { c[$(NF - 2)]++ } END { for (k in c) printf "%s%s (%d runs)", n++ ? ", " : "", k, c[k] }' "$out/bench.csv")."
	echo
	echo "| mode | pairs | stock median s | patched median s | ratio (min..max) |"
	echo "|---|---|---|---|---|"
	awk '
	function sort(a, n,    i, j, t) {
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	}
	function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	{ if (!($1 in seen)) { seen[$1] = 1; o[++n] = $1 }; t[$1, $2, $3] = $5; if ($3 > np[$1]) np[$1] = $3 }
	END {
		for (i = 1; i <= n; i++) {
			m = o[i]; ns = nt = nr = 0
			for (p = 1; p <= np[m]; p++) {
				a = t[m, "stock", p]; b = t[m, "patched", p]
				if (a != "") S[++ns] = a; if (b != "") T[++nt] = b
				if (a > 0 && b != "") Q[++nr] = b / a
			}
			sort(S, ns); sort(T, nt); sort(Q, nr)
			if (nr) printf "| %s | %d | %.1f | %.1f | %.3f (%.3f..%.3f) |\n", m, nr, med(S, ns), med(T, nt), med(Q, nr), Q[1], Q[nr]
		}
	}' "$boots"
	echo
	echo "## Files"
	echo
	echo "- bench.csv: every run (guest times from CLOCK_MONOTONIC and getrusage of the"
	echo "  usemem processes, /proc/vmstat and /proc/stat deltas, host time of the run"
	echo "  and of the whole boot); summary.csv: the table above for every metric;"
	echo "  lockstat.csv: the swap lock classes of every lock_stat run."
	echo "- bench-wall.png, bench-icount.png: throughput against P, both kernels."
	echo "- The console logs and their verdicts: build/bench/logs/."
} >"$out/bench.md"
[ -s "$out/.lockstat.sites" ] && mv "$out/.lockstat.sites" "$out/lockstat-sites.txt" || rm -f "$out/.lockstat.sites"
info "wrote $out/bench.md ($nruns runs, $nboots boots, $nfail failed verdicts)"
