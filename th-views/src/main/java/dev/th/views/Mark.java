package dev.th.views;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Something to mark on a process of a tree: an IoA or a detection, with the process it is about
 * (its GUID, else its pid and image name).
 *
 * @param type "IoA" or "detection"
 * @param label the rule's title or the detection's name
 * @param severity the IoA's level (critical, high, medium, low, informational) or "detection"
 * @param mitre ATT&CK techniques (may be empty)
 * @param guid the process GUID (lower case, no braces), or null
 * @param pid the process id, or null
 * @param image the process image's file name (lower case), or null
 */
public record Mark(String type, String label, String severity, String mitre, String guid, Long pid, String image) {

    /**
     * The process each IoA is about, from the matched event its {@code details} hold: the acting
     * process of an access or a remote thread (SourceProcessGuid), the created one of a process
     * creation (ProcessGuid, Security's NewProcessId), else the process that acted.
     */
    public static List<Mark> ofIoas(RowSet ioas) {
        List<Mark> out = new ArrayList<>();
        for (Map<String, Object> r : ioas.rows()) {
            String details = RowSet.text(r, "details");
            JsonNode fields = null;
            if (details != null && details.startsWith("{")) {
                try {
                    fields = Json.MAPPER.readTree(details).path("event").path("fields");
                } catch (java.io.IOException e) {
                    fields = null;
                }
            }
            String guid = null;
            Long pid = null;
            String image = null;
            if (fields != null && fields.isObject()) {
                guid = guid(first(fields, "SourceProcessGuid", "ProcessGuid"));
                pid = pid(first(fields, "SourceProcessId", "NewProcessId", "ProcessId", "ProcessID"));
                image = baseName(first(fields, "SourceImage", "Image", "NewProcessName", "ProcessName", "Application"));
            }
            out.add(new Mark("IoA", RowSet.text(r, "huntingRule"), RowSet.text(r, "severity"),
                    RowSet.text(r, "mitre") == null ? "" : RowSet.text(r, "mitre"), guid, pid, image));
        }
        return out;
    }

    /** A detection (Machine.detections' rows) on the process of its ChildPath. */
    public static List<Mark> ofDetections(RowSet detections) {
        List<Mark> out = new ArrayList<>();
        for (Map<String, Object> r : detections.rows()) {
            String label = RowSet.text(r, "DetectionId");
            String tech = RowSet.text(r, "WinningTech");
            out.add(new Mark("detection", (label == null ? "detection" : label) + (tech == null ? "" : " (" + tech + ")"),
                    "detection", "", null, null, baseName(RowSet.text(r, "ChildPath"))));
        }
        return out;
    }

    private static String first(JsonNode fields, String... names) {
        for (String n : names) {
            JsonNode v = fields.get(n);
            if (v != null && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    static String guid(String g) {
        return g == null ? null : g.trim().replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
    }

    static Long pid(String p) {
        if (p == null) {
            return null;
        }
        String s = p.trim().toLowerCase(Locale.ROOT);
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String baseName(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.replace('/', '\\');
        return p.substring(p.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
    }
}
