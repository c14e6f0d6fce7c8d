package dev.th.hunt.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a document against the required fields and allowed values of the Sigma JSON schemas
 * (detection rule, correlation rule, filter) in the specification.
 */
final class SchemaCheck {
    static final Set<String> STATUS = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    static final Set<String> LEVEL = Set.of("informational", "low", "medium", "high", "critical");
    static final Set<String> RELATED = Set.of("derived", "obsolete", "merged", "renamed", "similar");
    static final Set<String> CORRELATION = Set.of("event_count", "value_count", "temporal", "temporal_ordered",
            "value_sum", "value_avg", "value_percentile");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9_-]+\\.[a-z0-9._-]+$");
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private SchemaCheck() {
    }

    /** The violations of the document's schema (empty when it conforms). */
    static List<String> violations(Map<?, ?> doc, String kind) {
        List<String> v = new ArrayList<>();
        List<String> required = switch (kind) {
            case "correlation" -> List.of("title", "correlation");
            case "filter" -> List.of("title", "logsource", "filter");
            default -> List.of("title", "logsource", "detection");
        };
        for (String r : required) {
            if (!doc.containsKey(r)) {
                v.add("'" + r + "' is required");
            }
        }
        string(doc, "title", 256, v);
        string(doc, "name", 256, v);
        string(doc, "taxonomy", 256, v);
        string(doc, "description", 65535, v);
        string(doc, "author", -1, v);
        string(doc, "license", -1, v);
        Object id = doc.get("id");
        if (id != null && !(id instanceof String s && UUID.matcher(s).matches())) {
            v.add("'id' must be a UUID, not '" + id + "'");
        }
        oneOf(doc, "status", STATUS, v);
        oneOf(doc, "level", LEVEL, v);
        for (String d : List.of("date", "modified")) {
            Object o = doc.get(d);
            if (o != null && !(o instanceof String s && DATE.matcher(s).matches())) {
                v.add("'" + d + "' must be a date YYYY-MM-DD, not '" + o + "'");
            }
        }
        strings(doc, "references", v);
        strings(doc, "fields", v);
        strings(doc, "falsepositives", v);
        strings(doc, "scope", v);
        if (strings(doc, "tags", v)) {
            for (Object t : (List<?>) doc.get("tags")) {
                if (!TAG.matcher((String) t).matches()) {
                    v.add("tag '" + t + "' must look like namespace.name in lower case");
                }
            }
        }
        Object ls = doc.get("logsource");
        if (ls != null) {
            if (ls instanceof Map<?, ?> m) {
                for (String k : List.of("category", "product", "service", "definition")) {
                    if (m.get(k) != null && !(m.get(k) instanceof String)) {
                        v.add("'logsource." + k + "' must be a string");
                    }
                }
            } else {
                v.add("'logsource' must be a map");
            }
        }
        Object rel = doc.get("related");
        if (rel != null) {
            if (rel instanceof List<?> l) {
                for (Object r : l) {
                    if (!(r instanceof Map<?, ?> m) || !(m.get("id") instanceof String) || !(m.get("type") instanceof String t && RELATED.contains(t))) {
                        v.add("'related' entries need an id and a type in " + RELATED);
                        break;
                    }
                }
            } else {
                v.add("'related' must be a list");
            }
        }
        if (kind.equals("detection") && doc.get("detection") instanceof Map<?, ?> det && !det.containsKey("condition")) {
            v.add("'detection.condition' is required");
        }
        if (kind.equals("correlation") && doc.get("correlation") instanceof Map<?, ?> c) {
            for (String r : List.of("type", "rules", "timespan")) {
                if (!c.containsKey(r)) {
                    v.add("'correlation." + r + "' is required");
                }
            }
            if (c.get("type") != null && !CORRELATION.contains(c.get("type"))) {
                v.add("'correlation.type' must be one of " + CORRELATION + ", not '" + c.get("type") + "'");
            }
        }
        if (kind.equals("filter") && doc.get("filter") instanceof Map<?, ?> f) {
            for (String r : List.of("rules", "condition")) {
                if (!f.containsKey(r)) {
                    v.add("'filter." + r + "' is required");
                }
            }
        }
        return v;
    }

    private static void string(Map<?, ?> doc, String key, int max, List<String> v) {
        Object o = doc.get(key);
        if (o == null) {
            return;
        }
        if (!(o instanceof String s)) {
            v.add("'" + key + "' must be a string");
        } else if (max > 0 && s.length() > max) {
            v.add("'" + key + "' is longer than " + max + " characters");
        }
    }

    private static void oneOf(Map<?, ?> doc, String key, Set<String> allowed, List<String> v) {
        Object o = doc.get(key);
        if (o != null && !allowed.contains(o)) {
            v.add("'" + key + "' must be one of " + new java.util.TreeSet<>(allowed) + ", not '" + o + "'");
        }
    }

    private static boolean strings(Map<?, ?> doc, String key, List<String> v) {
        Object o = doc.get(key);
        if (o == null) {
            return false;
        }
        if (!(o instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
            v.add("'" + key + "' must be a list of strings");
            return false;
        }
        return true;
    }
}
