package dev.th.cli;

import dev.th.server.ThServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's lock error on a store another process has open (one process at a time may write
 * a store) into one line naming that process: {@code th serve} by its address, any other by its
 * pid, command and start time.
 */
final class HeldStore {
    private static final Pattern LOCKED = Pattern.compile("lock on file \"([^\"]+)\"");
    private static final Pattern PID = Pattern.compile("\\(PID (\\d+)\\)");
    private static final String MAIN = "dev.th.cli.Main";
    private static final int LONGEST_COMMAND = 200;
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private HeldStore() {
    }

    /** The line to print instead of {@code message}, when the message is a lock error on a store. */
    static Optional<String> explain(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = LOCKED.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        Path dir = Path.of(m.group(1)).getParent();
        Path holder = dir == null ? null : dir.resolve(ThServer.HOLDER_FILE);
        try {
            if (holder != null && Files.exists(holder)) {
                return Optional.of("the store in " + dir + " is held by th serve at " + Files.readString(holder).trim()
                        + ": ask it through its HTTP API (see /openapi.json) or stop it first");
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher pid = PID.matcher(message);
        String who = pid.find() ? describe(Long.parseLong(pid.group(1))) : "another process";
        return Optional.of("the store in " + dir + " is open in " + who + "; one process at a time may write a store:"
                + " run this again once it has ended (or stop it)");
    }

    /** The line {@link #explain} (or else {@link StoreFault#explain}) makes of {@code message}, if either does. */
    static Optional<String> fault(String message) {
        return explain(message).or(() -> StoreFault.explain(message));
    }

    /** {@code message}, or the line {@link #fault} makes of it. */
    static String message(String message) {
        return fault(message).orElse(message);
    }

    /** {@code pid 12 (th ingest --db d logs), running since 2026-12-04 02:50:01 UTC}, as much as the system tells. */
    static String describe(long pid) {
        StringBuilder b = new StringBuilder("pid ").append(pid);
        ProcessHandle.of(pid).ifPresent(h -> {
            ProcessHandle.Info info = h.info();
            commandLine(pid).or(info::commandLine).map(HeldStore::command).ifPresent(c -> b.append(" (").append(c).append(')'));
            info.startInstant().ifPresent(t -> b.append(", running since ").append(SINCE.format(t)));
        });
        return b.toString();
    }

    /** The whole command line from /proc (the JDK's may stop before the main class of a long class path). */
    private static Optional<String> commandLine(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String line = new String(b, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A TH command line as {@code th ARGS}; any other as it is; cut to {@value #LONGEST_COMMAND} characters. */
    private static String command(String line) {
        int main = line.indexOf(MAIN + " ");
        String c = main >= 0 ? "th " + line.substring(main + MAIN.length() + 1) : line;
        return c.length() <= LONGEST_COMMAND ? c : c.substring(0, LONGEST_COMMAND) + "...";
    }
}
