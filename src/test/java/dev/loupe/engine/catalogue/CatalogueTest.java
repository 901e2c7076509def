package dev.loupe.engine.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogueTest {

    @TempDir Path dataset;

    @Test
    void featuresSurviveReopeningAndAreKeyedByBackboneAndPreprocessing() throws IOException {
        try (Catalogue c = Catalogue.open(dataset)) {
            c.features().putAll("b1", 1, Map.of("h1", new float[]{1f, -2.5f, 3e-7f}));
        }
        assertThat(dataset.resolve(".loupe/catalogue.db")).exists();
        try (Catalogue c = Catalogue.open(dataset)) {
            assertThat(c.features().get("b1", 1, List.of("h1", "h2")).get("h1")).containsExactly(1f, -2.5f, 3e-7f);
            assertThat(c.features().get("b1", 2, List.of("h1"))).isEmpty();
            assertThat(c.features().get("b2", 1, List.of("h1"))).isEmpty();
        }
    }

    @Test
    void aCatalogueFromANewerLoupeIsRefusedAndLeftAlone() throws Exception {
        try (Catalogue c = Catalogue.open(dataset)) {
            c.features().putAll("b", 1, Map.of("h", new float[]{1f}));
        }
        Path db = dataset.resolve(".loupe/catalogue.db");
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + db); var s = conn.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Catalogue.open(dataset)).isInstanceOf(IOException.class)
                .hasMessageContaining("newer Loupe").hasMessageContaining("Update Loupe");
        try (var conn = DriverManager.getConnection("jdbc:sqlite:" + db); var s = conn.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM feature")) {
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyDatasetKeepsItsCatalogueInTheUserDataFolder(@TempDir Path userData) {
        String before = System.getProperty("loupe.data.dir");
        System.setProperty("loupe.data.dir", userData.toString());
        try {
            assertThat(Catalogue.locate(dataset, p -> false)).startsWithRaw(userData.resolve("datasets"))
                    .isNotEqualTo(Catalogue.locate(dataset.resolve("other"), p -> false));
            assertThat(Catalogue.locate(dataset, p -> true)).isEqualTo(dataset.resolve(".loupe/catalogue.db"));
        } finally {
            if (before == null) {
                System.clearProperty("loupe.data.dir");
            } else {
                System.setProperty("loupe.data.dir", before);
            }
        }
    }
}
