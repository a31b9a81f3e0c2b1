import json, sys
sys.path.insert(0, "export")
from bert_distill_words import Encoder
un = {chr(int(h, 16)) for h in open("unassigned.txt").read().split()}
word = Encoder(["[PAD]", "[UNK]"], True, False, 10**9); char = Encoder(["[PAD]", "[UNK]"], True, True, 10**9)
REAL = 34773 - 20000  # gen.py writes the real texts first, then 20,000 random strings
stats = {"real": [0, 0, 0], "random": [0, 0, 0], "random-no-sigma": [0, 0, 0]}
with open("texts.jsonl", encoding="utf-8") as t, open("java.jsonl", encoding="utf-8") as j:
    for k, (a, b) in enumerate(zip(t, j)):
        raw = json.loads(a); exp = json.loads(b)
        kind = "real" if k < REAL else "random"
        text = raw if kind == "real" else "".join(c for c in raw if c not in un)
        ok = word.tokens(text) == exp["word"] and char.tokens(text) == exp["char"]
        stats[kind][0] += 1; stats[kind][1] += not ok; stats[kind][2] += sum(len(x) for x in exp["word"])
        if kind == "random" and "Σ" not in raw:
            stats["random-no-sigma"][0] += 1; stats["random-no-sigma"][1] += not ok
print(stats)
