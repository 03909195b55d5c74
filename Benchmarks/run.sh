#!/usr/bin/env bash
# sitegen benchmark: sitegen vs Hugo vs the machine's floor, at several corpus sizes.
#
#   bash Benchmarks/run.sh [SIZE[:RUNS]...] [RUNS]     default: 1000 10000 50000, 5 runs
#   bash Benchmarks/run.sh 1000 10000 50000 5          sizes 1k, 10k, 50k, 5 runs each
#   bash Benchmarks/run.sh 1000 10000 50000:3 5        ...but 3 runs at 50k
#   bash Benchmarks/run.sh --smoke                     size 200, 1 run; no Hugo if it is missing
#
# Options: --smoke, --no-hugo, --runs N, --out FILE (default Benchmarks/results/latest.md;
# smoke mode writes to $BENCH_DIR/smoke.md instead), --skip-build (use the sitegen binary
# already at .build/release/sitegen).
# Environment: BENCH_DIR (default /tmp/sitegen-bench) holds corpora and binaries; OUT_ROOT
# (default /dev/shm/sitegen-bench when /dev/shm is a tmpfs, else BENCH_DIR) holds the
# build outputs, removed after each size. See the README for why outputs go to a tmpfs.
# SETTLE_AFTER_HUGO (default 6) is the pause in seconds after each Hugo build.
# With more than one number, the last one is the number of runs.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/sitegen-bench}
SMOKE=0
WITH_HUGO=1
SKIP_BUILD=0
RUNS=5
OUT_FILE=""
NUMS=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --no-hugo) WITH_HUGO=0 ;;
        --skip-build) SKIP_BUILD=1 ;;
        --runs) RUNS=$2; shift ;;
        --out) OUT_FILE=$2; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        [0-9]*) NUMS+=("$1") ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

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

pkg-config --exists libcmark-gfm 2>/dev/null || apt_install libcmark-gfm-dev libcmark-gfm-extensions-dev
pkg-config --exists libcmark-gfm || die "libcmark-gfm-dev is missing"
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
if [[ -z ${OUT_ROOT:-} ]]; then
    if [[ $(stat -f -c %T /dev/shm 2>/dev/null) == tmpfs ]]; then OUT_ROOT=/dev/shm/sitegen-bench; else OUT_ROOT=$BENCH_DIR; fi
fi
mkdir -p "$OUT_ROOT"
OUT_FS=$(stat -f -c %T "$OUT_ROOT")

# sitegen, built once in release mode; a copy is used so that a rebuild by someone else
# during the benchmark cannot change the binary under measurement.
if [[ $SKIP_BUILD == 0 ]]; then
    log "building sitegen (release) in $REPO"
    # The .build folder may be locked by another swift build, or sources may change mid-build: retry.
    built=0
    for attempt in 1 2 3 4 5; do
        if (cd "$REPO" && swift build -c release --product sitegen >"$BENCH_DIR/swift-build.log" 2>&1); then
            built=1; break
        fi
        log "swift build failed (attempt $attempt): $(tail -1 "$BENCH_DIR/swift-build.log")"
        sleep 20
    done
    [[ $built == 1 ]] || { tail -30 "$BENCH_DIR/swift-build.log" >&2; die "swift build failed"; }
fi
SITEGEN_SRC="$REPO/.build/release/sitegen"
[[ -x $SITEGEN_SRC ]] || die "no sitegen binary at $SITEGEN_SRC"
SITEGEN="$BENCH_DIR/bin/sitegen"
cp "$SITEGEN_SRC" "$SITEGEN.tmp" && mv "$SITEGEN.tmp" "$SITEGEN"
COMMIT=$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$REPO" && git status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null | wc -l)
[[ $DIRTY == 0 ]] || COMMIT="$COMMIT+uncommitted"

FLOOR="$BENCH_DIR/bin/floor"
gcc -O2 -pthread "$HERE/floor/floor.c" -o "$FLOOR" $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions \
    || die "cannot build floor"
MEASURE="$BENCH_DIR/bin/measure"
gcc -O2 "$HERE/measure/measure.c" -o "$MEASURE" || die "cannot build measure"

HUGO_VERSION="(not run)"
[[ $WITH_HUGO == 1 ]] && HUGO_VERSION=$(hugo version | awk '{print $2}')

# ---- measuring -----------------------------------------------------------------------------

# cpu_busy: percentage of all cores busy over the last 0.5 s (from /proc/stat).
cpu_busy() {
    local a b
    a=($(head -1 /proc/stat)); sleep 0.5; b=($(head -1 /proc/stat))
    local total=0 idle i
    for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    idle=$(( b[4] - a[4] + b[5] - a[5] ))
    (( total > 0 )) && echo $(( 100 * (total - idle) / total )) || echo 0
}

# wait_quiet: other work on this machine (compiles, test runs) skews
# the numbers; wait up to QUIET_WAIT seconds (default 300) for the cores to be idle
# (under QUIET_BUSY %, default 20) before a timed run. Sets BUSY to the last reading.
QUIET_WAIT=${QUIET_WAIT:-300}
QUIET_BUSY=${QUIET_BUSY:-20}
# After a Hugo build the next timed run waits SETTLE_AFTER_HUGO seconds (default 6): a sitegen
# build started half a second after Hugo freed its 1.1 GB took 0.810 s (median of 6), one
# started 6 s after it 0.705 s; the floor took 0.386 and 0.397 s. Without the pause, whichever
# tool came after Hugo was measured in its wake.
SETTLE_AFTER_HUGO=${SETTLE_AFTER_HUGO:-6}
wait_quiet() {
    local waited=0
    BUSY=$(cpu_busy)
    while (( BUSY >= QUIET_BUSY && waited < QUIET_WAIT )); do
        (( waited == 0 )) && log "machine busy (${BUSY}% of the cores); waiting up to ${QUIET_WAIT}s"
        sleep 2; waited=$(( waited + 3 ))
        BUSY=$(cpu_busy)
    done
}

# warm_inputs: reads every file of WARM_DIRS (the corpus, both ways, the templates, the programs
# and the libraries they load), so that each timed run finds them in the page cache. This
# machine pages out file data nobody has read for about a minute (DAMON reclaim), and at 50,000
# activities a Hugo run lasts longer than that: the run after it would read them from disk.
warm_inputs() {
    local dir
    for dir in ${WARM_DIRS:-}; do find -L "$dir" -type f -print0 | xargs -0 cat >/dev/null; done
}

# measure LABEL CMD...: waits for a quiet machine, runs CMD under measure/measure.c; sets WALL
# (s, taken around the fork and wait of CMD itself), RSS (peak resident set, KiB), CPU (user +
# system s) and BUSY (% of the cores busy just before the run).
measure() {
    local label=$1; shift
    local tf="$BENCH_DIR/time.out" ef="$BENCH_DIR/stderr.out"
    warm_inputs
    sync
    wait_quiet
    if ! "$MEASURE" "$tf" "$@" >/dev/null 2>"$ef"; then
        log "$label failed: $*"
        head -40 "$ef" >&2
        exit 1
    fi
    WALL=$(awk 'END { printf "%.3f", $1 }' "$tf")
    RSS=$(awk 'END { print $2 }' "$tf")
    CPU=$(awk 'END { printf "%.2f", $3 + $4 }' "$tf")
    SYS=$(awk 'END { printf "%.2f", $4 }' "$tf")
}

clean_output() {  # a full build starts from nothing: no output folder, and no cache, document index (or their changes) or folder listings beside it
    rm -rf "$(dirname "$1")/.$(basename "$1").sitegen-cache" "$(dirname "$1")/.$(basename "$1").sitegen-cache-changes" \
        "$(dirname "$1")/.$(basename "$1").sitegen-index" "$(dirname "$1")/.$(basename "$1").sitegen-index-changes" \
        "$(dirname "$1")/.$(basename "$1").sitegen-listings" "$1"
}

output_stats() {  # prints "FILES BYTES" of a folder's regular files
    find "$1" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { printf "%d %d\n", n, s }'
}

RAW="$BENCH_DIR/raw.tsv"
printf 'size\trun\ttool\tphase\twall_s\trss_kib\tcpu_s\tsys_s\tbusy_before_pct\n' >"$RAW"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "$CPU" "$SYS" "$BUSY" >>"$RAW"; }
INFO="$BENCH_DIR/info.tsv"
printf 'size\tkey\tvalue\n' >"$INFO"

for spec in "${SIZES[@]}"; do
    N=${spec%%:*}
    R=$RUNS
    [[ $spec == *:* ]] && R=${spec#*:}
    CORPUS="$BENCH_DIR/$N"
    CONTENT="$CORPUS/sitegen/content"
    HUGO_SRC="$CORPUS/hugo"
    OUT_S="$OUT_ROOT/$N/out-sitegen"
    OUT_H="$OUT_ROOT/$N/out-hugo"
    OUT_F="$OUT_ROOT/$N/out-floor"
    mkdir -p "$OUT_ROOT/$N"
    SG=("$SITEGEN" build --content "$CONTENT" --templates "$REPO/Templates" --output "$OUT_S")
    WARM_DIRS="$CONTENT $REPO/Templates $SITEGEN $FLOOR $MEASURE $(ldd "$SITEGEN" "$FLOOR" | awk '$3 ~ /^\// { print $3 }' | sort -u | tr '\n' ' ')"
    [[ $WITH_HUGO == 1 ]] && WARM_DIRS+=" $HUGO_SRC $(command -v hugo)"

    stamp="$(sha256sum "$HERE/generate_corpus.py" | cut -c1-16) $N"
    if [[ ! -f $CORPUS/.stamp || $(cat "$CORPUS/.stamp") != "$stamp" ]]; then
        log "generating corpus N=$N in $CORPUS"
        rm -rf "$CORPUS"
        mkdir -p "$CORPUS"
        python3 "$HERE/generate_corpus.py" "$N" "$CORPUS" >&2
        echo "$stamp" >"$CORPUS/.stamp"
    fi

    # one activity file to edit for the one-file rebuild: the middle one, restored afterwards
    EDIT_FILE=$(ls "$CONTENT/activities" | sort | sed -n "$(( (N + 1) / 2 ))p")
    EDIT_FILE="$CONTENT/activities/$EDIT_FILE"
    cp "$EDIT_FILE" "$CORPUS/edit-backup.md"
    trap 'cp "$CORPUS/edit-backup.md" "$EDIT_FILE" 2>/dev/null || true' EXIT

    log "N=$N: warm-up (also checks that sitegen accepts the corpus)"
    clean_output "$OUT_S"
    measure "sitegen warm-up" "${SG[@]}"
    read -r S_FILES S_BYTES < <(output_stats "$OUT_S")
    record "$N" 0 sitegen warmup "$WALL" "$RSS"
    printf '%s\tsitegen_files\t%s\n%s\tsitegen_bytes\t%s\n' "$N" "$S_FILES" "$N" "$S_BYTES" >>"$INFO"
    if [[ $WITH_HUGO == 1 ]]; then
        rm -rf "$OUT_H"
        measure "hugo warm-up" hugo --quiet --noBuildLock --source "$HUGO_SRC" --destination "$OUT_H"
        sleep "$SETTLE_AFTER_HUGO"
        read -r H_FILES H_BYTES < <(output_stats "$OUT_H")
        record "$N" 0 hugo warmup "$WALL" "$RSS"
        printf '%s\thugo_files\t%s\n%s\thugo_bytes\t%s\n' "$N" "$H_FILES" "$N" "$H_BYTES" >>"$INFO"
    fi
    rm -rf "$OUT_F"
    measure "floor warm-up" "$FLOOR" "$CONTENT" "$OUT_F" "$S_BYTES" "$S_FILES" 2
    record "$N" 0 floor warmup "$WALL" "$RSS"

    for ((run = 1; run <= R; run++)); do
        # sitegen: full build from a clean output, then a no-op rebuild, then a one-file rebuild
        clean_output "$OUT_S"
        measure "sitegen full" "${SG[@]}"
        record "$N" "$run" sitegen full "$WALL" "$RSS"; full=$WALL
        measure "sitegen no-op" "${SG[@]}"
        record "$N" "$run" sitegen noop "$WALL" "$RSS"; noop=$WALL
        printf '\nEdited for benchmark run %d: the participants also reviewed the outcomes.\n' "$run" >>"$EDIT_FILE"
        measure "sitegen one-file" "${SG[@]}"
        record "$N" "$run" sitegen onefile "$WALL" "$RSS"; one=$WALL
        # then a new title for the same activity (the corpus quotes every title): its page, its
        # neighbours' pages, the lists and data files that show it change
        sed -i "2s/\"\$/ (revised $run)\"/" "$EDIT_FILE"
        grep -q "^title: .* (revised $run)\"\$" "$EDIT_FILE" || { echo "run.sh: could not retitle $EDIT_FILE" >&2; exit 1; }
        measure "sitegen title edit" "${SG[@]}"
        record "$N" "$run" sitegen titleedit "$WALL" "$RSS"; title=$WALL
        cp "$CORPUS/edit-backup.md" "$EDIT_FILE"
        line="N=$N run $run/$R: sitegen ${full}s (no-op ${noop}s, one-file ${one}s, title edit ${title}s)"

        if [[ $WITH_HUGO == 1 ]]; then
            rm -rf "$OUT_H"
            measure "hugo" hugo --quiet --noBuildLock --source "$HUGO_SRC" --destination "$OUT_H"
            sleep "$SETTLE_AFTER_HUGO"
            record "$N" "$run" hugo full "$WALL" "$RSS"
            line+=", hugo ${WALL}s"
        fi

        rm -rf "$OUT_F"
        measure "floor" "$FLOOR" "$CONTENT" "$OUT_F" "$S_BYTES" "$S_FILES" 2
        record "$N" "$run" floor full "$WALL" "$RSS"
        log "$line, floor ${WALL}s"
    done
    cp "$CORPUS/edit-backup.md" "$EDIT_FILE"
    trap - EXIT
    [[ $OUT_ROOT == "$BENCH_DIR" ]] || rm -rf "${OUT_ROOT:?}/$N"   # a tmpfs holds RAM
done

# ---- report --------------------------------------------------------------------------------

mkdir -p "$(dirname "$OUT_FILE")"
python3 - "$RAW" "$INFO" "$OUT_FILE" "$COMMIT" "$HUGO_VERSION" "$RUNS" "${SIZES[*]}" "$OUT_ROOT ($OUT_FS)" <<'PY'
import csv, statistics, sys, os, platform, datetime
raw, info, out, commit, hugo_version, runs, sizes, outputs = sys.argv[1:9]
rows = list(csv.DictReader(open(raw), delimiter="\t"))
meta = {}
for r in csv.DictReader(open(info), delimiter="\t"):
    meta.setdefault(r["size"], {})[r["key"]] = r["value"]

def med(size, tool, phase, key):
    xs = [float(r[key]) for r in rows if r["size"] == size and r["tool"] == tool and r["phase"] == phase]
    return (statistics.median(xs), len(xs)) if xs else (None, 0)

def f(x, fmt):
    return "–" if x is None else format(x, fmt)

def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b

lines = []
lines.append("| activities | sitegen s | Hugo s | time sitegen/Hugo | sitegen peak MB | Hugo peak MB | memory sitegen/Hugo | floor s | sitegen/floor | no-op rebuild % of full | one-file rebuild % of full | title-edit rebuild % of full | runs |")
lines.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
detail = ["| activities | sitegen files | sitegen MB written | Hugo files | Hugo MB written | sitegen no-op s | sitegen one-file s | sitegen title-edit s | sitegen CPU s | Hugo CPU s | floor CPU s | max % cores busy before a run |",
          "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
for spec in sizes.split():
    n = spec.split(":")[0]
    s_t, k = med(n, "sitegen", "full", "wall_s")
    s_m, _ = med(n, "sitegen", "full", "rss_kib")
    h_t, _ = med(n, "hugo", "full", "wall_s")
    h_m, _ = med(n, "hugo", "full", "rss_kib")
    fl, _ = med(n, "floor", "full", "wall_s")
    no, _ = med(n, "sitegen", "noop", "wall_s")
    one, _ = med(n, "sitegen", "onefile", "wall_s")
    title, _ = med(n, "sitegen", "titleedit", "wall_s")
    s_mb = None if s_m is None else s_m / 1024
    h_mb = None if h_m is None else h_m / 1024
    pct = lambda x: None if x is None or not s_t else 100 * x / s_t
    lines.append(f"| {int(n):,} | {f(s_t, '.3f')} | {f(h_t, '.3f')} | {f(ratio(s_t, h_t), '.2f')} | {f(s_mb, '.0f')} | {f(h_mb, '.0f')} | "
                 f"{f(ratio(s_mb, h_mb), '.2f')} | {f(fl, '.3f')} | {f(ratio(s_t, fl), '.2f')} | {f(pct(no), '.2f')} % | {f(pct(one), '.2f')} % | {f(pct(title), '.2f')} % | {k} |")
    m = meta.get(n, {})
    mb = lambda key: "–" if key not in m else f"{int(m[key]) / 1e6:.1f}"
    s_cpu, _ = med(n, "sitegen", "full", "cpu_s")
    h_cpu, _ = med(n, "hugo", "full", "cpu_s")
    f_cpu, _ = med(n, "floor", "full", "cpu_s")
    busy = max([int(r["busy_before_pct"]) for r in rows if r["size"] == n and r["run"] != "0"] or [0])
    detail.append(f"| {int(n):,} | {m.get('sitegen_files', '–')} | {mb('sitegen_bytes')} | {m.get('hugo_files', '–')} | {mb('hugo_bytes')} | "
                  f"{f(no, '.3f')} | {f(one, '.3f')} | {f(title, '.3f')} | {f(s_cpu, '.2f')} | {f(h_cpu, '.2f')} | {f(f_cpu, '.2f')} | {busy} |")

head = [f"# sitegen benchmark results", "",
        f"- when: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; machine: {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, {platform.system()} {platform.machine()}",
        f"- sitegen: release build of commit {commit}; Hugo: {hugo_version}; floor: Benchmarks/floor/floor.c (gcc -O2, 2 threads)",
        f"- medians of the timed runs after one warm-up per size; wall time in seconds, peak RSS in MB (1 MB = 1024 KiB)",
        f"- corpora read from {os.path.dirname(raw)}; outputs written to {outputs}", ""]
body = head + lines + ["", "Details (output size from the warm-up build; rebuild and CPU (user + system) medians; how busy the machine was just before a timed run, from /proc/stat):", ""] + detail
body += ["", "<details><summary>Every measurement</summary>", "", "| activities | run | tool | phase | wall s | peak RSS KiB | CPU s | of which system s | % cores busy before |", "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
body += [f"| {r['size']} | {r['run']} | {r['tool']} | {r['phase']} | {r['wall_s']} | {r['rss_kib']} | {r['cpu_s']} | {r['sys_s']} | {r['busy_before_pct']} |" for r in rows]
body += ["", "</details>", ""]
open(out, "w").write("\n".join(body))
print("\n".join(head + lines + [""] + detail))
PY
log "results written to $OUT_FILE"
