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

    /** The commands of the first bash block under {@code heading}: comments and output redirections dropped. */
    static List<String> commands(String heading) throws java.io.IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(heading);
        assertTrue(start >= 0, "README has no section " + heading);
        int open = readme.indexOf("```bash\n", start) + "```bash\n".length();
        int close = readme.indexOf("```", open);
        List<String> commands = new ArrayList<>();
        for (String line : readme.substring(open, close).split("\n")) {
            String cmd = line.replaceAll("#.*$", "").replaceAll(">.*$", "").trim();
            if (!cmd.isEmpty()) {
                assertTrue(cmd.startsWith("./th "), cmd);
                commands.add(cmd);
            }
        }
        return commands;
    }

    @Test
    void everyExampleRunsAndAnswers() throws Exception {
        List<String> commands = commands("## Asking questions");
        assertTrue(commands.size() >= 5, commands::toString);
        for (String cmd : commands) {
            String[] args = cmd.substring("./th ".length()).trim().split("\\s+");
            Run r = AskStore.th(args);
            assertEquals(0, r.exit(), () -> cmd + "\n" + r);
            assertFalse(r.out().contains("(0 rows)") || r.out().strip().equals("[ ]") || r.out().isBlank(), () -> cmd + "\n" + r);
            assertTrue(r.err().isEmpty(), () -> cmd + "\n" + r + Arrays.toString(args));
        }
    }

    /** The export examples: each exits 0 and writes what its format promises (th shell: {@link ShellCommandTest}). */
    @Test
    void everyExportExampleRuns() throws Exception {
        int ran = 0;
        for (String cmd : commands("## Exports, the shell, exit codes")) {
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
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(format.equals("navigator") ? r.out()
                        : r.out().lines().findFirst().orElseThrow());
            }
            ran++;
        }
        assertEquals(4, ran);
    }
}
