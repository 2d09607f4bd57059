"""Authors the TorchScript modules that Int8KernelSurvey compares (not shipped; benchmarks only).

    /usr/bin/python3 benchmarks/src/kernels/make_int8_survey.py OUT_DIR

Debian's PyTorch 1.13 scripts each module; ops that 1.13 lacks are written with a placeholder
of the same signature and the name is replaced in the archive's code text, which libtorch 2.7.1
(DJL's natives) compiles at load. Every module computes y = x @ (q * s[:, None])^T for INT8
codes q [N, K] and float32 per-row scales s [N]; they differ in the kernel and in what they do
to the float32 activations x [M, K]:

* wo      aten::_weight_int8pack_mm with bf16 activations (what Hayloft ships)
* intmm   aten::_int_mm on per-row int8 activations (one level, oneDNN)
* onednn  onednn::qlinear_pointwise (weights prepacked by onednn::qlinear_prepack) on two-level
          u8 activations (x ~ s(x1 + x2/256))
* fbdyn   fbgemm quantized::linear_dynamic (per-tensor u8 activations chosen by the op)
* fbtwo   fbgemm quantized::linear_with_input_q_dq_qweight_dq_output_fp32 on two-level 7-bit
          activations (x ~ s(x1 + x2/128), |x1|,|x2| <= 64, no int16 saturation on any x86 ISA)

* fbsent  fbgemm quantized::linear_dynamic with reduce_range on the same two-level 7-bit
          activations plus a sentinel row [-64, 63, 0, ...], so that the op's own per-tensor
          quantization has scale 1 and zero point 64 and represents x1 and x2 exactly

The packing modules (onednn, fbdyn, fbtwo) keep the prepacked weights in a list attribute of the module: forward(-1, _,
q, s) packs and returns the index; forward(i, x, _, _) multiplies by weight i.
"""
import io
import os
import sys
import zipfile
from typing import List, Tuple

import torch
from torch import Tensor


def fbgemm_pack(packed: List[torch.classes.quantized.LinearPackedParamsBase], w: Tensor, scales: Tensor) -> Tensor:
    """Packs q * scales[:, None] (per channel, symmetric) into packed; returns its index."""
    zp = torch.zeros([scales.size(0)], dtype=torch.long)
    qw = torch._make_per_channel_quantized_tensor(w, scales.to(torch.float64), zp, 0)
    packed.append(torch.ops.quantized.linear_prepack(qw, None))
    return torch.full([1], len(packed) - 1, dtype=torch.long)


def two_level_7bit(a: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Rows of a as sx * (x1 + x2 / 128), integers |x1|, |x2| <= 64."""
    sx = a.abs().amax(1, True).clamp_min(1e-30) / 63.0
    t = a / sx
    x1 = t.round()
    x2 = ((t - x1) * 128.0).round().clamp(-64.0, 63.0)
    return x1, x2, sx


class Wo(torch.nn.Module):
    def forward(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        a = x.reshape(-1, x.size(-1)).to(torch.bfloat16).contiguous()
        return torch.addcmul(a, w, scales.to(torch.bfloat16)).to(torch.float32)


class IntMm(torch.nn.Module):
    def forward(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        a = x.reshape(-1, x.size(-1))
        sx = a.abs().amax(1, True).clamp_min(1e-30) / 127.0
        acc = torch.mm(torch.round(a / sx).to(torch.int8), w.t())
        return acc.to(torch.float32) * sx * scales


class OneDnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.packed = torch.jit.Attribute([], List[Tensor])
        self.scales = torch.jit.Attribute([], List[Tensor])

    def forward(self, op: int, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        if op < 0:
            self.packed.append(torch.neg(w))
            self.scales.append(scales)
            return torch.full([1], len(self.packed) - 1, dtype=torch.long)
        a = x.reshape(-1, x.size(-1))
        m = a.size(0)
        sx = a.abs().amax(1, True).clamp_min(1e-30) / 127.0
        t = a / sx
        x1 = t.round()
        x2 = ((t - x1) * 256.0).round().clamp(-128.0, 127.0)
        q = torch.cat([x1, x2], 0).add(128.0).to(torch.uint8)
        s = self.scales[op]
        out = torch.addcmul(q, self.packed[op], s)
        return (out[:m] + out[m:] * 0.00390625) * sx


class FbDyn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.packed = torch.jit.Attribute([], List[torch.classes.quantized.LinearPackedParamsBase])

    def forward(self, op: int, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        if op < 0:
            return fbgemm_pack(self.packed, w, scales)
        return torch.ops.quantized.linear_dynamic(x.reshape(-1, x.size(-1)), self.packed[op], False)


class FbTwo(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.packed = torch.jit.Attribute([], List[torch.classes.quantized.LinearPackedParamsBase])

    def forward(self, op: int, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        if op < 0:
            return fbgemm_pack(self.packed, w, scales)
        a = x.reshape(-1, x.size(-1))
        m = a.size(0)
        x1, x2, sx = two_level_7bit(a)
        both = torch.cat([x1, x2], 0)
        out = torch.ops.quantized.linear_dynamic(both, self.packed[op], False)
        return (out[:m] + out[m:] * 0.0078125) * sx


class FbSentinel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.packed = torch.jit.Attribute([], List[torch.classes.quantized.LinearPackedParamsBase])

    def forward(self, op: int, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        if op < 0:
            return fbgemm_pack(self.packed, w, scales)
        a = x.reshape(-1, x.size(-1))
        m = a.size(0)
        x1, x2, sx = two_level_7bit(a)
        sentinel = torch.zeros([1, a.size(1)])
        sentinel[0, 0] = -64.0
        sentinel[0, 1] = 63.0
        out = torch.ops.quantized.linear_dynamic(torch.cat([x1, x2, sentinel], 0), self.packed[op], True)
        return (out[:m] + out[m:2 * m] * 0.0078125) * sx


def save(module, name, out_dir, *replacements):
    buf = io.BytesIO()
    torch.jit.save(torch.jit.script(module), buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        src = {n.split("/", 1)[1]: z.read(n) for n in z.namelist() if not n.endswith(".debug_pkl")}
    code = src["code/__torch__.py"].decode()
    for old, new in replacements:
        assert code.count(old) == 1, code
        code = code.replace(old, new)
    src["code/__torch__.py"] = code.encode()
    with zipfile.ZipFile(os.path.join(out_dir, name + ".pt"), "w", zipfile.ZIP_STORED) as z:
        for n, v in src.items():
            z.writestr(name + "/" + n, v)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    save(Wo(), "wo", out, ("torch.addcmul(", "torch._weight_int8pack_mm("))
    save(IntMm(), "intmm", out, ("torch.mm(", "torch._int_mm("))
    save(OneDnn(), "onednn", out, ("torch.neg(w)", "ops.onednn.qlinear_prepack(w, None)"),
         ("torch.addcmul(q, packed1[op], s)",
          'ops.onednn.qlinear_pointwise(q, 1., 128, packed1[op], s, torch.zeros([torch.size(s, 0)], dtype=4), None, '
          '1., 0, 6, "none", annotate(List[Optional[number]], []), "")'))
    save(FbDyn(), "fbdyn", out)
    save(FbTwo(), "fbtwo", out, ("ops.quantized.linear_dynamic(both, ",
         "ops.quantized.linear_with_input_q_dq_qweight_dq_output_fp32(both, 1., 64, "))
    save(FbSentinel(), "fbsent", out)
    print("wrote", sorted(os.listdir(out)))


if __name__ == "__main__":
    main()
