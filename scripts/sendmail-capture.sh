#!/bin/sh
# A sendmail stand-in for git send-email --smtp-server: store each message
# with its envelope recipients in $CAPTURE_DIR instead of sending it.
dir=${CAPTURE_DIR:?CAPTURE_DIR not set}
n=$(($(ls "$dir" | grep -c '\.eml$') + 1))
f=$(printf '%s/%03d.eml' "$dir" "$n")
{ printf 'X-Envelope-Args: %s\n' "$*"; cat; } >"$f"
