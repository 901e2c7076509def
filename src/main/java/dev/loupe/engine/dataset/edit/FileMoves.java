package dev.loupe.engine.dataset.edit;

import dev.loupe.engine.files.RegularFiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The only ways the editor touches a user's files. Nothing is ever replaced: a target that exists is an error, so a
 * move can never overwrite an image. A file only ever appears at its target whole: copies are written under a hidden
 * temporary name beside it (the scanner skips names starting with '.') and renamed into place, so a Loupe stopped
 * mid-copy leaves no half image in the dataset for {@link InterruptedEdit} to mistake for a finished step.
 */
final class FileMoves {

    private FileMoves() {
    }

    /**
     * A rename when source and target share a file store. Across file stores (a file moved in from another disk) the
     * file is copied beside the target, renamed into place, and only then is the source removed.
     */
    static void move(Path from, Path to) throws IOException {
        refuseExisting(to);
        Files.createDirectories(to.toAbsolutePath().getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, to);
            } else {
                copy(from, to);
                Files.delete(from);
            }
        }
    }

    /** Copies with the file's times, so a copied photo keeps its date. */
    static void copy(Path from, Path to) throws IOException {
        // A named pipe would block the copy, a device would never end it.
        RegularFiles.require(from);
        refuseExisting(to);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path tmp = temporaryCopy(to);
        Files.copy(from, tmp, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        try {
            // A hard link fails if the target exists, even one made an instant ago; rename would replace it.
            Files.createLink(to, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(to.toString(), null, "Loupe never overwrites a file");
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (FAT, some network shares): rename, which refuseExisting checked just before.
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The hidden name a copy to {@code to} is written under before it is put in place. It never holds the only copy
     * of a photo: the source is removed (for a move) only after the copy is in place under its real name.
     */
    static Path temporaryCopy(Path to) {
        String name = to.getFileName().toString();
        return to.toAbsolutePath().getParent().resolve(Names.fit("." + name, ".loupe-copy"));
    }

    private static void refuseExisting(Path to) throws FileAlreadyExistsException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString(), null, "Loupe never overwrites a file");
        }
    }
}
