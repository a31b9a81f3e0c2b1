#!/bin/bash
# One dev try of one student role in a copy of the run folder: the teacher, the cached logits and the
# neighbours are hard-linked from runs/sst2-phrases-bge (read only), the student is trained afresh.
# The command, every validation and /usr/bin/time -v go to try-NAME.log. Test data are never looked at.
# Usage (from the repository root): docs/benchmarks/sst2-phrases-bge/try.sh NAME ROLE [ARGS...]
#   ROLE: student-hard | student-kd | student-kd-aug; ARGS go to 'distill'/'train'
#   (e.g. --set student.distillMethod.alpha={"from":0.1,"to":0.1}, or --set student.seeds=2 --seed 43)
set -eu
HERE=docs/benchmarks/sst2-phrases-bge
JAR="${JAR:-examples/target/bert-distill.jar}"
SRC="${SRC:-runs/sst2-phrases-bge}"
name="$1"; role="$2"; shift 2
out="runs/sst2-phrases-bge-$name"
log="$HERE/try-$name.log"
if [ -e "$log" ]; then echo "$log exists: pick another name" >&2; exit 2; fi
mkdir -p "$out"
for part in teacher logits neighbours.tsv recipe.json; do
  [ -e "$out/$part" ] || cp -al "$SRC/$part" "$out/$part"
done
command=(distill --role "$role"); [ "$role" = student-hard ] && command=(train)
threads='-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1'
{
  echo "## $(date -u +%FT%TZ) $(git rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## (run folder: hard links to $SRC's teacher, logits and neighbours)"
  echo "## JAVA_TOOL_OPTIONS='$threads' bert-distill ${command[*]} --recipe $HERE/recipe.json --output $out $*"
} > "$log"
JAVA_TOOL_OPTIONS="$threads" /usr/bin/time -v java -jar "$JAR" "${command[@]}" \
  --recipe "$HERE/recipe.json" --output "$out" "$@" >> "$log" 2>&1
