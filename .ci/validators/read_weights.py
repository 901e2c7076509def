"""Reads named layers' weights back out of an exported model, with readers Loupe did not write: h5py for a Keras
export's weights.h5 (as Keras' load_weights finds them: the layer's group, its weight_names), Python's protobuf with
classes Debian's protoc generates from Apple's .proto files for a Core ML .mlmodel. Writes JSON:
{layer: {param: {"shape": [...], "values": [...]}}}, the values flattened in C order; exits 1 naming a layer that is
not there, with the names that are.

usage: read_weights.py keras WEIGHTS.h5 OUT.json LAYER...
       read_weights.py coreml PROTO_DIR MODEL OUT.json LAYER...
"""
import glob
import importlib
import json
import subprocess
import sys
import tempfile

import numpy as np


def entry(values, shape):
    a = np.asarray(values, dtype=np.float32).reshape(shape)
    return {"shape": list(a.shape), "values": a.ravel().tolist()}


def keras(path, layers):
    import h5py
    out = {}
    with h5py.File(path, "r") as f:
        for layer in layers:
            if layer not in f:
                sys.exit("weights.h5 has no layer %s; it has %s" % (layer, sorted(f.keys())))
            g = f[layer]
            out[layer] = {}
            for w in g.attrs["weight_names"]:
                w = w.decode("utf8") if hasattr(w, "decode") else str(w)
                out[layer][w[len(layer) + 1:-2]] = entry(g[w][()], g[w].shape)
    return out


def coreml(proto_dir, path, layers):
    gen = tempfile.mkdtemp()
    subprocess.run(["protoc", "-I", proto_dir, "--python_out", gen] + sorted(glob.glob(proto_dir + "/*.proto")),
                   check=True)
    sys.path.insert(0, gen)
    spec = importlib.import_module("Model_pb2").Model()
    with open(path, "rb") as f:
        spec.ParseFromString(f.read())
    found = {l.name: l for l in spec.neuralNetworkClassifier.layers}
    out = {}
    for name in layers:
        if name not in found:
            sys.exit("the model has no layer %s; it has %s" % (name, sorted(found)))
        l = found[name]
        kind = l.WhichOneof("layer")
        if kind == "convolution":
            p = l.convolution
            out[name] = {"weights": entry(p.weights.floatValue, (p.outputChannels, p.kernelChannels)
                                          + tuple(p.kernelSize))}
            if p.hasBias:
                out[name]["bias"] = entry(p.bias.floatValue, (p.outputChannels,))
        elif kind == "batchnorm":
            p = l.batchnorm
            out[name] = {k: entry(getattr(p, k).floatValue, (p.channels,))
                         for k in ("gamma", "beta", "mean", "variance")}
        else:
            sys.exit("layer %s is a %s, not a convolution or a batch normalisation" % (name, kind))
    return out


if sys.argv[1] == "keras":
    result, target = keras(sys.argv[2], sys.argv[4:]), sys.argv[3]
else:
    result, target = coreml(sys.argv[2], sys.argv[3], sys.argv[5:]), sys.argv[4]
with open(target, "w") as f:
    json.dump(result, f)
