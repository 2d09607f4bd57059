#!/usr/bin/env python3
"""Writes scalars.json: how PyYAML 6 (as Haystack 2.19's YamlMarshaller calls it) dumps and
loads a table of scalars. Run from this folder: python3 generate.py

Haystack's marshaller is yaml.dump(dict_, Dumper=YamlDumper) and yaml.load(text,
Loader=YamlLoader), where YamlDumper/YamlLoader are SafeDumper/SafeLoader plus python/tuple;
the dump defaults are PyYAML's (sort_keys=True, default_flow_style=False, width 80, indent 2,
allow_unicode=False).

Values are written type-tagged: {"t": "str"|"int"|"float"|"bool"|"null"|"date"|"datetime"|
"list"|"map", "v": ...}; ints as decimal strings, floats as Python's repr ('inf', 'nan'),
dates/datetimes as isoformat(); ints of more than 4,000 digits as {"t": "int", "hex": ...}. A load that PyYAML refuses is {"error": "<exception type>"}.
"""
import datetime as dt
import json
import math

import yaml

assert yaml.__version__.startswith("6."), yaml.__version__


class YamlDumper(yaml.SafeDumper):
    def represent_tuple(self, data):
        return self.represent_sequence("tag:yaml.org,2002:python/tuple", data)


YamlDumper.add_representer(tuple, YamlDumper.represent_tuple)


class YamlLoader(yaml.SafeLoader):
    def construct_python_tuple(self, node):
        return tuple(self.construct_sequence(node))


YamlLoader.add_constructor("tag:yaml.org,2002:python/tuple", YamlLoader.construct_python_tuple)


def enc(v):
    if v is None:
        return {"t": "null"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        if abs(v) >= 10 ** 4000:  # str() refuses ints past 4,300 digits: write it in hex
            return {"t": "int", "hex": ("-" if v < 0 else "") + format(abs(v), "x")}
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": repr(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, dt.datetime):
        return {"t": "datetime", "v": v.isoformat()}
    if isinstance(v, dt.date):
        return {"t": "date", "v": v.isoformat()}
    if isinstance(v, (list, tuple)):
        return {"t": "list", "v": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "map", "v": {k: enc(x) for k, x in v.items()}}
    raise TypeError(type(v))


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return type(a) is type(b) and a == b


STRINGS = [
    "", " ", "  lead", "trail ", " both ", "=", "==", "a=b", "1e3", "1.5E3", "6.02e23", "1e-05", "1.0e+3",
    "1.0e3", "0o17", "0x1F", "0x_", "0b101", "0b_", "017", "09", "0_", "1_000", "1_000.5", "190:20:30",
    "190:20:30.15", "1:60", "12:30", ".inf", "-.Inf", "+.INF", ".NaN", "-.nan", ".5", "-.5", "+.5", "1.",
    "1.e+3", "._5", "~", "null", "Null", "NULL", "nULL", "yes", "No", "ON", "oFF", "y", "n", "True", "tRUE",
    "false", "<<", "2001-12-14", "2001-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2001-12-14 21:59:43", "2001-12-14T21:59:43Z", "2002-12-14 1:02:03", "2001-13-45", "Zo\u00eb",
    "\u65e5\u672c\u8a9e", "emoji \U0001F642", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\xa0", "\u2028",
    "\ufeff", "\ufffe", "tab\there", "line1\nline2", "trailing\n", "\n", "a\r\nb", "para\n\nnext", "x" * 200,
    ("word " * 40).strip(), "'", '"', "it's", 'say "hi"', "#", "a #b", "a#b", ": ", "a: b", "a:b", "a:",
    "- ", "-", "- a", "-a", "?", "? a", "?a", "*", "*a", "&", "&a", "!", "!a", "%", "%a", "@", "@a", "`",
    "`a", "|", ">", "[", "]", "{", "}", ",", "a,b", "\\", "\\d+", "{{ query }}", "Answer: (.*)", "---",
    "...", "1_2", "+1", "-1", "+0", "-0", "00", "0.0", "-0.0", "3.0", "1e+20", "123", "-123",
    "12345678901234567890", "0xFFFFFFFFFFFFFFFFFF", "a\tb", "caf\u00e9 au lait " * 8,
]

OTHERS = [
    None, True, False, 0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, -(2 ** 64), 10 ** 30, 0.1, 3.0, 1e-05,
    1e+20, 1e16, 1.5e300, -0.0, float("inf"), float("-inf"), float("nan"), 6.02e23, 1 / 3, 123456789.125,
    dt.date(2001, 12, 14), dt.date(1, 1, 1), dt.date(9999, 12, 31),
    dt.datetime(2001, 12, 14, 21, 59, 43, 100000), dt.datetime(2001, 12, 14, 21, 59, 43),
    dt.datetime(2001, 12, 14, 21, 59, 43, tzinfo=dt.timezone.utc),
    dt.datetime(2001, 12, 14, 21, 59, 43, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    dt.datetime(2020, 2, 29, 0, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
    [1, "a", None, "yes", 1.5], {"b": "1e3", "a": ["=", "0o17"]},
]

# plain (and a few tagged) scalars as they would appear in a hand-written file
PLAIN = [
    "1e3", "1.5E3", "6.02e23", "1.0e+3", "1.0e-05", "1e+20", "0.1", "3.0", "1.", ".5", "-.5", "+1.5", "1_000.5",
    "._5", "0o17", "0x1F", "0x_1F", "-0x1f", "0b101", "-0b101", "017", "-017", "09", "0_", "00", "1_000",
    "-0", "+12", "12345678901234567890", "-12345678901234567890123", "190:20:30", "-1:30", "1:60",
    "190:20:30.15", "12:30", ".inf", "-.Inf", "+.INF", ".NaN", "-.nan", ".nAn", "~", "null", "Null", "NULL",
    "nULL", "yes", "No", "ON", "oFF", "Off", "y", "TRUE", "tRUE", "2001-12-14", "2001-1-1",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43",
    "2001-12-14T21:59:43Z", "2001-12-14T21:59:43.1234567Z", "2002-12-14 1:02:03", "2001-12-14 21:59:43 +05:99",
    "0001-01-01", "2001-02-29", "2001-13-45", "0000-01-01", "2001-12-14 24:00:00", "=", "a=b", "<<x",
    "0b_", "0x_", "!!int '0o17'", "!!int 0x1F", "!!float '1e3'", "!!float 1", "!!str 1", "!!bool yes",
    "!!timestamp 2001-1-1", "!!null x", "[1e3, 1.0e+3, 0o17, yes, ~]", "{a: 1}", "plain text", "a b  c",
    "'quoted 1e3'", '"dq \\x41\\u00e9"', "Zo\u00eb", "x #comment",
    # bounds: Python's 4,300-digit limit for decimal ints (hex is not limited), base-60 floats
    # past the float range (OverflowError)
    "1" * 4300, "1" * 4301, "0x" + "F" * 5000, "-0b" + "1" * 5000, "0" + "7" * 5000,
    "1" + ":0" * 150 + ".5", "1" + ":0" * 200 + ".5",
]


def main():
    dump_cases = []
    for v in STRINGS + OTHERS:
        out = yaml.dump({"v": v}, Dumper=YamlDumper)
        back = yaml.load(out, Loader=YamlLoader)["v"]
        assert same(v, back) or isinstance(v, (list, dict)), (v, back)
        case = {"value": enc(v), "dump": out}
        if isinstance(v, str):
            case["dump_key"] = yaml.dump({v: 1}, Dumper=YamlDumper)
        dump_cases.append(case)
    load_cases = []
    for token in PLAIN:
        text = "v: " + token + "\n"
        try:
            value = yaml.load(text, Loader=YamlLoader)["v"]
        except Exception as e:  # noqa: BLE001 - the type is what the fixture records
            load_cases.append({"yaml": text, "load": {"error": type(e).__name__}})
            continue
        load_cases.append({"yaml": text, "load": enc(value)})
    with open("scalars.json", "w", encoding="utf-8") as f:
        json.dump({"pyyaml": yaml.__version__, "dump": dump_cases, "load": load_cases}, f, indent=1,
                  ensure_ascii=True)
        f.write("\n")
    print(len(dump_cases), "dump cases,", len(load_cases), "load cases")


if __name__ == "__main__":
    main()
