#!/bin/sh
# make refresh: regenerate patches/ from the commits above "base" in
# build/linux, with the cover letter text from cover/cover-letter.txt
# (first line: subject; the rest: body).
. "$(dirname "$0")/lib.sh"
PATCHES=${PATCHES:-$TOP/patches}
COVER=${COVER:-$TOP/cover/cover-letter.txt}
set -e
git -C "$TREE" rev-parse -q --verify base >/dev/null || die "no base tag in $TREE (run make tree)"
[ -z "$(git -C "$TREE" status --porcelain -uno)" ] ||
	die "build/linux has uncommitted changes: commit them first"
n=$(git -C "$TREE" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits above base in $TREE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$TREE" format-patch -q --cover-letter --base=base --zero-commit \
	--no-signature -o "$tmp" base..HEAD
fill_cover "$tmp/0000-cover-letter.patch" "$COVER"
rm -f "$PATCHES"/*.patch
mkdir -p "$PATCHES"
cp "$tmp"/*.patch "$PATCHES"/
info "patches/: cover letter + $n patches"
