#!/usr/bin/python3
"""The independent reference for Loupe's head: scikit-learn's logistic regression, C tuned, on Loupe's own cached
features (read from each dataset's catalogue, DATASET/.loupe/catalogue.db, so both see the very same vectors).

    /usr/bin/python3 src/scripts/reference_logreg.py TRAIN_DATASET [--test TEST_DATASET] [--backbone ID] [--validation 20]

Run `loupe features DATASET` (or a `loupe train`) on each dataset first. Features are standardised on the training
split (as Loupe does). C is chosen on Loupe's own validation split of TRAIN_DATASET (content hash, DatasetSplit's
rule); the model is refit on the training split with that C and scored on TEST_DATASET when given, else on the
validation split. Needs Debian's python3-sklearn and python3-numpy.
"""
import argparse
import os
import sqlite3
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

CS = [0.003, 0.01, 0.03, 0.1, 0.3, 1.0]


def is_validation(content_hash, percent):
    """DatasetSplit.isValidation: the first 12 hex digits as a number, mod 10,000, below percent x 100."""
    return int(content_hash[:12], 16) % 10_000 < round(percent * 100)


def load(dataset, backbone):
    """(hash, label, vector) for every image of DATASET whose features the catalogue holds for BACKBONE."""
    db = sqlite3.connect("file:" + os.path.join(dataset, ".loupe", "catalogue.db") + "?mode=ro", uri=True)
    rows = db.execute("""SELECT h.path, h.hash, f.vector FROM file_hash h JOIN feature f ON f.hash = h.hash
                         WHERE f.backbone = ? AND f.preprocessing =
                           (SELECT MAX(preprocessing) FROM feature WHERE backbone = ?)""", (backbone, backbone))
    out = []
    for path, content_hash, blob in rows:
        parts = path.replace("\\", "/").split("/")
        if len(parts) != 2 or parts[0].startswith(".") or not os.path.isfile(os.path.join(dataset, path)):
            continue  # Loupe's own files, the trash, or an image removed since it was hashed
        out.append((content_hash, parts[0], np.frombuffer(blob, dtype="<f4")))
    if not out:
        sys.exit(f"no cached {backbone} features in {dataset}: run 'loupe features {dataset}' first")
    return out


def matrix(rows, labels):
    return np.stack([r[2] for r in rows]), np.array([labels.index(r[1]) for r in rows])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("train")
    p.add_argument("--test")
    p.add_argument("--backbone", default="mobilenet-v1-0.75")
    p.add_argument("--validation", type=float, default=20.0)
    a = p.parse_args()
    rows = load(a.train, a.backbone)
    labels = sorted({r[1] for r in rows})
    train = [r for r in rows if not is_validation(r[0], a.validation)]
    val = [r for r in rows if is_validation(r[0], a.validation)]
    x, y = matrix(train, labels)
    vx, vy = matrix(val, labels)
    scaler = StandardScaler().fit(x)
    x, vx = scaler.transform(x), scaler.transform(vx)
    start = time.time()
    scores = {}
    for c in CS:
        m = LogisticRegression(C=c, max_iter=2000).fit(x, y)
        scores[c] = m.score(vx, vy)
        print(f"C={c:g}: validation accuracy {scores[c]:.4f}", flush=True)
    best = max(CS, key=lambda c: scores[c])
    model = LogisticRegression(C=best, max_iter=2000).fit(x, y)
    if a.test:
        tx, ty = matrix(load(a.test, a.backbone), labels)
        accuracy, on = model.score(scaler.transform(tx), ty), f"test ({len(ty)} images)"
    else:
        accuracy, on = scores[best], f"validation ({len(vy)} images)"
    print(f"{a.backbone}: {len(y)} training images, best C={best:g}, {on} accuracy {accuracy:.4f} "
          f"({time.time() - start:.0f} s for {len(CS) + 1} fits)")


if __name__ == "__main__":
    main()
