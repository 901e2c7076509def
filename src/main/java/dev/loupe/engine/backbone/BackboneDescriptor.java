package dev.loupe.engine.backbone;

/**
 * Everything known about a backbone before loading it. Bundled backbones are described by a {@code backbone.json}
 * beside their weights (resources under {@code /loupe/backbones/ID/}).
 *
 * @param id          stable identifier, part of the feature-cache key (e.g. {@code mobilenet-v2-0.35})
 * @param format      how the weights are stored: {@code keras-h5} (model and weights in one HDF5 file),
 *                    {@code keras-json-h5} (Keras structure JSON, then weights HDF5) or {@code tfjs-layers}
 *                    (TF.js model.json, whose manifest names the weight shards; metadata.json holds class names)
 * @param files       the weight/structure files, relative to the backbone's folder
 * @param cutLayer    the vertex whose output are the features
 * @param featureDim  length of the feature vector at the cut layer
 * @param parameters  number of parameters up to the cut
 * @param sizeBytes   size of the weights on disk
 * @param fineTunable how many last blocks can be fine-tuned, found once on the loaded network ({@link FineTunable})
 *                    and recorded: in the bundled {@code backbone.json}, the zoo catalogue, at import. Null when not
 *                    recorded (a backbone imported before it was): then only loading the network tells.
 */
public record BackboneDescriptor(String id, String displayName, String format, java.util.List<String> files,
                                 InputSpec input, String cutLayer, int featureDim, long parameters, long sizeBytes,
                                 String licence, String source, BackboneState state, FineTunable fineTunable) {

    /** A descriptor whose fine-tuning is not recorded yet. */
    public BackboneDescriptor(String id, String displayName, String format, java.util.List<String> files,
                              InputSpec input, String cutLayer, int featureDim, long parameters, long sizeBytes,
                              String licence, String source, BackboneState state) {
        this(id, displayName, format, files, input, cutLayer, featureDim, parameters, sizeBytes, licence, source,
                state, null);
    }

    public BackboneDescriptor withFineTunable(FineTunable f) {
        return new BackboneDescriptor(id, displayName, format, files, input, cutLayer, featureDim, parameters,
                sizeBytes, licence, source, state, f);
    }
}
