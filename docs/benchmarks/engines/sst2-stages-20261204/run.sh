#!/usr/bin/env bash
# SST-2/MiniLM teacher and label stages, code before issue 16 (b68a2ae) vs after, interleaved by stage.
set -u
cd /work/main
R=docs/benchmarks/sst2-minilm/recipe.json
D=/work/shared/data/sst2
SETS=(--set data.train=$D/train.txt --set data.dev=$D/dev.txt --set data.test=$D/test.txt)
stage() {  # stage NAME WHICH
  local jar=/tmp/sst-$2/examples/target/bert-distill.jar
  echo "== $1 $2 start $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/sst-runs/times.txt
  local t0=$(date +%s.%N)
  /usr/bin/time -v java -jar $jar $1 --recipe $R "${SETS[@]}" --output /tmp/sst-runs/$2 \
      > /tmp/sst-runs/$1-$2.log 2>&1
  local rc=$?
  local t1=$(date +%s.%N)
  echo "== $1 $2 rc=$rc wall_s=$(echo "$t1 - $t0" | bc) end $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg) rss_kb=$(grep 'Maximum resident' /tmp/sst-runs/$1-$2.log | awk '{print $NF}')" >> /tmp/sst-runs/times.txt
}
stage finetune before
stage finetune after
stage label before
stage label after
echo done >> /tmp/sst-runs/times.txt
