#!/bin/bash
# engine.reportWith shown on the embedded default data set (fine-foods), with a shrunk recipe so it
# fits in minutes: the default recipe with the overrides below. A demonstration of the report's two
# engines side by side, not a published recipe: the teacher sees 800 examples for one epoch.
# Usage (repository root): JAR=... docs/benchmarks/engines/report-engine-20261207/run.sh
set -eu
HERE=docs/benchmarks/engines/report-engine-20261207
OUT=runs/report-engine-demo
JAR="${JAR:-examples/target/bert-distill.jar}"
SETS=(--set teacher.maxTrainExamples=800 --set teacher.training.epochs=1 --set augmentation.copies=1
      --set student.seeds=1 --set student.vocabulary=wordpiece --set student.training.epochs=2)
log() { echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg): $*"; }
{
  log "bert-distill run --output $OUT ${SETS[*]}"
  /usr/bin/time -f "wall %e s, peak RSS %M kB" java -jar "$JAR" run --output $OUT "${SETS[@]}" 2>&1 | grep -v '^\[main\] WARN ai.djl.util.cuda'
  log "bert-distill report --recipe $OUT/recipe.json --output $OUT --set engine.reportWith=onnx-runtime"
  /usr/bin/time -f "wall %e s, peak RSS %M kB" java -jar "$JAR" report --recipe $OUT/recipe.json --output $OUT --set engine.reportWith=onnx-runtime 2>&1 | grep -v '^\[main\] WARN ai.djl.util.cuda'
  rm -rf $OUT/exports
  java -jar "$JAR" export --model $OUT/teacher --output $OUT/exports/teacher
  java -jar "$JAR" export --model $OUT/students/student-kd-aug --output $OUT/exports/student-kd-aug
  for r in 1 2; do
    log "round $r: bert-distill bench --recipe $OUT/recipe.json --model teacher=$OUT/teacher --model teacher-onnx=$OUT/exports/teacher --model kd-aug=$OUT/students/student-kd-aug --model kd-aug-onnx=$OUT/exports/student-kd-aug"
    java -jar "$JAR" bench --recipe $OUT/recipe.json --model teacher=$OUT/teacher --model teacher-onnx=$OUT/exports/teacher --model kd-aug=$OUT/students/student-kd-aug --model kd-aug-onnx=$OUT/exports/student-kd-aug 2>&1 | grep -v '^\[main\] WARN ai.djl.util.cuda'
  done
} > $HERE/run.log 2>&1
cp $OUT/report/report.md $HERE/report-pytorch.md
cp $OUT/report-onnx/report.md $HERE/report-onnx.md
