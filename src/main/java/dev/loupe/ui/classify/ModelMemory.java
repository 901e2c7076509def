package dev.loupe.ui.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/** Remembers the model the user chose last, so the pane opens ready to classify. */
public interface ModelMemory {

    Path recall();

    void remember(Path model);

    static ModelMemory preferences() {
        Preferences node = Preferences.userRoot().node("dev/loupe/classify");
        return new ModelMemory() {
            @Override
            public Path recall() {
                String s = node.get("model", null);
                return s != null && Files.isRegularFile(Path.of(s)) ? Path.of(s) : null;
            }

            @Override
            public void remember(Path model) {
                node.put("model", model.toAbsolutePath().toString());
            }
        };
    }

    static ModelMemory inMemory() {
        return new ModelMemory() {
            private Path model;
            @Override public Path recall() { return model; }
            @Override public void remember(Path m) { model = m; }
        };
    }
}
