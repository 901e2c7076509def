"""Checks a Keras export (model.json + weights.h5) against Keras 2's own HDF5 conventions, with h5py only (Debian's
python3-h5py; no Keras needed): the root attributes Keras' load_weights reads, one group per layer in the
structure's order, each weight listed in weight_names and stored as float32 under that name, with the shape the
layer's configuration implies. Prints a JSON summary; exits 1 naming the first violation.

    /usr/bin/python3 check_keras_h5.py EXPORT_FOLDER
"""
import json
import sys

import h5py
import numpy as np


def fail(message):
    print("keras export: " + message, file=sys.stderr)
    sys.exit(1)


def names(attr):
    return [n.decode("utf8") if hasattr(n, "decode") else str(n) for n in attr]


def expected_shapes(layer, kernel_in):
    kind, c = layer["class_name"], layer["config"]
    if kind == "Dense":
        return {"kernel": (kernel_in, c["units"]), "bias": (c["units"],)}
    if kind == "Conv2D":
        return {"kernel": tuple(c["kernel_size"]) + (kernel_in, c["filters"]), "bias": (c["filters"],)}
    if kind == "DepthwiseConv2D":
        return {"depthwise_kernel": tuple(c["kernel_size"]) + (kernel_in, c.get("depth_multiplier", 1))}
    return {}


def main(folder):
    config = json.load(open(folder + "/model.json"))
    if config.get("class_name") not in ("Model", "Functional") or "keras_version" not in config:
        fail("model.json is not a Keras functional model with its keras_version")
    layers = config["config"]["layers"]
    parameters = 0
    with h5py.File(folder + "/weights.h5", "r") as f:
        for attr in ("layer_names", "backend", "keras_version"):
            if attr not in f.attrs:
                fail("weights.h5 has no root attribute " + attr)
        if names(f.attrs["layer_names"]) != [l["name"] for l in layers]:
            fail("layer_names does not list the structure's layers in order")
        for layer in layers:
            g = f[layer["name"]]
            weight_names = names(g.attrs["weight_names"])
            shapes = {}
            for w in weight_names:
                if not w.startswith(layer["name"] + "/") or not w.endswith(":0"):
                    fail(w + " is not named LAYER/PARAM:0")
                d = g[w]
                if d.dtype != np.float32:
                    fail(w + " is " + str(d.dtype) + ", not float32")
                shapes[w[len(layer["name"]) + 1:-2]] = d.shape
                parameters += int(np.prod(d.shape))
            kernel = shapes.get("kernel", shapes.get("depthwise_kernel"))
            for param, shape in expected_shapes(layer, kernel[-2] if kernel else None).items():
                if param in shapes and shapes[param] != shape:
                    fail("%s/%s has shape %s, its configuration implies %s" % (layer["name"], param,
                                                                               shapes[param], shape))
    print(json.dumps({"layers": len(layers), "parameters": parameters}))


main(sys.argv[1])
