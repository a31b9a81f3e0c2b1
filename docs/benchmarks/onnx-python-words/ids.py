import json, sys
sys.path.insert(0, "export")
from bert_distill_words import Encoder
# The real texts gen.py wrote (its 20,000 random strings come last).
RANDOM = 20000
enc = Encoder.from_folder("export")
whole = Encoder.from_folder("export"); whole.max_length = 10**9
with open("texts.jsonl", encoding="utf-8") as f:
    texts = [json.loads(line) for line in f][:-RANDOM]
with open("ids.jsonl", "w") as out:
    for text in texts:
        ids, mask = enc.batch([text]); wids, wmask = whole.batch([text])
        out.write(json.dumps({"text": text, "ids": ids[0], "whole": wids[0]}) + "\n")
