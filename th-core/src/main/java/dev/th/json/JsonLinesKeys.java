package dev.th.json;

import java.util.Map;

/**
 * Renames the keys of a JSON-lines event (dotted paths for nested objects) to the names the
 * EVTX reader gives the same fields, so the normalizer sees one vocabulary.
 *
 * <ul>
 *   <li>Winlogbeat: {@code winlog.channel} → {@code Channel}, {@code winlog.computer_name} →
 *       {@code Computer}, {@code winlog.process.pid} → {@code Execution_ProcessID} ...;
 *       {@code winlog.event_data.X} and {@code winlog.user_data.X} → {@code X}.</li>
 *   <li>Flat exports (OTRF, NXLog): {@code Hostname} → {@code Computer}, {@code SourceName} →
 *       {@code Provider_Name}, {@code RecordNumber} → {@code EventRecordID} ...</li>
 *   <li>{@code ProcessID} is the provider's (→ {@code Execution_ProcessID}) only when
 *       {@code ThreadID} sits beside it, as NXLog writes the Execution element; otherwise it is
 *       the event's own field (Security 5156 names its process {@code ProcessID}) and keeps its
 *       name, like {@code ProcessId}.</li>
 *   <li>Any other dotted path is joined with {@code _}.</li>
 * </ul>
 */
final class JsonLinesKeys {
    private static final Map<String, String> WINLOG = Map.ofEntries(
            Map.entry("winlog.channel", "Channel"),
            Map.entry("winlog.computer_name", "Computer"),
            Map.entry("winlog.provider_name", "Provider_Name"),
            Map.entry("winlog.provider_guid", "Provider_Guid"),
            Map.entry("winlog.event_source", "Provider_EventSourceName"),
            Map.entry("winlog.record_id", "EventRecordID"),
            Map.entry("winlog.event_id", "EventID"),
            Map.entry("winlog.process.pid", "Execution_ProcessID"),
            Map.entry("winlog.process.thread.id", "Execution_ThreadID"),
            Map.entry("winlog.user.identifier", "Security_UserID"),
            Map.entry("winlog.version", "Version"),
            Map.entry("winlog.opcode", "Opcode"),
            Map.entry("winlog.task", "Task"),
            Map.entry("winlog.keywords", "Keywords"),
            Map.entry("winlog.activity_id", "Correlation_ActivityID"),
            Map.entry("winlog.related_activity_id", "Correlation_RelatedActivityID"));

    private static final Map<String, String> FLAT = Map.of(
            "Hostname", "Computer",
            "SourceName", "Provider_Name",
            "ProviderGuid", "Provider_Guid",
            "RecordNumber", "EventRecordID",
            "ExecutionProcessID", "Execution_ProcessID",
            "ExecutionThreadID", "Execution_ThreadID",
            "ActivityID", "Correlation_ActivityID",
            "RelatedActivityID", "Correlation_RelatedActivityID");

    private JsonLinesKeys() {
    }

    /** A new map with every key renamed, in the same order. */
    static FieldMap rename(FieldMap dotted) {
        boolean nxlogExecution = dotted.has("ProcessID") && dotted.has("ThreadID");
        FieldMap out = new FieldMap();
        for (Map.Entry<String, String> e : dotted.map().entrySet()) {
            out.add(name(e.getKey(), nxlogExecution), e.getValue());
        }
        return out;
    }

    private static String name(String key, boolean nxlogExecution) {
        if (key.startsWith("winlog.event_data.") || key.startsWith("winlog.user_data.")) {
            return key.substring(key.lastIndexOf('.') + 1);
        }
        String mapped = WINLOG.get(key);
        if (mapped == null) {
            mapped = FLAT.get(key);
        }
        if (mapped != null) {
            return mapped;
        }
        if (nxlogExecution) {
            switch (key) {
                case "ProcessID":
                    return "Execution_ProcessID";
                case "ThreadID":
                    return "Execution_ThreadID";
                case "UserID":
                    return "Security_UserID";
                default:
                    break;
            }
        }
        return key.replace('.', '_');
    }
}
