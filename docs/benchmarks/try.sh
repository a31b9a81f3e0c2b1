#!/bin/bash
# One dev try of one student role of a benchmark, in a copy of its run folder: the teacher, the
# cached logits (and features) and the neighbours are hard links to runs/BENCH's (read only); the student is
# trained afresh at one intra-op thread. The header (time, commit, load, the command), every
# validation and /usr/bin/time -v go to docs/benchmarks/BENCH/try-NAME.log. Test data are never
# looked at: tries choose on dev.
# Usage (from the repository root): docs/benchmarks/try.sh BENCH NAME ROLE [ARGS...]
#   ROLE: student-hard | student-kd | student-kd-aug; ARGS go to 'train' or 'distill', e.g.
#   --set student.distillMethod.alpha={"from":0.1,"to":0.1}, or --set student.seeds=2 --seed 43
set -eu
bench="$1"; name="$2"; role="$3"; shift 3
HERE="docs/benchmarks/$bench"
JAR="${JAR:-examples/target/bert-distill.jar}"
src="runs/$bench"
out="runs/$bench-$name"
log="$HERE/try-$name.log"
if [ -e "$log" ]; then echo "$log exists: pick another name" >&2; exit 2; fi
mkdir -p "$out"
for part in teacher logits features neighbours.tsv recipe.json; do
  [ -e "$out/$part" ] || [ ! -e "$src/$part" ] || cp -al "$src/$part" "$out/$part"
done
command=(distill --role "$role"); [ "$role" = student-hard ] && command=(train)
threads='-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1'
{
  echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## (run folder: hard links to $src's teacher, logits and neighbours)"
  echo "## JAVA_TOOL_OPTIONS='$threads' bert-distill ${command[*]} --recipe $HERE/recipe.json --output $out $*"
} > "$log"
JAVA_TOOL_OPTIONS="$threads" /usr/bin/time -v java -jar "$JAR" "${command[@]}" \
  --recipe "$HERE/recipe.json" --output "$out" "$@" >> "$log" 2>&1
