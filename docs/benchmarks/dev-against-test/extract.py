#!/usr/bin/env python3
"""Dev against test for a published multi-seed run whose report predates the report's own
"Dev against test across seeds" section.

For each student (role and seed) it takes the best dev accuracy of the last training of that
student in the run's logs (the checkpoint the training kept) and the test accuracy of the same
student from report.json's seed_replicates, and prints per role: dev mean, test mean, test - dev,
the leads over student-hard on dev and on test, and Pearson's r of dev and test across seeds.

Usage: extract.py BENCH_FOLDER   (reads BENCH_FOLDER/run.log and BENCH_FOLDER/logs/*.log)
"""
import glob
import json
import os
import re
import statistics
import sys

START = re.compile(r"StudentStage - (student-[a-z-]+?(?:-seed\d+)?): training on")
DEV = re.compile(r"dev accuracy ([0-9.]+)")


def validations_by_student(paths):
    """The dev accuracies of each student's last training in the logs, in order."""
    validations = {}
    for path in paths:
        current = None
        for line in open(path, encoding="utf-8"):
            start = START.search(line)
            if start:
                current = start.group(1)
                validations[current] = []  # a later training replaces an earlier one
                continue
            dev = DEV.search(line)
            if current and dev and "step" in line:
                validations[current].append(float(dev.group(1)))
    return validations


def pearson(xs, ys):
    mx, my = statistics.mean(xs), statistics.mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / (sxx * syy) ** 0.5


def main(folder):
    logs = [os.path.join(folder, "run.log")] + sorted(glob.glob(os.path.join(folder, "logs", "*.log")))
    validations = validations_by_student([p for p in logs if os.path.exists(p)])
    report = json.load(open(os.path.join(folder, "report.json"), encoding="utf-8"))
    rows = {}
    for role in report["seed_replicates"]:
        name, seeds, tests = role["role"], role["seeds"], role["accuracies"]
        first = min(seeds)
        ids = [name if s == first else f"{name}-seed{s}" for s in seeds]
        devs = [max(validations[i]) for i in ids]
        counts = [len(validations[i]) for i in ids]
        # how far the kept validation stands above the run's last one: the optimism of keeping the best
        best_over_last = [max(validations[i]) - validations[i][-1] for i in ids]
        rows[name] = (devs, tests, counts, best_over_last)
    hard_dev, hard_test = rows["student-hard"][:2]
    print(
        f"{folder}: role | seeds | validations | best - last | dev mean | test mean | test - dev | "
        "dev lead | test lead | r"
    )
    for name, (devs, tests, counts, best_over_last) in rows.items():
        dm, tm = statistics.mean(devs), statistics.mean(tests)
        print(
            f"{name} | {len(devs)} | {statistics.mean(counts):.1f} | "
            f"{100 * statistics.mean(best_over_last):.2f} | {100 * dm:.2f} | {100 * tm:.2f} | {100 * (tm - dm):+.2f} | "
            f"{100 * (dm - statistics.mean(hard_dev)):+.2f} | {100 * (tm - statistics.mean(hard_test)):+.2f} | "
            f"{pearson(devs, tests):.2f}"
        )
        print("   dev " + " ".join(f"{100 * d:.2f}" for d in devs))
        print("   test " + " ".join(f"{100 * t:.2f}" for t in tests))


if __name__ == "__main__":
    main(sys.argv[1])
