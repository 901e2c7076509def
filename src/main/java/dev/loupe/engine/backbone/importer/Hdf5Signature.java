package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.BackboneException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Tells an HDF5 file (a Keras .h5) from anything else by its signature, before the HDF5 library sees it: handed a
 * random file, that library prints 25 lines of diagnostics and DL4J reports only "H5Fopen failed".
 */
final class Hdf5Signature {

    /** {@code \211HDF\r\n\032\n}, at offset 0 or, after a user block, at 512, 1024, 2048, ... (the HDF5 spec). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5Signature() {
    }

    static void require(Path file) throws BackboneException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer zip = ByteBuffer.allocate(2);
            channel.read(zip, 0);
            if (zip.array()[0] == 'P' && zip.array()[1] == 'K') {
                throw new BackboneException("Cannot import " + file + ": it is a Keras 3 '.keras' archive (a zip), "
                        + "which Loupe cannot read. Save the model as HDF5 (model.save(\"model.h5\")) and import that.");
            }
            for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
                ByteBuffer b = ByteBuffer.allocate(SIGNATURE.length);
                channel.read(b, at);
                if (Arrays.equals(b.array(), SIGNATURE)) {
                    return;
                }
            }
        }
        throw new BackboneException("Cannot import " + file + ": it is not an HDF5 file, so not a Keras .h5 model. "
                + "Check that you chose the right file; from Keras, save the model with model.save(\"model.h5\").");
    }
}
