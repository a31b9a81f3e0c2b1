import json, os, sys
sys.path.insert(0, "export")
from bert_distill_words import Encoder
enc = Encoder.from_folder("export")
whole = Encoder.from_folder("export"); whole.max_length = 10**9
with open(os.path.join(os.environ["REPO"], "examples/src/main/resources/datasets/fine-foods/test.tsv"), encoding="utf-8") as f, open("ids.jsonl", "w") as out:
    next(f)
    for line in f:
        text = line.rstrip("\n").split("\t")[2]
        ids, mask = enc.batch([text]); wids, wmask = whole.batch([text])
        out.write(json.dumps({"text": text, "ids": ids[0], "whole": wids[0]}) + "\n")
