#!/usr/bin/env bash
# Hunts for super-linear blow-ups the fuzzer's small inputs hide: each input
# of a fuzz corpus is repeated 8 and 128 times, `copydesk check` times both,
# and inputs whose cost grows much more than 16-fold are listed, worst first.
#
#   fuzz/scaling.sh [CORPUS_DIR] [FORMAT] [SAMPLE]
#   (default: fuzz/corpus/check_markdown, markdown, 300 inputs)
# COPYDESK_BIN: the binary (default target/release/copydesk).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-$here/corpus/check_markdown}"
format="${2:-markdown}"
sample="${3:-300}"
bin="${COPYDESK_BIN:-$here/../target/release/copydesk}"
ext=$([[ "$format" == text ]] && echo txt || echo md)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ls -S "$corpus" | head -n "$sample" | while read -r f; do
  for n in 8 128; do
    for ((i = 0; i < n; i++)); do cat "$corpus/$f"; printf '\n\n'; done > "$work/x$n.$ext"
  done
  t8=$( { /usr/bin/time -f '%e' "$bin" -j1 check --format json "$work/x8.$ext" > /dev/null || true; } 2>&1 | tail -1)
  t128=$( { /usr/bin/time -f '%e' "$bin" -j1 check --format json "$work/x128.$ext" > /dev/null || true; } 2>&1 | tail -1)
  awk -v f="$f" -v a="$t8" -v b="$t128" 'BEGIN { r = (a > 0.005) ? b / a : b / 0.005; printf "%.1f %s %s %s\n", r, a, b, f }'
done | sort -rn | head -20
