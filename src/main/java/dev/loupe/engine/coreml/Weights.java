package dev.loupe.engine.coreml;

import CoreML.Specification.NeuralNetworkOuterClass.WeightParams;

/** Float32 weights as Core ML stores them. */
final class Weights {

    private Weights() {
    }

    static WeightParams of(float[] values) {
        WeightParams.Builder w = WeightParams.newBuilder();
        for (float v : values) {
            w.addFloatValue(v);
        }
        return w.build();
    }
}
