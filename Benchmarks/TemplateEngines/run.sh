#!/usr/bin/env bash
# sitegen's Mustache engine against swift-mustache (issue 23), one run:
#   1. full builds of the corpus with the release sitegen, each into a new folder (wall time);
#   2. the two engines on the same pages in one process (TemplateEngines, alternating rounds);
#   3. the saving: (swift-mustache page render − own page render) ÷ full-build wall time.
#
#   bash Benchmarks/TemplateEngines/run.sh [--skip-build] [SIZE] [BUILDS] [ROUNDS]   default 10000 7 7
#
# Work folder: ENGINES_DIR (default /tmp/engines-run): outputs, the measure program, and the corpus
# (generated there unless CORPUS names one made by Benchmarks/generate_corpus.py SIZE CORPUS).
# QUIET_WAIT (default 60): seconds to wait, before each build and each round of the engines,
# for the cores to be under 20 % busy. BENCH_NICE (default -15, 0 for none): as root, the timed
# programs and this script's autogroup run at this nice value, as in Benchmarks/run.sh.
# Writes everything it prints to Benchmarks/TemplateEngines/results/latest.txt as well.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SKIP_BUILD=0
[[ ${1:-} == --skip-build ]] && { SKIP_BUILD=1; shift; }
N=${1:-10000} BUILDS=${2:-7} ROUNDS=${3:-7}
WORK=${ENGINES_DIR:-/tmp/engines-run}
CORPUS=${CORPUS:-$WORK/corpus-$N}
CONTENT=$CORPUS/sitegen/content
TEMPLATES=$REPO/Templates
SITEGEN=$REPO/.build/release/sitegen
ENGINES=$HERE/.build/release/TemplateEngines
mkdir -p "$WORK" "$HERE/results"
RESULTS=$HERE/results/latest.txt
exec > >(tee "$RESULTS") 2>&1

if ((!SKIP_BUILD)); then
    (cd "$REPO" && swift build -c release)
    # @testable import of SitegenCore in a release build: every module compiled with testing enabled.
    (cd "$HERE" && swift build -c release -Xswiftc -enable-testing)
fi
[[ -d $CONTENT ]] || python3 "$REPO/Benchmarks/generate_corpus.py" "$N" "$CORPUS" >/dev/null
MEASURE=$WORK/measure
[[ -x $MEASURE ]] || gcc -O2 "$REPO/Benchmarks/measure/measure.c" -o "$MEASURE"
OUT=$WORK/out-$(date +%s)
mkdir -p "$OUT"
# The quiet-machine wait and the priority of the timed programs, as in Benchmarks/run.sh.
source "$REPO/Benchmarks/quiet.sh"

echo "# sitegen $(git -C "$REPO" rev-parse --short HEAD), $N activities, $(nproc) cores, $(df -T "$WORK" | awk 'NR == 2 { print $2 }') under $WORK"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); nice ${BENCH_NICE}; uptime: $(uptime)"

# 1. Full builds. A warm-up build first (also checks the corpus builds); the outputs are kept
# until the end, as Benchmarks/run.sh does (ext4 creates files slowly right after a large deletion).
"$SITEGEN" build --content "$CONTENT" --templates "$TEMPLATES" --output "$OUT/warm-up" >/dev/null
printf 'build\twall s\tuser s\tsystem s\tcores busy before %%\tstages (sitegen --verbose)\n'
for ((run = 1; run <= BUILDS; run++)); do
    find -L "$CONTENT" "$TEMPLATES" -type f -print0 | xargs -0 cat >/dev/null
    sync; wait_quiet
    "${NICE[@]}" "$MEASURE" "$OUT/time" "$SITEGEN" build --content "$CONTENT" --templates "$TEMPLATES" --output "$OUT/build-$run" --verbose >"$OUT/log"
    read -r wall _ user system <"$OUT/time"
    stages=$(grep -E '^  [a-z ]+: ' "$OUT/log" | sed 's/^  //' | paste -sd ',' -)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$wall" "$user" "$system" "$BUSY" "$stages" | tee -a "$OUT/builds.tsv"
done
FULL=$(awk -F'\t' '{ print $2 }' "$OUT/builds.tsv" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "# full build, median wall of $BUILDS: $FULL s"

# 2. The engines.
"${NICE[@]}" "$ENGINES" --content "$CONTENT" --templates "$TEMPLATES" --rounds "$ROUNDS" --diff-dir "$WORK/differences" \
    --quiet-wait "$QUIET_WAIT" | tee "$OUT/engines.tsv"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg); uptime: $(uptime)"

# 3. The saving.
awk -F'\t' -v full="$FULL" '
    /^own pages, 1 thread\t/ { own1 = $3; own1w = $2 }
    /^swift-mustache pages, 1 thread\t/ { mus1 = $3; mus1w = $2 }
    /^own pages, 2 cores\t/ { own2 = $2 }
    /^swift-mustache pages, 2 cores\t/ { mus2 = $2 }
    /^own entries, 1 thread\t/ { owne1 = $3 }
    /^swift-mustache entries, 1 thread\t/ { muse1 = $3 }
    /^own entries, 2 cores\t/ { owne2 = $2 }
    /^swift-mustache entries, 2 cores\t/ { muse2 = $2 }
    END {
        printf "\npages, 1 thread (CPU): own %.3f s, swift-mustache %.3f s, ratio %.2f; saving %.1f %% of a %.3f s full build\n", own1, mus1, mus1 / own1, 100 * (mus1 - own1) / full, full
        printf "pages, 2 cores (wall): own %.3f s, swift-mustache %.3f s, ratio %.2f; saving %.1f %%\n", own2, mus2, mus2 / own2, 100 * (mus2 - own2) / full
        printf "pages and list entries, 1 thread (CPU): saving %.1f %%; 2 cores (wall): saving %.1f %%\n", 100 * (mus1 + muse1 - own1 - owne1) / full, 100 * (mus2 + muse2 - own2 - owne2) / full
    }' "$OUT/engines.tsv"
rm -rf "$OUT"
