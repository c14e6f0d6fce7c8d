package dev.th.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 document of the route table (so that it cannot drift from what is served). */
final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    static Map<String, Object> of(List<Route> routes) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<>());
            List<Map<String, Object>> params = new java.util.ArrayList<>();
            Matcher m = PATH_PARAM.matcher(r.path());
            while (m.find()) {
                params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            for (String q : r.params()) {
                params.add(Map.of("name", q, "in", "query", "required", false, "schema", Map.of("type", "string")));
            }
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("summary", r.summary());
            op.put("parameters", params);
            if (r.role() != null) {
                op.put("security", List.of(Map.of("token", List.of())));
                op.put("x-th-role", r.role().name().toLowerCase(Locale.ROOT));
            }
            op.put("responses", Map.of("200", Map.of("description", "OK"),
                    "default", Map.of("description", "application/problem+json: what was wrong and what to fix")));
            item.put(r.method().toLowerCase(Locale.ROOT), op);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "TH HTTP API", "version", "0.1"));
        doc.put("components", Map.of("securitySchemes", Map.of("token", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("paths", paths);
        return doc;
    }
}
