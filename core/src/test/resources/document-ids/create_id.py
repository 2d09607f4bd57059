#!/usr/bin/env python3
"""Expected Document ids for DocumentIdTest, re-derived from Haystack 2.19's Document._create_id
(haystack/dataclasses/document.py): SHA-256 (hex) of the UTF-8 of
    f"{text}{dataframe}{blob!r}{mime_type}{meta}{embedding}{sparse_embedding}"
where text is the content or None when empty, dataframe is always None, blob is the ByteStream's
bytes (or None), mime_type its mime type (or None), meta the dict (or {}), embedding the list (or
None) and sparse_embedding SparseEmbedding.to_dict() ({"indices": [...], "values": [...]}) or "".
Haystack is not needed. Run from this folder:  python3 create_id.py  (writes ids.txt)
"""
import hashlib

NONPRINTABLE = "a\u00a0b\u200bc\u2028d\x85e\ufeff\x00\U0001F642\ue000\u00ad\x7f\u3000\u0378!"
# a lone surrogate can be hashed only inside meta, where repr escapes it (Haystack's encode fails on raw text)
LONE_SURROGATE = "\udfff"


def create_id(content=None, blob=None, mime_type=None, meta=None, embedding=None, sparse=None):
    text = content or None
    data = f"{text}{None}{blob!r}{mime_type if blob is not None else None}{meta or {}}{embedding}{sparse if sparse is not None else ''}"
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


CASES = {
    # meta given in insertion order (Java: LinkedHashMap in the same order)
    "ordered_meta": create_id("test text", meta={"b": 1, "a": [True, None, 0.1], "c": {"z": "x", "y": 1e-05}}),
    # the same meta given as Map.of in Java: keys sorted at every level
    "unordered_meta": create_id("test text", meta={"a": [True, None, 0.1], "b": 1, "c": {"y": 1e-05, "z": "x"}}),
    "nonprintable_text": create_id(NONPRINTABLE),
    "nonprintable_meta": create_id("x", meta={NONPRINTABLE: NONPRINTABLE + LONE_SURROGATE, "quote": "it's \"q\""}),
    "blob_embedding_sparse": create_id("", blob=b"\x00it's\xff", mime_type="text/plain",
                                       meta={"n": 10 ** 20, "f": 1e16, "neg": -0.0},
                                       embedding=[0.1, 1e-05, 2.0],
                                       sparse={"indices": [0, 7], "values": [0.5, 1e+20]}),
}

if __name__ == "__main__":
    with open("ids.txt", "w", encoding="ascii") as f:
        for name, value in CASES.items():
            f.write(f"{name}\t{value}\n")
