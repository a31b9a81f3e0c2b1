#!/bin/bash
# One stage of a benchmark's recipe, appended to its run.log: a header (time, commit, load, the
# command), the console output and /usr/bin/time -v.
# Usage (from the repository root): docs/benchmarks/stage.sh BENCH STAGE [ARGS...]
#   BENCH: a folder of docs/benchmarks holding recipe.json; the run folder is runs/BENCH ($OUT)
#   STAGE: finetune | label | train | distill | report | ...; ARGS go to the command
#   JAR: the jar (default examples/target/bert-distill.jar); THREADS: JVM options such as
#   '-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1'
set -eu
bench="$1"; stage="$2"; shift 2
HERE="docs/benchmarks/$bench"
JAR="${JAR:-examples/target/bert-distill.jar}"
OUT="${OUT:-runs/$bench}"
[ -f "$HERE/recipe.json" ] || { echo "no $HERE/recipe.json" >&2; exit 2; }
{
  echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## ${THREADS:+JAVA_TOOL_OPTIONS='$THREADS' }bert-distill $stage --recipe $HERE/recipe.json --output $OUT $*"
} >> "$HERE/run.log"
JAVA_TOOL_OPTIONS="${THREADS:-}" /usr/bin/time -v java -jar "$JAR" "$stage" \
  --recipe "$HERE/recipe.json" --output "$OUT" "$@" >> "$HERE/run.log" 2>&1
