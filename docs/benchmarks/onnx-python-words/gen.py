import json, random, csv, sys, os
REPO = os.environ["REPO"]
random.seed(7)
texts = []
for path, col in [(os.path.join(REPO, "examples/src/main/resources/datasets/fine-foods/train.tsv"), 2), (os.path.join(REPO, "examples/src/main/resources/datasets/fine-foods/test.tsv"), 2)]:
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            texts.append(line.rstrip("\n").split("\t")[col])
for path in [os.path.join(REPO, "../shared/data/chnsenticorp/test.csv"), os.path.join(REPO, "../shared/data/online-shopping/test.csv")]:
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f); next(r)
        for row in r: texts.append(row[-1])
for path in [os.path.join(REPO, "../shared/data/sst5/test.txt"), os.path.join(REPO, "../shared/data/trec6/test.txt")]:
    with open(path, encoding="utf-8") as f:
        for line in f: texts.append(line.rstrip("\n").split(" ", 1)[1])
pools = [range(0x20, 0x7f), range(0xa0, 0x250), range(0x300, 0x370), range(0x370, 0x400), range(0x400, 0x500),
         range(0x590, 0x700), range(0x900, 0x980), range(0xe00, 0xe80), range(0x1100, 0x1200), range(0x2000, 0x2070),
         range(0x20a0, 0x2100), range(0x2190, 0x2300), range(0x3000, 0x3100), range(0x4e00, 0x4f00), range(0xac00, 0xad00),
         range(0xfe00, 0xfe10), range(0xff00, 0xff70), range(0x1f300, 0x1f700), range(0x1d400, 0x1d500), range(0x20000, 0x20100),
         [0x200b, 0x200c, 0x200d, 0xad, 0xfeff, 0x0, 0xfffd, 0x20e3, 0x85, 0x2028, 0x2029, 0xa0, 0x3000, 0x9, 0xa, 0xd, 0x1c, 0x1e, 0x130, 0x3a3, 0xdf, 0xe000]]
for _ in range(20000):
    n = random.randint(0, 40)
    s = "".join(chr(random.choice(random.choice(pools))) for _ in range(n))
    texts.append(s)
with open("texts.jsonl", "w", encoding="utf-8") as f:
    for t in texts: f.write(json.dumps(t) + "\n")
print(len(texts))
