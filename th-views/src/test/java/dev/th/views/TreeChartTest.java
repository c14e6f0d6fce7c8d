package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tree larger than a page should hold keeps its marked processes and their ancestors. */
class TreeChartTest {
    @Test
    void aHugeTreeKeepsTheMarkedNodeAndSaysHowManyItShows() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("Operation", "create");
            r.put("ChildGuid", String.format("00000000-0000-0000-0000-%012d", i));
            r.put("ChildPid", (long) (1000 + i));
            r.put("ChildFilename", "child" + i + ".exe");
            r.put("ParentGuid", "ffffffff-0000-0000-0000-000000000000");
            r.put("ParentPid", 4L);
            r.put("ParentFilename", "services.exe");
            rows.add(r);
        }
        Mark m = new Mark("IoA", "rule", "high", "", "00000000-0000-0000-0000-000000000900", null, null);
        Section s = TreeChart.of("big", new RowSet(List.of("ChildPid", "ParentPid", "ChildFilename"), rows), List.of(m));
        JsonNode root = s.body().get("option").get("series").get(0).get("data").get(0);
        assertEquals("services.exe (4)", root.get("name").asText());
        assertEquals(TreeChart.MAX_NODES - 1, root.get("children").size());
        boolean marked = false;
        for (JsonNode c : root.get("children")) {
            marked |= c.get("name").asText().startsWith("child900.exe (1900)  !! 1 IoA");
        }
        assertTrue(marked, "the marked process is kept");
        assertTrue(s.note().contains("Shown: " + TreeChart.MAX_NODES + " of 1001 nodes"), s.note());
    }
}
