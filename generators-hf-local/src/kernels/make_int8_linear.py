"""Authors generators-hf-local/src/main/resources/dev/hayloft/hf/local/kernels/int8_linear.pt.

A TorchScript archive is a zip whose code is plain text that libtorch compiles when it loads
the archive. PyTorch 1.13 (Debian's python3-torch, the one available here) cannot compile
aten::_weight_int8pack_mm (added in PyTorch 2.2), so the module is scripted with a
placeholder with the same (Tensor, Tensor, Tensor) signature, torch.addcmul(a, w, s), and the
placeholder's name is then replaced in the code text by the int8 op's;
libtorch 2.7.1 (DJL's natives) compiles the result. Run with the system python3:

    /usr/bin/python3 generators-hf-local/src/kernels/make_int8_linear.py

forward(x float32 [..., K], w int8 [Np, Kp], scales float32 [N]) -> float32 [..., N]:
K is padded with zero columns to Kp and the scales with zeros to Np (the weights are padded
when they are quantized, so that PyTorch's kernel sees aligned shapes), the activations and
scales are converted to bfloat16 inside the script (bf16 never crosses DJL's JNI), and the
product is cut back to N and converted to float32.
"""
import io
import os
import zipfile

import torch
from torch import Tensor

OUT = os.path.join(os.path.dirname(__file__), "..", "main", "resources", "dev", "hayloft", "hf", "local",
                   "kernels", "int8_linear.pt")


class Int8Linear(torch.nn.Module):
    def forward(self, x: Tensor, w: Tensor, scales: Tensor) -> Tensor:
        k = x.size(-1)
        n = scales.size(0)
        shape = x.shape[:-1] + [n]
        a = x.reshape(-1, k)
        kp = w.size(1)
        if kp != k:
            a = torch.constant_pad_nd(a, [0, kp - k], 0.0)
        a = a.to(torch.bfloat16).contiguous()
        s = scales.to(torch.bfloat16)
        np_ = w.size(0)
        if np_ != n:
            s = torch.constant_pad_nd(s, [0, np_ - n], 0.0)
        y = torch.addcmul(a, w, s)  # placeholder for torch._weight_int8pack_mm(a, w, s), replaced below
        if np_ != n:
            y = y[:, :n]
        return y.to(torch.float32).reshape(shape)


def main():
    buf = io.BytesIO()
    torch.jit.save(torch.jit.script(Int8Linear()), buf)
    src = {}
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for name in z.namelist():
            if not name.endswith(".debug_pkl"):  # source ranges of the placeholder: dropped
                src[name.split("/", 1)[1]] = z.read(name)
    code = src["code/__torch__.py"].decode()
    assert code.count("torch.addcmul(") == 1, code
    src["code/__torch__.py"] = code.replace("torch.addcmul(", "torch._weight_int8pack_mm(").encode()
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_STORED) as z:
        for name in ["data.pkl", "code/__torch__.py", "constants.pkl", "version"]:
            z.writestr("int8_linear/" + name, src[name])
    print(src["code/__torch__.py"].decode())


if __name__ == "__main__":
    main()
