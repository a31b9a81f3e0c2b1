#!/usr/bin/env python3
"""Dev accuracy of two teachers and of their ensemble, from `bert-distill predict` outputs.

Usage (from the repository root):
  python3 docs/benchmarks/chnsenticorp-shopping/ensemble-dev.py DEV_CSV A.jsonl B.jsonl
where A.jsonl and B.jsonl are `bert-distill predict --model TEACHER --file dev.txt` over the dev
reviews one per line (whitespace runs joined by one space), in dev.csv's order. The ensemble is the
mean of the two teachers' logits (the normalised geometric mean of their probabilities) and, for
comparison, the arithmetic mean of their probabilities.
"""
import csv
import json
import math
import sys

gold = [row["label"] for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
a, b = ([json.loads(line)["probabilities"] for line in open(f)] for f in sys.argv[2:4])
assert len(a) == len(b) == len(gold), "one prediction per dev review"


def top(scores):
    return max(scores, key=scores.get)


def accuracy(rows):
    return sum(top(r) == g for r, g in zip(rows, gold)) / len(gold)


geometric = [{k: math.log(p[k]) + math.log(q[k]) for k in p} for p, q in zip(a, b)]
arithmetic = [{k: p[k] + q[k] for k in p} for p, q in zip(a, b)]
agree = sum(top(p) == top(q) for p, q in zip(a, b)) / len(gold)
print(f"teacher A {accuracy(a):.4f}  teacher B {accuracy(b):.4f}  agreement {agree:.4f}")
print(f"ensemble: mean of logits {accuracy(geometric):.4f}  mean of probabilities {accuracy(arithmetic):.4f}")
