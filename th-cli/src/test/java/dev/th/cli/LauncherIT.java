package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code th} launcher as a user runs it, on the package this build made (th-cli/target): a
 * question on a DuckDB store loads no class of Spark and logs nothing; the same question on a lake
 * exported from that store is answered by Spark (its classes loaded) with the same rows, and
 * stderr carries neither SLF4J's warning about two providers nor Spark's start-up INFO lines.
 * The launcher runs from a copy of the script beside links to the built jar and lib/, with an
 * empty source list, so it never rebuilds.
 */
class LauncherIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = REPO.resolve("th-cli/target");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err, String classes) {
    }

    @Test
    void sparkIsLoadedOnlyForALake() throws Exception {
        Path lib = TARGET.resolve("lib");
        try (Stream<Path> jars = Files.list(lib)) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith("spark-") || n.startsWith("scala-library")), "lib/ without Spark: " + names);
        }
        assertTrue(Files.exists(lib.resolve("spark/th-spark-0.1.0-SNAPSHOT.jar")), "lib/spark/ holds th-spark");

        Path home = launcherCopy();
        Path data = tmp.resolve("data");
        Run ingest = th(home, "ingest", "--db", data.toString(), REPO.resolve("samples").toString());
        assertTrue(ingest.code() == 0 || ingest.code() == 2, ingest.err());

        Run onStore = th(home, "machine", "WORKSTATION5", "executions", "--period", "all", "--format", "json", "--db", data.toString());
        assertEquals(0, onStore.code(), onStore.err());
        assertFalse(onStore.classes().contains("org.apache.spark."), "no Spark class loaded for a DuckDB store");
        assertFalse(onStore.err().contains("SLF4J"), onStore.err());
        JsonNode duck = new ObjectMapper().readTree(onStore.out());
        assertTrue(duck.size() > 0, "WORKSTATION5 ran processes in samples/");

        Path lake = tmp.resolve("lake");
        Run export = th(home, "lake", "export", "--db", data.toString(), "--lake", lake.toString());
        assertEquals(0, export.code(), export.err());

        Run onLake = th(home, "machine", "WORKSTATION5", "executions", "--period", "all", "--format", "json", "--db", lake.toString());
        assertEquals(0, onLake.code(), onLake.err());
        assertTrue(onLake.classes().contains("org.apache.spark.sql.SparkSession"), "Spark answered the lake");
        assertFalse(onLake.err().contains("SLF4J"), "one SLF4J provider: " + onLake.err());
        assertFalse(onLake.err().contains(" INFO "), "no Spark INFO lines: " + onLake.err());
        JsonNode spark = new ObjectMapper().readTree(onLake.out());
        assertEquals(duck.size(), spark.size(), "as many rows on the lake");
        for (int i = 0; i < duck.size(); i++) {
            assertEquals(duck.get(i), spark.get(i), "row " + i + " as on the store");
        }
    }

    /** The launcher script in a folder of its own, its th-cli/target linking to this build's jar and libraries. */
    private Path launcherCopy() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.copy(REPO.resolve("th"), home.resolve("th"));
        Path target = Files.createDirectories(home.resolve("th-cli/target"));
        Files.createSymbolicLink(target.resolve("th-cli.jar"), TARGET.resolve("th-cli.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib"));
        Files.writeString(target.resolve("th-sources.list"), "");
        return home;
    }

    private Run th(Path home, String... args) throws Exception {
        Path classes = tmp.resolve("classes-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("th").toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.remove("TH_SPARK");
        env.put("TH_JAVA_OPTS", "-Xmx1g -Xlog:class+load=info:file=" + classes);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "th " + String.join(" ", args) + " ended in time");
        String loaded = Files.exists(classes) ? Files.readString(classes, StandardCharsets.UTF_8) : "";
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), loaded);
    }
}
