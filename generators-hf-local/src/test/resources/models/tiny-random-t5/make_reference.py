#!/usr/bin/env python3
"""Builds the tiny random T5 fixtures and their reference numbers (python3 + numpy only).

    python3 make_reference.py            # rewrites ./ (t5 v1.0 style) and ../tiny-random-flan-t5/

Everything is deterministic (the tokenizer scores come from numpy.random.RandomState(1234)). For each variant it writes
config.json, generation_config.json, tokenizer.json, tokenizer_config.json,
special_tokens_map.json and reference.json. The weights are not stored: every value is a pure
function of the variant's seed and the tensor spec that reference.json records (a SplitMix64
counter stream, as for tiny-random-qwen3), and the tests regenerate model.safetensors from it
(T5Fixture), checking the SHA-256 recorded here; WRITE_GENERATED=1 also writes the file.

The forward pass below is an independent float64 implementation of what transformers'
T5ForConditionalGeneration computes (read from modeling_t5.py for behaviour, written anew):

* T5 "layer norm": weight * x / sqrt(mean(x^2) + eps); no mean subtraction, no bias.
* Attention scores are q.k WITHOUT the 1/sqrt(d_kv) scale, plus a relative position bias that
  only the first block of each stack owns (relative_attention_bias, [buckets, heads]) and the
  later blocks reuse. Buckets: bidirectional in the encoder (half the buckets for keys after
  the query), unidirectional in the decoder (keys after the query count as distance 0 and are
  masked anyway). The log-spaced part of the bucket is computed in float32 like torch
  (float32 log, divide, multiply, truncate), so borderline distances land in the same bucket.
* Decoder block: causal self-attention with bias, cross-attention over the encoder output
  (no position bias), feed-forward; every sub-layer is pre-norm with a residual.
* Feed-forward: ReLU (wi, wo) for feed_forward_proj "relu", gelu_new(wi_0 x) * wi_1 x then wo
  for "gated-gelu".
* Head: with tie_word_embeddings the final decoder states are scaled by d_model^-0.5 and
  multiplied by shared.weight^T; otherwise lm_head.weight is used unscaled.
* Generation starts the decoder from decoder_start_token_id (0, <pad>); greedy steps recompute
  the whole decoder sequence (no cache) and stop after eos (1).

The tokenizer is SYNTHETIC (no real T5 tokenizer.json could be obtained offline): a small
SentencePiece-style Unigram model with the real T5 layout (<pad>=0, </s>=1, <unk>=2, WhitespaceSplit
+ Metaspace pre-tokenizer, Metaspace decoder, TemplateProcessing that appends </s>). Its encoding
is reproduced here with a Viterbi search over the piece scores.
"""
import hashlib
import json
import math
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
META = "\u2581"

WORDS = """the a an of to in is was are be for on with as by at from that this it and or not
what who where when why how which translate English German French summarize question answer
context capital city country house is wonderful quick brown fox jumps over lazy dog hello world
Paris France Berlin Germany London river mountain small large good bad new old day night
time year people water book tree sun moon cat red blue green one two three yes no my your
hay barn farm field horse cow sheep""".split()
SUBWORDS = ["ing", "ed", "er", "est", "ly", "s", "es", "tion", "al", "re", "un", "in", "on", "an",
            "en", "th", "he", "at", "or", "ar", "ou", "it", "is", "le", "st", "nd", "ch", "sh"]
CHARS = list("abcdefghijklmnopqrstuvwxyz") + list("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + list("0123456789") \
    + list(".,:;?!'\"-()/")
PROMPTS = [
    ("translate", "translate English to German: The house is wonderful."),
    ("question", "question: What is the capital of France? context: Paris is the capital and the "
                 "largest city of France."),
    ("summarize", "summarize: The quick brown fox jumps over the lazy dog in the green field by the barn."),
]
GREEDY_STEPS = 20

VARIANTS = {
    "tiny-random-t5": dict(
        seed=5, d_model=32, d_kv=8, num_heads=4, d_ff=64, num_layers=2, num_decoder_layers=2,
        feed_forward_proj="relu", tie_word_embeddings=True),
    "tiny-random-flan-t5": dict(
        seed=7, d_model=32, d_kv=8, num_heads=6, d_ff=48, num_layers=2, num_decoder_layers=3,
        feed_forward_proj="gated-gelu", tie_word_embeddings=False),
}
BUCKETS = 32
MAX_DISTANCE = 128
EPS = 1e-6


# ---------------------------------------------------------------- tokenizer

TOKENIZER_SEED = 1234
VOCAB_RULE = ("pieces in this order, each drawing the next value k of the counter stream of seed "
              "tokenizer.seed and tensor index 0 (r = (f + 1) / 2 in [0, 1), drawn even for a piece already "
              "present, which is skipped): meta (score -4 - r); per char c: c (-9 - r) and, for letters and "
              "digits, meta + c (-8.5 - r); per subword s: s (-6.5 - r), meta + s (-7 - r); per word w: "
              "meta + w (-4.5 - 1.5 r); after the three special tokens <pad>, </s>, <unk> (score 0)")


def vocab_spec():
    return {"seed": TOKENIZER_SEED, "rule": VOCAB_RULE, "meta": META, "chars": CHARS, "subwords": SUBWORDS,
            "words": WORDS}


def build_vocab():
    draws = iter((uniform(TOKENIZER_SEED, 0, 4096) + 1.0) / 2.0)
    pieces = []
    seen = set()

    def add(p, base, width=1.0):
        score = base - width * float(next(draws))
        if p not in seen:
            seen.add(p)
            pieces.append([p, score])

    add(META, -4.0)
    for c in CHARS:
        add(c, -9.0)
        if c.isalpha() or c.isdigit():
            add(META + c, -8.5)
    for s in SUBWORDS:
        add(s, -6.5)
        add(META + s, -7.0)
    for w in WORDS:
        add(META + w, -4.5, 1.5)
    specials = [["<pad>", 0.0], ["</s>", 0.0], ["<unk>", 0.0]]
    return specials + pieces


def tokenizer_json(vocab):
    meta = {"type": "Metaspace", "replacement": META, "prepend_scheme": "always", "split": True}
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, t in enumerate(["<pad>", "</s>", "<unk>"])]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, meta]},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {"</s>": {"id": "</s>", "ids": [1], "tokens": ["</s>"]}},
        },
        "decoder": dict(meta),
        "model": {"type": "Unigram", "unk_id": 2, "vocab": vocab, "byte_fallback": False},
    }


def encode(text, vocab):
    """WhitespaceSplit, Metaspace (prepend to every word), Viterbi over piece scores, then </s>."""
    score = {p: s for p, s in vocab[3:]}
    index = {p: i for i, (p, _) in enumerate(vocab)}
    unk_score = min(s for _, s in vocab[3:]) - 10.0
    ids = []
    fuse_ok = [False]  # consecutive unknown characters of one word fuse into one <unk>
    for word in text.split():
        w = META + word
        n = len(w)
        best = [None] * (n + 1)
        best[0] = (0.0, None, None)
        for i in range(n):
            if best[i] is None:
                continue
            covered = False
            for j in range(i + 1, n + 1):
                p = w[i:j]
                if p in score:
                    if j == i + 1:
                        covered = True
                    cand = best[i][0] + score[p]
                    if best[j] is None or cand > best[j][0]:
                        best[j] = (cand, i, p)
            if not covered:
                cand = best[i][0] + unk_score
                if best[i + 1] is None or cand > best[i + 1][0]:
                    best[i + 1] = (cand, i, None)
        out = []
        j = n
        while j > 0:
            _, i, p = best[j]
            out.append(index[p] if p is not None else 2)
            j = i
        for t in reversed(out):
            if not (t == 2 and ids and ids[-1] == 2 and fuse_ok[0]):
                ids.append(t)
            fuse_ok[0] = t == 2
        fuse_ok[0] = False
    return ids + [1]


def decode(ids, vocab):
    toks = [vocab[i][0] for i in ids if i > 2]
    text = ""
    for k, t in enumerate(toks):
        t = t.replace(META, " ")
        if k == 0 and t.startswith(" "):
            t = t[1:]
        text += t
    return text


# ---------------------------------------------------------------- weights

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
GENERATOR = ("value j of the n-th tensor in sorted name order: u = mix64(seed + 0x9E3779B97F4A7C15 * "
             "((n << 32 | j) + 1)) >>> 40 (SplitMix64 finaliser), f = (u - 2^23) / 2^23 in [-1, 1); "
             "value = float32(base + scale * f); then each row listed in scaled_rows multiplied by its float32 factor")


def mix64(z):
    """SplitMix64's finaliser on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(seed, tensor_index, count):
    """count values in [-1, 1): 24 high bits of mix64(seed + GOLDEN * ((n << 32 | j) + 1))."""
    counter = (np.uint64(tensor_index) << np.uint64(32)) | np.arange(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = mix64(np.uint64(seed) + GOLDEN * (counter + np.uint64(1)))
    u = (z >> np.uint64(40)).astype(np.float64)
    return (u - 8388608.0) / 8388608.0


def weight_spec(v, vocab_size):
    """name -> {shape, base, scale[, scaled_rows]}: uniform draws with the std of the old normal ones."""
    d, inner, dff = v["d_model"], v["d_kv"] * v["num_heads"], v["d_ff"]
    gated = v["feed_forward_proj"] == "gated-gelu"
    spec = {}
    root3 = math.sqrt(3.0)  # a uniform draw in [-1, 1) times sqrt(3) has std 1

    def mat(name, shape, std=0.3):
        spec[name] = {"shape": list(shape), "base": 0.0, "scale": std * root3}

    def norm(name):
        spec[name] = {"shape": [d], "base": 1.0, "scale": 0.05 * root3}

    mat("shared.weight", (vocab_size, d), 0.5)
    for stack, layers in (("encoder", v["num_layers"]), ("decoder", v["num_decoder_layers"])):
        for i in range(layers):
            p = f"{stack}.block.{i}.layer."
            attn = ["SelfAttention"] + (["EncDecAttention"] if stack == "decoder" else [])
            for li, kind in enumerate(attn):
                mat(f"{p}{li}.{kind}.q.weight", (inner, d), 0.15)
                mat(f"{p}{li}.{kind}.k.weight", (inner, d))
                mat(f"{p}{li}.{kind}.v.weight", (inner, d))
                mat(f"{p}{li}.{kind}.o.weight", (d, inner))
                if i == 0 and kind == "SelfAttention":
                    mat(f"{p}{li}.{kind}.relative_attention_bias.weight", (BUCKETS, v["num_heads"]), 1.0)
                norm(f"{p}{li}.layer_norm.weight")
            ff = len(attn)
            if gated:
                mat(f"{p}{ff}.DenseReluDense.wi_0.weight", (dff, d))
                mat(f"{p}{ff}.DenseReluDense.wi_1.weight", (dff, d))
            else:
                mat(f"{p}{ff}.DenseReluDense.wi.weight", (dff, d))
            mat(f"{p}{ff}.DenseReluDense.wo.weight", (d, dff))
            norm(f"{p}{ff}.layer_norm.weight")
        norm(f"{stack}.final_layer_norm.weight")
    if not v["tie_word_embeddings"]:
        mat("lm_head.weight", (vocab_size, d), 0.5)
        spec["lm_head.weight"]["scaled_rows"] = {"1": 2.1}  # a stronger </s> row, so that one greedy case ends at eos
    return dict(sorted(spec.items()))


def make_weights(seed, spec):
    w = {}
    for n, (name, t) in enumerate(spec.items()):
        count = int(np.prod(t["shape"]))
        a = (t["base"] + t["scale"] * uniform(seed, n, count)).astype(np.float32).reshape(t["shape"])
        for row, factor in t.get("scaled_rows", {}).items():
            a[int(row)] *= np.float32(factor)
        w[name] = a
    return w


def weights_sha256(weights):
    """SHA-256 over the little-endian float32 data of every tensor, in sorted name order."""
    h = hashlib.sha256()
    for name in sorted(weights):
        h.update(weights[name].astype("<f4").tobytes())
    return h.hexdigest()


def write_safetensors(path, tensors):
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    names = sorted(tensors)
    for n in names:
        size = tensors[n].size * 4
        header[n] = {"dtype": "F32", "shape": list(tensors[n].shape), "data_offsets": [offset, offset + size]}
        offset += size
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for n in names:
            f.write(tensors[n].astype("<f4").tobytes())


# ---------------------------------------------------------------- forward pass

def bucket(rel, bidirectional):
    """transformers' _relative_position_bucket for one (key - query) distance; float32 log part."""
    nb = BUCKETS
    ret = 0
    if bidirectional:
        nb //= 2
        if rel > 0:
            ret += nb
        rel = abs(rel)
    else:
        rel = -min(rel, 0)
    max_exact = nb // 2
    if rel < max_exact:
        return ret + rel
    f = np.float32(np.log(np.float32(rel) / np.float32(max_exact)))
    f = np.float32(f / np.float32(math.log(MAX_DISTANCE / max_exact)))
    f = np.float32(f * np.float32(nb - max_exact))
    large = max_exact + int(f)
    return ret + min(large, nb - 1)


def position_bias(table, q_len, k_len, bidirectional):
    b = np.array([[bucket(k - q, bidirectional) for k in range(k_len)] for q in range(q_len)])
    return table[b].transpose(2, 0, 1)  # [heads, q, k]


def rms(x, w):
    return w * (x / np.sqrt((x * x).mean(-1, keepdims=True) + EPS))


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def attention(w, prefix, x, kv, bias, heads, dk):
    q = (x @ w[prefix + "q.weight"].T).reshape(len(x), heads, dk).transpose(1, 0, 2)
    k = (kv @ w[prefix + "k.weight"].T).reshape(len(kv), heads, dk).transpose(1, 0, 2)
    val = (kv @ w[prefix + "v.weight"].T).reshape(len(kv), heads, dk).transpose(1, 0, 2)
    s = q @ k.transpose(0, 2, 1)
    if bias is not None:
        s = s + bias
    s = s - s.max(-1, keepdims=True)
    p = np.exp(s)
    p = p / p.sum(-1, keepdims=True)
    out = (p @ val).transpose(1, 0, 2).reshape(len(x), heads * dk)
    return out @ w[prefix + "o.weight"].T


def feed_forward(w, prefix, x, gated):
    if gated:
        h = gelu_new(x @ w[prefix + "wi_0.weight"].T) * (x @ w[prefix + "wi_1.weight"].T)
    else:
        h = np.maximum(x @ w[prefix + "wi.weight"].T, 0)
    return h @ w[prefix + "wo.weight"].T


def encoder(w, v, ids):
    heads, dk = v["num_heads"], v["d_kv"]
    x = w["shared.weight"][ids]
    bias = position_bias(w["encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"],
                         len(ids), len(ids), True)
    for i in range(v["num_layers"]):
        p = f"encoder.block.{i}.layer."
        x = x + attention(w, p + "0.SelfAttention.", rms(x, w[p + "0.layer_norm.weight"]),
                          rms(x, w[p + "0.layer_norm.weight"]), bias, heads, dk)
        x = x + feed_forward(w, p + "1.DenseReluDense.", rms(x, w[p + "1.layer_norm.weight"]),
                             v["feed_forward_proj"] == "gated-gelu")
    return rms(x, w["encoder.final_layer_norm.weight"])


def decoder_logits(w, v, enc, dec_ids):
    """Logits [len(dec_ids), vocab] of the whole decoder sequence (full recomputation)."""
    heads, dk = v["num_heads"], v["d_kv"]
    t = len(dec_ids)
    x = w["shared.weight"][dec_ids]
    bias = position_bias(w["decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"], t, t, False)
    bias = bias + np.triu(np.full((t, t), -np.inf), 1)[None]
    for i in range(v["num_decoder_layers"]):
        p = f"decoder.block.{i}.layer."
        h = rms(x, w[p + "0.layer_norm.weight"])
        x = x + attention(w, p + "0.SelfAttention.", h, h, bias, heads, dk)
        x = x + attention(w, p + "1.EncDecAttention.", rms(x, w[p + "1.layer_norm.weight"]), enc, None, heads, dk)
        x = x + feed_forward(w, p + "2.DenseReluDense.", rms(x, w[p + "2.layer_norm.weight"]),
                             v["feed_forward_proj"] == "gated-gelu")
    x = rms(x, w["decoder.final_layer_norm.weight"])
    if v["tie_word_embeddings"]:
        return (x * v["d_model"] ** -0.5) @ w["shared.weight"].T
    return x @ w["lm_head.weight"].T


def summary(logits):
    order = np.argsort(-logits, kind="stable")
    return {
        "first16": [float(x) for x in logits[:16]],
        "argmax": int(order[0]),
        "max": float(logits[order[0]]),
        "top2_margin": float(logits[order[0]] - logits[order[1]]),
        "top5": [[int(i), float(logits[i])] for i in order[:5]],
        "sum": float(logits.sum()),
        "sum_sq": float((logits * logits).sum()),
    }


def reference(w64, v, vocab, prompt):
    ids = encode(prompt, vocab)
    enc = encoder(w64, v, np.array(ids))
    dec = [0]
    new_ids, step_logit, steps = [], [], []
    for step in range(GREEDY_STEPS):
        logits = decoder_logits(w64, v, enc, np.array(dec))[-1]
        tok = int(np.argmax(logits))
        new_ids.append(tok)
        step_logit.append(float(logits[tok]))
        if step < 3:
            steps.append(summary(logits))
        if tok == 1:
            break
        dec.append(tok)
    return ids, enc, new_ids, step_logit, steps


def main():
    vocab = build_vocab()
    tok = tokenizer_json(vocab)
    for name, v in VARIANTS.items():
        folder = os.path.join(os.path.dirname(HERE), name)
        os.makedirs(folder, exist_ok=True)
        spec = weight_spec(v, len(vocab))
        w = make_weights(v["seed"], spec)
        if os.environ.get("WRITE_GENERATED"):  # for a look with other tools; the tests generate their own
            write_safetensors(os.path.join(folder, "model.safetensors"), w)
        w64 = {k: a.astype(np.float64) for k, a in w.items()}
        config = {
            "architectures": ["T5ForConditionalGeneration"],
            "d_ff": v["d_ff"], "d_kv": v["d_kv"], "d_model": v["d_model"],
            "decoder_start_token_id": 0, "dropout_rate": 0.1, "eos_token_id": 1,
            "feed_forward_proj": v["feed_forward_proj"], "initializer_factor": 1.0,
            "is_encoder_decoder": True, "layer_norm_epsilon": EPS, "model_type": "t5",
            "n_positions": 512, "num_decoder_layers": v["num_decoder_layers"], "num_heads": v["num_heads"],
            "num_layers": v["num_layers"], "output_past": True, "pad_token_id": 0,
            "relative_attention_max_distance": MAX_DISTANCE, "relative_attention_num_buckets": BUCKETS,
            "tie_word_embeddings": v["tie_word_embeddings"], "transformers_version": "4.43.1",
            "use_cache": True, "vocab_size": len(vocab),
        }
        if v["feed_forward_proj"] == "gated-gelu":
            config.update({"dense_act_fn": "gelu_new", "is_gated_act": True})
        dump(folder, "config.json", dict(sorted(config.items())))
        dump(folder, "generation_config.json", {"decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0,
                                                "transformers_version": "4.43.1"})
        # flan: true, which text2text-generation ignores (transformers' pipeline decodes without clean-up)
        dump(folder, "tokenizer_config.json", {
            "clean_up_tokenization_spaces": not v["tie_word_embeddings"], "eos_token": "</s>", "extra_ids": 0, "model_max_length": 512,
            "pad_token": "<pad>", "tokenizer_class": "T5Tokenizer", "unk_token": "<unk>"})
        dump(folder, "special_tokens_map.json", {"eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"})
        if os.environ.get("WRITE_GENERATED"):  # the tests build their own from the vocabulary rule
            dump(folder, "tokenizer.json", tok, indent=None)
        cases = []
        for case_name, prompt in PROMPTS:
            ids, enc, new_ids, step_logit, steps = reference(w64, v, vocab, prompt)
            ids32, enc32, new32, logit32, _ = reference({k: a.astype(np.float32) for k, a in w.items()},
                                                        v, vocab, prompt)
            cases.append({
                "name": case_name, "prompt": prompt, "input_ids": ids,
                "input_tokens": [vocab[i][0] for i in ids], "num_input_tokens": len(ids),
                "encoder_output_first8": [float(x) for x in enc[-1][:8]],
                "decoder_steps": steps,
                "greedy": {"new_ids": new_ids, "step_argmax_logit": step_logit,
                           "stopped_at_eos": new_ids[-1] == 1, "text": decode(new_ids, vocab)},
                "_float32_check": {"same_ids": new32 == new_ids,
                                   "max_step_logit_diff": float(np.max(np.abs(np.array(logit32[:len(step_logit)])
                                                                              - np.array(step_logit[:len(logit32)]))))},
            })
        ref = {"model": name,
               "weights": {"seed": v["seed"], "generator": GENERATOR, "sha256_f32_le": weights_sha256(w),
                           "tensors": spec},
               "tokenizer": dict(vocab_spec(), template={**tok, "model": {**tok["model"], "vocab": None}}),
               "decoder_start_token_id": 0, "eos_token_id": 1, "greedy_steps": GREEDY_STEPS,
               "cases": cases, "tokenizer_cases": [{"text": t, "ids": encode(t, vocab)} for t in
                                                   ["Hello world!", "  many   spaces here ", "x7 Zq?!", "Grüße"]],
               "suggested_tolerances": {"logits_abs": 1e-4, "sum_abs": 2e-3, "sum_sq_rel": 1e-5}}
        dump(folder, "reference.json", ref)
        for c in cases:
            print(name, c["name"], len(c["input_ids"]), c["greedy"]["new_ids"], repr(c["greedy"]["text"]),
                  c["_float32_check"])


def dump(folder, file, obj, indent=2):
    with open(os.path.join(folder, file), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
