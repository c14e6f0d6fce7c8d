package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code th shell} as a hunter uses it: started under a pseudo-terminal ({@code script} of
 * util-linux), one query typed at the {@code jshell>} prompt, its answer read from the terminal
 * and compared with the same question asked through {@code th machine ... --format json}.
 */
class ShellCommandTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    private static final long TIMEOUT_MS = 120_000;

    @Test
    void aTypedQueryPrintsItsAnswerAsATable() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script (for a pseudo-terminal) is not installed");
        JsonNode expected = AskStore.json("machine", "WORKSTATION5", "executions", "--command", "comsvcs", "--period", "all");
        assertTrue(expected.size() > 0);

        String java = TestJvm.java();
        // a terminal of 250 x 50 (script's own has no size when its input is not a terminal)
        String command = "stty cols 250 rows 50; " + quote(java) + " -cp " + quote(TestJvm.classPath()) + " dev.th.cli.Main shell --db " + quote(AskStore.db().toString());
        Process p = new ProcessBuilder(SCRIPT.toString(), "-qefc", command, "/dev/null").redirectErrorStream(true).start();
        Screen screen = new Screen(p.getInputStream());
        try (OutputStream keys = p.getOutputStream()) {
            screen.await("jshell>");
            keys.write("machine(\"WORKSTATION5\").executions().command(\"comsvcs\").fetch()\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            screen.await("==> Hits of");
            keys.write("/exit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), screen::text);
        } finally {
            p.destroyForcibly();
        }
        String out = screen.text();
        String rows = expected.size() + (expected.size() == 1 ? " row" : " rows");
        assertTrue(out.contains("(" + rows + ")"), out);
        assertTrue(out.contains("==> Hits of " + rows), out);
        for (JsonNode row : expected) {
            assertTrue(out.contains(row.get("CommandLine").asText()), "the whole command line is shown: " + row.get("CommandLine"));
            assertTrue(out.contains(row.get("ChildFilename").asText()), out);
        }
        assertEquals(0, p.exitValue(), out);
    }

    /** What the terminal showed, escape sequences removed, read by a thread. */
    private static final class Screen {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Screen(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0;) {
                        synchronized (bytes) {
                            bytes.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the terminal closed
                }
            }, "th-shell-screen");
            t.setDaemon(true);
            t.start();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replace("\r", "");
            }
        }

        void await(String what) throws InterruptedException {
            long end = System.currentTimeMillis() + TIMEOUT_MS;
            while (!text().contains(what)) {
                assertTrue(System.currentTimeMillis() < end, () -> "no '" + what + "' on the terminal:\n" + text());
                Thread.sleep(100);
            }
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
