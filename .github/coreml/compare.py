"""Compares Core ML's prediction (predict.swift's JSON) with loupe classify --json on the same photo: same top
label, every probability within 1e-3 (Core ML on the CPU computes in float32, with its own kernels)."""
import json
import sys

coreml = json.load(open(sys.argv[1]))
loupe = json.load(open(sys.argv[2]))[0]["top"]
if coreml["label"] != loupe[0]["label"]:
    sys.exit("Core ML says %s, Loupe says %s" % (coreml["label"], loupe[0]["label"]))
worst = max(abs(coreml["probabilities"][s["label"]] - s["probability"]) for s in loupe)
print("Core ML and Loupe agree on %s; largest probability difference %.2g" % (coreml["label"], worst))
if worst > 1e-3:
    sys.exit("probabilities differ by %.2g (more than 1e-3)" % worst)
