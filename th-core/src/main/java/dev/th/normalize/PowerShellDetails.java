package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.util.HashMap;
import java.util.Map;

/**
 * PowerShell events whose facts sit in a block of {@code Key=Value} lines rather than in fields
 * of their own: 4103's ContextInfo ({@code Host Application = ...}, {@code User = ...},
 * {@code Command Name = ...}) and the details of the classic log's 400, 403, 600 and 800
 * ({@code HostApplication=...}, {@code NewEngineState=...}, {@code UserId=...}), found in any
 * field that holds them (unnamed {@code Data} elements in an EVTX record, {@code Message} in a
 * JSON export). The host application is the command line that started PowerShell: CommandLine of
 * 400/403/600 and ParentCommandLine of 4103 and 800, whose CommandLine is what ran (the payload,
 * the pipeline's command line); ParentPath and ParentFilename are the host's executable.
 */
final class PowerShellDetails {
    private static final String PIPELINE = "Pipeline execution details for command line:";

    private PowerShellDetails() {
    }

    static void apply(RawEvent event, CanonicalEvent row) {
        Map<String, String> d = details(event);
        String host = first(d, "hostapplication");
        String user = first(d, "user", "userid");
        if (user != null && row.get(Column.LoggedUser) == null) {
            row.set(Column.LoggedUser, user);
        }
        String state = first(d, "newenginestate", "newproviderstate");
        if (state != null) {
            row.set(Column.ObjectState, state);
        }
        String name = event.eventId() == 600 ? first(d, "providername") : first(d, "commandname", "hostname");
        if (name != null) {
            row.set(Column.ObjectName, name);
        }
        int id = event.eventId();
        if (id == 800) {
            String command = first(d, "commandline");
            row.set(Column.CommandLine, command != null ? command : pipelineCommand(event));
        }
        if (host == null) {
            return;
        }
        if (id == 4103 || id == 800) {
            row.set(Column.ParentCommandLine, host);
        } else {
            row.set(Column.CommandLine, host);
        }
        String exe = executable(host);
        if (exe != null) {
            row.set(Column.ParentPath, exe).set(Column.ParentFilename, Values.filename(exe));
        }
    }

    /** Every {@code Key=Value} (or {@code Key = Value}) line of the event's fields, keys lower case without blanks; the first wins. */
    static Map<String, String> details(RawEvent event) {
        Map<String, String> out = new HashMap<>();
        for (String v : event.fields().values()) {
            if (v == null || v.indexOf('=') < 0 || v.indexOf('\n') < 0 && !v.contains("HostApplication=")) {
                continue;
            }
            for (String line : v.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).replace(" ", "").replace("\t", "").toLowerCase(java.util.Locale.ROOT);
                if (key.isEmpty() || !key.chars().allMatch(Character::isLetter)) {
                    continue;
                }
                String value = line.substring(eq + 1).trim();
                if (!Values.absent(value)) {
                    out.putIfAbsent(key, value);
                }
            }
        }
        return out;
    }

    private static String first(Map<String, String> d, String... keys) {
        for (String k : keys) {
            String v = d.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** 800's command line from its rendered message, when the export kept only the message. */
    private static String pipelineCommand(RawEvent event) {
        String m = event.field("Message");
        int at = m == null ? -1 : m.indexOf(PIPELINE);
        if (at < 0) {
            return null;
        }
        int end = m.indexOf("Context Information:", at);
        String c = (end < 0 ? m.substring(at + PIPELINE.length()) : m.substring(at + PIPELINE.length(), end)).trim();
        if (c.endsWith(".")) {
            c = c.substring(0, c.length() - 1).trim();
        }
        return c.isEmpty() ? null : c;
    }

    /** The executable of a command line: its first token, unquoted. */
    static String executable(String commandLine) {
        String c = commandLine.trim();
        if (c.isEmpty()) {
            return null;
        }
        if (c.charAt(0) == '"') {
            int end = c.indexOf('"', 1);
            return end > 1 ? c.substring(1, end) : null;
        }
        int sp = c.indexOf(' ');
        return sp < 0 ? c : c.substring(0, sp);
    }
}
