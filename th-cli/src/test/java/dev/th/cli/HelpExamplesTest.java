package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The examples {@code --help} shows for the question commands run on the test store (the
 * quick start's samples), except the seed's own example on a machine the samples lack (WIN-DC01).
 */
class HelpExamplesTest {

    @Test
    void everyExampleRuns() {
        int ran = 0;
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            if (!(sub.getCommand() instanceof AskCommand<?> ask)) {
                continue;
            }
            String help = sub.getUsageMessage();
            for (String example : ask.examples()) {
                assertTrue(help.contains(example), example);
                if (example.contains("WIN-DC01")) {
                    continue;
                }
                List<String> args = words(example);
                assertEquals("th", args.remove(0), example);
                Run r = AskStore.th(args.toArray(new String[0]));
                assertEquals(0, r.exit(), () -> example + "\n" + r);
                ran++;
            }
        }
        assertTrue(ran >= 15, "examples run: " + ran);
    }

    /** Splits a command line on spaces, keeping 'single-quoted' words whole. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }
}
