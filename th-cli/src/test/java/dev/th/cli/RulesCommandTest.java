package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code th rules check}: one line per rule, totals, exit code. */
class RulesCommandTest {

    static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void allLoadedExitsZero() {
        Path rule = SharedData.require("sigma-regression/file_event_win_advanced_ip_scanner/rule.yml");
        String[] r = run("rules", "check", rule.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("loaded      "), r[1]);
        assertTrue(r[1].contains("fed85bf9-e075-4280-9159-fbe8a023d6fa  Advanced IP Scanner - File Event"), r[1]);
        assertTrue(r[1].contains("1 loaded, 0 not loaded"), r[1]);
    }

    @Test
    void someNotLoadedExitsTwoWithReasons(@TempDir Path dir) throws Exception {
        Path good = SharedData.require("sigma-regression/file_event_win_advanced_ip_scanner/rule.yml");
        Files.copy(good, dir.resolve("good.yml"));
        Files.writeString(dir.resolve("bad.yml"), "title: Bad\nlogsource:\n    product: windows\n    service: security\n"
                + "detection:\n    sel:\n        EventID: 1\n    condition: sel and other\n");
        String[] r = run("rules", "check", dir.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("NOT LOADED  " + dir.resolve("bad.yml") + "  Bad  condition 'sel and other': 'other' is not"), r[1]);
        assertTrue(r[1].contains("1 loaded, 1 not loaded"), r[1]);
    }

    @Test
    void missingPathIsOneLine() {
        String[] r = run("rules", "check", "/no/such/rules");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("NOT LOADED  /no/such/rules  -  no such file or folder"), r[1]);
    }
}
