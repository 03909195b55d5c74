# Sourced by run.sh and TemplateEngines/run.sh: waiting for a quiet machine, and running the
# timed programs ahead of other work.

# cpu_busy: percentage of all cores busy over the last 0.5 s (from /proc/stat).
cpu_busy() {
    local a b total=0 idle i
    a=($(head -1 /proc/stat)); sleep 0.5; b=($(head -1 /proc/stat))
    for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
    idle=$(( b[4] - a[4] + b[5] - a[5] ))
    (( total > 0 )) && echo $(( 100 * (total - idle) / total )) || echo 0
}

# wait_quiet: other work on the machine (compiles, test runs) skews wall times on 2 cores; wait
# up to QUIET_WAIT seconds for the cores to be under QUIET_BUSY % busy. BUSY is the last reading.
QUIET_WAIT=${QUIET_WAIT:-60}
QUIET_BUSY=${QUIET_BUSY:-20}
wait_quiet() {
    local waited=0
    BUSY=$(cpu_busy)
    while (( BUSY >= QUIET_BUSY && waited < QUIET_WAIT )); do
        if (( waited == 0 )) && declare -F log >/dev/null; then log "machine busy (${BUSY}% of the cores); waiting up to ${QUIET_WAIT}s"; fi
        sleep 2; waited=$(( waited + 3 ))
        BUSY=$(cpu_busy)
    done
}

# On a machine shared with other work, the timed programs go first: as root they run at a
# higher priority than everything else (both tools alike), through "${NICE[@]}".
# With autogroup scheduling (Linux's default for desktop and VM kernels) a nice value counts
# only within its session's group, so the group of this script's session gets it too, until
# the script ends.
NICE=()
BENCH_NICE=${BENCH_NICE:--15}
if [[ $(id -u) == 0 && $BENCH_NICE != 0 ]]; then
    NICE=(nice -n "$BENCH_NICE")
    # Some kernels and containers refuse the write (EINVAL, EPERM); the nice value alone still
    # applies then, so a refusal is not an error (this file is sourced under `set -e`).
    AUTOGROUP=/proc/$$/autogroup
    if [[ -w $AUTOGROUP ]] && AUTOGROUP_NICE=$(awk '{ print $3 }' "$AUTOGROUP") \
        && { echo "$BENCH_NICE" >"$AUTOGROUP"; } 2>/dev/null; then
        trap '{ echo "$AUTOGROUP_NICE" >"$AUTOGROUP"; } 2>/dev/null || true' EXIT
    fi
fi
