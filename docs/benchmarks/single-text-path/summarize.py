#!/usr/bin/env python3
"""Medians and ranges of run.sh's bench tables: each model's batch-1 p50, and its speed-up over a
teacher measured in the same bench run (pass by pass), old code against new.

Usage: summarize.py RUN_FOLDER
"""
import pathlib
import statistics
import sys

PAIRS = {  # set: [(student, teacher)]
    "sst2": [("textcnn-200", "minilm-l6"), ("bilstm", "minilm-l6"),
             ("textcnn-200", "bge-small-en"), ("bilstm", "bge-small-en")],
    "fine-foods": [("kd-aug", "teacher"), ("hard", "teacher")],
}


def p50s(path):
    rows = {}
    for line in path.read_text().splitlines()[1:]:
        cells = line.split()
        if len(cells) >= 2 and not line.startswith("(") and cells[1][0].isdigit():
            rows[cells[0]] = float(cells[1])
    return rows


def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


run = pathlib.Path(sys.argv[1])
print("| texts | student | teacher | student p50 ms, old | new | student old / new | speed-up, old | new |")
print("|---|---|---|---|---|---|---|---|")
for data, pairs in PAIRS.items():
    for student, teacher in pairs:
        cells = {}
        for side in ("old", "new"):
            tables = [p50s(f) for f in sorted(run.glob(f"{data}-{side}-*.txt"))]
            cells[side] = ([t[student] for t in tables], [t[teacher] / t[student] for t in tables])
        gain = [o / n for o, n in zip(cells["old"][0], cells["new"][0])]
        print(f"| {data} | {student} | {teacher} | {spread(cells['old'][0], '{:.3f}')} | "
              f"{spread(cells['new'][0], '{:.3f}')} | {spread(gain, '{:.2f}')}× | "
              f"{spread(cells['old'][1], '{:.1f}')}× | {spread(cells['new'][1], '{:.1f}')}× |")
