# The reference for `loupe bench`'s map part: scikit-learn's t-SNE on the PCA-50 input Loupe mapped, with settings
# equivalent to Loupe's defaults (perplexity 30, PCA initialisation, learning rate "auto", 1000 iterations as
# scikit-learn runs them), and scikit-learn's trustworthiness(10) of both layouts.
# Prints one line: <sklearn version> <t-SNE seconds> <its trustworthiness> <Loupe's trustworthiness>.
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness

folder, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.fromfile(folder + "/input.f32", dtype="<f4").reshape(n, d)
ours = np.fromfile(folder + "/ours.f32", dtype="<f4").reshape(n, 2)
start = time.time()
theirs = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=42).fit_transform(x)
seconds = time.time() - start
print(sklearn.__version__, round(seconds, 2), round(trustworthiness(x, theirs, n_neighbors=10), 4),
      round(trustworthiness(x, ours, n_neighbors=10), 4))
