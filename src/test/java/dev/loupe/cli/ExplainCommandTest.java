package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.PatchScenes;
import dev.loupe.testing.PatchScenes.Texture;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loupe explain} on a model trained by {@code loupe train} on patch scenes. */
class ExplainCommandTest {

    @TempDir static Path dir;
    private static Path model;

    @BeforeAll
    static void train() {
        Path dataset = dir.resolve("patches");
        for (Texture t : Texture.values()) {
            for (int i = 0; i < 8; i++) {
                TestImages.write(PatchScenes.scene(t, 160, 48, t.ordinal() * 100L + i).image(), "png",
                        dataset.resolve(t.name().toLowerCase()).resolve("p" + i + ".png"));
            }
        }
        model = dir.resolve("patches.loupe");
        CliRun train = CliRun.of("train", dataset.toString(), "-o", model.toString(), "--backbone",
                "mobilenet-v1-0.25", "--epochs", "30", "-q");
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    @Test
    void writesEachPhotoWithItsMapAndTheRawMapAsJson() throws Exception {
        Path a = write("a/scene.png", Texture.DOTS, 1);
        Path b = write("b/scene.png", Texture.CHECKS, 2);
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        Path out = dir.resolve("maps");
        CliRun run = CliRun.of("explain", model.toString(), a.toString(), b.toString(), text.toString(), "-o",
                out.toString(), "--class", "dots", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode results = new ObjectMapper().readTree(run.out());
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("label").asText()).isEqualTo("dots");
        assertThat(results.get(0).get("png").asText()).isEqualTo(out.resolve("scene.heatmap.png").toString());
        assertThat(results.get(2).get("error").asText()).contains("not an image");
        BufferedImage png = ImageIO.read(out.resolve("scene.heatmap.png").toFile());
        assertThat(png.getWidth()).isEqualTo(160);
        assertThat(png.getHeight()).as("the photo and the colour scale below it").isGreaterThan(160);
        assertThat(out.resolve("scene-2.heatmap.png")).as("a second image of the same name").isRegularFile();
        JsonNode map = new ObjectMapper().readTree(out.resolve("scene-2.heatmap.json").toFile());
        assertThat(map.get("version").asInt()).isEqualTo(1);
        assertThat(map.get("label").asText()).isEqualTo("dots");
        assertThat(map.get("width").asInt()).isEqualTo(7);
        assertThat(map.get("cam")).hasSize(49);
        assertThat(map.get("image").asText()).isEqualTo(b.toString());
    }

    @Test
    void showsTheMostProbableClassByDefaultInOneLinePerImage() throws Exception {
        Path c = write("c/checks.png", Texture.CHECKS, 3);
        CliRun run = CliRun.of("explain", model.toString(), c.toString(), "-o", dir.resolve("top").toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(c + ": checks ").contains("-> " + dir.resolve("top/checks.heatmap.png"));
        assertThat(dir.resolve("top/checks.heatmap.json")).doesNotExist();
    }

    @Test
    void anUnknownClassIsOneClearLine() throws Exception {
        Path c = write("d/x.png", Texture.STRIPES, 4);
        CliRun run = CliRun.of("explain", model.toString(), c.toString(), "-o", dir.resolve("none").toString(),
                "--class", "zebra");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("loupe: The model has no class 'zebra'; its classes are checks, "
                + "dots, stripes.");
    }

    @Test
    void replacesItsOwnEarlierMapsButNeverAUsersImageNorWritesAmongADatasetsPhotos() throws Exception {
        Path c = write("e/again.png", Texture.CHECKS, 5);
        Path out = dir.resolve("again");
        String[] args = {"explain", model.toString(), c.toString(), "-o", out.toString(), "-q"};
        assertThat(CliRun.of(args).exitCode()).isZero();
        CliRun rerun = CliRun.of(args);
        assertThat(rerun.exitCode()).as("an earlier heat map is replaced: %s", rerun.err()).isZero();

        Path users = out.resolve("mine.heatmap.png");
        TestImages.png(users, java.awt.Color.ORANGE, 32, 1);
        byte[] before = Files.readAllBytes(users);
        Path mine = write("f/mine.png", Texture.DOTS, 6);
        CliRun refused = CliRun.of("explain", model.toString(), mine.toString(), "-o", out.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.out()).contains("Loupe will not write " + users + ": it is an image");
        assertThat(Files.readAllBytes(users)).isEqualTo(before);

        CliRun inDataset = CliRun.of("explain", model.toString(), c.toString(), "-o",
                dir.resolve("patches/dots/maps").toString());
        assertThat(inDataset.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(inDataset.err()).contains("Loupe will not write").contains("class folder 'dots'");
    }

    private static Path write(String name, Texture texture, long seed) {
        Path file = dir.resolve("in").resolve(name);
        TestImages.write(PatchScenes.scene(texture, 160, 48, 10_000 + seed).image(), "png", file);
        return file;
    }
}
