"""Writes small Keras models laid out exactly as Keras 2 saves them (keras/saving/hdf5_format.py), with h5py only
(Debian's python3-h5py; no Keras here), for KerasLayoutsTest. Each is a kind of file users import:

  tm/keras_model.h5      Teachable Machine's Keras export: a Sequential of a Sequential (a functional base and its
                         pooling) and a Sequential head, saved whole (model.save), with labels.txt and an unrelated file
  mobilenet_top.h5       a Keras-applications MobileNet with its classifier top (reshape, dropout, conv_preds, softmax)
  keras28/model.json     a structure JSON and a Keras 2.8 save_weights file (top_level_model_weights group)
  + keras28/weights.h5
  grey64.h5              a 64x64 greyscale Sequential CNN, with the features numpy computes for a probe input
                         (its flatten's input, average-pooled, as Loupe takes them)

    /usr/bin/python3 keras_layouts.py OUT_FOLDER
"""
import json
import os
import sys

import h5py
import numpy as np

rng = np.random.default_rng(7)
out = sys.argv[1]
INIT = {"class_name": "VarianceScaling", "config": {"scale": 1.0, "mode": "fan_avg", "distribution": "uniform",
                                                    "seed": None}}


def conv(name, filters, kernel, strides=1, padding="same", activation="linear", use_bias=False, shape=None):
    c = {"name": name, "trainable": True, "filters": filters, "kernel_size": [kernel, kernel],
         "strides": [strides, strides], "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1],
         "activation": activation, "use_bias": use_bias, "kernel_initializer": INIT,
         "bias_initializer": {"class_name": "Zeros", "config": {}}, "kernel_regularizer": None,
         "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
    if shape:
        c["batch_input_shape"] = shape
        c["dtype"] = "float32"
    return {"class_name": "Conv2D", "config": c}


def bn(name):
    return {"class_name": "BatchNormalization", "config": {
        "name": name, "trainable": True, "axis": -1, "momentum": 0.999, "epsilon": 0.001, "center": True,
        "scale": True, "beta_initializer": {"class_name": "Zeros", "config": {}},
        "gamma_initializer": {"class_name": "Ones", "config": {}},
        "moving_mean_initializer": {"class_name": "Zeros", "config": {}},
        "moving_variance_initializer": {"class_name": "Ones", "config": {}}, "beta_regularizer": None,
        "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}}


def relu6(name):
    return {"class_name": "ReLU", "config": {"name": name, "trainable": True, "max_value": 6.0,
                                             "negative_slope": 0.0, "threshold": 0.0}}


def simple(kind, name, **config):
    return {"class_name": kind, "config": dict({"name": name, "trainable": True}, **config)}


def dense(name, units, activation):
    return simple("Dense", name, units=units, activation=activation, use_bias=True, kernel_initializer=INIT,
                  bias_initializer={"class_name": "Zeros", "config": {}}, kernel_regularizer=None,
                  bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None)


def functional(name, chain, shape):
    """A functional model: an input layer, then the layers in a chain, each fed by the one before."""
    layers = [{"name": "input_1", "class_name": "InputLayer", "inbound_nodes": [],
               "config": {"batch_input_shape": shape, "dtype": "float32", "sparse": False, "name": "input_1"}}]
    previous = "input_1"
    for layer in chain:
        layer = dict(layer, name=layer["config"]["name"], inbound_nodes=[[[previous, 0, 0, {}]]])
        layers.append(layer)
        previous = layer["name"]
    return {"class_name": "Functional", "config": {"name": name, "layers": layers,
                                                   "input_layers": [["input_1", 0, 0]],
                                                   "output_layers": [[previous, 0, 0]]}}


def weights_of(layer, inputs):
    """Keras' weights of a layer, in Keras' order, for `inputs` input channels / features."""
    c = layer["config"]
    kind = layer["class_name"]
    if kind == "Conv2D":
        w = [("kernel", rng.normal(0, 0.3, c["kernel_size"] + [inputs, c["filters"]]))]
        return w + ([("bias", rng.normal(0, 0.1, [c["filters"]]))] if c["use_bias"] else []), c["filters"]
    if kind == "BatchNormalization":
        return [("gamma", rng.uniform(0.5, 1.5, [inputs])), ("beta", rng.normal(0, 0.1, [inputs])),
                ("moving_mean", rng.normal(0, 0.1, [inputs])), ("moving_variance", rng.uniform(0.5, 2, [inputs]))], \
            inputs
    if kind == "Dense":
        return [("kernel", rng.normal(0, 0.1, [inputs, c["units"]])), ("bias", rng.normal(0, 0.1, [c["units"]]))], \
            c["units"]
    return [], inputs


def strings(group, name, values):
    """As Keras' save_attributes_to_hdf5_group: a numpy array of byte strings (an empty list: float64 [])."""
    group.attrs[name] = np.asarray([v.encode("utf8") for v in values]) if values else np.asarray([])


def save_subset(group, weights):
    strings(group, "weight_names", [n for n, _ in weights])
    for n, v in weights:
        group.create_dataset(n, data=np.asarray(v, dtype=np.float32))


def top_level(f, model_config, version):
    f.attrs["keras_version"] = version.encode("utf8")
    f.attrs["backend"] = b"tensorflow"
    f.attrs["model_config"] = json.dumps(model_config).encode("utf8")


def save_groups(f, named_weights, version):
    """save_weights_to_hdf5_group: layer_names in order, one group per top-level layer (sorted by name)."""
    strings(f, "layer_names", list(named_weights))
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = version.encode("utf8")
    for layer in sorted(named_weights):
        save_subset(f.create_group(layer), named_weights[layer])


def chain_weights(chain, channels):
    out = {}
    for layer in chain:
        w, channels = weights_of(layer, channels)
        out[layer["config"]["name"]] = w
    return out, channels


os.makedirs(out + "/tm", exist_ok=True)
os.makedirs(out + "/keras28", exist_ok=True)
expected = {}

# Teachable Machine's keras_model.h5.
base_chain = [conv("Conv1", 8, 3, 2), bn("bn_Conv1"), relu6("Conv1_relu")]
base = functional("model1", base_chain, [None, 224, 224, 3])
base_w, channels = chain_weights(base_chain, 3)
pool = simple("GlobalAveragePooling2D", "global_average_pooling2d_1", data_format="channels_last")
head_layers = [dense("dense_Dense1", 100, "relu"), dense("dense_Dense2", 2, "softmax")]
head_w, _ = chain_weights(head_layers, channels)
tm = {"class_name": "Sequential", "config": {"name": "sequential_3", "layers": [
    {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [base, pool]}},
    {"class_name": "Sequential", "config": {"name": "sequential_2", "layers": head_layers}}]}}
head_layers[0]["config"]["batch_input_shape"] = [None, channels]
with h5py.File(out + "/tm/keras_model.h5", "w") as f:
    top_level(f, tm, "2.4.0")
    mw = f.create_group("model_weights")
    save_groups(mw, {
        "sequential_1": [(l + "/" + n + ":0", v) for l, ws in base_w.items() for n, v in ws],
        "sequential_2": [(l + "/" + n + ":0", v) for l, ws in head_w.items() for n, v in ws]}, "2.4.0")
open(out + "/tm/labels.txt", "w").write("0 Class 1\n1 Class 2\n")
open(out + "/tm/notes.txt", "w").write("not part of the model\n")
expected["tm"] = {"cut": "global_average_pooling2d_1", "features": channels,
                  "parameters": sum(v.size for ws in base_w.values() for _, v in ws)}

# Keras applications' MobileNet with its 1,000-class top.
chain = [conv("conv1", 8, 3, 2), bn("conv1_bn"), relu6("conv1_relu"),
         simple("GlobalAveragePooling2D", "global_average_pooling2d", data_format="channels_last"),
         simple("Reshape", "reshape_1", target_shape=[1, 1, 8]), simple("Dropout", "dropout", rate=0.001),
         conv("conv_preds", 1000, 1, use_bias=True), simple("Activation", "act_softmax", activation="softmax"),
         simple("Reshape", "reshape_2", target_shape=[1000])]
mobilenet = functional("mobilenet_0.25_224", chain, [None, 224, 224, 3])
w, _ = chain_weights(chain, 3)
with h5py.File(out + "/mobilenet_top.h5", "w") as f:
    top_level(f, mobilenet, "2.2.4")
    save_groups(f.create_group("model_weights"), {
        layer["name"]: [(layer["name"] + "/" + n + ":0", v) for n, v in w.get(layer["name"], [])]
        for layer in mobilenet["config"]["layers"]}, "2.2.4")
expected["mobilenet_top"] = {"cut": "global_average_pooling2d", "features": 8,
                             "parameters": sum(v.size for k in ("conv1", "conv1_bn") for _, v in w[k])}

# Keras 2.8: a structure JSON and a save_weights file with top_level_model_weights.
chain = [conv("conv2d", 6, 3, 1, "valid", "relu", True), simple("MaxPooling2D", "max_pooling2d", pool_size=[2, 2],
                                                                 padding="valid", strides=[2, 2],
                                                                 data_format="channels_last"),
         simple("GlobalAveragePooling2D", "global_average_pooling2d", data_format="channels_last"),
         dense("dense", 4, "softmax")]
model = functional("model", chain, [None, 96, 96, 3])
model["keras_version"] = "2.8.0"
model["backend"] = "tensorflow"
json.dump(model, open(out + "/keras28/model.json", "w"))
w, _ = chain_weights(chain, 3)
with h5py.File(out + "/keras28/weights.h5", "w") as f:
    save_groups(f, {layer["name"]: [(layer["name"] + "/" + n + ":0", v) for n, v in w.get(layer["name"], [])]
                    for layer in model["config"]["layers"]}, "2.8.0")
    save_subset(f.create_group("top_level_model_weights"), [])
expected["keras28"] = {"cut": "global_average_pooling2d", "features": 6, "parameters": 3 * 3 * 3 * 6 + 6}

# A 64x64 greyscale Sequential CNN, and what its flatten layer gives for a probe input.
chain = [conv("conv2d", 4, 3, 1, "valid", "relu", True, shape=[None, 64, 64, 1]),
         simple("MaxPooling2D", "max_pooling2d", pool_size=[2, 2], padding="valid", strides=[2, 2],
                data_format="channels_last"),
         simple("Flatten", "flatten", data_format="channels_last"), dense("dense", 3, "softmax")]
grey = {"class_name": "Sequential", "config": {"name": "sequential", "layers": chain}}
w, _ = chain_weights(chain, 1)
with h5py.File(out + "/grey64.h5", "w") as f:
    top_level(f, grey, "2.4.0")
    save_groups(f.create_group("model_weights"), {
        layer["config"]["name"]: [(layer["config"]["name"] + "/" + n + ":0", v)
                                  for n, v in w.get(layer["config"]["name"], [])] for layer in chain}, "2.4.0")
rgb = rng.uniform(-1, 1, [64, 64, 3]).astype(np.float32)
rgb.tofile(out + "/grey64-input.f32")
g = (rgb * np.array([0.2989, 0.5870, 0.1140], dtype=np.float32)).sum(-1)
kernel = dict(w["conv2d"])["kernel"].astype(np.float32)
bias = dict(w["conv2d"])["bias"].astype(np.float32)
conv_out = np.zeros([62, 62, 4], dtype=np.float32)
for i in range(3):
    for j in range(3):
        conv_out += g[i:i + 62, j:j + 62, None] * kernel[i, j, 0]
conv_out = np.maximum(conv_out + bias, 0)
pooled = conv_out[:62, :62].reshape(31, 2, 31, 2, 4).max(axis=(1, 3))
# Cut at the flatten's input, average-pooled (Loupe's features of a spatial layer).
pooled.mean(axis=(0, 1)).astype(np.float32).tofile(out + "/grey64-features.f32")
# Parameters: the conv, and the 3 weights of the RGB-to-grey convolution Loupe puts in front.
expected["grey64"] = {"cut": "max_pooling2d", "features": 4, "parameters": 3 * 3 * 4 + 4 + 3}
json.dump(expected, open(out + "/expected.json", "w"), indent=1)
