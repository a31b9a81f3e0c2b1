#!/bin/bash
# Where the students lose to the teacher on SST-2's dev sentences: accuracy of the teacher and the
# main seed of each student by sentence length, and on sentences with a contrast word (but,
# though, although, yet, however) or a negation (not, n't, no, never, nothing). Dev only: test is
# never read. Usage (from the repository root; JAR as in stage.sh):
#   docs/benchmarks/sst2-phrases-bge-features/dev-errors.sh [RUN]   (RUN: runs/sst2-phrases-bge-features)
set -eu
JAR="${JAR:-examples/target/bert-distill.jar}"
run="${1:-runs/sst2-phrases-bge-features}"
dev=../shared/data/sst2/dev.txt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cut -d' ' -f2- "$dev" > "$tmp/texts.txt"
models=(teacher students/student-kd-aug students/student-kd students/student-hard)
for model in "${models[@]}"; do
  JAVA_TOOL_OPTIONS='-Dai.djl.pytorch.num_threads=1' java -jar "$JAR" predict \
    --model "$run/$model" --file "$tmp/texts.txt" > "$tmp/$(basename "$model").jsonl" 2> /dev/null
done
python3 - "$dev" "$tmp" <<'PY'
import collections, json, sys
dev, folder = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split(" ", 1) for line in open(dev, encoding="utf-8")]
labels, words = [r[0] for r in rows], [r[1].split() for r in rows]
names = ["teacher", "student-kd-aug", "student-kd", "student-hard"]
predicted = {n: [json.loads(l)["label"] for l in open(f"{folder}/{n}.jsonl")] for n in names}
def accuracy(name, idx):
    return 100 * sum(predicted[name][i] == labels[i] for i in idx) / len(idx)
def length(i):
    n = len(words[i])
    return "1-10" if n <= 10 else "11-20" if n <= 20 else "21-30" if n <= 30 else "31+"
contrast = {"but", "though", "although", "yet", "however"}
negation = {"not", "n't", "no", "never", "nothing"}
groups = [("words", length),
          ("contrast word", lambda i: "yes" if contrast & set(words[i]) else "no"),
          ("negation", lambda i: "yes" if negation & set(words[i]) else "no")]
print("| group | sentences | " + " | ".join(names) + " | teacher − kd-aug |")
print("|---|---|" + "---|" * (len(names) + 1))
everything = range(len(labels))
print(f"| all | {len(labels)} | " + " | ".join(f"{accuracy(n, everything):.1f}" for n in names)
      + f" | {accuracy('teacher', everything) - accuracy('student-kd-aug', everything):.1f} |")
for title, key in groups:
    buckets = collections.defaultdict(list)
    for i in everything:
        buckets[key(i)].append(i)
    first_number = lambda v: int(v.split("-")[0].rstrip("+")) if v[0].isdigit() else 0
    for value in sorted(buckets, key=lambda v: (first_number(v), v)):
        idx = buckets[value]
        print(f"| {title}: {value} | {len(idx)} | "
              + " | ".join(f"{accuracy(n, idx):.1f}" for n in names)
              + f" | {accuracy('teacher', idx) - accuracy('student-kd-aug', idx):.1f} |")
PY
