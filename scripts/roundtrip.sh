#!/bin/sh
# The mail round trip for make test: make mail with a throwaway identity,
# git am the mbox onto a fresh checkout of the base, and compare the tree
# with build/linux; checkpatch on the mailed patches (make mail checks it).
# Also: make mail without an identity must stop with a message.
. "$(dirname "$0")/lib.sh"
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n $*"; }
tmp=$(mktemp -d)
trap 'git -C "$TREE" worktree remove --force "$tmp/am" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

# 1. no identity
mkdir -p "$tmp/home"
if out=$(env HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME="$tmp/home" \
	sh "$TOP/scripts/mail.sh" 2>&1); then
	notok "make mail without a git identity did not stop"
elif echo "$out" | grep -q "git config --global user.name"; then
	ok "make mail without a git identity stops: $(echo "$out" | head -1 | cut -c1-90)..."
else
	notok "make mail without a git identity failed without the message: $out"
fi

# 2. the mail, with a throwaway identity, and the version the cover
# letter's changelog gives: one past its highest "Changes since vN"
idt() { env GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="Round Trip" \
	GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1=roundtrip@example.org "$@"; }
cv=$(sed -n 's/^Changes since v\([0-9][0-9]*\).*/\1/p' "$TOP/cover/cover-letter.txt" | sort -n | tail -1)
cv=$(( ${cv:-0} + 1 ))
if out=$(idt OUT="$tmp/out" V=$((cv + 6)) sh "$TOP/scripts/mail.sh" 2>&1); then
	notok "make mail V=$((cv + 6)) for a v$cv cover letter did not stop"
elif echo "$out" | grep -q "reads as v$cv"; then
	ok "make mail V=$((cv + 6)) for a v$cv cover letter stops: $(echo "$out" | tail -1 | cut -c1-90)..."
else
	notok "make mail V=$((cv + 6)) failed without the message: $out"
fi
if idt OUT="$tmp/out" sh "$TOP/scripts/mail.sh" >"$tmp/mail.log" 2>&1; then
	ok "make mail (no V=): $(ls "$tmp/out/v$cv" | wc -l) messages, checkpatch --strict 0 errors, 0 warnings"
else
	sed 's/^/# /' "$tmp/mail.log"
	notok "make mail failed"
fi
if [ -f "$tmp/out/v$cv.mbox" ] && grep -q "^Subject: \\[PATCH v$cv 0*1/" "$tmp/out/v$cv.mbox" &&
   [ "$(grep -c '^Signed-off-by: Round Trip <roundtrip@example.org>' "$tmp/out/v$cv.mbox")" = \
     "$(git -C "$TREE" rev-list --count base..HEAD)" ] &&
   [ "$(ls "$tmp/out/v$cv.sent" | grep -c '\.eml$')" = "$(ls "$tmp/out/v$cv" | wc -l)" ]; then
	ok "mbox: v$cv subjects (the cover letter's version), the sender's Signed-off-by on every patch, every message captured by the sendmail stand-in"
else
	notok "mbox: subjects, Signed-off-by or captured messages wrong"
fi

# 3. git am onto the base
git -C "$TREE" worktree add -q --detach "$tmp/am" base >/dev/null 2>&1 ||
	{ notok "cannot check out the base"; echo "$((n - fail)) passed, $fail failed"; exit 1; }
git -C "$tmp/am" am -q "$tmp/out/v$cv.mbox" >/dev/null 2>&1 ||
	while git -C "$tmp/am" rev-parse -q --verify REBASE_HEAD >/dev/null 2>&1 ||
	      [ -d "$(git -C "$tmp/am" rev-parse --git-path rebase-apply)" ]; do
		# the cover letter is an empty patch: skip it
		git -C "$tmp/am" am -q --skip >/dev/null 2>&1 || break
	done
want=$(git -C "$TREE" rev-parse 'HEAD^{tree}')
got=$(git -C "$tmp/am" rev-parse 'HEAD^{tree}')
if [ "$want" = "$got" ]; then
	ok "git am of the mbox onto the base gives the tree of make tree ($got)"
else
	notok "git am of the mbox gives tree $got, make tree has $want"
fi
echo "$((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
