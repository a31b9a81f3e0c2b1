#!/bin/bash
# The label stage of a representation-distillation recipe (featureWeight > 0) on an empty cache:
# the jar before one-pass labelling (logits, then the feature vectors in a second pass) against the
# jar after it (both from the same forward passes), alternating, on TREC-6's fine-tuned teacher and
# a transfer set of the training questions plus 2 augmented copies. Appends to results.log.
# Usage (from the repository root): docs/benchmarks/label-features/run.sh OLD_JAR NEW_JAR [ROUNDS]
set -eu
old="$1"; new="$2"; rounds="${3:-2}"
HERE=docs/benchmarks/label-features
SOURCE=runs/trec6-bge-kernels
[ -d "$SOURCE/teacher" ] || { echo "needs $SOURCE/teacher (docs/benchmarks/trec6-bge-kernels)" >&2; exit 2; }
export JAVA_TOOL_OPTIONS='-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1'
echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg); old $old, new $new" >> "$HERE/results.log"
for round in $(seq "$rounds"); do
  for which in old new; do
    jar="$old"; [ "$which" = new ] && jar="$new"
    out="runs/label-features-$which"
    rm -rf "$out"; mkdir -p "$out"
    cp -al "$SOURCE/teacher" "$out/teacher"
    cp -l "$SOURCE/neighbours.tsv" "$out/"
    start=$(date +%s.%N)
    java -jar "$jar" label --recipe docs/benchmarks/trec6-bge-kernels/recipe.json --output "$out" \
      --set augmentation.copies=2 --set student.distillMethod.featureWeight=10 \
      > "$HERE/label-$which-round$round.log" 2>&1
    end=$(date +%s.%N)
    texts=$(grep -o '"records": [0-9]*' "$out/features/manifest.json" | awk '{s+=$2} END {print s}')
    printf 'round %s %s: %.1f s, %s feature rows, load %s\n' "$round" "$which" \
      "$(echo "$end - $start" | bc)" "$texts" "$(cut -d' ' -f1 /proc/loadavg)" >> "$HERE/results.log"
  done
done
