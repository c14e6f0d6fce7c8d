package dev.th.testing;

import dev.th.event.RawEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Test-side converter that writes events read from real EVTX files the way Windows exports
 * them, so the export readers can be checked against the EVTX reader on the same records:
 * <ul>
 * <li>{@link #xml}: the Event schema's XML ({@code http://schemas.microsoft.com/win/2004/08/events/event}),
 * attributes in single quotes as {@code wevtutil qe /f:xml} writes them, SystemTime with nine
 * fraction digits as Windows 10 and later write it; bare (one {@code <Event>} after another, no
 * root, no line breaks: wevtutil) or wrapped ({@code <?xml?>} and {@code <Events>}, one event a
 * line: Event Viewer's "Save as XML"); optionally with RenderingInfo and with unnamed
 * {@code <Data>} elements, as forwarded events carry them;</li>
 * <li>{@link #getWinEventJson}: {@code Get-WinEvent | ConvertTo-Json} of an array of
 * EventLogRecords: Windows PowerShell 5.1's layout (4-space indent, {@code "key":  value},
 * {@code \/Date(ms)\/}) or PowerShell 7's (2-space indent, ISO local time with offset); Properties
 * as {@code [{"Value": ...}]} in EventData order, each value typed as .NET hands it over (hex and
 * decimal numbers as numbers, GUIDs lower case without braces, booleans as booleans).</li>
 * </ul>
 * The System part is rebuilt from the EVTX reader's field names (see docs/evtx.md); every other
 * field goes to EventData in its order.
 */
public final class WindowsExports {
    /** Fields of the System element, by the EVTX reader's names. */
    public static final Set<String> SYSTEM = Set.of("Provider_Name", "Provider_Guid", "Provider_EventSourceName",
            "EventID", "EventID_Qualifiers", "Version", "Level", "Task", "Opcode", "Keywords", "TimeCreated",
            "EventRecordID", "Correlation", "Correlation_ActivityID", "Correlation_RelatedActivityID",
            "Execution_ProcessID", "Execution_ThreadID", "Channel", "Computer", "Security", "Security_UserID");

    private static final Pattern HEX = Pattern.compile("0x(0|[1-9a-f][0-9a-f]*)");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,17}");
    private static final Pattern GUID = Pattern.compile("\\{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}");

    private WindowsExports() {
    }

    /** How the XML is laid out. */
    public record XmlForm(boolean wrapped, boolean renderingInfo, boolean unnamedData) {
    }

    /** The events as Windows' XML. */
    public static String xml(List<RawEvent> events, XmlForm form) {
        StringBuilder sb = new StringBuilder();
        if (form.wrapped()) {
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>");
        }
        for (RawEvent e : events) {
            if (form.wrapped()) {
                sb.append("\r\n");
            }
            event(sb, e, form);
        }
        if (form.wrapped()) {
            sb.append("\r\n</Events>\r\n");
        }
        return sb.toString();
    }

    private static void event(StringBuilder sb, RawEvent e, XmlForm form) {
        Map<String, String> f = e.fields();
        sb.append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>");
        sb.append("<Provider");
        attr(sb, "Name", f.get("Provider_Name"));
        attr(sb, "Guid", f.get("Provider_Guid") == null ? null : f.get("Provider_Guid").toUpperCase(java.util.Locale.ROOT));
        attr(sb, "EventSourceName", f.get("Provider_EventSourceName"));
        sb.append("/>");
        sb.append("<EventID");
        attr(sb, "Qualifiers", f.get("EventID_Qualifiers"));
        sb.append('>').append(text(f.get("EventID"))).append("</EventID>");
        for (String s : List.of("Version", "Level", "Task", "Opcode", "Keywords")) {
            element(sb, s, f.get(s));
        }
        sb.append("<TimeCreated SystemTime='").append(nineDigits(f.get("TimeCreated"))).append("'/>");
        element(sb, "EventRecordID", f.get("EventRecordID"));
        sb.append("<Correlation");
        attr(sb, "ActivityID", f.get("Correlation_ActivityID"));
        attr(sb, "RelatedActivityID", f.get("Correlation_RelatedActivityID"));
        sb.append("/>");
        sb.append("<Execution");
        attr(sb, "ProcessID", f.get("Execution_ProcessID"));
        attr(sb, "ThreadID", f.get("Execution_ThreadID"));
        sb.append("/>");
        element(sb, "Channel", f.get("Channel"));
        element(sb, "Computer", f.get("Computer"));
        sb.append("<Security");
        attr(sb, "UserID", f.get("Security_UserID"));
        sb.append("/></System>");
        List<Map.Entry<String, String>> data = eventData(e);
        if (data.isEmpty()) {
            sb.append("<EventData/>");
        } else {
            sb.append("<EventData>");
            for (Map.Entry<String, String> d : data) {
                sb.append("<Data");
                if (!form.unnamedData()) {
                    attr(sb, "Name", d.getKey());
                }
                if (d.getValue().isEmpty()) {
                    sb.append("/>");
                } else {
                    sb.append('>').append(text(d.getValue())).append("</Data>");
                }
            }
            sb.append("</EventData>");
        }
        if (form.renderingInfo()) {
            sb.append("<RenderingInfo Culture='en-US'><Message>").append(text(message(e))).append("</Message>")
                    .append("<Level>Information</Level><Task>").append(text(taskName(e))).append("</Task>")
                    .append("<Opcode>Info</Opcode><Channel>").append(text(e.channel())).append("</Channel>")
                    .append("<Provider>").append(text(e.provider())).append("</Provider>")
                    .append("<Keywords><Keyword>Audit Success</Keyword></Keywords></RenderingInfo>");
        }
        sb.append("</Event>");
    }

    /** The event's EventData fields, in order: every field but System's. */
    public static List<Map.Entry<String, String>> eventData(RawEvent e) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> en : e.fields().entrySet()) {
            if (!SYSTEM.contains(en.getKey())) {
                out.add(Map.entry(en.getKey(), en.getValue() == null ? "" : en.getValue()));
            }
        }
        return out;
    }

    /** A stand-in for the rendered message: its first line names the event as Windows' messages do. */
    public static String message(RawEvent e) {
        return "Event " + e.eventId() + " of " + e.provider() + ".\r\n\r\nComputer:\t" + e.computer();
    }

    private static String taskName(RawEvent e) {
        return "Task " + e.field("Task");
    }

    private static String nineDigits(String t) {
        Instant i = Instant.parse(t);
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC).format(i);
    }

    private static void element(StringBuilder sb, String name, String v) {
        if (v == null) {
            return;
        }
        if (v.isEmpty()) {
            sb.append('<').append(name).append("/>");
        } else {
            sb.append('<').append(name).append('>').append(text(v)).append("</").append(name).append('>');
        }
    }

    private static void attr(StringBuilder sb, String name, String v) {
        if (v != null) {
            sb.append(' ').append(name).append("='").append(text(v).replace("'", "&apos;")).append('\'');
        }
    }

    private static String text(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The PowerShell that wrote the JSON. */
    public enum PowerShell {
        /** Windows PowerShell 5.1: {@code \/Date(ms)\/}, 4-space indent, two spaces after the colon. */
        WINDOWS_5_1,
        /** PowerShell 7: ISO time with the local offset (here +02:00), 2-space indent. */
        CORE_7
    }

    /** The events as {@code Get-WinEvent | ConvertTo-Json} writes them (an array). */
    public static String getWinEventJson(List<RawEvent> events, PowerShell ps) {
        List<Object> records = new ArrayList<>();
        for (RawEvent e : events) {
            records.add(record(e, ps));
        }
        StringBuilder sb = new StringBuilder();
        write(sb, records, 0, ps);
        return sb.append("\r\n").toString();
    }

    /** One event as {@code ConvertTo-Json} writes a single record: an object, not an array. */
    public static String getWinEventJsonObject(RawEvent e, PowerShell ps) {
        StringBuilder sb = new StringBuilder();
        write(sb, record(e, ps), 0, ps);
        return sb.append("\r\n").toString();
    }

    private static Map<String, Object> record(RawEvent e, PowerShell ps) {
        Map<String, String> f = e.fields();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Message", message(e));
        r.put("Id", Long.parseLong(f.get("EventID")));
        r.put("Version", number(f.get("Version")));
        r.put("Qualifiers", f.get("EventID_Qualifiers") == null ? null : Long.parseLong(f.get("EventID_Qualifiers")));
        r.put("Level", number(f.get("Level")));
        r.put("Task", number(f.get("Task")));
        r.put("Opcode", number(f.get("Opcode")));
        r.put("Keywords", f.get("Keywords") == null ? null : new BigInteger(f.get("Keywords").substring(2), 16).longValue());
        r.put("RecordId", Long.parseLong(f.get("EventRecordID")));
        r.put("ProviderName", f.get("Provider_Name"));
        r.put("ProviderId", guidValue(f.get("Provider_Guid")));
        r.put("LogName", f.get("Channel"));
        r.put("ProcessId", number(f.get("Execution_ProcessID")));
        r.put("ThreadId", number(f.get("Execution_ThreadID")));
        r.put("MachineName", f.get("Computer"));
        String sid = f.get("Security_UserID");
        if (sid == null) {
            r.put("UserId", null);
        } else {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("BinaryLength", 12);
            user.put("AccountDomainSid", null);
            user.put("Value", sid);
            r.put("UserId", user);
        }
        Instant t = Instant.parse(f.get("TimeCreated"));
        r.put("TimeCreated", ps == PowerShell.WINDOWS_5_1 ? new Raw("\"\\/Date(" + t.toEpochMilli() + ")\\/\"")
                : DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx")
                        .format(OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(2))));
        r.put("ActivityId", guidValue(f.get("Correlation_ActivityID")));
        r.put("RelatedActivityId", guidValue(f.get("Correlation_RelatedActivityID")));
        r.put("ContainerLog", f.get("Channel"));
        r.put("MatchedQueryIds", List.of());
        r.put("LevelDisplayName", "Information");
        r.put("OpcodeDisplayName", "Info");
        r.put("TaskDisplayName", taskName(e));
        r.put("KeywordsDisplayNames", List.of("Audit Success"));
        List<Object> props = new ArrayList<>();
        for (Map.Entry<String, String> d : eventData(e)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Value", typed(d.getValue()));
            props.add(p);
        }
        r.put("Properties", props);
        return r;
    }

    /** A value as .NET hands it to ConvertTo-Json. */
    private static Object typed(String v) {
        if (HEX.matcher(v).matches()) {
            return new BigInteger(v.substring(2), 16);
        }
        if (DECIMAL.matcher(v).matches()) {
            return Long.parseLong(v);
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        var g = GUID.matcher(v);
        if (g.matches()) {
            return g.group(1).toLowerCase(java.util.Locale.ROOT);
        }
        return v;
    }

    private static Object number(String v) {
        return v == null || v.isEmpty() ? null : Long.parseLong(v);
    }

    private static String guidValue(String g) {
        if (g == null) {
            return null;
        }
        var m = GUID.matcher(g);
        return m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : g;
    }

    /** JSON text written as is. */
    private record Raw(String json) {
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, int level, PowerShell ps) {
        String indent = ps == PowerShell.WINDOWS_5_1 ? "    " : "  ";
        String colon = ps == PowerShell.WINDOWS_5_1 ? ":  " : ": ";
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Raw r) {
            sb.append(r.json());
        } else if (v instanceof String s) {
            string(sb, s, ps);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[\r\n").append(indent.repeat(level)).append("]");
                return;
            }
            sb.append("[\r\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append(indent.repeat(level + 1));
                write(sb, l.get(i), level + 1, ps);
                sb.append(i + 1 < l.size() ? ",\r\n" : "\r\n");
            }
            sb.append(indent.repeat(level)).append(']');
        } else if (v instanceof Map<?, ?> m) {
            sb.append("{\r\n");
            int i = 0;
            for (Map.Entry<String, Object> en : ((Map<String, Object>) m).entrySet()) {
                sb.append(indent.repeat(level + 1));
                string(sb, en.getKey(), ps);
                sb.append(colon);
                write(sb, en.getValue(), level + 1, ps);
                sb.append(++i < m.size() ? ",\r\n" : "\r\n");
            }
            sb.append(indent.repeat(level)).append('}');
        } else {
            throw new IllegalArgumentException("no JSON for " + v.getClass());
        }
    }

    /** A JSON string as ConvertTo-Json escapes it: quotes, backslash, controls; 5.1 also < > & ' as \\u00XX. */
    private static void string(StringBuilder sb, String s, PowerShell ps) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || ps == PowerShell.WINDOWS_5_1 && (c == '<' || c == '>' || c == '&' || c == '\'')) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** UTF-16LE with its byte-order mark, as Windows PowerShell's Out-File and Event Viewer write. */
    public static byte[] utf16le(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
