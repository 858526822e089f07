#!/usr/bin/env bash
# Whole-process timings of `copydesk check` on real corpora, next to peers
# doing comparable work on the same files (prose-style checks of Markdown).
#
#   scripts/bench-corpus.sh [CORPUS_DIR]        # default: ../shared/corpus
#   scripts/bench-corpus.sh --criterion         # ratios from `cargo bench`
#
# For each input (the Markdown files of CORPUS_DIR/rfcs, of CORPUS_DIR/keps,
# and one long document: every RFC joined into one file) it reports, per
# tool: the median wall time of RUNS runs (PEER_RUNS for the peers, which are
# slow), MB/s, peak resident memory (GNU time's "Maximum resident set size",
# highest over the runs), and each peer's time as a multiple of copydesk's on
# one thread. copydesk runs with 1 and 2 threads (`-j`), JSON report to
# /dev/null.
#
# Peers, installed here into PEERS_DIR (default: a cache under
# ${XDG_CACHE_HOME:-~/.cache}/copydesk-bench): proselint (PyPI, in a venv)
# and write-good (npm). Vale is used if a `vale` binary is on PATH; it is
# not installable from the package registries (the PyPI `vale` package only
# downloads the binary from GitHub at first run), and the script says so
# when it cannot run it. A peer that cannot be installed is skipped with the
# reason.
#
# Environment: RUNS (default 5), PEER_RUNS (default 3), COPYDESK_BIN (default:
# builds target/release/copydesk), PEERS_DIR, SKIP_PEERS=1.
#
# --criterion reads target/criterion/*/*/new/estimates.json (after
# `cargo bench --bench pipeline`) and prints each stage's throughput as a
# ratio of raw pulldown-cmark's (the floor), and the long-10x/long-1x cost
# ratio per stage.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

if [[ "${1:-}" == "--criterion" ]]; then
  python3 - "$target/criterion" <<'PY'
import json, os, sys
base = sys.argv[1]
if not os.path.isdir(base):
    sys.exit(f"no criterion results in {base}: run `cargo bench --bench pipeline` first")
res = {}
for group in sorted(os.listdir(base)):
    gdir = os.path.join(base, group)
    for root, dirs, files in os.walk(gdir):
        if root.endswith(os.path.join("new")) and "estimates.json" in files:
            with open(os.path.join(root, "benchmark.json")) as f:
                meta = json.load(f)
            with open(os.path.join(root, "estimates.json")) as f:
                est = json.load(f)
            ns = est["median"]["point_estimate"]
            tp = meta.get("throughput") or {}
            nbytes = tp.get("Bytes") or tp.get("BytesDecimal")
            res.setdefault(meta["group_id"], {})[meta["function_id"]] = (ns, nbytes)
def mbs(ns, b): return b / (ns / 1e9) / 1e6
for group in [g for g in ("rfcs", "keps", "long-1x", "long-10x") if g in res]:
    r = res[group]
    if "pulldown" not in r:
        continue
    floor_ns, b = r["pulldown"]
    print(f"\n### {group} ({b/1e6:.1f} MB)\n")
    print("| stage | MB/s | time ÷ pulldown | throughput ÷ pulldown |")
    print("|---|---:|---:|---:|")
    for name in ["pulldown", "build", "check"] + sorted(k for k in r if k.startswith("rule/")):
        if name in r:
            ns, _ = r[name]
            print(f"| {name} | {mbs(ns, b):.1f} | {ns/floor_ns:.2f}× | {floor_ns/ns:.0%} |")
if "long-1x" in res and "long-10x" in res:
    a, b = res["long-1x"], res["long-10x"]
    print("\n### Growth: long-10x ÷ long-1x (input 10× longer; target ≤ about 12×)\n")
    print("| stage | cost ratio |")
    print("|---|---:|")
    for name in sorted(set(a) & set(b), key=lambda n: (not n.startswith(("pulldown", "build", "check")), n)):
        print(f"| {name} | {b[name][0]/a[name][0]:.1f}× |")
PY
  exit 0
fi

corpus="${1:-$root/../shared/corpus}"
if [[ ! -d "$corpus/rfcs" || ! -d "$corpus/keps" ]]; then
  echo "bench-corpus: no corpus at $corpus (needs rfcs/ and keps/); nothing measured" >&2
  exit 0
fi
corpus="$(cd "$corpus" && pwd)"
RUNS="${RUNS:-5}"
PEER_RUNS="${PEER_RUNS:-3}"
if [[ ! -x /usr/bin/time ]]; then
  echo "bench-corpus: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 1
fi

bin="${COPYDESK_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$root" && cargo build --release --quiet)
  bin="$target/release/copydesk"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Inputs: file lists, and the long document.
find "$corpus/rfcs" -name '*.md' | sort > "$work/rfcs.list"
find "$corpus/keps" -name '*.md' | sort > "$work/keps.list"
mkdir -p "$work/long"
xargs cat < "$work/rfcs.list" > "$work/long/long.md"
echo "$work/long/long.md" > "$work/long.list"
inputs=(rfcs keps long)

bytes_of() { xargs cat < "$work/$1.list" | wc -c; }
largest_of() { xargs stat -c %s < "$work/$1.list" | sort -n | tail -1; }

# --- peers ------------------------------------------------------------------
peers_dir="${PEERS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-bench}"
mkdir -p "$peers_dir"
declare -A peer_cmd=()
declare -A peer_skip=()
if [[ "${SKIP_PEERS:-0}" == 1 ]]; then
  peer_skip[all]="SKIP_PEERS=1"
else
  # proselint, from PyPI, in its own venv.
  if [[ ! -x "$peers_dir/venv/bin/proselint" ]]; then
    { python3 -m venv "$peers_dir/venv" && "$peers_dir/venv/bin/pip" install --quiet proselint; } \
      > "$work/proselint-install.log" 2>&1 || true
  fi
  if [[ -x "$peers_dir/venv/bin/proselint" ]]; then
    peer_cmd[proselint]="$peers_dir/venv/bin/proselint check"
  else
    peer_skip[proselint]="pip install proselint failed: $(tail -1 "$work/proselint-install.log" 2>/dev/null)"
  fi
  # write-good, from npm.
  if [[ ! -f "$peers_dir/npm/node_modules/write-good/bin/write-good.js" ]]; then
    { mkdir -p "$peers_dir/npm" && cd "$peers_dir/npm" && npm install --silent --no-audit --no-fund write-good; } \
      > "$work/write-good-install.log" 2>&1 || true
    cd "$root"
  fi
  if [[ -f "$peers_dir/npm/node_modules/write-good/bin/write-good.js" ]] && command -v node > /dev/null; then
    peer_cmd[write-good]="node $peers_dir/npm/node_modules/write-good/bin/write-good.js"
  else
    peer_skip[write-good]="npm install write-good failed (or no node): $(tail -1 "$work/write-good-install.log" 2>/dev/null)"
  fi
  # Vale: a Go binary published on GitHub only; the PyPI `vale` wrapper
  # downloads it at first run, which needs more than the package registries.
  if command -v vale > /dev/null && vale --version > /dev/null 2>&1; then
    mkdir -p "$work/vale/styles"
    printf 'StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Vale\n' > "$work/vale/.vale.ini"
    peer_cmd[vale]="vale --config $work/vale/.vale.ini --output line"
  else
    reason="no vale binary on PATH"
    if [[ ! -x "$peers_dir/vale-venv/bin/vale" ]]; then
      { python3 -m venv "$peers_dir/vale-venv" && "$peers_dir/vale-venv/bin/pip" install --quiet vale; } \
        > "$work/vale-install.log" 2>&1 || true
    fi
    if [[ -x "$peers_dir/vale-venv/bin/vale" ]]; then
      if out="$(timeout 120 "$peers_dir/vale-venv/bin/vale" --version 2>&1)"; then
        peer_cmd[vale]="$peers_dir/vale-venv/bin/vale --output line"
      else
        reason="the PyPI vale wrapper installs but cannot fetch the Vale binary at run time: $(echo "$out" | grep -v '^\s*$' | tail -1 | cut -c1-160)"
      fi
    else
      reason="pip install vale failed: $(tail -1 "$work/vale-install.log" 2>/dev/null)"
    fi
    [[ -n "${peer_cmd[vale]:-}" ]] || peer_skip[vale]="$reason"
  fi
fi

# --- measuring ----------------------------------------------------------------
# run_one NAME INPUT COMMAND...: runs once, prints "seconds peak_kb".
run_one() {
  local list="$work/$2.list"
  shift 2
  /usr/bin/time -f '%e %M' -o "$work/time.out" "$@" $(cat "$list") > /dev/null 2> "$work/stderr.out" || true
  tail -1 "$work/time.out"
}

# measure TOOL INPUT RUNS COMMAND...: median seconds and peak KB over runs.
measure() {
  local tool="$1" input="$2" runs="$3"
  shift 3
  local times=() peak=0 t m
  for ((i = 0; i < runs; i++)); do
    read -r t m < <(run_one "$tool" "$input" "$@")
    times+=("$t")
    ((m > peak)) && peak=$m
  done
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
  echo "$median $peak"
}

echo "# copydesk corpus benchmark"
echo
echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "- copydesk: $("$bin" --version) ($bin)"
echo "- corpus: $corpus; runs: $RUNS (peers: $PEER_RUNS), median wall time"
for p in proselint write-good vale; do
  if [[ -n "${peer_cmd[$p]:-}" ]]; then
    echo "- $p: ${peer_cmd[$p]}"
  else
    echo "- $p: skipped: ${peer_skip[$p]:-${peer_skip[all]:-not available}}"
  fi
done
echo
echo "| input | files | MB | tool | threads | median s | MB/s | peak RSS MB | memory limit MB | time ÷ copydesk -j1 |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for input in "${inputs[@]}"; do
  files=$(wc -l < "$work/$input.list")
  bytes=$(bytes_of "$input")
  largest=$(largest_of "$input")
  mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
  limit=$(awk -v l="$largest" 'BEGIN {printf "%.0f", 3*l/1048576 + 50}')
  base=""
  for j in 1 2; do
    read -r t m < <(measure copydesk "$input" "$RUNS" "$bin" -j "$j" check --format json)
    [[ -z "$base" ]] && base=$t
    echo "| $input | $files | $mb | copydesk | $j | $t | $(awk -v b="$bytes" -v t="$t" 'BEGIN {printf "%.1f", b/1e6/t}') | $(awk -v m="$m" 'BEGIN {printf "%.0f", m/1024}') | $limit | $(awk -v t="$t" -v b="$base" 'BEGIN {printf "%.2f", t/b}') |"
  done
  for p in proselint write-good vale; do
    [[ -n "${peer_cmd[$p]:-}" ]] || continue
    # shellcheck disable=SC2086
    read -r t m < <(measure "$p" "$input" "$PEER_RUNS" ${peer_cmd[$p]})
    echo "| $input | $files | $mb | $p | - | $t | $(awk -v b="$bytes" -v t="$t" 'BEGIN {printf "%.1f", b/1e6/t}') | $(awk -v m="$m" 'BEGIN {printf "%.0f", m/1024}') | | $(awk -v t="$t" -v b="$base" 'BEGIN {printf "%.1f", t/b}') |"
  done
done
