package dev.th.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps one object of PowerShell's {@code Get-WinEvent | ConvertTo-Json} (an EventLogRecord) to the
 * EVTX reader's field names: {@code Id} → EventID, {@code ProviderName} → Provider_Name,
 * {@code LogName} → Channel, {@code MachineName} → Computer, {@code RecordId} → EventRecordID,
 * {@code ProcessId}/{@code ThreadId} → Execution_*, {@code UserId} → Security_UserID,
 * {@code ActivityId} → Correlation_ActivityID, {@code Keywords} in hex, {@code TimeCreated} from
 * Windows PowerShell 5.1's {@code \/Date(ms)\/} or PowerShell 7's ISO time with offset; the
 * display names as the forwarded events' RenderingInfo ({@code Message},
 * {@code RenderingInfo_Level}, {@code RenderingInfo_Task}, {@code RenderingInfo_Opcode},
 * {@code Keyword}). {@code Properties}, a positional list of {@code {"Value": ...}}, becomes
 * {@code Property1..N}; {@link dev.th.ingest.Readers} names them afterwards.
 *
 * <p>ConvertTo-Json stops at its depth (2 by default) and writes deeper objects as their type's
 * name ({@code System.Byte[]}, {@code System.Object[]}, {@code @{...}}): such a value is kept as
 * written and reported, one warning per event naming the fields. {@code recordId} is RecordId.
 */
final class GetWinEventMapper {
    /** A .NET type name or a PowerShell object's text standing for a value ConvertTo-Json did not write. */
    private static final Pattern TRUNCATED = Pattern.compile(
            "(System|Microsoft)\\.[A-Za-z0-9_.`+]+(\\[\\])?|@\\{.*\\}|System\\.Collections\\..*");

    private GetWinEventMapper() {
    }

    /** Whether {@code obj} looks like a ConvertTo-Json'ed EventLogRecord. */
    static boolean matches(JsonNode obj) {
        return obj.has("Id") && obj.has("ProviderName") && (obj.has("RecordId") || obj.has("LogName"));
    }

    static RawEvent toEvent(JsonNode o, SourceRef ref, long number, EventSink sink) {
        FieldMap f = new FieldMap();
        List<String> truncated = new ArrayList<>();
        put(f, "Provider_Name", o.get("ProviderName"), truncated);
        String guid = guid(o.get("ProviderId"));
        if (guid != null) {
            f.add("Provider_Guid", guid);
        }
        put(f, "EventID", o.get("Id"), truncated);
        if (has(o, "Qualifiers")) {
            put(f, "EventID_Qualifiers", o.get("Qualifiers"), truncated);
        }
        put(f, "Version", o.get("Version"), truncated);
        put(f, "Level", o.get("Level"), truncated);
        put(f, "Task", o.get("Task"), truncated);
        put(f, "Opcode", o.get("Opcode"), truncated);
        if (has(o, "Keywords")) {
            f.add("Keywords", "0x" + Long.toHexString(o.get("Keywords").asLong()));
        }
        JsonNode time = o.get("TimeCreated");
        if (time != null && !time.isNull()) {
            f.add("TimeCreated", time.isObject() ? FieldMap.text(time.path("value")) : FieldMap.text(time));
        }
        put(f, "EventRecordID", o.get("RecordId"), truncated);
        String activity = guid(o.get("ActivityId"));
        String related = guid(o.get("RelatedActivityId"));
        if (activity != null || related != null) {
            if (activity != null) {
                f.add("Correlation_ActivityID", activity);
            }
            if (related != null) {
                f.add("Correlation_RelatedActivityID", related);
            }
        } else {
            f.add("Correlation", "");
        }
        put(f, "Execution_ProcessID", o.get("ProcessId"), truncated);
        put(f, "Execution_ThreadID", o.get("ThreadId"), truncated);
        put(f, "Channel", o.get("LogName"), truncated);
        put(f, "Computer", o.get("MachineName"), truncated);
        JsonNode user = o.get("UserId");
        if (user != null && !user.isNull()) {
            put(f, "Security_UserID", user.isObject() ? user.get("Value") : user, truncated);
        } else {
            f.add("Security", "");
        }
        JsonNode props = o.get("Properties");
        if (props != null && props.isArray()) {
            int i = 0;
            for (JsonNode p : props) {
                i++;
                JsonNode v = p.isObject() && p.has("Value") ? p.get("Value") : p;
                put(f, "Property" + i, value(v), truncated);
            }
        } else if (props != null && !props.isNull()) {
            truncated.add("Properties");
            f.add("Properties", FieldMap.text(props));
        }
        put(f, "Message", o.get("Message"), truncated);
        put(f, "RenderingInfo_Level", o.get("LevelDisplayName"), truncated);
        put(f, "RenderingInfo_Task", o.get("TaskDisplayName"), truncated);
        put(f, "RenderingInfo_Opcode", o.get("OpcodeDisplayName"), truncated);
        put(f, "Keyword", o.get("KeywordsDisplayNames"), truncated);
        put(f, "ContainerLog", o.get("ContainerLog"), truncated);
        if (!truncated.isEmpty() && sink != null) {
            collapseProperties(truncated, props == null ? 0 : props.size());
            sink.warn(ref.offset(), "line " + ref.offset() + ": " + String.join(", ", truncated)
                    + (truncated.size() == 1 && !truncated.get(0).contains("..") ? " holds" : " hold") + " only a type name: ConvertTo-Json stopped at its"
                    + " depth limit (2 by default) and did not write the value; export again with ConvertTo-Json"
                    + " -Depth 5 to keep it");
        }
        long recordId = number;
        String rid = f.get("EventRecordID");
        if (rid != null && !rid.isBlank()) {
            try {
                recordId = Long.parseLong(rid.strip());
            } catch (NumberFormatException e) {
                // the element's number then
            }
        }
        return SystemFields.toEvent(f.map(), ref, recordId);
    }

    /** Every Properties value cut: one name for them all, not N. */
    private static void collapseProperties(List<String> truncated, int count) {
        if (count > 1 && truncated.containsAll(java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> "Property" + i).toList())) {
            truncated.removeIf(n -> n.startsWith("Property") && n.substring(8).chars().allMatch(Character::isDigit));
            truncated.add("Property1..Property" + count + " (every Properties value)");
        }
    }

    /**
     * A Properties value deeper than ConvertTo-Json's default depth: a SecurityIdentifier written
     * out ({@code -Depth} raised) is its {@code Value}; a byte array its bytes in upper-case hex,
     * as Windows' XML writes binary; a DateTime of 5.1 its ISO time.
     */
    private static JsonNode value(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isObject() && v.has("Value") && v.has("BinaryLength")) {
            return v.get("Value");
        }
        if (v.isArray() && v.size() > 0 && allBytes(v)) {
            StringBuilder sb = new StringBuilder(v.size() * 2);
            for (JsonNode b : v) {
                sb.append(String.format(Locale.ROOT, "%02X", b.asInt()));
            }
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(sb.toString());
        }
        if (v.isTextual() && v.asText().startsWith("/Date(")) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(JsonTime.format(JsonTime.parse(v.asText())));
        }
        return v;
    }

    private static boolean allBytes(JsonNode arr) {
        for (JsonNode b : arr) {
            if (!b.isInt() || b.asInt() < 0 || b.asInt() > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean has(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v != null && !v.isNull();
    }

    private static void put(FieldMap f, String name, JsonNode v, List<String> truncated) {
        if (v == null) {
            return;
        }
        if (v.isTextual() && TRUNCATED.matcher(v.asText()).matches()) {
            truncated.add(name);
        } else if (v.isObject() || v.isArray() && !scalars(v)) {
            truncated.add(name + " (an object, kept as JSON)");
        }
        f.add(name, FieldMap.text(v));
    }

    private static boolean scalars(JsonNode arr) {
        for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (!n.isValueNode() && !n.isNull()) {
                return false;
            }
        }
        return true;
    }

    /** A GUID as TH's EVTX reader writes it: {@code {lower-case}}. */
    private static String guid(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isObject() ? v.path("Guid").asText() : v.asText();
        s = s.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.isEmpty() ? null : "{" + s.toLowerCase(Locale.ROOT) + "}";
    }
}
