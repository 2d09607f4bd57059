#!/usr/bin/env bash
# GPU check of the local runtime: the shared fixtures' greedy continuations on the device, then
# decode speed (float32, and INT8 where the device's PyTorch has the kernel) on a
# Qwen2.5-0.5B-shaped model. Prints one line starting DEVICE-CHECK; exit 1 if a check fails.
#
#   scripts/gpu-check.sh [device] [shared-folder] [decode-tokens]   # defaults: cuda:0 ../shared 64
#
# CUDA natives: there is no Maven artifact of the CUDA libtorch 2.7.1, so point DJL at one
# (see docs/hf-local.md, "Choosing the native artifact"): PYTORCH_LIBRARY_PATH=<libtorch
# 2.7.1+cu128>/lib. When it is unset and python3 has torch 2.7.1 with CUDA, its lib folder is
# used. `scripts/gpu-check.sh cpu` runs the same check on the CPU. BENCH_MODELS: where the
# generated 0.5B-shaped model is kept (default benchmarks/target/bench-models).
set -euo pipefail
cd "$(dirname "$0")/.."
DEVICE="${1:-cuda:0}"
SHARED="$(cd "${2:-../shared}" && pwd)"
TOKENS="${3:-64}"
if [[ "$DEVICE" == cuda* ]]; then
  if [[ -z "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    PYTORCH_LIBRARY_PATH="$(python3 - <<'PY' 2>/dev/null || true
import os, torch
if torch.__version__.startswith("2.7.1") and torch.version.cuda:
    print(os.path.join(os.path.dirname(torch.__file__), "lib"))
PY
)"
  fi
  if [[ -z "$PYTORCH_LIBRARY_PATH" ]]; then
    echo "DEVICE-CHECK device=$DEVICE SKIPPED: no CUDA libtorch 2.7.1 (set PYTORCH_LIBRARY_PATH to its lib folder)"
    exit 2
  fi
  export PYTORCH_LIBRARY_PATH PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
fi
./mvnw -B -q -pl benchmarks -am package -DskipTests exec:java \
  -Dexec.mainClass=dev.hayloft.benchmarks.DeviceCheck \
  -Dexec.args="$DEVICE $SHARED ${BENCH_MODELS:-benchmarks/target/bench-models} $TOKENS" 2>&1 | grep -v " INFO " | tail -20
