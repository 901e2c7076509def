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
 */
public record BackboneDescriptor(String id, String displayName, String format, java.util.List<String> files,
                                 InputSpec input, String cutLayer, int featureDim, long parameters, long sizeBytes,
                                 String licence, String source, BackboneState state) {
}
