# Common helpers for the scripts; sourced, POSIX sh.
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
. "$TOP/base.conf"
BUILD=${BUILD:-$TOP/build}
TREE=${TREE:-$BUILD/linux}
NPROC=${NPROC:-$(nproc)}

die() { echo "ERROR: $*" >&2; exit 1; }
info() { echo ">>> $*" >&2; }

# A fixed identity and date make the base commit reproducible: the same
# tarball gives the same base commit id on every machine.
base_git_env() {
	export GIT_AUTHOR_NAME="Debian kernel team (linux-source)" \
	       GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org" \
	       GIT_COMMITTER_NAME="Debian kernel team (linux-source)" \
	       GIT_COMMITTER_EMAIL="debian-kernel@lists.debian.org" \
	       GIT_AUTHOR_DATE="2025-11-14T12:56:00+0000" \
	       GIT_COMMITTER_DATE="2025-11-14T12:56:00+0000"
}

# The identity the series is committed with in build/ (patches carry a
# project role, not a person; make mail re-authors).
series_git_env() {
	export GIT_COMMITTER_NAME="swap-cluster-lock project" \
	       GIT_COMMITTER_EMAIL="swap-cluster-lock@example.org"
}
