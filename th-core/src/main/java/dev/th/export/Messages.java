package dev.th.export;

import java.util.Map;

/**
 * The one-line {@code message} of a row for a timeline (Timesketch): what happened, in the
 * words of its family: an IoA's rule and machine, a process's parent, child and command line,
 * a registry key and value, a connection's ends; else the row's columns as {@code name=value}.
 */
final class Messages {
    private Messages() {
    }

    static String of(Map<String, Object> row, String timeColumn) {
        if (row.containsKey("huntingRule")) {
            return join("[" + s(row, "severity") + "] " + s(row, "huntingRule"), "on", first(row, "machineName", "muid"),
                    paren(s(row, "mitre")));
        }
        if (row.containsKey("Key")) {
            String key = s(row, "Key") + (s(row, "Value").isEmpty() ? "" : "\\" + s(row, "Value"));
            return join(s(row, "Operation"), key, s(row, "ValueData").isEmpty() ? "" : "= " + s(row, "ValueData"), "by",
                    s(row, "ParentFilename"));
        }
        if (row.containsKey("RemoteIp") && row.containsKey("RemotePort")) {
            return join(s(row, "Direction"), s(row, "ParentFilename"), s(row, "LocalIp") + ":" + s(row, "LocalPort"), "->",
                    s(row, "RemoteIp") + ":" + s(row, "RemotePort"), s(row, "Protocol"));
        }
        if (row.containsKey("ChildFilename")) {
            String cmd = s(row, "CommandLine");
            return join(s(row, "Operation"), s(row, "ParentFilename"), "->", s(row, "ChildFilename"), cmd.isEmpty() ? "" : ": " + cmd);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (!e.getKey().equals(timeColumn) && e.getValue() != null && !Cells.text(e.getValue()).isEmpty()) {
                sb.append(sb.length() > 0 ? "; " : "").append(e.getKey()).append('=').append(Cells.text(e.getValue()));
            }
        }
        return sb.toString();
    }

    private static String s(Map<String, Object> row, String column) {
        return Cells.text(row.get(column));
    }

    private static String first(Map<String, Object> row, String a, String b) {
        String v = s(row, a);
        return v.isEmpty() ? s(row, b) : v;
    }

    private static String paren(String s) {
        return s.isEmpty() ? "" : "(" + s + ")";
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                sb.append(sb.length() > 0 && !p.startsWith(":") ? " " : "").append(p);
            }
        }
        return sb.toString();
    }
}
