#!/usr/bin/env bash
# Single texts before and after the packed convolutions: bench on two jars, alternated, on
#  - untrained models of the published SST-2 shapes (Shapes.java), on SST-2's test sentences;
#  - the fine-foods default run's teacher and students, on the fine-foods test reviews.
# Usage: run.sh OLD_JAR NEW_JAR OUT [PASSES]   (OUT: a new folder; run from the checkout's root,
# with ../shared beside it and runs/fine-foods-default-10seeds in place)
set -euo pipefail
old=$1 new=$2 out=$3 passes=${4:-3}
[ -e "$out" ] && { echo "$out exists: give a new folder" >&2; exit 1; }
mkdir -p "$out"
models=$out/models
java -cp "$new" docs/benchmarks/single-text-path/Shapes.java "$models" 2>/dev/null
run=runs/fine-foods-default-10seeds
for pass in $(seq 1 "$passes"); do
  for side in old new; do
    jar=$old; [ "$side" = new ] && jar=$new
    java -jar "$jar" bench --data ../shared/data/sst2/test.txt --format lines \
      --model minilm-l6="$models/minilm-l6" --model bge-small-en="$models/bge-small-en" \
      --model textcnn-200="$models/textcnn-200" --model bilstm="$models/bilstm" \
      --output "$out/sst2-$side-$pass.txt" > "$out/sst2-$side-$pass.log" 2>&1
    java -jar "$jar" bench --model teacher="$run/teacher" \
      --model kd-aug="$run/students/student-kd-aug" --model hard="$run/students/student-hard" \
      --output "$out/fine-foods-$side-$pass.txt" > "$out/fine-foods-$side-$pass.log" 2>&1
    echo "$(date -u +%H:%M:%S) pass $pass $side done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
