#!/bin/sh
# make mail: the series as a developer mails it to linux-mm, under out/.
#  - re-authored by, and Signed-off-by, `git config user.name/user.email`;
#  - subjects [PATCH vN M/N], N from the cover letter's "Changes since
#    vN-1" (V=N must agree);
#  - To/Cc from scripts/get_maintainer.pl in every message;
#  - checkpatch.pl --strict over the result;
#  - out/vN/*.patch and out/vN.mbox;
#  - git send-email run against scripts/sendmail-capture.sh, a local
#    sendmail stand-in: nothing leaves the machine, and the exact payload
#    lands in out/vN.sent/.
. "$(dirname "$0")/lib.sh"
OUT=${OUT:-$TOP/out}
COVER=${COVER:-$TOP/cover/cover-letter.txt}
[ -f "$COVER" ] || die "no cover letter $COVER"
# The version is the one the cover letter's changelog implies: one past
# the highest N of its "Changes since vN" lines, v1 without any.  V=N
# overrides, and must agree, so that a v3 is never sent as v1.
cv=$(sed -n 's/^Changes since v\([0-9][0-9]*\).*/\1/p' "$COVER" | sort -n | tail -1)
cv=$(( ${cv:-0} + 1 ))
if [ -n "${V:-}" ] && [ "$V" != "$cv" ]; then
	die "V=$V, but $COVER reads as v$cv (its highest 'Changes since v$((cv - 1))'): fix one of them"
fi
V=$cv
info "make mail: v$V, from the cover letter's changelog"
name=$(git config user.name) && [ -n "$name" ] &&
email=$(git config user.email) && [ -n "$email" ] ||
	die "make mail needs your identity for the From: and Signed-off-by: lines: set it with git config --global user.name 'Your Name' and git config --global user.email you@example.org"
git -C "$TREE" rev-parse -q --verify base >/dev/null || die "no kernel tree in $TREE (run make tree)"
set -e
# Re-author: new commits with the same trees, written with commit-tree so
# that build/linux's branch and work tree stay as they are.
export GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" \
       GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email"
head=$(git -C "$TREE" rev-parse base)
for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
	msg=$(git -C "$TREE" log -1 --format=%B "$c" |
		git interpret-trailers --if-exists addIfDifferent \
			--trailer "Signed-off-by: $name <$email>")
	head=$(echo "$msg" | git -C "$TREE" commit-tree -p "$head" "$c^{tree}")
done
dir="$OUT/v$V"
rm -rf "$dir" "$OUT/v$V.mbox" "$OUT/v$V.sent"
mkdir -p "$dir" "$OUT/v$V.sent"
git -C "$TREE" format-patch -q -v"$V" --cover-letter --base=base --thread \
	--no-signature -o "$dir" "base..$head"
fill_cover "$dir"/v"$V"-0000-cover-letter.patch "$COVER"

# To: the maintainers, Cc: reviewers and lists, per message; the cover
# letter goes to everyone any patch goes to.
gm() { (cd "$TREE" && perl scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback "$@"); }
all_to= all_cc=
for p in "$dir"/*.patch; do
	case $p in *-0000-cover-letter.patch) continue ;; esac
	to=$(gm --no-l --no-r "$p" | paste -sd, - | sed 's/,/, /g')
	cc=$(gm --no-m "$p" | paste -sd, - | sed 's/,/, /g')
	[ -n "$to$cc" ] || die "get_maintainer.pl found no recipient for $(basename "$p")"
	all_to="$all_to${to:+$to, }" all_cc="$all_cc${cc:+$cc, }"
	awk -v to="$to" -v cc="$cc" '!done && /^Subject:/ { if (to != "") print "To: " to; if (cc != "") print "Cc: " cc; done = 1 } { print }' \
		"$p" >"$p.tmp" && mv "$p.tmp" "$p"
done
uniq_list() { echo "$1" | tr ',' '\n' | sed 's/^ *//; /^$/d' | awk '!seen[$0]++' | paste -sd, - | sed 's/,/, /g'; }
all_to=$(uniq_list "$all_to") all_cc=$(uniq_list "$all_cc")
c="$dir"/v"$V"-0000-cover-letter.patch
awk -v to="$all_to" -v cc="$all_cc" '!done && /^Subject:/ { print "To: " to; if (cc != "") print "Cc: " cc; done = 1 } { print }' \
	"$c" >"$c.tmp" && mv "$c.tmp" "$c"

fail=0
for p in "$dir"/*.patch; do
	case $p in *-0000-cover-letter.patch) continue ;; esac
	r=$(cd "$TREE" && perl scripts/checkpatch.pl --strict --no-color "$p" 2>/dev/null) || true
	t=$(echo "$r" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings.*/\1 \2/p')
	[ "$t" = "0 0" ] ||
		{ echo "$r"; echo "checkpatch: $(basename "$p"): errors/warnings ${t:-?}" >&2; fail=1; }
done
[ "$fail" = 0 ] || die "checkpatch --strict reported problems in out/v$V"
cat "$dir"/*.patch >"$OUT/v$V.mbox"

CAPTURE_DIR="$OUT/v$V.sent" git send-email --quiet --confirm=never --no-validate \
	--suppress-cc=self --smtp-server="$TOP/scripts/sendmail-capture.sh" \
	--8bit-encoding=UTF-8 "$dir"/*.patch >"$OUT/v$V.sent/send-email.log" 2>&1 ||
	{ cat "$OUT/v$V.sent/send-email.log" >&2; die "git send-email (to the local stand-in) failed"; }
info "out/v$V: $(ls "$dir" | wc -l) messages, mbox out/v$V.mbox, SMTP payloads in out/v$V.sent/ (nothing was sent)"
