package dev.loupe.engine.catalogue;

import dev.loupe.engine.files.FileHolders;
import dev.loupe.engine.util.DiskFull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a failed catalogue call means for the user: a full disk, another program holding the file (named, as the
 * dataset lock names its holder), or a damaged file. The catalogue is only a cache of file hashes and features, so a
 * damaged one is moved aside (never deleted) and a fresh one is built in its place.
 */
final class CatalogueFailures {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueFailures.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private CatalogueFailures() {
    }

    static boolean damaged(SQLException e) {
        SQLiteErrorCode code = code(e);
        return code != null && (code == SQLiteErrorCode.SQLITE_NOTADB || code.name().startsWith("SQLITE_CORRUPT"));
    }

    static boolean busy(SQLException e) {
        SQLiteErrorCode code = code(e);
        return code != null && (code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED"));
    }

    /** The failure of {@code what} ("read", "store features in"...) in words; a damaged file is set aside first. */
    static IOException explain(Catalogue catalogue, String what, SQLException e) {
        Path file = catalogue.location();
        if (DiskFull.causedBy(file, e)) {
            return DiskFull.explain(file, what, e);
        }
        if (busy(e)) {
            return inUse(file, e);
        }
        if (damaged(e)) {
            catalogue.closeQuietly();
            try {
                Path aside = setAside(file);
                return new IOException("Loupe's catalogue " + file + " is damaged (" + reason(e) + "). It is only a "
                        + "cache of file hashes and features, so it was kept aside as " + aside.getFileName()
                        + ": run again, and Loupe builds a new one (features are extracted again).", e);
            } catch (IOException moved) {
                return cannotSetAside(file, e, moved);
            }
        }
        return new IOException("Could not " + what + " Loupe's catalogue " + file + ": " + reason(e), e);
    }

    static CatalogueInUseException inUse(Path file, SQLException e) {
        Set<Path> paths = new HashSet<>();
        for (Path p : withSideFiles(file)) {
            paths.add(p.toAbsolutePath().normalize());
        }
        List<String> holders = FileHolders.of(paths);
        String who = holders.isEmpty() ? "another program" : String.join(", ", holders);
        return new CatalogueInUseException("Loupe's catalogue " + file + " is locked by " + who + ". Close that "
                + "program or wait for it to finish, then try again.", e);
    }

    /** Moves the catalogue and its SQLite side files aside as {@code catalogue.db.damaged-DATE}; returns where. */
    static Path setAside(Path file) throws IOException {
        String stamp = ".damaged-" + STAMP.format(LocalDateTime.now());
        Path aside = file.resolveSibling(file.getFileName() + stamp);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(file.getFileName() + stamp + "-" + n);
        }
        Files.move(file, aside);
        for (String side : SIDE_FILES) {
            Path p = file.resolveSibling(file.getFileName() + side);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, aside.resolveSibling(aside.getFileName() + side));
            }
        }
        LOG.info("Set the damaged catalogue {} aside as {}", file, aside);
        return aside;
    }

    static IOException cannotSetAside(Path file, SQLException e, IOException moved) {
        return new IOException("Loupe's catalogue " + file + " is damaged (" + reason(e) + ") and could not be moved "
                + "aside (" + moved.getMessage() + "). It is only a cache: move or delete it, then try again.", e);
    }

    /** SQLite's words without its code, and without the echo: "[SQLITE_CORRUPT] X is malformed (x is malformed)". */
    static String reason(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int bracket = m.indexOf("] ");
        m = bracket >= 0 ? m.substring(bracket + 2) : m;
        int open = m.lastIndexOf(" (");
        String echo = open > 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : null;
        if (echo != null && echo.equalsIgnoreCase(m.substring(0, open))) {
            m = m.substring(0, open);
        }
        return m.replaceAll("\\p{Cntrl}", "?");
    }

    private static List<Path> withSideFiles(Path file) {
        return List.of(file, file.resolveSibling(file.getFileName() + "-wal"),
                file.resolveSibling(file.getFileName() + "-shm"));
    }

    private static SQLiteErrorCode code(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode();
            }
        }
        return null;
    }
}
