package dev.th.normalize;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WMI-Activity 5861 (a permanent event consumer was bound to a filter): CONSUMER is written
 * {@code Type="Name"} (ObjectType, ObjectName); PossibleCause holds both instances as MOF text,
 * from which the consumer's command (CommandLineTemplate, ScriptText or ScriptFileName) becomes
 * CommandLine and the filter's Query the Triggers (else the filter's name, ESS, stays there).
 */
final class WmiBinding {
    private static final Pattern CONSUMER = Pattern.compile("^\\s*([A-Za-z_]+)\\s*=\\s*\"?(.*?)\"?\\s*$", Pattern.DOTALL);
    private static final Pattern COMMAND = Pattern.compile(
            "(?:CommandLineTemplate|ScriptText|ScriptFileName)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern QUERY = Pattern.compile("\\bQuery\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private WmiBinding() {
    }

    static void apply(RawEvent event, CanonicalEvent row) {
        String consumer = event.field("CONSUMER");
        if (!Values.absent(consumer)) {
            Matcher m = CONSUMER.matcher(consumer);
            if (m.matches()) {
                row.set(Column.ObjectType, m.group(1)).set(Column.ObjectName, m.group(2));
            }
        }
        String cause = event.field("PossibleCause");
        if (Values.absent(cause)) {
            return;
        }
        int perm = cause.indexOf("Consumer:");
        Matcher c = COMMAND.matcher(perm < 0 ? cause : cause.substring(perm));
        if (c.find()) {
            row.set(Column.CommandLine, unescape(c.group(1)));
        }
        Matcher q = QUERY.matcher(cause);
        if (q.find()) {
            row.set(Column.Triggers, unescape(q.group(1)));
        }
    }

    /** MOF string escapes: {@code \\} and {@code \"}. */
    private static String unescape(String s) {
        return s.replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\u0000", "\\");
    }
}
