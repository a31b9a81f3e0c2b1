#!/usr/bin/env bash
# The project's engines next to the peer harness, interleaved: every pass runs DJL "before" (if given), then the
# harness (plain PyTorch and ONNX Runtime Java, one pass of ../shared/peers/run_all.sh), then DJL "after" and the
# label stage's ONNX Runtime path (BertEngineBench --onnx, record bert_djl_onnx), and all
# JSON lines land in the harness's files, so its summarize.py gives one table. See README.md in this folder.
#   usage: AFTER_CP=... [BEFORE_CP=...] [PEERS=../shared/peers] [OUT=dir] [QUICK=1] ./run.sh [PASSES=3]
#   AFTER_CP / BEFORE_CP: class paths holding the bench classes (examples' test classes) and their modules.
set -euo pipefail
PASSES=${1:-3}
PEERS=$(cd "${PEERS:-$(dirname "$0")/../../../../shared/peers}" && pwd)
OUT=${OUT:-${TMPDIR:-/tmp}/engines-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
THREADS=(-Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1)   # the harness's settings
QUICK_ARG=(); [[ ${QUICK:-0} == 1 ]] && QUICK_ARG=(--quick)
BENCH=io.github.bertdistill.examples.bench

djl() {  # djl TAG CLASSPATH: the student, then both teachers, one fresh JVM each
  local tag=() ; [[ -n $1 ]] && tag=(--tag "$1")
  java "${THREADS[@]}" -cp "$2" $BENCH.TextCnnEngineBench "${tag[@]}" "${QUICK_ARG[@]}" \
    2>>"$OUT/djl-stderr.log" | grep '^{' >>"$OUT/textcnn.jsonl"
  if [[ -z $1 ]]; then   # the exported student on ONNX Runtime (after only)
    java "${THREADS[@]}" -cp "$2" $BENCH.TextCnnEngineBench --onnx "${QUICK_ARG[@]}" \
      2>>"$OUT/djl-stderr.log" | grep '^{' >>"$OUT/textcnn.jsonl"
  fi
  for model in minilm-l6 bge-small-en; do
    java "${THREADS[@]}" -cp "$2" $BENCH.BertEngineBench "$model" "${tag[@]}" "${QUICK_ARG[@]}" \
      2>>"$OUT/djl-stderr.log" | grep '^{' >>"$OUT/bert.jsonl"
    if [[ -z $1 ]]; then   # the label stage's runtime: the project's graph on ONNX Runtime (after only)
      java "${THREADS[@]}" -cp "$2" $BENCH.BertEngineBench "$model" --onnx "${QUICK_ARG[@]}" \
        2>>"$OUT/djl-stderr.log" | grep '^{' >>"$OUT/bert.jsonl"
    fi
  done
}

for i in $(seq 1 "$PASSES"); do
  echo "pass $i/$PASSES: $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/passes.txt" >&2
  [[ -n ${BEFORE_CP:-} ]] && djl before "$BEFORE_CP"
  PEERS_OUT=$OUT "$PEERS/run_all.sh" 1 >/dev/null
  cp "$OUT/env.txt" "$OUT/env-pass$i.txt"
  djl "" "$AFTER_CP"
done
echo "end: $(date -Is) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/passes.txt" >&2
/usr/bin/python3 "$PEERS/summarize.py" "$OUT"/textcnn.jsonl "$OUT"/bert.jsonl | tee "$OUT/summary.md"
