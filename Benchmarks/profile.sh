#!/usr/bin/env bash
# Profile one sitegen build with callgrind and keep the top of the report.
#
#   bash Benchmarks/profile.sh [N]        default N=1000; uses the corpus run.sh generates
#
# Writes Benchmarks/results/profile-<N/1000>k.txt (inclusive cost, top 60 lines) and
# profile-<N/1000>k-self.txt (exclusive cost, top 60 lines), Swift names demangled.
# The raw callgrind file stays in $BENCH_DIR (default /tmp/sitegen-bench).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/sitegen-bench}
N=${1:-1000}
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
CORPUS="$BENCH_DIR/$N"
if [[ ! -d $CORPUS/sitegen/content ]]; then
    mkdir -p "$CORPUS"
    python3 "$HERE/generate_corpus.py" "$N" "$CORPUS"
fi
SITEGEN=$BENCH_DIR/bin/sitegen
if [[ ! -x $SITEGEN ]]; then
    (cd "$REPO" && swift build -c release --product sitegen >&2)
    mkdir -p "$BENCH_DIR/bin" && cp "$REPO/.build/release/sitegen" "$SITEGEN"
fi
OUT="$BENCH_DIR/profile-out-$N"
RAW="$BENCH_DIR/callgrind-$N.out"
# A clean build: the cache and document index beside the output go too.
rm -rf "$OUT" "$BENCH_DIR/.profile-out-$N.sitegen-cache" "$BENCH_DIR/.profile-out-$N.sitegen-index" "$BENCH_DIR/.profile-out-$N.sitegen-index-changes" "$BENCH_DIR/.profile-out-$N.sitegen-cache-changes" "$BENCH_DIR/.profile-out-$N.sitegen-listings"
# valgrind 3.19 (Debian 12) cannot read the DWARF 5 the Swift toolchain emits ("Possibly
# corrupted debuginfo file"): profile a copy without debug info (the symbol table stays,
# so functions keep their names; there is no per-line information). It also dies on
# libdispatch's sigsuspend() with a read-only mask: a tiny LD_PRELOAD shim works around it.
objcopy --strip-debug "$SITEGEN" "$BENCH_DIR/bin/sitegen-nodebug"
gcc -O2 -shared -fPIC "$HERE/profile/sigsuspend_shim.c" -o "$BENCH_DIR/bin/sigsuspend_shim.so"
LD_PRELOAD="$BENCH_DIR/bin/sigsuspend_shim.so" valgrind --tool=callgrind --callgrind-out-file="$RAW" \
    "$BENCH_DIR/bin/sitegen-nodebug" build --content "$CORPUS/sitegen/content" --templates "$REPO/Templates" --output "$OUT" \
    2> >(grep -v '^###' >&2)
demangle() { if command -v swift-demangle >/dev/null; then swift-demangle --simplified; else swift demangle --simplified; fi; }
NAME="profile-$((N / 1000))k"
[[ $N -ge 1000 ]] || NAME="profile-$N"
mkdir -p "$HERE/results"
for mode in yes no; do
    suffix=""; [[ $mode == no ]] && suffix="-self"
    callgrind_annotate --inclusive=$mode "$RAW" >"$BENCH_DIR/annotate-$N$suffix.txt"
    demangle <"$BENCH_DIR/annotate-$N$suffix.txt" | sed -E 's#/[^ ]*/(Sources|\.build|checkouts)/#\1/#' | sed -n '1,60p' >"$HERE/results/$NAME$suffix.txt"
done
echo "wrote $HERE/results/$NAME.txt and $NAME-self.txt" >&2
