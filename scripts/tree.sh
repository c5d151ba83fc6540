#!/bin/sh
# make tree: build/linux = one base commit (tag "base") + git am patches/*.
#
# The base is Debian's linux-source-6.12 tarball (checked against base.conf),
# or KERNEL_TREE=/path/to/a/kernel/git/checkout (KERNEL_BASE=<rev>, default
# HEAD). Incremental: the base is unpacked once per tarball checksum, and the
# series is re-applied only when patches/ changed.
. "$(dirname "$0")/lib.sh"
PATCHES=${PATCHES:-$TOP/patches}
set -e

# --- 1. the base ---------------------------------------------------------
if [ -n "${KERNEL_TREE:-}" ]; then
	[ -f "$KERNEL_TREE/mm/swapfile.c" ] && git -C "$KERNEL_TREE" rev-parse -q --verify HEAD >/dev/null ||
		die "KERNEL_TREE=$KERNEL_TREE is not a kernel git checkout (no mm/swapfile.c or no HEAD)"
	rev=$(git -C "$KERNEL_TREE" rev-parse "${KERNEL_BASE:-HEAD}^{commit}") ||
		die "KERNEL_BASE=${KERNEL_BASE:-HEAD} is not a commit in $KERNEL_TREE"
	stamp="tree $KERNEL_TREE $rev"
else
	inst=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
	if [ "$inst" != "$BASE_VERSION" ]; then
		avail=$(apt-cache policy "$BASE_PKG" 2>/dev/null | awk '/Candidate:/ {print $2}')
		apt-cache madison "$BASE_PKG" 2>/dev/null | grep -qF "| $BASE_VERSION |" ||
			die "apt does not offer $BASE_PKG=$BASE_VERSION (installed: ${inst:-none}, candidate: ${avail:-none}); the series is based on $BASE_VERSION. Use KERNEL_TREE=/path/to/linux-6.12.y to bring your own tree."
		[ "$(id -u)" = 0 ] || die "$BASE_PKG=$BASE_VERSION is not installed and installing it needs root"
		info "installing $BASE_PKG=$BASE_VERSION"
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			"$BASE_PKG=$BASE_VERSION" >/dev/null ||
			die "apt-get install $BASE_PKG=$BASE_VERSION failed"
	fi
	[ -f "$BASE_TARBALL" ] || die "$BASE_TARBALL missing although $BASE_PKG is installed"
	sum=$(sha256sum "$BASE_TARBALL" | cut -d' ' -f1)
	[ "$sum" = "$BASE_SHA256" ] ||
		die "$BASE_TARBALL has sha256 $sum, base.conf expects $BASE_SHA256"
	stamp="debian $BASE_VERSION $sum"
fi

mkdir -p "$BUILD"
if [ -d "$TREE/.git" ] && [ "$(cat "$BUILD/base.stamp" 2>/dev/null)" = "$stamp" ] &&
   git -C "$TREE" rev-parse -q --verify base >/dev/null; then
	:
else
	rm -rf "$TREE" "$BUILD/base.stamp"
	if [ -n "${KERNEL_TREE:-}" ]; then
		info "cloning $KERNEL_TREE at $rev"
		git clone -q --shared --no-checkout "$KERNEL_TREE" "$TREE"
		git -C "$TREE" checkout -q -B series "$rev"
	else
		info "unpacking $BASE_TARBALL into $TREE"
		mkdir -p "$TREE"
		tar xf "$BASE_TARBALL" -C "$TREE" --strip-components=1
		(
			cd "$TREE"
			base_git_env
			git init -q -b series .
			# The tarball's top-level .gitignore ignores dot files and
			# more: add with -f so the base is the whole tarball.
			git add -A -f .
			git commit -q -m "Linux $BASE_VERSION ($BASE_PKG)" \
				-m "Unpacked from $BASE_TARBALL, sha256 $BASE_SHA256."
		)
	fi
	git -C "$TREE" tag -f base >/dev/null
	echo "$stamp" >"$BUILD/base.stamp"
fi
git -C "$TREE" config user.name >/dev/null 2>&1 || {
	git -C "$TREE" config user.name "swap-cluster-lock project"
	git -C "$TREE" config user.email "swap-cluster-lock@example.org"
}

# --- 2. the series -----------------------------------------------------------
set -- $(ls "$PATCHES"/*.patch 2>/dev/null | grep -v '/0000-cover-letter.patch$' || true)
ids_tree=$(git -C "$TREE" log -p --reverse base..HEAD | git patch-id --stable | cut -d' ' -f1)
ids_repo=
if [ $# -gt 0 ]; then ids_repo=$(cat "$@" | git patch-id --stable | cut -d' ' -f1); fi
if [ "$ids_tree" = "$ids_repo" ] && [ -z "$(git -C "$TREE" status --porcelain -uno)" ]; then
	info "build/linux: base + $# patches, up to date"
	exit 0
fi
if [ -n "$(git -C "$TREE" rev-list base..HEAD)" ] || [ -n "$(git -C "$TREE" status --porcelain -uno)" ]; then
	[ "${FORCE:-0}" = 1 ] ||
		die "build/linux holds commits or changes that are not patches/: run 'make refresh' to export them, or 'make tree FORCE=1' to drop them"
fi
git -C "$TREE" am --abort >/dev/null 2>&1 || true
git -C "$TREE" checkout -q -f -B series base
for p in "$@"; do
	if ! out=$(git -C "$TREE" am -q "$p" 2>&1); then
		echo "$out" >&2
		loc=$(echo "$out" | sed -n 's/^error: patch failed: \(.*\):\([0-9]*\)$/\1 \2/p' | head -1)
		if [ -n "$loc" ]; then
			set -- $loc
			echo "--- failing hunk ($1 line $2):" >&2
			awk -v f="$1" -v l="$2" '
				/^diff --git / { infile = ($3 == "a/" f) }
				infile && /^@@ / { split($2, a, ","); show = (substr(a[1], 2) == l); n = 0 }
				show && n++ < 25 { print }' "$p" >&2
		fi
		git -C "$TREE" am --abort >/dev/null 2>&1 || true
		git -C "$TREE" checkout -q -f -B series base
		die "patch $(basename "$p") does not apply to the base; build/linux was reset to the base with no patch applied"
	fi
done
info "build/linux: base + $# patches applied"
