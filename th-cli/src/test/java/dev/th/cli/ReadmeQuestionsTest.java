package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command of the README's "Asking questions" block runs on the quick start's samples and answers rows. */
class ReadmeQuestionsTest {

    @Test
    void everyExampleRunsAndAnswers() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("## Asking questions");
        assertTrue(start >= 0, "README has no Asking questions section");
        int open = readme.indexOf("```bash\n", start) + "```bash\n".length();
        int close = readme.indexOf("```", open);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(open, close).split("\n")) {
            String cmd = line.replaceAll("#.*$", "").trim();
            if (!cmd.isEmpty()) {
                commands.add(cmd);
            }
        }
        assertTrue(commands.size() >= 5, commands::toString);
        for (String cmd : commands) {
            assertTrue(cmd.startsWith("./th "), cmd);
            String[] args = cmd.substring("./th ".length()).trim().split("\\s+");
            Run r = AskStore.th(args);
            assertEquals(0, r.exit(), () -> cmd + "\n" + r);
            assertFalse(r.out().contains("(0 rows)") || r.out().strip().equals("[ ]") || r.out().isBlank(), () -> cmd + "\n" + r);
            assertTrue(r.err().isEmpty(), () -> cmd + "\n" + r + Arrays.toString(args));
        }
    }
}
