# Common helpers for the scripts; sourced, POSIX sh.
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$TOP/base.conf"
BUILD=${BUILD:-$TOP/build}
TREE=${TREE:-$BUILD/linux}
NPROC=${NPROC:-$(nproc)}

die() { echo "ERROR: $*" >&2; exit 1; }
info() { echo ">>> $*" >&2; }

# config_frags VARIANT: the config fragments of VARIANT, in merge order:
# configs/default.config, then the fragments that configs/VARIANT.config
# names in "# include: NAME" lines (one level), then VARIANT's own.
config_frags() {
	_c=${CONFIGS:-$TOP/configs}
	echo "$_c/default.config"
	[ "$1" = default ] && return 0
	[ -f "$_c/$1.config" ] || die "no config fragment configs/$1.config"
	for _i in $(sed -n 's/^# include: *//p' "$_c/$1.config"); do
		[ -f "$_c/$_i.config" ] ||
			die "configs/$1.config includes configs/$_i.config, which does not exist"
		echo "$_c/$_i.config"
	done
	echo "$_c/$1.config"
}

# A fixed identity and date make the base commit reproducible: the same
# tarball gives the same base commit id on every machine.
base_git_env() {
	export GIT_AUTHOR_NAME="swap-cluster-lock base" \
	       GIT_AUTHOR_EMAIL="base@example.org" \
	       GIT_COMMITTER_NAME="swap-cluster-lock base" \
	       GIT_COMMITTER_EMAIL="base@example.org" \
	       GIT_AUTHOR_DATE="2025-11-14T12:56:00+0000" \
	       GIT_COMMITTER_DATE="2025-11-14T12:56:00+0000"
}

# The identity the series is committed with in build/ (patches carry a
# project role, not a person; make mail re-authors).
series_git_env() {
	export GIT_COMMITTER_NAME="swap-cluster-lock project" \
	       GIT_COMMITTER_EMAIL="swap-cluster-lock@example.org"
}

# fill_cover PATCH TEXT: put the subject (first line of TEXT) and the body
# (TEXT from its third line) into a format-patch cover letter.
fill_cover() {
	[ -f "$2" ] || die "no cover letter text $2"
	awk -v subj="$(head -n 1 "$2")" -v body="$2" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ {
			getline line < body	# skip the subject line
			getline line < body	# and the blank line after it
			while ((getline line < body) > 0) print line
			next
		}
		{ print }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

# --- progress ----------------------------------------------------------------
# A long step prints a line every PROGRESS_EVERY seconds: 30 on a terminal,
# 50 otherwise (CI logs: about once a minute, and never a silent minute),
# so that a slow step can be told from a hung one.
progress_every() {
	if [ -n "${PROGRESS_EVERY:-}" ]; then echo "$PROGRESS_EVERY"
	elif [ -t 2 ]; then echo 30
	else echo 50
	fi
}

# fmt_secs N: "45s", "3m05s"
fmt_secs() {
	if [ "$1" -ge 60 ]; then printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
	else printf '%ds' "$1"
	fi
}

# heartbeat MARK STEP STATUS: until the file MARK exists, print "STEP:
# <elapsed>, <output of the STATUS command>" every progress_every seconds
heartbeat() {
	_hb_every=$(progress_every) _hb_t0=$(date +%s)
	_hb_next=$((_hb_t0 + _hb_every))
	while [ ! -f "$1" ]; do
		sleep 1
		_hb_now=$(date +%s)
		[ "$_hb_now" -ge "$_hb_next" ] && [ ! -f "$1" ] || continue
		_hb_next=$((_hb_now + _hb_every))
		info "$2: $(fmt_secs $((_hb_now - _hb_t0))), $($3)"
	done
}

# last_line FILE N: the last non-empty line of FILE, printable characters
# only, at most N of them (a console log's last line for a status)
last_line() { grep . "$1" 2>/dev/null | tail -1 | tr -cd '[:print:]' | cut -c1-"$2"; }

# run_watched STEP LOG STATUS CMD...: runs CMD with its output in LOG and,
# while it runs, prints "STEP: <elapsed>, <output of the STATUS command>"
# every progress_every seconds on stderr.  Returns CMD's exit status.  The
# status file LOG.rc marks the end (a finished child may stay a zombie, so
# kill -0 cannot tell).  An interrupt stops CMD too: an asynchronous
# command of a non-interactive shell ignores SIGINT.
run_watched() {
	_rw_step=$1 _rw_log=$2 _rw_st=$3
	shift 3
	rm -f "$_rw_log.rc"
	( ("$@") >"$_rw_log" 2>&1; echo $? >"$_rw_log.rc" ) &
	_rw_pid=$!
	trap 'pkill -TERM -P $_rw_pid; kill $_rw_pid 2>/dev/null; exit 130' INT TERM
	heartbeat "$_rw_log.rc" "$_rw_step" "$_rw_st"
	wait "$_rw_pid" 2>/dev/null
	trap - INT TERM
	_rw_rc=$(cat "$_rw_log.rc")
	rm -f "$_rw_log.rc"
	return "$_rw_rc"
}

# objs_status DIR: "N/~M objects (P%), last: FILE" for a kernel build in DIR:
# the objects written since DIR/.objs-start, against the count of the last
# complete build in DIR (DIR/.objs-total), else against OBJS_EXPECTED.
objs_start() { mkdir -p "$1" && : >"$1/.objs-start"; }
objs_status() {
	_n=$(find "$1" -path "$1/kselftest*" -prune -o -name '*.o' -newer "$1/.objs-start" -print 2>/dev/null | wc -l)
	_last=$(find "$1" -path "$1/kselftest*" -prune -o -name '*.o' -newer "$1/.objs-start" -printf '%T@ %P\n' 2>/dev/null |
		sort -n | tail -1 | cut -d' ' -f2)
	_tot=$(cat "$1/.objs-total" 2>/dev/null || echo "${OBJS_EXPECTED:-}")
	if [ -n "$_tot" ] && [ "$_tot" -gt 0 ]; then
		_pc=$((_n * 100 / _tot))
		[ "$_pc" -gt 99 ] && _pc=99
		echo "$_n/~$_tot objects ($_pc%), last: ${_last:-none yet}"
	else
		echo "$_n objects, last: ${_last:-none yet}"
	fi
}
# objs_done DIR: remember the number of objects of a complete build
objs_done() { find "$1" -path "$1/kselftest*" -prune -o -name '*.o' -print | wc -l >"$1/.objs-total"; }

# first_error LOG: the first compiler or make error of a build log, with
# the line after it
first_error() {
	grep -m1 -A1 -E 'error:|Error [0-9]+|\*\*\*' "$1" | head -2
}

# stock_worktree TREE DIR: DIR is a git worktree of TREE at its tag "base"
# (the stock kernel the series applies to); made when missing
stock_worktree() {
	_b=$(git -C "$1" rev-parse -q --verify 'base^{commit}' 2>/dev/null) ||
		{ echo "ERROR: no tag 'base' in $1: run make tree first" >&2; return 1; }
	if [ ! -f "$2/Makefile" ]; then
		info "stock tree: $2, a git worktree of $1 at tag base"
		git -C "$1" worktree prune
		git -C "$1" worktree add -q --detach "$2" base ||
			{ echo "ERROR: cannot add the worktree $2" >&2; return 1; }
	fi
	[ "$(git -C "$2" rev-parse HEAD 2>/dev/null)" = "$_b" ] ||
		{ echo "ERROR: $2 is not at tag base of $1 (remove it, or set BENCH_STOCK_TREE)" >&2; return 1; }
}

# --- the QEMU accelerator ----------------------------------------------------
# qemu_accel KERNEL INITRD MARKER [APPEND]: set ACCEL to kvm or tcg for
# this run, and ACCEL_WHY to the reason.
#  - ACCEL=kvm|tcg in the environment decides, with no probe;
#  - no /dev/kvm, or one this user cannot open: tcg, with no probe;
#  - otherwise a probe guest (KERNEL with INITRD, or none if INITRD is
#    empty) boots under -accel kvm, and kvm is chosen if its console shows
#    MARKER within ACCEL_PROBE_TIMEOUT seconds (30): a /dev/kvm can exist
#    and still run no guest (no vmx/svm for a nested guest).
# The decision is made once per run: make run and make test set
# ACCEL_CACHE to a file of their own, which the later steps read; it is
# never kept across runs.  It is printed once, where it is made.
qemu_accel() {
	if [ -n "${ACCEL:-}" ]; then
		case $ACCEL in kvm|tcg) ;; *) die "ACCEL must be kvm or tcg, not '$ACCEL'" ;; esac
		ACCEL_WHY="ACCEL=$ACCEL from the environment"
		return 0
	fi
	if [ -n "${ACCEL_CACHE:-}" ] && [ -s "$ACCEL_CACHE" ]; then
		ACCEL=$(sed -n 1p "$ACCEL_CACHE") ACCEL_WHY=$(sed -n 2p "$ACCEL_CACHE")
		return 0
	fi
	accel_probe "$@"
	info "QEMU accelerator: $ACCEL ($ACCEL_WHY)"
	[ -n "${ACCEL_CACHE:-}" ] && printf '%s\n%s\n' "$ACCEL" "$ACCEL_WHY" >"$ACCEL_CACHE"
	return 0
}

accel_probe() {
	ACCEL=tcg
	_kvm=${KVM_DEV:-/dev/kvm}	# the host tests point it elsewhere
	if [ ! -e "$_kvm" ]; then
		ACCEL_WHY="no /dev/kvm"
		return 0
	fi
	if ! [ -r "$_kvm" ] || ! [ -w "$_kvm" ]; then
		ACCEL_WHY="/dev/kvm: permission denied"
		return 0
	fi
	_tmo=${ACCEL_PROBE_TIMEOUT:-30}
	_plog=$(mktemp "${TMPDIR:-/tmp}/kvm-probe.XXXXXX")
	info "probing /dev/kvm: does a guest boot under KVM within ${_tmo}s?"
	timeout -k 2 "$_tmo" "${QEMU_X86:-qemu-system-x86_64}" -machine q35,accel=kvm -cpu host \
		-smp 1 -m 512 -nographic -no-reboot -nic none -kernel "$1" \
		${2:+-initrd "$2"} -append "console=ttyS0 reboot=t panic=-1 ${4:-}" \
		</dev/null >"$_plog" 2>&1 &
	_ppid=$!
	_t0=$(date +%s)
	while kill -0 "$_ppid" 2>/dev/null && ! grep -q "$3" "$_plog"; do
		sleep 1
	done
	_secs=$(($(date +%s) - _t0))
	kill "$_ppid" 2>/dev/null
	wait "$_ppid" 2>/dev/null
	_prc=$?
	if grep -q "$3" "$_plog"; then
		ACCEL=kvm ACCEL_WHY="/dev/kvm: a probe guest booted in ${_secs}s"
	else
		case $_prc in
		124|137) ACCEL_WHY="/dev/kvm: the guest made no progress in ${_tmo}s" ;;
		*) ACCEL_WHY="/dev/kvm: qemu -accel kvm failed (status $_prc: $(grep -v '^$' "$_plog" | head -1 | cut -c1-120))" ;;
		esac
	fi
	rm -f "$_plog"
	return 0
}
