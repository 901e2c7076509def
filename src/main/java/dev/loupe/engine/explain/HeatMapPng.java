package dev.loupe.engine.explain;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A heat-map PNG that says it is Loupe's: a {@code tEXt} chunk {@value #KEY} = {@value #MARK}. Loupe never writes
 * over a user's image; an earlier heat map it made itself, recognised by that mark, is the one image it may replace
 * when {@code loupe explain} runs again into the same folder.
 */
final class HeatMapPng {

    static final String KEY = "Software";
    static final String MARK = "Loupe heat map";
    private static final String FORMAT = "javax_imageio_png_1.0";

    private HeatMapPng() {
    }

    static void write(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", KEY);
            entry.setAttribute("value", MARK);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            root.appendChild(text);
            metadata.mergeTree(FORMAT, root);
            writer.write(new IIOImage(image, null, metadata));
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("a tEXt entry is valid PNG metadata", e);
        } finally {
            writer.dispose();
        }
    }

    /** True when {@code file} is a PNG carrying Loupe's heat-map mark; reads the metadata only. */
    static boolean isLoupes(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                if (!"png".equalsIgnoreCase(reader.getFormatName())) {
                    return false;
                }
                return marked(reader.getImageMetadata(0).getAsTree(FORMAT));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean marked(Node node) {
        if ("tEXtEntry".equals(node.getNodeName())) {
            NamedNodeMap a = node.getAttributes();
            Node key = a.getNamedItem("keyword");
            Node value = a.getNamedItem("value");
            return key != null && value != null && KEY.equals(key.getNodeValue()) && MARK.equals(value.getNodeValue());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (marked(child)) {
                return true;
            }
        }
        return false;
    }
}
