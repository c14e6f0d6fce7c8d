package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.Chart;
import dev.th.Histogram;
import dev.th.TH;
import dev.th.TimePeriod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The specification of each chart type (the data the page draws) against a golden file in
 * src/test/resources/dev/th/views/golden, after making it deterministic: the folders of the
 * samples, the shared data and the temporary store are replaced by names. Regenerate with
 * {@code -Dth.golden.update=true} and read the diff.
 */
class ChartSpecGoldenTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "dev", "th", "views", "golden");

    static void check(String name, Chart chart) throws IOException {
        check(name, chart, false);
    }

    /** {@code chartOnly}: compare the first part only (the IoA table under the IoA chart holds each event's every field, stored in no fixed order). */
    static void check(String name, Chart chart, boolean chartOnly) throws IOException {
        String json = chart.specJson();
        if (chartOnly) {
            com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            com.fasterxml.jackson.databind.node.ArrayNode parts = (com.fasterxml.jackson.databind.node.ArrayNode) n.get("sections");
            while (parts.size() > 1) {
                parts.remove(1);
            }
            json = Json.pretty(n);
        }
        String spec = deterministic(json) + "\n";
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("th.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, spec, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), spec, "golden " + file);
    }

    static String deterministic(String s) {
        String out = s;
        for (Path p : new Path[] {ViewStore.dir().toAbsolutePath(), ViewStore.SAMPLES, dev.th.testing.SharedData.root().toAbsolutePath().normalize()}) {
            String text = p.toString();
            out = out.replace(text.replace("\\", "\\\\"), "@" + (p.equals(ViewStore.SAMPLES) ? "SAMPLES" : p.equals(ViewStore.dir().toAbsolutePath()) ? "STORE" : "SHARED"));
        }
        return out;
    }

    @Test
    void heatmap() throws IOException {
        try (TH th = ViewStore.open()) {
            check("heatmap", Views.timetable("Timetable", th.machine("WORKSTATION5").timetable()));
        }
    }

    @Test
    void ioa_bars_and_pie() throws IOException {
        try (TH th = ViewStore.open()) {
            check("ioas-bars", th.machine("WORKSTATION5").ioas().fetch().chart(), true);
            check("ioas-pie", th.machine("fs03vuln").ioas().fetch().chart(), true);
        }
    }

    @Test
    void tree() throws IOException {
        try (TH th = ViewStore.open()) {
            check("tree", th.process(ViewStore.HOSTILE_GUID).executionTree(TimePeriod.all()).chart());
        }
    }

    @Test
    void histogram_and_timeline() throws IOException {
        try (TH th = ViewStore.open()) {
            check("histogram", th.machine("WORKSTATION5").executions().histogram(Histogram.byDay().split("ParentFilename", 3)).fetch().chart());
            check("timeline", Views.timeline(th.machine("fs03vuln"), TimePeriod.all()));
        }
    }

    @Test
    void map_and_bandwidth() throws IOException {
        Views.geo(Geo.none().put("0.0.0.0/0", 48.85, 2.35, "everywhere"));
        try (TH th = ViewStore.open()) {
            check("map", th.machine("IEWIN7").communications().fetch().chart());
        } finally {
            Views.geo(Geo.none());
        }
        try (TH th = ViewStore.open()) {
            check("bandwidth", Views.bandwidth("Bandwidth", th.machine("WORKSTATION5").bandwidth()));
            check("table", th.machine("WORKSTATION5").users().fetch().chart());
        }
    }
}
