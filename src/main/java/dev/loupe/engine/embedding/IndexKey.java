package dev.loupe.engine.embedding;

import dev.loupe.engine.util.AppDirs;
import dev.loupe.engine.util.AtomicFiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * This user's secret for signing saved neighbour indexes ({@link NeighbourIndexFile}): 32 random bytes in the user's
 * data folder, made on first use, readable by the user alone. A file signed with it was written by this user's
 * Loupe; a dataset received from anyone else carries no file that passes, so its graph is built, never read.
 */
record IndexKey(byte[] secret) {

    private static final int BYTES = 32;

    /** The key in {@code AppDirs.userData()/neighbours.key}. */
    static IndexKey user() throws IOException {
        return at(AppDirs.userData().resolve("neighbours.key"));
    }

    /** The key kept in {@code file}, made there first if it is missing or not a key. */
    static synchronized IndexKey at(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == BYTES) {
            return new IndexKey(Files.readAllBytes(file));
        }
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        AtomicFiles.write(file, out -> out.write(secret));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return new IndexKey(secret);
    }

    Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java", e);
        }
    }
}
