#!/usr/bin/env python3
"""Builds reference.json for the tiny random Qwen3 fixture (python3 + numpy only).

The weights are not stored in the repository: every value is a pure function of a seed, the
tensor's position in name order and the element's index (a SplitMix64 counter stream), so the
Java tests regenerate exactly the same float32 tensors (Qwen3Fixture in the test sources) and
check their SHA-256 against the one recorded here.

Everything else is an independent float64 re-implementation of transformers'
Qwen3ForCausalLM forward pass (RMSNorm, q/k per-head RMSNorm before RoPE, half-split RoPE,
grouped-query causal attention, SiLU-gated MLP, tied lm_head), and of the byte-level BPE of the
real Qwen3 tokenizer.json (for the prompts' token ids).

Usage (from this folder):
    python3 make_reference.py --tokenizer /path/to/shared/tokenizers/qwen3 [--write-weights DIR]
"""
import argparse
import hashlib
import json
import os
import re
import struct
import unicodedata

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20251202
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MAX_NEW_TOKENS = 12
M64 = (1 << 64) - 1


# ---------------------------------------------------------------- weights

def mix64(z):
    """SplitMix64's finaliser on a uint64 array (wrapping arithmetic)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniform(tensor_index, count):
    """count values in [-1, 1): 24 high bits of mix64(SEED + GOLDEN * ((n << 32 | j) + 1))."""
    counter = (np.uint64(tensor_index) << np.uint64(32)) | np.arange(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = mix64(np.uint64(SEED) + GOLDEN * (counter + np.uint64(1)))
    u = (z >> np.uint64(40)).astype(np.float64)
    return (u - 8388608.0) / 8388608.0


def tensor_shapes(c):
    h, d, inter = c["hidden_size"], c["head_dim"], c["intermediate_size"]
    q_dim, kv_dim = c["num_attention_heads"] * d, c["num_key_value_heads"] * d
    shapes = {"model.embed_tokens.weight": (c["vocab_size"], h), "model.norm.weight": (h,)}
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i
        shapes.update({
            p + "input_layernorm.weight": (h,),
            p + "post_attention_layernorm.weight": (h,),
            p + "self_attn.q_proj.weight": (q_dim, h),
            p + "self_attn.k_proj.weight": (kv_dim, h),
            p + "self_attn.v_proj.weight": (kv_dim, h),
            p + "self_attn.o_proj.weight": (h, q_dim),
            p + "self_attn.q_norm.weight": (d,),
            p + "self_attn.k_norm.weight": (d,),
            p + "mlp.gate_proj.weight": (inter, h),
            p + "mlp.up_proj.weight": (inter, h),
            p + "mlp.down_proj.weight": (h, inter),
        })
    return shapes


def make_weights(c):
    """name -> float32 array, in sorted name order (the order of the counter streams)."""
    out = {}
    for n, name in enumerate(sorted(tensor_shapes(c))):
        shape = tensor_shapes(c)[name]
        f = uniform(n, int(np.prod(shape)))
        if name.endswith("q_norm.weight") or name.endswith("k_norm.weight"):
            v = 1.0 + f / 4.0
        elif name.endswith("norm.weight"):
            v = 1.0 + f / 16.0
        else:
            v = f * 0.5
        out[name] = v.astype(np.float32).reshape(shape)
    return out


def weights_sha256(weights):
    """SHA-256 over the little-endian float32 data of every tensor, in sorted name order."""
    h = hashlib.sha256()
    for name in sorted(weights):
        h.update(weights[name].astype("<f4").tobytes())
    return h.hexdigest()


def write_safetensors(path, weights):
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name in sorted(weights):
        size = weights[name].size * 4
        header[name] = {"dtype": "F32", "shape": list(weights[name].shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in sorted(weights):
            f.write(weights[name].astype("<f4").tobytes())


# ---------------------------------------------------------------- forward pass (float64)

def rms_norm(x, w, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def rope_tables(c, t):
    d = c["head_dim"]
    # transformers computes inv_freq and the angles in float32
    inv = (1.0 / (np.float32(c["rope_theta"]) ** (np.arange(0, d, 2).astype(np.float32) / np.float32(d))))
    inv = inv.astype(np.float32)
    ang = np.arange(t, dtype=np.float32)[:, None] * inv[None, :]
    ang = np.concatenate([ang, ang], axis=-1)
    return np.cos(ang).astype(np.float64), np.sin(ang).astype(np.float64)


def rotate(x, cos, sin):  # x: [t, heads, d]
    half = x.shape[-1] // 2
    rot = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * cos[:, None, :] + rot * sin[:, None, :]


def forward(c, w, ids):
    """float64 logits [t, vocab] for the token ids."""
    t, d = len(ids), c["head_dim"]
    heads, kv_heads, eps = c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    g = {k: v.astype(np.float64) for k, v in w.items()}
    x = g["model.embed_tokens.weight"][ids]
    cos, sin = rope_tables(c, t)
    causal = np.triu(np.full((t, t), -np.inf), k=1)
    for i in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % i
        hn = rms_norm(x, g[p + "input_layernorm.weight"], eps)
        q = (hn @ g[p + "self_attn.q_proj.weight"].T).reshape(t, heads, d)
        k = (hn @ g[p + "self_attn.k_proj.weight"].T).reshape(t, kv_heads, d)
        v = (hn @ g[p + "self_attn.v_proj.weight"].T).reshape(t, kv_heads, d)
        q = rotate(rms_norm(q, g[p + "self_attn.q_norm.weight"], eps), cos, sin)
        k = rotate(rms_norm(k, g[p + "self_attn.k_norm.weight"], eps), cos, sin)
        out = np.zeros((t, heads, d))
        for hh in range(heads):
            kv = hh // (heads // kv_heads)
            s = q[:, hh, :] @ k[:, kv, :].T * (d ** -0.5) + causal
            s = np.exp(s - s.max(axis=-1, keepdims=True))
            s /= s.sum(axis=-1, keepdims=True)
            out[:, hh, :] = s @ v[:, kv, :]
        x = x + out.reshape(t, heads * d) @ g[p + "self_attn.o_proj.weight"].T
        hn = rms_norm(x, g[p + "post_attention_layernorm.weight"], eps)
        gate = hn @ g[p + "mlp.gate_proj.weight"].T
        up = hn @ g[p + "mlp.up_proj.weight"].T
        x = x + (gate / (1.0 + np.exp(-gate)) * up) @ g[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, g["model.norm.weight"], eps)
    return x @ g["model.embed_tokens.weight"].T  # tie_word_embeddings


# ---------------------------------------------------------------- tokenizer (byte-level BPE)

def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


# The Qwen2/3 pre-tokenizer pattern with \p{L} -> [^\W\d_] and \p{N} -> \d (Python's re has no
# \p classes); exact for the prompts used here (ASCII and Latin letters).
LETTER, NUMBER = r"[^\W\d_]", r"\d"
NOT_CRLF_LETTER_NUMBER, NOT_SPACE_LETTER_NUMBER = r"(?:[^\r\n\w]|_)", r"(?:[^\s\w]|_)"
PRETOKEN = re.compile(
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|" + NOT_CRLF_LETTER_NUMBER + "?" + LETTER + "+|" + NUMBER
    + "| ?" + NOT_SPACE_LETTER_NUMBER + r"+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")


class Tokenizer:
    def __init__(self, folder):
        with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
            tj = json.load(f)
        self.vocab = tj["model"]["vocab"]
        self.ranks = {}
        for i, m in enumerate(tj["model"]["merges"]):
            pair = tuple(m.split(" ")) if isinstance(m, str) else tuple(m)
            self.ranks[pair] = i
        self.added = {t["content"]: t["id"] for t in tj["added_tokens"]}
        self.inverse = {v: k for k, v in self.vocab.items()}
        self.inverse.update({v: k for k, v in self.added.items()})
        self.b2u = bytes_to_unicode()
        self.u2b = {v: k for k, v in self.b2u.items()}
        self.split = re.compile("(" + "|".join(re.escape(a) for a in sorted(self.added, key=len, reverse=True)) + ")")

    def bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            best = min(range(len(parts) - 1), key=lambda i: self.ranks.get((parts[i], parts[i + 1]), 1 << 60))
            if (parts[best], parts[best + 1]) not in self.ranks:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        return [self.vocab[p] for p in parts]

    def encode(self, text):
        ids = []
        for piece in self.split.split(text):
            if not piece:
                continue
            if piece in self.added:
                ids.append(self.added[piece])
                continue
            piece = unicodedata.normalize("NFC", piece)
            for m in PRETOKEN.finditer(piece):
                ids.extend(self.bpe("".join(self.b2u[b] for b in m.group(0).encode("utf-8"))))
        return ids

    def decode(self, ids):
        """tokenizers' decode(skip_special_tokens=False): ids outside the vocabulary are skipped."""
        out = b""
        for i in ids:
            tok = self.inverse.get(i)
            if tok is None:
                continue
            out += tok.encode("utf-8") if i in self.added.values() else bytes(self.u2b[ch] for ch in tok)
        return out.decode("utf-8", errors="replace")


# ---------------------------------------------------------------- reference.json

CASES = [
    ("ascii", "Hayloft brings Haystack to the JVM: 42 tokens, no Python."),
    ("latin", "Grüße aus Zürich! Déjà vu, naïve café."),
    ("chat_no_thinking",
     "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"),
]


def summary(logits):
    order = np.argsort(-logits, kind="stable")
    return {
        "vocab_size": int(logits.shape[0]),
        "first16": [float(v) for v in logits[:16]],
        "argmax": int(order[0]),
        "max": float(logits[order[0]]),
        "top2_margin": float(logits[order[0]] - logits[order[1]]),
        "top5": [[int(i), float(logits[i])] for i in order[:5]],
        "sum": float(logits.sum()),
        "sum_sq": float((logits * logits).sum()),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", required=True, help="folder with the Qwen3 tokenizer.json")
    ap.add_argument("--write-weights", help="also write model.safetensors into this folder")
    args = ap.parse_args()
    with open(os.path.join(HERE, "config.json")) as f:
        config = json.load(f)
    weights = make_weights(config)
    if args.write_weights:
        write_safetensors(os.path.join(args.write_weights, "model.safetensors"), weights)
    tok = Tokenizer(args.tokenizer)
    vocab_in_tokenizer = len(tok.inverse)
    cases = []
    for name, prompt in CASES:
        ids = tok.encode(prompt)
        full = forward(config, weights, ids)
        seq, new_ids, step_logit, margins = list(ids), [], [], []
        logits = full[-1]
        for step in range(MAX_NEW_TOKENS):
            if step > 0:
                logits = forward(config, weights, seq)[-1]
            best = int(np.argmax(logits))
            top2 = np.sort(logits)[-2:]
            new_ids.append(best)
            step_logit.append(float(logits[best]))
            margins.append(float(top2[1] - top2[0]))
            seq.append(best)
        cases.append({
            "name": name,
            "prompt": prompt,
            "input_ids": ids,
            "num_input_tokens": len(ids),
            "first_position_logits": summary(full[0]),
            "last_position_logits": summary(full[-1]),
            "greedy": {
                "max_new_tokens": MAX_NEW_TOKENS,
                "new_ids": new_ids,
                "step_argmax_logit": step_logit,
                "min_top2_margin": min(margins),
                "ids_outside_tokenizer_vocab": [i for i in new_ids if i not in tok.inverse],
                "text": tok.decode(new_ids),
            },
        })
    ref = {
        "format_version": 1,
        "model_dir": "tiny-random-qwen3",
        "architecture": "Qwen3ForCausalLM",
        "weights": {
            "seed": SEED,
            "generator": "value j of the n-th tensor in sorted name order: u = mix64(seed + 0x9E3779B97F4A7C15 * "
                         "((n << 32 | j) + 1)) >>> 40 (SplitMix64 finaliser), f = (u - 2^23) / 2^23 in [-1, 1); "
                         "matrices 0.5 f, q_norm/k_norm 1 + f/4, other norms 1 + f/16; float32",
            "sha256_f32_le": weights_sha256(weights),
            "tensors": {k: list(v.shape) for k, v in sorted(weights.items())},
        },
        "how_computed": "make_reference.py: float64 numpy forward pass of Qwen3ForCausalLM on the float32 weights, "
                        "one full forward per generated token (no KV cache), greedy = argmax, no EOS stop; token ids "
                        "from a byte-level BPE of the real Qwen3 tokenizer.json",
        "tokenizer_vocab_size": vocab_in_tokenizer,
        "suggested_tolerances": {"logits_abs": 1e-4, "sum_abs": 0.02, "sum_sq_rel": 1e-5},
        "cases": cases,
    }
    with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(ref, f, indent=1, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
