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
