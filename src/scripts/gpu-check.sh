#!/usr/bin/env bash
# The GPU check for issue 23, on a Linux machine with an NVIDIA GPU, its driver, CUDA 12 and cuDNN 9 (ONNX Runtime
# 1.23's CUDA build needs them), JDK 17 and Maven. Builds Loupe with ONNX Runtime's CUDA build (-Pcuda), then runs
# the backbone on the GPU at batch 32, 128 and 512 against the CPU on the same prepared photos, and checks that the
# GPU's features match the CPU's within 1e-3 (exit 0: PASS; exit 1: no CUDA, or features too far apart).
# A few minutes: the build (the CUDA jar is 445 MB on first download), then about 30 s of measuring.
# Usage: src/scripts/gpu-check.sh [DATASET] [BACKBONE]   (default: the bundled flowers, mobilenet-v1-0.75)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || \
  echo "gpu-check: nvidia-smi not found; the check will say why CUDA cannot be used" >&2
mvn -B -q -Pcuda -DskipTests package
export OMP_NUM_THREADS=1
exec java -Xmx8g -cp "target/loupe.jar:target/lib/*" dev.loupe.cli.GpuCheckMain \
  "${1:-sample-datasets/flowers}" "${2:-mobilenet-v1-0.75}"
