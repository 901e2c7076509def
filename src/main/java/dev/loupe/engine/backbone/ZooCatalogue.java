package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.InputSpec.ChannelOrder;
import dev.loupe.engine.backbone.InputSpec.Scaling;
import dev.loupe.engine.util.AppDirs;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.NASNet;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.deeplearning4j.zoo.model.Xception;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ImageNet-pretrained networks of DL4J 1.0.0-M2.1's model zoo, downloaded on request into
 * {@code AppDirs.userCache()/backbones/ID/}. Address and Adler32 checksum come from the zoo classes themselves
 * ({@code pretrainedUrl}/{@code pretrainedChecksum}), so they follow DL4J (and {@code DL4JResources}' base URL).
 * Cut layers and parameter counts were read from each zoo class's graph (parameters up to the cut); a cut at a
 * spatial layer is average-pooled by {@link GraphCut}. Sizes before download are estimates (4 bytes per parameter of
 * the whole network). Preprocessing follows the original weights: Caffe-style BGR mean subtraction for the VGGs,
 * ResNet50 and SqueezeNet (Keras' "caffe" mode), [-1, 1] for Xception and NASNet (Keras' "tf" mode), [0, 1] RGB for
 * Darknet. Zoo models other than these have no ImageNet weights in M2.1 (AlexNet, InceptionResNetV1, LeNet, ...) or
 * are detectors (YOLO).
 */
public final class ZooCatalogue {

    static final String FORMAT = "dl4j-zoo";

    record Entry(String id, String name, Supplier<ZooModel> model, int size, ChannelOrder order, Scaling scaling,
                 String cutLayer, int featureDim, long parameters, long allParameters, String licence) {
    }

    private static final String VIA = "; weights distributed by the DL4J model zoo (Apache-2.0 code)";
    private static final List<Entry> ENTRIES = List.of(
            new Entry("squeezenet", "SqueezeNet 1.1 (ImageNet, 227 px, DL4J zoo)", () -> SqueezeNet.builder().build(),
                    227, ChannelOrder.BGR, Scaling.IMAGENET_MEAN, "fire9", 512, 722_496, 1_235_496,
                    "BSD-2-Clause (SqueezeNet, DeepScale)" + VIA),
            new Entry("resnet50", "ResNet-50 (ImageNet, 224 px, DL4J zoo)", () -> ResNet50.builder().build(),
                    224, ChannelOrder.BGR, Scaling.IMAGENET_MEAN, "avgpool", 2048, 23_587_712, 25_636_712,
                    "MIT (ResNet-50, K. He et al., via Keras Applications)" + VIA),
            new Entry("vgg16", "VGG-16 (ImageNet, 224 px, DL4J zoo)", () -> VGG16.builder().build(),
                    224, ChannelOrder.BGR, Scaling.IMAGENET_MEAN, "19", 4096, 134_260_544, 138_357_544,
                    "CC BY 4.0 (VGG, Oxford Visual Geometry Group)" + VIA),
            new Entry("vgg19", "VGG-19 (ImageNet, 224 px, DL4J zoo)", () -> VGG19.builder().build(),
                    224, ChannelOrder.BGR, Scaling.IMAGENET_MEAN, "21", 4096, 122_788_928, 126_885_928,
                    "CC BY 4.0 (VGG, Oxford Visual Geometry Group)" + VIA),
            new Entry("darknet19", "Darknet-19 (ImageNet, 224 px, DL4J zoo)", () -> Darknet19.builder().build(),
                    224, ChannelOrder.RGB, Scaling.ZERO_TO_ONE, "activation_18", 1024, 19_831_776, 20_856_776,
                    "Public domain (Darknet, J. Redmon)" + VIA),
            new Entry("xception", "Xception (ImageNet, 299 px, DL4J zoo)", () -> Xception.builder().build(),
                    299, ChannelOrder.RGB, Scaling.MINUS_ONE_TO_ONE, "avg_pool", 2048, 20_861_480, 22_910_480,
                    "MIT (Xception, F. Chollet, Keras Applications)" + VIA),
            new Entry("nasnet-mobile", "NASNet-A Mobile (ImageNet, 224 px, DL4J zoo)", () -> NASNet.builder().build(),
                    224, ChannelOrder.RGB, Scaling.MINUS_ONE_TO_ONE, "avg_pool", 1056, 4_269_716, 5_326_716,
                    "Apache-2.0 (NASNet, Google, via Keras Applications)" + VIA));

    private ZooCatalogue() {
    }

    /** Every zoo backbone, DOWNLOADED when its file is in the cache, else DOWNLOADABLE. */
    public static List<BackboneDescriptor> descriptors() {
        return ENTRIES.stream().map(ZooCatalogue::describe).toList();
    }

    public static boolean isZoo(BackboneDescriptor d) {
        return FORMAT.equals(d.format());
    }

    /** Where DL4J publishes the weights (HTTPS unless DL4JResources' base URL was changed). */
    public static URI url(BackboneDescriptor d) throws BackboneException {
        return URI.create(entry(d.id()).model().get().pretrainedUrl(PretrainedType.IMAGENET));
    }

    /** The Adler32 checksum DL4J checks its own downloads of this file against. */
    public static long adler32(BackboneDescriptor d) throws BackboneException {
        return entry(d.id()).model().get().pretrainedChecksum(PretrainedType.IMAGENET);
    }

    /** The cached weights file of a zoo backbone (present once downloaded). */
    public static Path file(BackboneDescriptor d) {
        return AppDirs.userCache().resolve("backbones").resolve(d.id()).resolve(d.files().get(0));
    }

    /** Whether the backbone is a zoo one whose weights are not in the cache yet. */
    public static boolean needsDownload(BackboneDescriptor d) {
        return isZoo(d) && !Files.isRegularFile(file(d));
    }

    /** Fails, saying how to download it, when {@code d} is a zoo backbone not in the cache yet. */
    public static void requireDownloaded(BackboneDescriptor d) throws BackboneException {
        if (needsDownload(d)) {
            throw new BackboneException("Backbone " + d.id() + " is not downloaded yet: download it (the Download "
                    + "button beside the backbone in Train, or 'loupe backbones download " + d.id() + "')");
        }
    }

    static Entry entry(String id) throws BackboneException {
        return ENTRIES.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new BackboneException("'" + id + "' is not a DL4J zoo backbone"));
    }

    /**
     * Why no zoo backbone can be fine-tuned: fine-tuning trains depthwise-separable blocks, and none of these networks
     * has a depthwise convolution (ZooCatalogueTest reads each one's configuration).
     */
    static FineTunable fineTunable(String id) {
        return new FineTunable(0, "Backbone " + id + " has no depthwise-separable blocks (MobileNet's), the blocks "
                + "fine-tuning trains");
    }

    private static BackboneDescriptor describe(Entry e) {
        String url = e.model().get().pretrainedUrl(PretrainedType.IMAGENET);
        String fileName = url.substring(url.lastIndexOf('/') + 1);
        InputSpec input = new InputSpec(e.size(), e.size(), e.order(), e.scaling(), InputSpec.Layout.NCHW, 1);
        BackboneDescriptor d = new BackboneDescriptor(e.id(), e.name(), FORMAT, List.of(fileName), input,
                e.cutLayer(), e.featureDim(), e.parameters(), e.allParameters() * 4, e.licence(), url,
                BackboneState.DOWNLOADABLE, fineTunable(e.id()));
        Path file = file(d);
        if (!Files.isRegularFile(file)) {
            return d;
        }
        long size = file.toFile().length();
        return new BackboneDescriptor(d.id(), d.displayName(), FORMAT, d.files(), input, d.cutLayer(),
                d.featureDim(), d.parameters(), size, d.licence(), url, BackboneState.DOWNLOADED, d.fineTunable());
    }
}
