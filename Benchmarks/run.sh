#!/usr/bin/env bash
# sitegen benchmark: full builds of sitegen and Hugo on the same generated portal, at several
# sizes, each build into a new output folder on disk; then, with --serve, save-to-reload under
# `sitegen serve` and `hugo server` (Benchmarks/serve_latency.py).
#
#   bash Benchmarks/run.sh [SIZE[:RUNS]...] [RUNS]    default: 1000 10000 50000, 3 runs each
#   bash Benchmarks/run.sh 1000 10000 50000:2 5       5 runs, but 2 at 50,000
#   bash Benchmarks/run.sh --serve 10000 ...          also the serve benchmark at that size
#   bash Benchmarks/run.sh --smoke                    CI: 200 activities, 1 run, no Hugo if missing
#
# Options: --no-hugo, --skip-build (measure .build/release/sitegen as it is), --serve SIZE,
# --serve-edits N (default 24), --out FILE (default Benchmarks/results/latest.md; the smoke run
# writes $BENCH_DIR/smoke.md).
# Environment: BENCH_DIR holds corpora, binaries and outputs (default /tmp/sitegen-bench, or
# $HOME/sitegen-bench when /tmp is a tmpfs: outputs go to disk); QUIET_WAIT / QUIET_BUSY: how
# long to wait for idle cores before a timed run (default 60 s, under 20 % busy);
# SETTLE_AFTER_HUGO: pause in seconds after each Hugo build (default 6); BENCH_NICE: the nice
# value timed runs and the servers get when run as root (default -15; 0 for none).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SMOKE=0 WITH_HUGO=1 SKIP_BUILD=0 RUNS=3 OUT_FILE="" SERVE_SIZE="" SERVE_EDITS=24
NUMS=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --no-hugo) WITH_HUGO=0 ;;
        --skip-build) SKIP_BUILD=1 ;;
        --serve) SERVE_SIZE=$2; shift ;;
        --serve-edits) SERVE_EDITS=$2; shift ;;
        --out) OUT_FILE=$2; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        [0-9]*) NUMS+=("$1") ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

fs_type() { df --output=fstype "$1" 2>/dev/null | tail -1 || echo unknown; }
if [[ -z ${BENCH_DIR:-} ]]; then
    BENCH_DIR=/tmp/sitegen-bench
    [[ $(fs_type /tmp) == tmpfs ]] && BENCH_DIR=$HOME/sitegen-bench
fi

if [[ $SMOKE == 1 ]]; then
    SIZES=(200); RUNS=1
    OUT_FILE=${OUT_FILE:-$BENCH_DIR/smoke.md}
else
    if [[ ${#NUMS[@]} -gt 1 && ${NUMS[-1]} != *:* ]]; then
        RUNS=${NUMS[-1]}; unset 'NUMS[-1]'
    fi
    if [[ ${#NUMS[@]} -eq 0 ]]; then SIZES=(1000 10000 50000); else SIZES=("${NUMS[@]}"); fi
    OUT_FILE=${OUT_FILE:-$HERE/results/latest.md}
fi

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- tools ---------------------------------------------------------------------------------

apt_install() {
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing $*"
        apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$@" >/dev/null 2>&1; }
    fi
}

command -v gcc >/dev/null || die "gcc is missing"
if [[ $WITH_HUGO == 1 ]] && ! command -v hugo >/dev/null; then
    [[ $SMOKE == 1 ]] || apt_install hugo
    if ! command -v hugo >/dev/null; then
        [[ $SMOKE == 1 ]] || die "hugo is missing (apt-get install hugo), or pass --no-hugo"
        log "hugo is missing: smoke run without Hugo"
        WITH_HUGO=0
    fi
fi

mkdir -p "$BENCH_DIR/bin"
OUT_ROOT="$BENCH_DIR/out"
mkdir -p "$OUT_ROOT"
OUT_FS=$(fs_type "$OUT_ROOT")
[[ $OUT_FS == tmpfs ]] && log "warning: outputs go to a tmpfs ($OUT_ROOT); set BENCH_DIR to a folder on disk"

# sitegen, built once in release mode and copied, so that a rebuild during the benchmark
# cannot change the binary under measurement.
if [[ $SKIP_BUILD == 0 ]]; then
    log "building sitegen (release) in $REPO"
    (cd "$REPO" && swift build -c release --product sitegen >"$BENCH_DIR/swift-build.log" 2>&1) \
        || { tail -30 "$BENCH_DIR/swift-build.log" >&2; die "swift build failed"; }
fi
[[ -x $REPO/.build/release/sitegen ]] || die "no sitegen binary at $REPO/.build/release/sitegen"
SITEGEN="$BENCH_DIR/bin/sitegen"
cp "$REPO/.build/release/sitegen" "$SITEGEN.tmp" && mv "$SITEGEN.tmp" "$SITEGEN"
COMMIT=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$REPO" && git status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null | wc -l)
[[ $DIRTY == 0 ]] || COMMIT="$COMMIT+uncommitted"

MEASURE="$BENCH_DIR/bin/measure"
gcc -O2 "$HERE/measure/measure.c" -o "$MEASURE" || die "cannot build measure"

HUGO_VERSION="(not run)"
[[ $WITH_HUGO == 1 ]] && HUGO_VERSION=$(hugo version | awk '{print $2}')

# ---- measuring -----------------------------------------------------------------------------

# The quiet-machine wait and the priority of the timed programs (cpu_busy, wait_quiet, NICE).
source "$HERE/quiet.sh"
# A build started right after Hugo freed its gigabytes of memory ran slower: pause after Hugo.
SETTLE_AFTER_HUGO=${SETTLE_AFTER_HUGO:-6}

# warm_inputs: reads the corpus, the templates and the programs, so that every timed run finds
# them in the page cache (this machine pages out file data nobody has read for about a minute).
warm_inputs() {
    local dir
    for dir in ${WARM_DIRS:-}; do find -L "$dir" -type f -print0 | xargs -0 cat >/dev/null; done
}

# measure LABEL CMD...: waits for a quiet machine, runs CMD under measure/measure.c; sets WALL
# (s, around the fork and wait of CMD), RSS (peak resident set, KiB), CPU and SYS (s) and BUSY.
measure() {
    local label=$1; shift
    local tf="$BENCH_DIR/time.out" ef="$BENCH_DIR/stderr.out"
    warm_inputs
    sync
    wait_quiet
    if ! "${NICE[@]}" "$MEASURE" "$tf" "$@" >/dev/null 2>"$ef"; then
        log "$label failed: $*"
        head -40 "$ef" >&2
        exit 1
    fi
    WALL=$(awk 'END { printf "%.3f", $1 }' "$tf")
    RSS=$(awk 'END { print $2 }' "$tf")
    CPU=$(awk 'END { printf "%.2f", $3 + $4 }' "$tf")
    SYS=$(awk 'END { printf "%.2f", $4 }' "$tf")
}

output_stats() {  # prints "FILES BYTES" of a folder's regular files
    find "$1" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { printf "%d %d\n", n, s }'
}

RAW="$BENCH_DIR/raw.tsv"
printf 'size\trun\ttool\twall_s\trss_kib\tcpu_s\tsys_s\tbusy_before_pct\n' >"$RAW"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "$CPU" "$SYS" "$BUSY" >>"$RAW"; }
INFO="$BENCH_DIR/info.tsv"
printf 'size\tkey\tvalue\n' >"$INFO"

# Outputs of earlier runs go first, and the ones of this run are kept to its end: on ext4, files
# created just after many were deleted are slower to create (the allocator steps over inodes
# freed in the last minutes), so no timed build follows a large deletion.
rm -rf "${OUT_ROOT:?}"/*
sync

corpus() {  # corpus N: generates BENCH_DIR/N once (again when generate_corpus.py changes)
    local n=$1 dir="$BENCH_DIR/$1" stamp
    stamp="$(sha256sum "$HERE/generate_corpus.py" | cut -c1-16) $n"
    if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
        log "generating corpus N=$n in $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        python3 "$HERE/generate_corpus.py" "$n" "$dir" >&2
        echo "$stamp" >"$dir/.stamp"
    fi
}

for spec in "${SIZES[@]}"; do
    N=${spec%%:*}
    R=$RUNS
    [[ $spec == *:* ]] && R=${spec#*:}
    corpus "$N"
    CONTENT="$BENCH_DIR/$N/sitegen/content"
    HUGO_SRC="$BENCH_DIR/$N/hugo"
    WARM_DIRS="$CONTENT $REPO/Templates $SITEGEN $MEASURE $(ldd "$SITEGEN" | awk '$3 ~ /^\// { print $3 }' | sort -u | tr '\n' ' ')"
    [[ $WITH_HUGO == 1 ]] && WARM_DIRS+=" $HUGO_SRC $(command -v hugo)"

    log "N=$N: warm-up build (also checks that sitegen accepts the corpus)"
    measure "sitegen warm-up" "$SITEGEN" build --content "$CONTENT" --templates "$REPO/Templates" --output "$OUT_ROOT/$N-sitegen-0"
    read -r files bytes < <(output_stats "$OUT_ROOT/$N-sitegen-0")
    printf '%s\tsitegen_files\t%s\n%s\tsitegen_bytes\t%s\n' "$N" "$files" "$N" "$bytes" >>"$INFO"

    for ((run = 1; run <= R; run++)); do
        # Each build into a new folder.
        measure "sitegen" "$SITEGEN" build --content "$CONTENT" --templates "$REPO/Templates" --output "$OUT_ROOT/$N-sitegen-$run"
        record "$N" "$run" sitegen "$WALL" "$RSS"
        line="N=$N run $run/$R: sitegen ${WALL}s $(( RSS / 1024 )) MB"
        if [[ $WITH_HUGO == 1 ]]; then
            measure "hugo" hugo --quiet --noBuildLock --source "$HUGO_SRC" --destination "$OUT_ROOT/$N-hugo-$run"
            record "$N" "$run" hugo "$WALL" "$RSS"
            line+=", hugo ${WALL}s $(( RSS / 1024 )) MB"
            if [[ $run == 1 ]]; then
                read -r files bytes < <(output_stats "$OUT_ROOT/$N-hugo-1")
                printf '%s\thugo_files\t%s\n%s\thugo_bytes\t%s\n' "$N" "$files" "$N" "$bytes" >>"$INFO"
            fi
            sleep "$SETTLE_AFTER_HUGO"
        fi
        log "$line"
    done
done

# ---- serve ---------------------------------------------------------------------------------

SERVE_JSON=""
if [[ -n $SERVE_SIZE ]]; then
    corpus "$SERVE_SIZE"
    SERVE_JSON="$BENCH_DIR/serve.json"
    hugo_args=()
    [[ $WITH_HUGO == 1 ]] || hugo_args=(--no-hugo)
    wait_quiet
    "${NICE[@]}" python3 "$HERE/serve_latency.py" --sitegen "$SITEGEN" --templates "$REPO/Templates" --corpus "$BENCH_DIR/$SERVE_SIZE" \
        --work "$OUT_ROOT/serve" --edits "$SERVE_EDITS" --json "$SERVE_JSON" "${hugo_args[@]}" >&2
fi

# ---- report --------------------------------------------------------------------------------

mkdir -p "$(dirname "$OUT_FILE")"
python3 - "$RAW" "$INFO" "$OUT_FILE" "$COMMIT" "$HUGO_VERSION" "${SIZES[*]}" "$OUT_ROOT ($OUT_FS)" "$SERVE_JSON" "${NICE[2]:-0}" <<'PY'
import csv, datetime, json, os, platform, statistics, sys
raw, info, out, commit, hugo_version, sizes, outputs, serve_json, nice = sys.argv[1:10]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
meta = {}
for r in csv.DictReader(open(info), delimiter="\t"):
    meta.setdefault(r["size"], {})[r["key"]] = r["value"]

def med(size, tool, key):
    xs = [float(r[key]) for r in rows if r["size"] == size and r["tool"] == tool]
    return (statistics.median(xs), len(xs)) if xs else (None, 0)

def f(x, fmt):
    return "–" if x is None else format(x, fmt)

def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b

lines = ["| activities | sitegen s | Hugo s | time sitegen/Hugo | sitegen peak MB | Hugo peak MB | memory sitegen/Hugo | sitegen s per 1,000 | runs |",
         "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
detail = ["| activities | sitegen files | sitegen MB written | Hugo files | Hugo MB written | sitegen CPU s | Hugo CPU s | sitegen wall range s | Hugo wall range s | max % cores busy before a run |",
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |"]
for spec in sizes.split():
    n = spec.split(":")[0]
    s_t, k = med(n, "sitegen", "wall_s")
    h_t, _ = med(n, "hugo", "wall_s")
    s_m, _ = med(n, "sitegen", "rss_kib")
    h_m, _ = med(n, "hugo", "rss_kib")
    s_mb = None if s_m is None else s_m / 1024
    h_mb = None if h_m is None else h_m / 1024
    per = None if s_t is None else s_t / (int(n) / 1000)
    lines.append(f"| {int(n):,} | {f(s_t, '.3f')} | {f(h_t, '.3f')} | {f(ratio(s_t, h_t), '.3f')} | {f(s_mb, '.0f')} | {f(h_mb, '.0f')} | "
                 f"{f(ratio(s_mb, h_mb), '.3f')} | {f(per, '.3f')} | {k} |")
    m = meta.get(n, {})
    mb = lambda key: "–" if key not in m else f"{int(m[key]) / 1e6:.1f}"
    s_cpu, _ = med(n, "sitegen", "cpu_s")
    h_cpu, _ = med(n, "hugo", "cpu_s")
    rng = lambda tool: "–" if not [r for r in rows if r["size"] == n and r["tool"] == tool] else \
        "{:.3f}–{:.3f}".format(*(g([float(r["wall_s"]) for r in rows if r["size"] == n and r["tool"] == tool]) for g in (min, max)))
    busy = max([int(r["busy_before_pct"]) for r in rows if r["size"] == n] or [0])
    detail.append(f"| {int(n):,} | {m.get('sitegen_files', '–')} | {mb('sitegen_bytes')} | {m.get('hugo_files', '–')} | {mb('hugo_bytes')} | "
                  f"{f(s_cpu, '.2f')} | {f(h_cpu, '.2f')} | {rng('sitegen')} | {rng('hugo')} | {busy} |")

head = ["# sitegen benchmark results", "",
        f"- when: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; machine: {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, {platform.system()} {platform.machine()}",
        f"- sitegen: release build of commit {commit}; Hugo: {hugo_version}",
        "- full builds, each into a new output folder; medians of the timed runs (after one sitegen warm-up); "
        "wall time in seconds, peak RSS in MB (1 MB = 1024 KiB)",
        f"- corpora read from {os.path.dirname(raw)}; outputs written to {outputs}; timed programs at nice {nice}", ""]
body = head + lines + ["", "Details (output size from the first build; CPU = user + system, median; how busy the cores were just before a timed run, from /proc/stat):", ""] + detail
if serve_json:
    s = json.load(open(serve_json))
    body += ["", f"## Save to reload, {s['activities']:,} activities", "",
             f"{s['edits']} edits ({s['body_edits']} body, {s['title_edits']} title) of different activities; from the edited file "
             "renamed into place to the edited page served with the new text, polled every "
             f"{s['poll_ms']} ms. {s['notes']}", "",
             "| server | median ms | 95th percentile ms | min ms | max ms | body median ms | title median ms | startup s |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in s["servers"].items():
        body.append(f"| {name} | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | {r['min_ms']:.0f} | {r['max_ms']:.0f} | "
                    f"{r['body_median_ms']:.0f} | {r['title_median_ms']:.0f} | {r['startup_s']:.1f} |")
    for name, r in s["servers"].items():
        if r.get("server_rebuild_median_ms") is not None:
            body += ["", f"{name} itself reports a median rebuild of {r['server_rebuild_median_ms']:.0f} ms for these edits."]
    body += ["", "Every edit, ms: " + "; ".join(f"{name}: " + ", ".join(f"{x:.0f}" for x in r["latencies_ms"]) for name, r in s["servers"].items())]
body += ["", "<details><summary>Every full build</summary>", "",
         "| activities | run | tool | wall s | peak RSS KiB | CPU s | of which system s | % cores busy before |",
         "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
body += [f"| {r['size']} | {r['run']} | {r['tool']} | {r['wall_s']} | {r['rss_kib']} | {r['cpu_s']} | {r['sys_s']} | {r['busy_before_pct']} |" for r in rows]
body += ["", "</details>", ""]
open(out, "w").write("\n".join(body))
print("\n".join(body[:body.index("<details><summary>Every full build</summary>")]))
PY
log "results written to $OUT_FILE"
rm -rf "${OUT_ROOT:?}"/*
