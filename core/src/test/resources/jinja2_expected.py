"""Prints what Jinja2 3.1 (Haystack's SandboxedEnvironment()) renders for the builder tests'
"Jinja2" cases, so their expected values can be re-checked: python3 jinja2_expected.py"""
from jinja2.sandbox import SandboxedEnvironment

env = SandboxedEnvironment()
cases = [
    ("Answer the question {{question}}.\n Answer:\n", {"question": "Why?"}),
    ("{{ a }} {{ b }} {{ c }} {{ d }} {{ e }} {{ f }}",
     {"a": None, "b": True, "c": False, "d": 0.5, "e": [None, True, "x", 1e-5], "f": {"k": False}}),
    ("[{{ lang | default('English') }}]", {"lang": ""}),
    ("[{{ lang | default('English') }}]", {}),
    ("[{{ lang | default('English', true) }}]", {"lang": ""}),
    ("{{ x | nosuchfilter }}", {}),
]
for source, context in cases:
    try:
        print(repr(source), "->", repr(env.from_string(source).render(context)))
    except Exception as e:  # noqa: BLE001
        print(repr(source), "->", type(e).__name__, e)
