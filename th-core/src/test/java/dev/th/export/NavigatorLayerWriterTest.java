package dev.th.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** A layer from IoA rows read back by Jackson: ids outside ATT&CK v18.1 left out and named, scores counted. */
class NavigatorLayerWriterTest {
    @Test
    void unknownIdsAreLeftOutAndNamed() throws IOException {
        // T1003.001 and T1059.001 are in the shared data's ATT&CK v18.1 table; T9999 and T1000.999 are not
        String table = Files.readString(SharedData.require("knowledge/attack-techniques.tsv"));
        assertTrue(table.contains("\nT1003.001\t") && table.contains("\nT1059.001\t"));
        assertTrue(!table.contains("\nT9999\t") && !table.contains("\nT1000.999\t"));
        DataFrame ioas = DataFrame.foldByRow("huntingRule", "mitre").of(
                "rule A", "T1003.001 LSASS Memory",
                "rule B", "T1003.001 LSASS Memory; T1059.001 PowerShell; T9999",
                "rule B", "T1000.999",
                "rule C", "");
        StringWriter out = new StringWriter();
        Written w = new NavigatorLayerWriter().write(ioas, out);
        JsonNode layer = new ObjectMapper().readTree(out.toString());
        Map<String, Integer> scores = new TreeMap<>();
        layer.path("techniques").forEach(t -> scores.put(t.path("techniqueID").asText(), t.path("score").asInt()));
        assertEquals(Map.of("T1003.001", 2, "T1059.001", 1), scores);
        assertEquals(2, w.rows());
        assertEquals(2, w.skipped());
        assertTrue(w.note().contains("T9999 (1)") && w.note().contains("T1000.999 (1)"), w.note());
        assertEquals("4.5", layer.at("/versions/layer").asText());
        assertEquals(2, layer.at("/gradient/maxValue").asInt());
    }

    @Test
    void rowsThatAreNotIoasAreAnError() {
        DataFrame processes = DataFrame.foldByRow("ChildFilename", "CommandLine").of("cmd.exe", "cmd /c whoami");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NavigatorLayerWriter().write(processes, new StringWriter()));
        assertTrue(e.getMessage().contains("th ioa list"), e.getMessage());
    }
}
