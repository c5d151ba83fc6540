#!/bin/sh
# make tree: build/linux = one base commit (tag "base") + git am patches/*.
#
# The base is mm's swap code on Linux 7.1.5: the 7.1.5 tarball in
# ../shared/base (checked against base.conf) or BASE_TARBALL=/path/to/
# linux-7.1.5.tar.xz (kernel.org's), committed and tagged v7.1.5, then the
# 15 patches of swap table phase IV (../shared/base/swap-table-p4, checked
# against their SHA256SUMS and the README's tree id) by git am, tagged base.
# Or KERNEL_TREE=/path/to/an/mm/git/checkout that carries phase IV
# (KERNEL_BASE=<rev>, default HEAD), tagged base as it is.  Incremental: the
# base is made once per tarball and P4 checksum, and the series is
# re-applied only when patches/ changed.
. "$(dirname "$0")/lib.sh"
PATCHES=${PATCHES:-$TOP/patches}
# It removes and remakes $TREE: only ever one of its own under build/.
case $TREE in
"$BUILD"/*) ;;
*) die "TREE=$TREE is not under $BUILD: make tree makes and may remove the tree there only.
  To bring your own kernel tree: KERNEL_TREE=/path/to/mm (cloned into build/linux, left as it is);
  to run make kunit on a tree of your own as it is: TREE=/path make kunit" ;;
esac
set -e

# --- 1. the base ---------------------------------------------------------
if [ -n "${KERNEL_TREE:-}" ]; then
	[ -f "$KERNEL_TREE/mm/swapfile.c" ] && git -C "$KERNEL_TREE" rev-parse -q --verify HEAD >/dev/null ||
		die "KERNEL_TREE=$KERNEL_TREE is not a kernel git checkout (no mm/swapfile.c or no HEAD)"
	rev=$(git -C "$KERNEL_TREE" rev-parse "${KERNEL_BASE:-HEAD}^{commit}") ||
		die "KERNEL_BASE=${KERNEL_BASE:-HEAD} is not a commit in $KERNEL_TREE"
	stamp="tree $KERNEL_TREE $rev"
else
	# SHARED_BASE: where ../shared/base is (the host tests point it elsewhere)
	shared_dir=${SHARED_BASE:-$TOP/../shared/base}
	shared=$shared_dir/$BASE_SHARED
	[ -d "$shared_dir" ] && shared=$(cd "$shared_dir" && pwd)/$BASE_SHARED
	if [ -n "${BASE_TARBALL:-}" ]; then
		tarball=$BASE_TARBALL
		[ -f "$tarball" ] || die "BASE_TARBALL=$tarball does not exist"
	elif [ -f "$shared" ]; then
		tarball=$shared
	else
		die "no base tree: $shared is not there and neither BASE_TARBALL nor KERNEL_TREE is set.
  Download Linux $BASE_VERSION ($BASE_URL) and run
    make tree BASE_TARBALL=/path/to/linux-$BASE_VERSION.tar.xz
  (with the swap table phase IV patches in $shared_dir/$BASE_P4_DIR), or bring
  a git tree of mm that has phase IV: make tree KERNEL_TREE=/path/to/mm KERNEL_BASE=<rev>"
	fi
	sum=$(sha256sum "$tarball" | cut -d' ' -f1)
	if [ "$tarball" = "$shared" ]; then
		[ "$sum" = "$BASE_SHA256" ] ||
			die "$tarball has sha256 $sum, base.conf expects $BASE_SHA256"
	else
		# Another tarball (kernel.org's): it must be Linux $BASE_VERSION.
		ver=$(tar xOf "$tarball" --wildcards '*/Makefile' --no-wildcards-match-slash 2>/dev/null |
			awk '/^VERSION =/ { v = $3 } /^PATCHLEVEL =/ { p = $3 } /^SUBLEVEL =/ { s = $3; exit }
			     END { print v "." p "." s }')
		[ "$ver" = "$BASE_VERSION" ] ||
			die "$tarball is Linux ${ver:-?} (top-level Makefile), the series is based on $BASE_VERSION"
	fi
	p4dir=$shared_dir/$BASE_P4_DIR
	[ -d "$p4dir" ] && p4dir=$(cd "$p4dir" && pwd)
	[ -f "$p4dir/SHA256SUMS" ] ||
		die "no swap table phase IV patches: $p4dir/SHA256SUMS is not there.
  The series applies to 7.1.5 + mm's swap table phase IV; put those 15 patches
  there, or bring an mm git tree that has them: make tree KERNEL_TREE=/path/to/mm"
	(cd "$p4dir" && sha256sum --quiet -c SHA256SUMS) >&2 ||
		die "$p4dir: the patches differ from their SHA256SUMS (see the lines above)"
	p4sum=$(sha256sum "$p4dir/SHA256SUMS" | cut -d' ' -f1)
	stamp="tarball $BASE_VERSION $sum p4 $p4sum"
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
		info "unpacking $tarball into $TREE"
		mkdir -p "$TREE"
		# progress: the files unpacked so far (the tarball has ~93,000)
		files() { echo "$(find "$TREE" -path "$TREE/.git" -prune -o -type f -print | wc -l) files"; }
		run_watched "unpack" "$BUILD/unpack.log" files \
			tar xf "$tarball" -C "$TREE" --strip-components=1 ||
			{ tail -5 "$BUILD/unpack.log" >&2; die "cannot unpack $tarball (log: $BUILD/unpack.log)"; }
		commit_base() {
			cd "$TREE" || exit 1
			base_git_env
			git init -q -b series .
			# The tarball's top-level .gitignore ignores dot files and
			# more: add with -f so the base is the whole tarball.
			git add -A -f . &&
			git commit -q -m "Linux $BASE_VERSION" \
				-m "Unpacked from $(basename "$tarball"), sha256 $sum."
		}
		gitst() { echo "git add + commit of the base ($(du -sm "$TREE/.git" 2>/dev/null | cut -f1) MiB of objects)"; }
		info "committing the tarball (tag v$BASE_VERSION)"
		run_watched "commit" "$BUILD/commit.log" gitst commit_base ||
			{ tail -5 "$BUILD/commit.log" >&2; die "cannot commit the base in $TREE (log: $BUILD/commit.log)"; }
		git -C "$TREE" tag -f "v$BASE_VERSION" >/dev/null
		info "applying swap table phase IV ($BASE_P4_DIR, $(ls "$p4dir"/*.patch | wc -l) patches)"
		for p in "$p4dir"/*.patch; do
			(base_git_env; git -C "$TREE" am -q "$p") >"$BUILD/p4.log" 2>&1 || {
				cat "$BUILD/p4.log" >&2
				git -C "$TREE" am --abort >/dev/null 2>&1
				die "phase IV patch $(basename "$p") does not apply to $(basename "$tarball")"
			}
		done
		t=$(git -C "$TREE" rev-parse HEAD^{tree})
		if [ "$t" = "$BASE_P4_TREE" ]; then
			info "base: 7.1.5 + phase IV, tree $t as the README gives"
		else
			info "WARNING: 7.1.5 + phase IV gives tree $t, $BASE_P4_DIR/README.md gives $BASE_P4_TREE"
		fi
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
info "comparing build/linux with patches/"
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
info "applying $# patches to the base with git am"
git -C "$TREE" am --abort >/dev/null 2>&1 || true
git -C "$TREE" checkout -q -f -B series base
for p in "$@"; do
	info "  git am $(basename "$p")"
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
