"""Runs a .tflite model with the TensorFlow Lite C library (libtensorflowlite_c), through ctypes.

The library is the one npm's tfjs-tflite-node ships (cc_deps/<os>_<arch>/); Loupe wrote none of it. Reads the
input images as raw little-endian float32 (N x H x W x 3), writes the output rows the same way, and prints the
runtime's version and the model's input and output on stderr.

usage: tflite_run.py LIBRARY MODEL INPUTS.f32 OUTPUTS.f32
"""
import ctypes
import sys

lib_path, model_path, inputs_path, outputs_path = sys.argv[1:5]
lib = ctypes.CDLL(lib_path)
P = ctypes.c_void_p
for name, res, args in [
        ("TfLiteVersion", ctypes.c_char_p, []),
        ("TfLiteModelCreateFromFile", P, [ctypes.c_char_p]),
        ("TfLiteInterpreterOptionsCreate", P, []),
        ("TfLiteInterpreterOptionsSetNumThreads", None, [P, ctypes.c_int32]),
        ("TfLiteInterpreterCreate", P, [P, P]),
        ("TfLiteInterpreterAllocateTensors", ctypes.c_int, [P]),
        ("TfLiteInterpreterInvoke", ctypes.c_int, [P]),
        ("TfLiteInterpreterGetInputTensor", P, [P, ctypes.c_int32]),
        ("TfLiteInterpreterGetOutputTensor", P, [P, ctypes.c_int32]),
        ("TfLiteTensorByteSize", ctypes.c_size_t, [P]),
        ("TfLiteTensorName", ctypes.c_char_p, [P]),
        ("TfLiteTensorNumDims", ctypes.c_int32, [P]),
        ("TfLiteTensorDim", ctypes.c_int32, [P, ctypes.c_int32]),
        ("TfLiteTensorType", ctypes.c_int, [P]),
        ("TfLiteTensorCopyFromBuffer", ctypes.c_int, [P, ctypes.c_void_p, ctypes.c_size_t]),
        ("TfLiteTensorCopyToBuffer", ctypes.c_int, [P, ctypes.c_void_p, ctypes.c_size_t])]:
    f = getattr(lib, name)
    f.restype = res
    f.argtypes = args


def describe(t):
    dims = [lib.TfLiteTensorDim(t, i) for i in range(lib.TfLiteTensorNumDims(t))]
    return "%s %s type %d" % (lib.TfLiteTensorName(t).decode(), dims, lib.TfLiteTensorType(t))


model = lib.TfLiteModelCreateFromFile(model_path.encode())
if not model:
    sys.exit("TensorFlow Lite could not load " + model_path)
options = lib.TfLiteInterpreterOptionsCreate()
lib.TfLiteInterpreterOptionsSetNumThreads(options, 1)
interpreter = lib.TfLiteInterpreterCreate(model, options)
if not interpreter or lib.TfLiteInterpreterAllocateTensors(interpreter) != 0:
    sys.exit("TensorFlow Lite could not prepare " + model_path)
inp = lib.TfLiteInterpreterGetInputTensor(interpreter, 0)
out = lib.TfLiteInterpreterGetOutputTensor(interpreter, 0)
print("TensorFlow Lite %s: input %s, output %s" % (lib.TfLiteVersion().decode(), describe(inp), describe(out)),
      file=sys.stderr)
in_size = lib.TfLiteTensorByteSize(inp)
out_size = lib.TfLiteTensorByteSize(out)
with open(inputs_path, "rb") as f:
    data = f.read()
if len(data) % in_size:
    sys.exit("%s holds %d bytes, not a whole number of %d-byte inputs" % (inputs_path, len(data), in_size))
results = bytearray()
buffer = ctypes.create_string_buffer(out_size)
for start in range(0, len(data), in_size):
    chunk = ctypes.create_string_buffer(data[start:start + in_size], in_size)
    if (lib.TfLiteTensorCopyFromBuffer(inp, chunk, in_size) != 0
            or lib.TfLiteInterpreterInvoke(interpreter) != 0
            or lib.TfLiteTensorCopyToBuffer(out, buffer, out_size) != 0):
        sys.exit("TensorFlow Lite failed on input %d" % (start // in_size))
    results += buffer.raw
with open(outputs_path, "wb") as f:
    f.write(results)
