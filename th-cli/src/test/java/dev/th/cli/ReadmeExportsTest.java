package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's export examples run on the test store: each exits 0 and writes what its format
 * promises (JSON documents, a CSV header); {@code th shell} is covered by {@link ShellCommandTest}.
 */
class ReadmeExportsTest {
    @Test
    void everyExportExampleRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Exports, the shell, exit codes");
        assertTrue(start >= 0, "README has no exports section");
        int from = readme.indexOf("```bash", start) + "```bash".length();
        String block = readme.substring(from, readme.indexOf("```", from));
        int ran = 0;
        for (String line : block.strip().split("\n")) {
            String cmd = line.replaceAll("#.*", "").replaceAll(">.*", "").trim();
            assertTrue(cmd.startsWith("./th "), cmd);
            List<String> args = new ArrayList<>(List.of(cmd.substring("./th ".length()).split("\\s+")));
            if (args.get(0).equals("shell")) {
                continue;
            }
            Run r = AskStore.th(args.toArray(new String[0]));
            assertEquals(0, r.exit(), () -> cmd + "\n" + r);
            assertFalse(r.out().isBlank(), cmd);
            String format = args.get(args.indexOf("--format") + 1);
            if (format.equals("csv")) {
                assertTrue(r.out().startsWith("DateTime,"), r.out());
            } else {
                String first = format.equals("navigator") ? r.out() : r.out().lines().findFirst().orElseThrow();
                new ObjectMapper().readTree(first);
            }
            ran++;
        }
        assertEquals(4, ran);
    }
}
