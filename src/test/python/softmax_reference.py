#!/usr/bin/python3
"""The independent reference for Loupe's softmax regression (SoftmaxRegressionTest): scikit-learn's multinomial
logistic regression, fitted to a tight tolerance, on the test's own data.

    /usr/bin/python3 src/test/python/softmax_reference.py DIR C

Reads DIR/train.csv and DIR/test.csv (label first, then the features, already standardised) and writes the test
rows' class probabilities to DIR/probabilities.csv. C is scikit-learn's inverse regularisation: Loupe's mean loss plus
l2/2 |W|^2, times n, is scikit-learn's objective with C = 1 / (n * l2); neither penalises the biases.
"""
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression


def main():
    folder, c = sys.argv[1], float(sys.argv[2])
    train = np.loadtxt(os.path.join(folder, "train.csv"), delimiter=",")
    test = np.loadtxt(os.path.join(folder, "test.csv"), delimiter=",")
    model = LogisticRegression(C=c, tol=1e-10, max_iter=10_000)
    model.fit(train[:, 1:], train[:, 0].astype(int))
    np.savetxt(os.path.join(folder, "probabilities.csv"), model.predict_proba(test[:, 1:]), delimiter=",")


if __name__ == "__main__":
    main()
