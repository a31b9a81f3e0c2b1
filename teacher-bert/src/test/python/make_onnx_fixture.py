#!/usr/bin/python3
"""Makes the ONNX teacher fixture of teacher-bert's tests from the TorchScript one.

Needs Debian's python3-torch and python3-onnx (apt-get install python3-torch python3-onnx); run
from the repository root, after make_torchscript_fixture.py:

    /usr/bin/python3 teacher-bert/src/test/python/make_onnx_fixture.py

Writes teacher-bert/src/test/resources/torchscript/tiny-classifier.onnx: the traced classifier of
tiny-classifier.pt exported to ONNX (inputs input_ids, attention_mask, token_type_ids, int64
[batch, sequence]; output logits [batch, 3]; batch and sequence axes dynamic), so that the same
expected.json holds its logits.
"""
import pathlib

import onnx
import torch

FOLDER = pathlib.Path(__file__).resolve().parents[1] / "resources" / "torchscript"
NAMES = ["input_ids", "attention_mask", "token_type_ids"]


def main():
    traced = torch.jit.load(str(FOLDER / "tiny-classifier.pt")).eval()
    example = torch.tensor([[2, 5, 17, 6, 10, 3]])
    inputs = (example, torch.ones_like(example), torch.zeros_like(example))
    axes = {name: {0: "batch", 1: "sequence"} for name in NAMES}
    axes["logits"] = {0: "batch"}
    target = FOLDER / "tiny-classifier.onnx"
    torch.onnx.export(traced, inputs, str(target), input_names=NAMES, output_names=["logits"],
                      dynamic_axes=axes, opset_version=13)
    onnx.checker.check_model(onnx.load(str(target)))


if __name__ == "__main__":
    main()
