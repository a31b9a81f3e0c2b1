#!/bin/bash
# The stages of this recipe one by one, each appended to run.log with /usr/bin/time -v.
# No report here: test accuracy is looked at once, by 'report', after the recipe is fixed on dev.
# Usage (from the repository root): docs/benchmarks/sst2-phrases-bge/run.sh STAGE [ARGS...]
#   STAGE: finetune | label | train | distill; ARGS go to the command (e.g. --jobs 2, --set k=v)
set -eu
HERE=docs/benchmarks/sst2-phrases-bge
JAR="${JAR:-examples/target/bert-distill.jar}"
OUT="${OUT:-runs/sst2-phrases-bge}"
stage="$1"; shift
{
  echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## bert-distill $stage --recipe $HERE/recipe.json --output $OUT $*"
} >> "$HERE/run.log"
/usr/bin/time -v java -jar "$JAR" "$stage" --recipe "$HERE/recipe.json" --output "$OUT" "$@" \
  >> "$HERE/run.log" 2>&1
