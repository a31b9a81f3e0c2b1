#!/bin/bash
# SparkThroughputBench on the full 50,000-row corpus: labelling (MiniLM-L6 on ONNX Runtime, the
# default labelWith on a CPU) and scoring (default TextCNN), single process next to Spark local[1]
# and local[2]. Each configuration in its own JVM; the load average is logged before each run.
# CP: a frozen class path (spark test-classes, module classes, dependencies with provided Spark);
# OPENS: the --add-opens flags of spark/pom.xml. DATA: the bench folder (prepared once).
set -u
CP="$(cat "${CP_FILE:-/tmp/sparkbench/cp.txt}")"
OPENS="$(cat "${OPENS_FILE:-/tmp/sparkbench/opens.txt}")"
DATA="${DATA:-/tmp/bench2}"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
bench() {  # task mode threads rows
  echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg): $*"
  java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$3 \
    -Dai.djl.pytorch.num_interop_threads=1 $OPENS -cp "$CP" \
    io.github.bertdistill.spark.bench.SparkThroughputBench run "$DATA" "$1" "$2" "$4" \
    2>"$DATA/last-$1-${2//[^a-z0-9]/}.err" | grep texts/s
}
if [ ! -f "$DATA/corpus-50000.txt" ]; then
  java -Xmx3g -Dai.djl.offline=true $OPENS -cp "$CP" \
    io.github.bertdistill.spark.bench.SparkThroughputBench prepare "$DATA" 50000 2>/dev/null
fi
bench label single 1 2000   # quick check that the path works before the long runs
bench label single 1 50000
bench label 'local[2]' 1 50000
bench label 'local[1]' 1 50000
bench label single 2 50000
for pass in 1 2; do
  bench score single 1 50000
  bench score 'local[1]' 1 50000
  bench score 'local[2]' 1 50000
done
echo "# $(date -u +%FT%TZ) done"
