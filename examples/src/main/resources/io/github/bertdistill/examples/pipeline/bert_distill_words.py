"""bert-distill's word rule in Python: the token ids a word or Chinese-character student reads.

A port of core's WordSplitter and the student's WordTokenizer / ChineseCharTokenizer, written into
every export of such a student beside vocab.txt and config.json. Standard library only.

    from bert_distill_words import Encoder
    encoder = Encoder.from_folder(".")      # reads vocab.txt and config.json
    ids = encoder.encode("Great taste, fresh and crunchy.")   # at most max_length ids

The character classes come from Python's unicodedata; the Java side (Java 17) knows Unicode 13, so
a character assigned in a later Unicode version can be classified differently.
"""

import json
import os
import unicodedata

_OTHER = ("Cc", "Cf", "Cs", "Co", "Cn")
_MARKS = ("Mn", "Mc", "Me")
_CJK = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)


def is_whitespace(c):
    return c in " \t\n\r" or unicodedata.category(c) in ("Zs", "Zl", "Zp")


def is_ignored(c):
    """Removed without separating anything: NUL, U+FFFD, control and format characters."""
    if c in "\x00\ufffd":
        return True
    return c not in "\t\n\r" and unicodedata.category(c) in _OTHER


def is_mark(c):
    return unicodedata.category(c) in _MARKS


def is_cjk_ideograph(c):
    o = ord(c)
    return any(low <= o <= high for low, high in _CJK)


def _is_word_char(c):
    category = unicodedata.category(c)
    return (category[0] == "L" or category == "Nd") and not is_cjk_ideograph(c)


def split(text):
    """The tokens of text as (token, whitespace before it) pairs, in order."""
    tokens = []
    space = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        i += 1
        if is_ignored(c):
            continue
        if is_whitespace(c):
            space = True
            continue
        token = [c]
        word = _is_word_char(c) or is_mark(c)
        while i < n:
            d = text[i]
            if is_mark(d) or (word and _is_word_char(d)):
                token.append(d)
            elif not is_ignored(d):
                break
            i += 1
        tokens.append(("".join(token), space and bool(tokens)))
        space = False
    return tokens


def _is_single_ideograph(token):
    return len(token) == 1 and is_cjk_ideograph(token)


class Encoder:
    """Texts to the student's token ids, as its Java encoder gives them."""

    def __init__(self, vocabulary, lower_case, bigrams, max_length):
        self.ids = {token: i for i, token in enumerate(vocabulary)}
        self.unk = self.ids["[UNK]"]
        self.pad = self.ids["[PAD]"]
        self.lower_case = lower_case
        self.bigrams = bigrams
        self.max_length = max_length

    @classmethod
    def from_folder(cls, folder):
        with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
            config = json.load(f)
        with open(os.path.join(folder, "vocab.txt"), encoding="utf-8", newline="") as f:
            vocabulary = f.read().split("\n")[:-1]   # one token a line, each line ends in \n
        return cls(vocabulary, config["lower_case"], config["bigrams"], config["max_length"])

    def tokens(self, text):
        tokens = []
        previous = None
        for token, space_before in split(text):
            if (self.bigrams and previous is not None and not space_before
                    and _is_single_ideograph(previous) and _is_single_ideograph(token)):
                tokens.append(previous + token)
            tokens.append(token.lower() if self.lower_case else token)
            previous = token
        return tokens

    def encode(self, text):
        """The ids of text's first max_length tokens; unknown bigrams are left out."""
        ids = []
        for token in self.tokens(text):
            i = self.ids.get(token)
            if i is None:
                if self.bigrams and len(token) == 2 and all(map(is_cjk_ideograph, token)):
                    continue
                i = self.unk
            ids.append(i)
        return ids[:self.max_length]

    def batch(self, texts):
        """input_ids and attention_mask for texts, padded with [PAD] to the longest (at least 1)."""
        encoded = [self.encode(text) for text in texts]
        length = max([1] + [len(ids) for ids in encoded])
        input_ids = [ids + [self.pad] * (length - len(ids)) for ids in encoded]
        attention_mask = [[1] * len(ids) + [0] * (length - len(ids)) for ids in encoded]
        return input_ids, attention_mask
