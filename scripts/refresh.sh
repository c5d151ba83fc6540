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
if [ -f "$COVER" ]; then
	subject=$(head -n 1 "$COVER")
	awk -v subj="$subject" -v body="$COVER" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/^\*\*\* BLURB HERE \*\*\*$/ {
			getline line < body	# skip the subject line
			getline line < body	# and the blank line after it
			while ((getline line < body) > 0) print line
			next
		}
		{ print }' "$tmp/0000-cover-letter.patch" >"$tmp/cover" &&
		mv "$tmp/cover" "$tmp/0000-cover-letter.patch"
fi
rm -f "$PATCHES"/*.patch
mkdir -p "$PATCHES"
cp "$tmp"/*.patch "$PATCHES"/
info "patches/: cover letter + $n patches"
