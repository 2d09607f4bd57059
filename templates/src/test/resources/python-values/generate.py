#!/usr/bin/env python3
"""Records what Python prints for a table of values, for PythonConformanceTest.

Run from this folder:  python3 generate.py
Writes cases.txt (repr/str/json.dumps of each value) and printable.txt (str.isprintable and
"assigned" for every code point, as ranges). Re-run it with another Python to see the effect
of another Unicode version; the Java test reads the version from the files' first line.

cases.txt lines:  <op> TAB <value> TAB <expected>
  value:    space-separated prefix tokens: N (None), T, F, i<int>, f<float.hex()>,
            s<UTF-16BE hex> (str), b<hex> (bytes), l<n> (list of the next n values),
            d<n> (dict of the next n key/value pairs)
  expected: UTF-16BE hex (surrogatepass) of the text, or !<ExceptionName>
"""
import json
import random
import struct
import sys
import unicodedata

OPS = {
    "repr": repr,
    "str": str,
    "json": json.dumps,
    "json_noascii": lambda v: json.dumps(v, ensure_ascii=False),
    "json_indent2": lambda v: json.dumps(v, indent=2),
    "json_indent0": lambda v: json.dumps(v, indent=0),
    "json_indent_tab": lambda v: json.dumps(v, indent="\t", ensure_ascii=False),
    "json_compact": lambda v: json.dumps(v, separators=(",", ":")),
    "json_sorted": lambda v: json.dumps(v, sort_keys=True),
    "json_nonan": lambda v: json.dumps(v, allow_nan=False),
}


def utf16(s):
    return s.encode("utf-16-be", "surrogatepass").hex()


def encode(v):
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f" + v.hex()
    if isinstance(v, str):
        return "s" + utf16(v)
    if isinstance(v, bytes):
        return "b" + v.hex()
    if isinstance(v, list):
        return " ".join(["l%d" % len(v)] + [encode(x) for x in v])
    if isinstance(v, dict):
        parts = ["d%d" % len(v)]
        for k, x in v.items():
            parts += [encode(k), encode(x)]
        return " ".join(parts)
    raise TypeError(type(v))


def unpaired(s):
    """Java strings are UTF-16: a lone high surrogate followed by a lone low one would read back as
    one supplementary character, so keep them apart."""
    out = []
    for c in s:
        if out and 0xD800 <= ord(out[-1]) <= 0xDBFF and 0xDC00 <= ord(c) <= 0xDFFF:
            out.append("|")
        out.append(c)
    return "".join(out)


def samples_by_category():
    by_cat = {}
    for cp in range(0x110000):
        by_cat.setdefault(unicodedata.category(chr(cp)), []).append(cp)
    rnd = random.Random(19)
    out = []
    for cat in sorted(by_cat):
        cps = by_cat[cat]
        picked = cps[:3] + cps[-2:] + rnd.sample(cps, min(len(cps), 6))
        out.append("".join(chr(c) for c in picked))
        out += [chr(c) for c in picked[:2]]
    return out


def strings():
    named = [0x00, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x85,
             0x9F, 0xA0, 0xA1, 0xAD, 0xFF, 0x100, 0x378, 0x61C, 0x1680, 0x180E, 0x2000, 0x200A, 0x200B,
             0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xD7FF, 0xD800, 0xDBFF, 0xDC00,
             0xDFFF, 0xE000, 0xF8FF, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F642, 0x1F1EB,
             0xE0001, 0xE007F, 0xF0000, 0x10FFFF, 0x1D173, 0x110BD]
    out = ["", "plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\\'", "tab\tnew\nret\r",
           "Zürich 🙂 日本", "\u00e9\u0301", "\ud83d", "\ude42", "\ud83d\ude42"[0:1] + "x",
           "".join(chr(c) for c in named)]
    out += [chr(c) for c in named]
    out += samples_by_category()
    return [unpaired(s) for s in out]


def floats():
    fixed = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1e-05, 1.5e-05, 0.0001, 0.00015,
             1e-4 * 0.999, 1e16, 1e15, 9007199254740992.0, 9007199254740993.0, 1e20, 1e+22, 1e23, 123456789.123,
             5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
             float("inf"), float("-inf"), float("nan"), 100.0, 4.35, 2.5, 0.5, 1e300 * 1e-300,
             12345678901234567890.0, 1.2345678901234567e19, 0.000123456789, 999999999999999.9,
             9999999999999998.0, 1e-7, 3.141592653589793, 2.718281828459045]
    rnd = random.Random(2019)
    out = list(fixed)
    while len(out) < len(fixed) + 400:
        x = struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
        if x == x and abs(x) != float("inf"):
            out.append(x)
    for _ in range(200):
        out.append(round(rnd.uniform(-1000, 1000), rnd.randint(0, 8)) * 10.0 ** rnd.randint(-12, 20))
    return out


def ints():
    return [0, 1, -1, 42, 2 ** 31, 2 ** 63 - 1, -(2 ** 63), 2 ** 63, 2 ** 64 + 1, 10 ** 30, -(10 ** 30)]


def containers():
    return [
        [], {}, [[]], [{}], {"a": []}, [1, "two", 3.0, None, True, False],
        {"b": 1, "a": [True, 0.1], "c": {"x": None, "y": "it's"}},
        {"text": "é\u200b", "n": [1, [2, [3, {"deep": ["🙂", 1e-05]}]]]},
        {1: "one", 2.5: "two and a half", True: "yes", None: "none", "s": 1e+20},
        {"nan": float("nan"), "inf": [float("inf"), float("-inf")]},
        [b"bytes", {"k": b"\x00\xff"}],
        {"z": 1, "y": 2, "x": {"b": 1, "a": 2}},
    ]


def byte_values():
    return [b"", b"abc", bytes(range(256)), b"it's", b'"', b"'\"", b"\\", b"\t\n\r\x0b\x0c", b"\x7f\x80"]


def main():
    lines = []
    values = strings() + floats() + ints() + containers() + byte_values() + [None, True, False]
    core = strings() + floats()[:60] + ints() + containers() + byte_values() + [None, True, False]
    for op, fn in OPS.items():
        for v in values if op in ("repr", "json") else core:
            try:
                expected = utf16(fn(v))
            except (TypeError, ValueError) as e:
                expected = "!" + type(e).__name__
            lines.append("%s\t%s\t%s" % (op, encode(v), expected))
    # mixed key kinds cannot be sorted
    lines.append("json_sorted\t%s\t!TypeError" % encode({"a": 1, 1: 2}))
    header = "# Python %s, Unicode %s; generated by generate.py\n" % (sys.version.split()[0], unicodedata.unidata_version)
    with open("cases.txt", "w", encoding="ascii") as f:
        f.write(header)
        f.write("\n".join(lines) + "\n")
    # printable.txt: ranges "<start hex> <end hex> <P|-> <A|->", P = isprintable, A = assigned (category != Cn)
    ranges = []
    for cp in range(0x110000):
        c = chr(cp)
        key = (c.isprintable(), unicodedata.category(c) != "Cn")
        if ranges and ranges[-1][2] == key and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp, key])
    with open("printable.txt", "w", encoding="ascii") as f:
        f.write(header)
        for start, end, (printable, assigned) in ranges:
            f.write("%x %x %s %s\n" % (start, end, "P" if printable else "-", "A" if assigned else "-"))


if __name__ == "__main__":
    main()
