#!/bin/sh
# Regenerates src/generated/java/tflite from schema.fbs with flatc 2.0.8 (Debian 12's flatbuffers-compiler). Keeps the
# classes the TFLite writer uses and those they reference (add a class here when the writer needs another options
# table), less each class's ValidateVersion(): it names 2.0.8's runtime marker, while the build's flatbuffers-java is
# the one Spark needs (pom.xml); the builder API the classes call is the same in both, and the tests run the files
# they write in TensorFlow Lite itself.
set -eu
cd "$(dirname "$0")/../../.."
flatc --version | grep -q ' 2\.0\.8$' || { echo "needs flatc 2.0.8 (apt-get install flatbuffers-compiler)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
flatc --java -o "$tmp" src/main/fbs/schema.fbs
rm -rf src/generated/java/tflite
mkdir -p src/generated/java/tflite
for c in ActivationFunctionType Buffer BuiltinOperator BuiltinOptions ConcatenationOptions Conv2DOptions \
    DepthwiseConv2DOptions DimensionMetadata FullyConnectedOptions LeakyReluOptions Metadata Model Operator \
    OperatorCode Padding Pool2DOptions QuantizationParameters ReducerOptions ReshapeOptions \
    ResizeNearestNeighborOptions SignatureDef SoftmaxOptions SparsityParameters SubGraph Tensor TensorMap \
    TensorType VariantSubType; do
  grep -v 'public static void ValidateVersion()' "$tmp/tflite/$c.java" > "src/generated/java/tflite/$c.java"
done
