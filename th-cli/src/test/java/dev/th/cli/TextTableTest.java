package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** Tables sized to the terminal, colour only on a terminal and never with NO_COLOR, control characters escaped. */
class TextTableTest {
    private static final String LONG = "\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll MiniDump 756 C:\\Users\\wardog\\AppData\\Local\\Temp\\lsass-comsvcs.dmp full";
    private static final DataFrame DF = DataFrame.foldByRow("ChildFilename", "severity", "CommandLine").of(
            "rundll32.exe", "high", LONG,
            "cmd.exe", "low", "cmd /c whoami");

    private static List<String> print(Terminal t) {
        StringWriter sw = new StringWriter();
        new TextTable(t).print(DF, new PrintWriter(sw, true));
        return sw.toString().lines().toList();
    }

    @Test
    void onA80ColumnTerminalNoLineIsWiderAndTheLongCellIsCut() {
        List<String> lines = print(new Terminal(80, false));
        for (String l : lines) {
            assertTrue(l.length() <= 80, l.length() + ": " + l);
        }
        assertTrue(lines.get(2).endsWith("…"), lines.get(2));
        assertTrue(lines.get(2).matches("rundll32.exe +high +\"C:.*"), lines.get(2));
        assertTrue(lines.get(3).endsWith("cmd /c whoami"), lines.get(3));
    }

    @Test
    void offATerminalTheTableIsWhole() {
        List<String> lines = print(Terminal.NONE);
        assertTrue(lines.get(2).endsWith(LONG), lines.get(2));
        assertFalse(String.join("\n", lines).contains("\u001b"));
    }

    @Test
    void colourMarksTheHeaderAndSeveritiesOnlyWhenAllowed() {
        String coloured = String.join("\n", print(new Terminal(0, true)));
        assertTrue(coloured.contains("\u001b[1mChildFilename\u001b[0m"), coloured);
        assertTrue(coloured.contains("\u001b[31mhigh\u001b[0m"), coloured);
        // the same text once the escapes are removed
        assertEquals(String.join("\n", print(Terminal.NONE)), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void noColorAndDumbTerminalsAndPipesGetNoColour() {
        assertTrue(Terminal.detect(Map.of("TERM", "xterm-256color"), true, 120).color());
        assertEquals(120, Terminal.detect(Map.of("TERM", "xterm-256color"), true, 120).columns());
        assertFalse(Terminal.detect(Map.of("TERM", "xterm", "NO_COLOR", "1"), true, 120).color());
        assertFalse(Terminal.detect(Map.of("TERM", "dumb"), true, 120).color());
        assertEquals(Terminal.NONE, Terminal.detect(Map.of("TERM", "xterm", "COLUMNS", "90"), false, 0));
        assertEquals(90, Terminal.detect(Map.of("COLUMNS", "90"), true, 0).columns());
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertEquals("a\\x1b[31mb\\nc\\td\\x7f", TextTable.escape("a\u001b[31mb\nc\td\u007f"));
        assertEquals("plain", TextTable.escape("plain"));
    }
}
