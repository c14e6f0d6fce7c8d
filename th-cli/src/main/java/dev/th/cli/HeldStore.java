package dev.th.cli;

import dev.th.server.ThServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns DuckDB's lock error on a store that {@code th serve} holds into one line naming that server. */
final class HeldStore {
    private static final Pattern LOCKED = Pattern.compile("lock on file \"([^\"]+)\"");

    private HeldStore() {
    }

    /** The line to print instead of {@code message}, when the message is a lock error on a served store. */
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
        return Optional.of("the store in " + dir + " is open in another process (" + message.replaceAll("\\s+", " ") + ")");
    }
}
