package dev.loupe.engine.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClassColoursTest {

    @TempDir
    Path root;

    @Test
    void aClassKeepsItsColourWhenAnotherIsAddedAndAfterReopening() throws Exception {
        ClassColours first = ClassColours.of(root);
        Map<String, Integer> before = first.assign(List.of("tulips", "roses", "daisy"));
        assertThat(before).containsEntry("daisy", 0).containsEntry("roses", 1).containsEntry("tulips", 2);
        first.save();

        // "anemone" sorts before every other class: by position it would have shifted them all.
        ClassColours reopened = ClassColours.of(root);
        Map<String, Integer> after = reopened.assign(List.of("anemone", "daisy", "roses", "tulips"));
        assertThat(after).containsEntry("daisy", 0).containsEntry("roses", 1).containsEntry("tulips", 2)
                .containsEntry("anemone", 3);
    }

    @Test
    void aDeletedClassKeepsItsIndexAndARenamedClassItsColour() throws Exception {
        ClassColours colours = ClassColours.of(root);
        colours.assign(List.of("a", "b", "c"));
        colours.save();
        // "b" deleted: the next class does not take its colour, so undoing the delete brings it back unchanged.
        assertThat(ClassColours.of(root).assign(List.of("a", "c", "d"))).containsEntry("d", 3);
        ClassColours renamed = ClassColours.of(root);
        renamed.rename("c", "sea");
        renamed.save();
        assertThat(ClassColours.of(root).indexOf("sea")).isEqualTo(2);
    }

    @Test
    void aFileFromANewerLoupeIsNeitherMisreadNorOverwritten() throws Exception {
        Path file = Files.createDirectories(root.resolve(".loupe")).resolve(ClassColours.FILE);
        String newer = "{\"formatVersion\": 99, \"colours\": {\"x\": 5}}";
        Files.writeString(file, newer);
        ClassColours colours = ClassColours.of(root);
        assertThat(colours.indexOf("y")).isZero();
        colours.save();
        assertThat(Files.readString(file)).isEqualTo(newer);
    }

    @Test
    void aDamagedFileOrHostileIndicesAreLeftOut() throws Exception {
        Path file = Files.createDirectories(root.resolve(".loupe")).resolve(ClassColours.FILE);
        Files.writeString(file, "{\"formatVersion\": 1, \"colours\": {\"x\": -4, \"y\": 2000000000, \"z\": 1}}");
        ClassColours colours = ClassColours.of(root);
        assertThat(colours.indexOf("z")).isEqualTo(1);
        assertThat(colours.indexOf("x")).isZero();
        Files.writeString(file, "{not json");
        assertThat(ClassColours.of(root).indexOf("x")).isZero();
    }
}
