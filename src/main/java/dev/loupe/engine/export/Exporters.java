package dev.loupe.engine.export;

import java.util.List;
import java.util.Optional;

/** Every export format Loupe writes, in the order menus and help list them. */
public final class Exporters {

    private static final List<Exporter> ALL = List.of(
            new OnnxFormat(),
            new TfjsFormat(),
            new WebFormat(),
            new KerasFormat(),
            new TfliteFormat(),
            new CoremlFormat());

    private Exporters() {
    }

    public static List<Exporter> all() {
        return ALL;
    }

    public static List<String> formats() {
        return ALL.stream().map(Exporter::format).toList();
    }

    public static Optional<Exporter> find(String format) {
        return ALL.stream().filter(e -> e.format().equals(format)).findFirst();
    }

    public static Exporter require(String format) throws ExportException {
        return find(format).orElseThrow(() -> new ExportException("Unknown export format '" + format + "'. Known: "
                + String.join(", ", formats()) + "."));
    }
}
