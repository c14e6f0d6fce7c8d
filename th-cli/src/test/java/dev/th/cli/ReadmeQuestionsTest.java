package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command of the README's "Asking questions" block runs on the quick start's samples,
 * answers rows, and answers what its comment promises (checked on its JSON form, against values
 * read off the samples by hand).
 */
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
        int checked = 0;
        for (String cmd : commands) {
            String[] args = cmd.substring("./th ".length()).trim().split("\\s+");
            Run r = AskStore.th(args);
            assertEquals(0, r.exit(), () -> cmd + "\n" + r);
            assertFalse(r.out().contains("(0 rows)") || r.out().strip().equals("[ ]") || r.out().isBlank(), () -> cmd + "\n" + r);
            assertTrue(r.err().isEmpty(), () -> cmd + "\n" + r + Arrays.toString(args));
            checked += promised(cmd, args) ? 1 : 0;
        }
        assertEquals(commands.size(), checked, "every command's promise is checked");
    }

    /** Checks what the README says {@code cmd} answers; false when the test knows no promise for it. */
    private static boolean promised(String cmd, String[] args) {
        List<String> json = new ArrayList<>(Arrays.asList(args)); // AskStore.json asks for --format json
        int f = json.indexOf("--format");
        if (f >= 0) {
            json.subList(f, f + 2).clear();
        }
        if (cmd.contains(" first_seen")) {
            // the PsExec sample's live records start at 2021-12-04 21:19:16.741995 (reference-counts.json);
            // its chunk's slack keeps three older PowerShell 4103 records, whose template was overwritten
            // but whose System values give 2021-11-30T22:05:58.0055982Z: the machine was seen then
            String out = AskStore.th(args).out();
            assertTrue(out.startsWith("2021-11-30") && out.contains("22:05:58"), out);
            return true;
        }
        JsonNode rows = AskStore.json(json.toArray(new String[0]));
        if (cmd.contains("execution_tree")) {
            assertEquals(List.of("PurpleSharp.exe", "notepad.exe", "PING.EXE", "conhost.exe"), AskStore.column(rows, "ChildFilename"));
            assertEquals(List.of(8972L, 9908L, 5232L, 9700L), longs(rows, "ChildPid"));
        } else if (cmd.contains("executions --operation create")) {
            // rundll32, PurpleSharp, notepad, PING, conhost, SearchProtocolHost, SearchFilterHost
            assertEquals(7, rows.size(), cmd);
            rows.forEach(x -> assertEquals("create", x.path("Operation").asText()));
        } else if (cmd.contains("registry --histogram")) {
            java.util.Set<String> split = new java.util.TreeSet<>(AskStore.column(rows, "ParentFilename"));
            assertTrue(!split.isEmpty() && split.size() <= 3, split::toString);
        } else if (cmd.contains("events --by type")) {
            // reference-counts.json: the purplesharp export of 2020-10-23 holds 6 Security 4688 and 12 5156
            assertEquals(6, count(rows, "Security", 4688), cmd);
            assertEquals(12, count(rows, "Security", 5156), cmd);
        } else if (cmd.contains("machines --command comsvcs")) {
            assertEquals(List.of("WORKSTATION5"), AskStore.column(rows, "MachineName"));
        } else if (cmd.contains("user hack1 timetable")) {
            rows.forEach(x -> assertTrue(x.path("LoggedUser").asText().toLowerCase().endsWith("\\hack1"), x::toString));
        } else if (cmd.contains("file rundll32.exe executions")) {
            rows.forEach(x -> assertTrue(x.path("ChildFilename").asText().equalsIgnoreCase("rundll32.exe")
                    || x.path("ParentFilename").asText().equalsIgnoreCase("rundll32.exe"), x::toString));
        } else {
            return false;
        }
        return true;
    }

    private static List<Long> longs(JsonNode rows, String column) {
        List<Long> out = new ArrayList<>();
        rows.forEach(x -> out.add(x.path(column).asLong()));
        return out;
    }

    private static long count(JsonNode rows, String channel, int eventId) {
        for (JsonNode x : rows) {
            if (channel.equals(x.path("Channel").asText()) && x.path("EventId").asInt() == eventId) {
                return x.path("Events").asLong();
            }
        }
        return 0;
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
