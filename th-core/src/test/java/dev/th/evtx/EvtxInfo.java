package dev.th.evtx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper: libyal's {@code evtxinfo} (Debian's libevtx-utils), an independent reader, asked
 * how many records and recovered records a file holds. Tests that need it are skipped with a
 * message when it is not installed, and fail in CI (environment variable {@code CI} set).
 */
public final class EvtxInfo {
    private static final Path TOOL = Path.of("/usr/bin/evtxinfo");
    private static final Pattern RECOVERED = Pattern.compile("Number of recovered records\\s*:\\s*(\\d+)");
    private static final Pattern RECORDS = Pattern.compile("Number of records\\s*:\\s*(\\d+)");

    private EvtxInfo() {
    }

    public static void require() {
        String why = "evtxinfo (Debian package libevtx-utils) is not installed";
        if (System.getenv("CI") != null && !Files.isExecutable(TOOL)) {
            throw new IllegalStateException(why + " (CI is set: .ci/run installs it)");
        }
        Assumptions.assumeTrue(Files.isExecutable(TOOL), why);
    }

    /** The "Number of recovered records" evtxinfo prints, if it reads the file. */
    public static OptionalLong recovered(Path file) throws IOException, InterruptedException {
        return number(file, RECOVERED);
    }

    /** The "Number of records" evtxinfo prints, if it reads the file. */
    public static OptionalLong records(Path file) throws IOException, InterruptedException {
        return number(file, RECORDS);
    }

    private static OptionalLong number(Path file, Pattern what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(TOOL.toString(), file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return OptionalLong.empty();
        }
        Matcher m = what.matcher(new String(out, StandardCharsets.UTF_8));
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
