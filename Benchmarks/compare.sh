#!/usr/bin/env bash
# Two sitegen binaries on the same corpus, full builds in alternation, each into a new output
# folder on disk: is a change worth its code? (How the YAML reader was judged, see README.)
#
#   bash Benchmarks/compare.sh BINARY_A BINARY_B [SIZE] [ROUNDS]    default 10000 activities, 9 rounds
#
# Uses the corpus and the measure program run.sh leaves in BENCH_DIR (default /tmp/sitegen-bench).
# Checks that both binaries write the same bytes, then prints each round and the medians.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
A=$(realpath "$1") B=$(realpath "$2") N=${3:-10000} ROUNDS=${4:-9}
BENCH_DIR=${BENCH_DIR:-/tmp/sitegen-bench}
CONTENT="$BENCH_DIR/$N/sitegen/content"
[[ -d $CONTENT ]] || { echo "no corpus at $CONTENT: run Benchmarks/run.sh $N first" >&2; exit 1; }
MEASURE="$BENCH_DIR/bin/measure"
[[ -x $MEASURE ]] || gcc -O2 "$HERE/measure/measure.c" -o "$MEASURE"
OUT="$BENCH_DIR/out/compare"
rm -rf "$OUT" && mkdir -p "$OUT"

build() { "$MEASURE" "$OUT/time" "$1" build --content "$CONTENT" --templates "$REPO/Templates" --output "$2" >/dev/null; }
build "$A" "$OUT/check-a" && build "$B" "$OUT/check-b"
diff -r -q "$OUT/check-a" "$OUT/check-b" >/dev/null || { echo "the two binaries write different sites" >&2; exit 1; }

printf 'round\tA wall s\tA CPU s\tB wall s\tB CPU s\n'
for ((round = 1; round <= ROUNDS; round++)); do
    line="$round"
    # A first in odd rounds, B first in even ones.
    for which in $( ((round % 2)) && echo "A B" || echo "B A"); do
        binary=$A; [[ $which == B ]] && binary=$B
        find -L "$CONTENT" "$REPO/Templates" -type f -print0 | xargs -0 cat >/dev/null
        sync; sleep 1
        build "$binary" "$OUT/$which-$round"
        read -r wall _ user system <"$OUT/time"
        eval "${which}_WALL=$wall ${which}_CPU=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')"
    done
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$A_WALL" "$A_CPU" "$B_WALL" "$B_CPU" | tee -a "$OUT/rounds.tsv"
done
awk -F'\t' '{ aw[NR] = $2; ac[NR] = $3; bw[NR] = $4; bc[NR] = $5 }
    function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
        return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    END { n = NR; a = median(aw, n); b = median(bw, n); ca = median(ac, n); cb = median(bc, n)
        printf "median wall: A %.3f s, B %.3f s (B/A %.3f); median CPU: A %.2f s, B %.2f s (B/A %.3f)\n", a, b, b / a, ca, cb, cb / ca }' "$OUT/rounds.tsv"
rm -rf "$OUT"
