#!/usr/bin/python3
"""Makes the TorchScript teacher fixture of teacher-bert's tests.

Needs Debian's python3-torch (apt-get install python3-torch); run from the repository root:

    /usr/bin/python3 teacher-bert/src/test/python/make_torchscript_fixture.py

Writes to teacher-bert/src/test/resources/torchscript/:
  tiny-classifier.pt  a traced text classifier: forward(input_ids, attention_mask, token_type_ids)
                      -> logits [batch, 3] (embedding, masked mean, linear), a few kilobytes
  tokenizer.json      a WordPiece tokenizer over a 20-word vocabulary
  expected.json       sentences, the token ids this script gave them, and the traced logits
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "torchscript"
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = ("a good great bad awful film movie plot acting was is the very not "
         "boring fun loved hated it i").split()
VOCAB = {token: i for i, token in enumerate(SPECIAL + WORDS)}
SENTENCES = ["a very good film", "the plot was boring", "I loved it",
             "awful acting", "not fun at all"]


def tokenizer_json():
    special = [{"id": VOCAB[t], "content": t, "single_word": False, "lstrip": False,
                "rstrip": False, "normalized": False, "special": True} for t in SPECIAL]
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [VOCAB[t]], "tokens": [t]}
                               for t in ("[CLS]", "[SEP]")}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": VOCAB},
    }


class TinyClassifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(len(VOCAB), 8)
        self.segment = torch.nn.Embedding(2, 8)
        self.classifier = torch.nn.Linear(8, 3)

    def forward(self, input_ids, attention_mask, token_type_ids):
        mask = attention_mask.unsqueeze(-1).float()
        hidden = self.embedding(input_ids) + self.segment(token_type_ids)
        return self.classifier((hidden * mask).sum(1) / mask.sum(1))


def ids(sentence):
    return [VOCAB["[CLS]"]] + [VOCAB.get(w, VOCAB["[UNK]"]) for w in sentence.lower().split()] \
        + [VOCAB["[SEP]"]]


def main():
    torch.manual_seed(0)
    model = TinyClassifier().eval()
    encoded = [ids(s) for s in SENTENCES]
    length = max(len(e) for e in encoded)
    input_ids = torch.tensor([e + [0] * (length - len(e)) for e in encoded])
    mask = torch.tensor([[1] * len(e) + [0] * (length - len(e)) for e in encoded])
    types = torch.zeros_like(input_ids)
    with torch.no_grad():
        traced = torch.jit.trace(model, (input_ids, mask, types))
        logits = traced(input_ids, mask, types)
    OUT.mkdir(parents=True, exist_ok=True)
    traced.save(str(OUT / "tiny-classifier.pt"))
    (OUT / "tokenizer.json").write_text(json.dumps(tokenizer_json(), indent=1) + "\n")
    expected = {"sentences": SENTENCES, "token_ids": encoded, "logits": logits.tolist()}
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
