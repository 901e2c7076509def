"""Checks a Core ML .mlmodel against Apple's specification, then runs it the way the specification describes.

Linux has no Core ML runtime. This script decodes the file with Python's protobuf, using classes that Debian's
protoc generates at run time from Apple's .proto files (neither is Loupe's Java code), checks what Core ML's own
validator would (the classifier's inputs and outputs, image preprocessing, class labels, every layer's inputs
defined before use, weight counts against the layers' sizes), then evaluates its layers with NumPy following the
formulas in NeuralNetwork.proto's comments. That evaluation is this script's reading of the specification, not Apple's
runtime: the installers workflow runs the real one on macOS.

usage: coreml_check.py PROTO_DIR MODEL INPUTS.f32 OUTPUTS.f32
  INPUTS.f32: raw little-endian float32 images, N x H x W x 3, RGB values 0-255 (already resized)
  OUTPUTS.f32: written, N x classes float32, the probabilities in the order of the class labels
"""
import glob
import importlib
import os
import subprocess
import sys
import tempfile

import numpy as np

proto_dir, model_path, inputs_path, outputs_path = sys.argv[1:5]


def fail(message):
    sys.exit("Core ML check failed: " + message)


def load(path):
    out = tempfile.mkdtemp()
    subprocess.run(["protoc", "-I", proto_dir, "--python_out", out] + sorted(glob.glob(proto_dir + "/*.proto")),
                   check=True)
    sys.path.insert(0, out)
    spec = importlib.import_module("Model_pb2").Model()
    with open(path, "rb") as f:
        spec.ParseFromString(f.read())
    return spec


def check(spec):
    if spec.WhichOneof("Type") != "neuralNetworkClassifier":
        fail("not a neural-network classifier but " + str(spec.WhichOneof("Type")))
    d = spec.description
    if len(d.input) != 1 or d.input[0].type.WhichOneof("Type") != "imageType":
        fail("the model must take exactly one image")
    image = d.input[0].type.imageType
    if image.width <= 0 or image.height <= 0 or image.colorSpace not in (20, 30):
        fail("the image input needs a size and an RGB or BGR colour space")
    outputs = {o.name: o.type.WhichOneof("Type") for o in d.output}
    if outputs.get(d.predictedFeatureName) != "stringType":
        fail("predictedFeatureName %r is not a string output" % d.predictedFeatureName)
    if outputs.get(d.predictedProbabilitiesName) != "dictionaryType":
        fail("predictedProbabilitiesName %r is not a dictionary output" % d.predictedProbabilitiesName)
    nn = spec.neuralNetworkClassifier
    labels = list(nn.stringClassLabels.vector)
    if not labels or len(set(labels)) != len(labels):
        fail("the class labels must be present and distinct")
    if [p.featureName for p in nn.preprocessing] != [d.input[0].name] or not nn.preprocessing[0].HasField("scaler"):
        fail("the image input needs one scaler preprocessing")
    defined = {d.input[0].name}
    for layer in nn.layers:
        for blob in layer.input:
            if blob not in defined:
                fail("layer %s reads %s before any layer writes it" % (layer.name, blob))
        for blob in layer.output:
            if blob in defined:
                fail("layer %s writes %s a second time" % (layer.name, blob))
            defined.add(blob)
    if nn.labelProbabilityLayerName not in defined:
        fail("labelProbabilityLayerName %s is not written by any layer" % nn.labelProbabilityLayerName)
    return image, labels


def weights(w, count, what):
    values = np.array(w.floatValue, dtype=np.float64)
    if values.size != count:
        fail("%s has %d weights, its size needs %d" % (what, values.size, count))
    return values


def pad_amounts(padding, h, w, k, s, d):
    """[top, bottom, left, right] for SAME (bottom/right heavy) or VALID padding, and the output size."""
    oneof = "ConvolutionPaddingType" if padding.DESCRIPTOR.name == "ConvolutionLayerParams" else "PoolingPaddingType"
    if padding.WhichOneof(oneof) == "same":
        out = [-(-h // s[0]), -(-w // s[1])]
        total = [max((out[i] - 1) * s[i] + (k[i] - 1) * d[i] + 1 - (h, w)[i], 0) for i in range(2)]
        return [total[0] // 2, total[0] - total[0] // 2, total[1] // 2, total[1] - total[1] // 2]
    b = padding.valid.paddingAmounts.borderAmounts
    return [b[0].startEdgeSize, b[0].endEdgeSize, b[1].startEdgeSize, b[1].endEdgeSize] if b else [0, 0, 0, 0]


def windows(x, k, s, d, pads, fill):
    """Every window position: an array [C, kh, kw, out_h, out_w] of the padded input."""
    x = np.pad(x, ((0, 0), (pads[0], pads[1]), (pads[2], pads[3])), constant_values=fill)
    oh = (x.shape[1] - (k[0] - 1) * d[0] - 1) // s[0] + 1
    ow = (x.shape[2] - (k[1] - 1) * d[1] - 1) // s[1] + 1
    return np.stack([np.stack([x[:, i * d[0]:i * d[0] + s[0] * (oh - 1) + 1:s[0],
                                 j * d[1]:j * d[1] + s[1] * (ow - 1) + 1:s[1]] for j in range(k[1])], 1)
                     for i in range(k[0])], 1)


def conv(p, x, name):
    k, s, d = list(p.kernelSize), list(p.stride), list(p.dilationFactor) or [1, 1]
    g, oc, kc = p.nGroups or 1, p.outputChannels, p.kernelChannels
    if kc * g != x.shape[0]:
        fail("%s: %d groups of %d kernel channels for %d input channels" % (name, g, kc, x.shape[0]))
    w = weights(p.weights, oc * kc * k[0] * k[1], name).reshape(g, oc // g, kc, k[0], k[1])
    win = windows(x, k, s, d, pad_amounts(p, x.shape[1], x.shape[2], k, s, d), 0.0)
    win = win.reshape(g, kc, k[0], k[1], win.shape[-2], win.shape[-1])
    y = np.einsum("gcijhw,gocij->gohw", win, w).reshape(oc, win.shape[-2], win.shape[-1])
    return y + weights(p.bias, oc, name + " bias")[:, None, None] if p.hasBias else y


def pool(p, x, name):
    if p.globalPooling:
        return (x.max(axis=(1, 2)) if p.type == 0 else x.mean(axis=(1, 2)))[:, None, None]
    k, s = list(p.kernelSize), list(p.stride)
    pads = pad_amounts(p, x.shape[1], x.shape[2], k, s, [1, 1])
    if p.type == 0:
        return windows(x, k, s, [1, 1], pads, -np.inf).max(axis=(1, 2))
    total = windows(x, k, s, [1, 1], pads, 0.0).sum(axis=(1, 2))
    count = windows(np.ones_like(x[:1]), k, s, [1, 1], pads, 0.0).sum(axis=(1, 2)) if p.avgPoolExcludePadding \
        else k[0] * k[1]
    return total / count


def activation(p, x):
    kind = p.WhichOneof("NonlinearityType")
    if kind == "ReLU":
        return np.maximum(x, 0)
    if kind == "linear":
        return p.linear.alpha * x + p.linear.beta
    if kind == "leakyReLU":
        return np.where(x >= 0, x, p.leakyReLU.alpha * x)
    if kind == "sigmoid":
        return 1 / (1 + np.exp(-x))
    if kind == "tanh":
        return np.tanh(x)
    fail("activation %s is not evaluated by this check" % kind)


def unary(p, x):
    x = p.scale * x + p.shift
    if p.type == 7:  # THRESHOLD
        return np.maximum(x, p.alpha)
    if p.type == 5:  # LOG
        return np.log(x)
    fail("unary function %d is not evaluated by this check" % p.type)


def per_channel(shape, w, what):
    n = int(np.prod(shape))
    return weights(w, n, what).reshape(list(shape) + [1] * (3 - len(shape)) if len(shape) < 3 else shape)


def layer(l, args):
    kind, x = l.WhichOneof("layer"), args[0]
    p = getattr(l, kind)
    if kind == "convolution":
        return conv(p, x, l.name)
    if kind == "batchnorm":
        c = p.channels
        g, b, m, v = (weights(w, c, l.name)[:, None, None] for w in (p.gamma, p.beta, p.mean, p.variance))
        return (x - m) / np.sqrt(v + p.epsilon) * g + b
    if kind == "pooling":
        return pool(p, x, l.name)
    if kind == "activation":
        return activation(p, x)
    if kind == "unary":
        return unary(p, x)
    if kind == "padding":
        b = p.paddingAmounts.borderAmounts
        return np.pad(x, ((0, 0), (b[0].startEdgeSize, b[0].endEdgeSize), (b[1].startEdgeSize, b[1].endEdgeSize)),
                      constant_values=p.constant.value)
    if kind == "upsample":
        return x.repeat(p.scalingFactor[0], axis=1).repeat(p.scalingFactor[1], axis=2)
    if kind == "flatten":
        return x.reshape(-1, 1, 1) if p.mode == 0 else x.transpose(1, 2, 0).reshape(-1, 1, 1)
    if kind == "innerProduct":
        if x.size != p.inputChannels:
            fail("%s: %d inputs for %d input channels" % (l.name, x.size, p.inputChannels))
        w = weights(p.weights, p.outputChannels * p.inputChannels, l.name).reshape(p.outputChannels, -1)
        y = w @ x.reshape(-1)
        return (y + weights(p.bias, p.outputChannels, l.name) if p.hasBias else y)[:, None, None]
    if kind == "softmax":
        e = np.exp(x - x.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)
    if kind == "bias":
        return x + per_channel(list(p.shape), p.bias, l.name)
    if kind == "scale":
        return x * per_channel(list(p.shapeScale), p.scale, l.name)
    if kind == "add":
        return sum(args)
    if kind == "multiply":
        return np.prod(args, axis=0)
    if kind == "max":
        return np.max(args, axis=0)
    if kind == "average":
        return np.mean(args, axis=0)
    if kind == "concat":
        return np.concatenate(args, axis=0)
    fail("layer type %s is not evaluated by this check" % kind)


def run(spec, image, pixels):
    nn = spec.neuralNetworkClassifier
    scaler = nn.preprocessing[0].scaler
    bgr = image.colorSpace == 30
    x = pixels.transpose(2, 0, 1).astype(np.float64)[::-1 if bgr else 1]
    bias = [scaler.blueBias, scaler.greenBias, scaler.redBias] if bgr else \
        [scaler.redBias, scaler.greenBias, scaler.blueBias]
    blobs = {spec.description.input[0].name: scaler.channelScale * x + np.array(bias)[:, None, None]}
    for l in nn.layers:
        blobs[l.output[0]] = layer(l, [blobs[b] for b in l.input])
    return blobs[nn.labelProbabilityLayerName].reshape(-1)


spec = load(model_path)
image, labels = check(spec)
data = np.fromfile(inputs_path, dtype="<f4").reshape(-1, image.height, image.width, 3)
rows = [run(spec, image, pixels) for pixels in data]
for r in rows:
    if r.size != len(labels):
        fail("the network gives %d probabilities for %d class labels" % (r.size, len(labels)))
np.array(rows, dtype="<f4").tofile(outputs_path)
kinds = {}
for l in spec.neuralNetworkClassifier.layers:
    kinds[l.WhichOneof("layer")] = kinds.get(l.WhichOneof("layer"), 0) + 1
print("Core ML specification %d: %s %dx%d %s in, %d labels, layers %s" % (
    spec.specificationVersion, spec.description.input[0].name, image.width, image.height,
    "BGR" if image.colorSpace == 30 else "RGB", len(labels), kinds), file=sys.stderr)
