"""Rewrites ONNX Runtime's jar keeping only one OS's natives (the published jar carries all five: 75 MB).

Usage: python3 strip-onnxruntime.py JAR PLATFORM   (PLATFORM: linux-x64, linux-aarch64, osx-x64, osx-aarch64, win-x64)
"""
import os
import shutil
import sys
import tempfile
import zipfile

jar, keep = sys.argv[1], sys.argv[2]
prefix = "ai/onnxruntime/native/"
fd, tmp = tempfile.mkstemp(suffix=".jar", dir=os.path.dirname(os.path.abspath(jar)))
os.close(fd)
with zipfile.ZipFile(jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        name = item.filename
        if name.startswith(prefix) and name != prefix and not name.startswith(prefix + keep + "/"):
            continue
        dst.writestr(item, src.read(name))
os.chmod(tmp, 0o644)
shutil.move(tmp, jar)
