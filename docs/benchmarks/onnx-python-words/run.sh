#!/bin/bash
# Checks an exported word student's Python tokenizer (bert_distill_words.py) against the JVM, in a
# scratch folder: token lists on real and random texts, then ONNX Runtime on the Python ids
# against the JVM model's logits. Usage (from the repository root, jar built):
#   docs/benchmarks/onnx-python-words/run.sh STUDENT_FOLDER
set -eu
REPO="$(pwd)"; export REPO
JAR="${JAR:-$REPO/examples/target/bert-distill.jar}"
here="$REPO/docs/benchmarks/onnx-python-words"
student="$(realpath "$1")"
work="$(mktemp -d)"
cd "$work"
echo "## $(date -u +%FT%TZ) $(git -C "$REPO" rev-parse --short HEAD) student $1"
java -jar "$JAR" export --model "$student" --output export
python3 "$here/gen.py"
java -cp "$JAR" "$here/Dump.java" 2>/dev/null
java -cp "$JAR" "$here/Unassigned.java" 2>/dev/null
python3 "$here/tokens.py"
python3 "$here/ids.py"
java -cp "$JAR" "$here/Ort.java" "$student" 2>/dev/null
rm -rf "$work"
