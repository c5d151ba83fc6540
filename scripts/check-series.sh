#!/bin/sh
# Series checks for make test, one TAP line each:
#  - patches/ and build/linux agree (patch ids of base..HEAD);
#  - the cover letter in patches/ carries cover/cover-letter.txt;
#  - scripts/checkpatch.pl --strict: 0 errors, 0 warnings and 0 checks on
#    every patch (with Debian's python3 first in PATH: checkpatch's
#    spdxcheck.py needs python3-ply and python3-git);
#  - scripts/get_maintainer.pl lists linux-mm for every patch.
. "$(dirname "$0")/lib.sh"
PATH=/usr/bin:/bin:$PATH
PATCHES=${PATCHES:-$TOP/patches}
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $*"; }
set -- $(ls "$PATCHES"/*.patch | grep -v '/0000-cover-letter.patch$')
echo "TAP version 13"
echo "1..$(( 2 + 2 * $# ))"

ids_tree=$(git -C "$TREE" log -p --reverse base..HEAD | git patch-id --stable | cut -d' ' -f1)
ids_repo=$(cat "$@" | git patch-id --stable | cut -d' ' -f1)
if [ "$ids_tree" = "$ids_repo" ] && [ -z "$(git -C "$TREE" status --porcelain -uno)" ]; then
	ok "series: patches/ matches build/linux ($# patches)"
else
	notok "series: patches/ and build/linux disagree: run make refresh (tree changed) or make tree FORCE=1 (patches/ changed)"
fi

cover="$PATCHES/0000-cover-letter.patch"
if [ -f "$cover" ] && tail -n +3 "$TOP/cover/cover-letter.txt" | grep -v '^$' |
	while IFS= read -r l; do grep -qxF -- "$l" "$cover" || { echo "# missing from cover letter: $l"; exit 1; }; done &&
   [ "$(awk '/^Subject:/ { s = $0; f = 1; next } f && /^ / { s = s $0; next } { f = 0 } END { print s }' "$cover")" = \
     "Subject: [PATCH $(printf "%0${##}d" 0)/$#] $(head -n 1 "$TOP/cover/cover-letter.txt")" ] &&
   grep -q '^base-commit: ' "$cover"; then
	ok "series: cover letter matches cover/cover-letter.txt and names its base-commit"
else
	notok "series: cover letter does not match cover/cover-letter.txt (run make refresh)"
fi

for p in "$@"; do
	name=$(basename "$p")
	out=$(cd "$TREE" && perl scripts/checkpatch.pl --strict --no-color -q "$p" 2>&1)
	total=$(cd "$TREE" && perl scripts/checkpatch.pl --strict --no-color "$p" 2>&1 | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings, \([0-9]*\) checks.*/\1 \2 \3/p')
	case $total in
	"0 0 0")
		ok "checkpatch --strict $name: 0 errors, 0 warnings, 0 checks" ;;
	*)
		echo "$out" | sed 's/^/# /'
		notok "checkpatch --strict $name: errors/warnings/checks $total" ;;
	esac
	if (cd "$TREE" && perl scripts/get_maintainer.pl --no-rolestats "$p" 2>/dev/null) | grep -q 'linux-mm@kvack.org'; then
		ok "get_maintainer $name: lists linux-mm@kvack.org"
	else
		notok "get_maintainer $name: linux-mm@kvack.org missing"
	fi
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
