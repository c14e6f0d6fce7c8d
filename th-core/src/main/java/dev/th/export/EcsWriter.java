package dev.th.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.th.Hits;
import dev.th.hunt.ioa.MitreCatalog;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.DataFrame;

/**
 * ECS-shaped JSON lines for Elastic: one document per row with {@code @timestamp},
 * {@code ecs.version}, {@code event.kind} ({@code alert} for IoAs, else {@code event}),
 * {@code event.category}, and each column in its ECS field ({@code ecs-fields.tsv}): the acting
 * process in {@code process.*}, its parent in {@code process.parent.*}, files in {@code file.*},
 * registry in {@code registry.*}, connection ends in {@code source.*}/{@code destination.*} by
 * direction, an IoA's rule in {@code rule.*} and its techniques in {@code threat.technique.*}.
 * Columns ECS has no field for are kept under {@code th.*}; empty values are left out.
 */
public final class EcsWriter implements RowWriter {
    /** The ECS version the documents follow. */
    public static final String ECS_VERSION = "8.11.0";
    private static final Pattern TECHNIQUE = Pattern.compile("(?:^|;\\s*)(T\\d{4}(?:\\.\\d{3})?)\\b");

    private final String family;

    private EcsWriter(String family) {
        this.family = family;
    }

    /** A writer that tells the family of an answer from its columns (a file answer reads as processes: use {@link #of(String)}). */
    public static EcsWriter inferred() {
        return new EcsWriter(null);
    }

    /** A writer for answers of {@code family}: process, file, registry, network, alert or detection. */
    public static EcsWriter of(String family) {
        return new EcsWriter(family);
    }

    /** Writes {@code hits} with the family of its rows' type (a {@code File} row is a file action). */
    @Override
    public Written write(Hits<?> hits, Writer out) throws IOException {
        String f = family;
        if (f == null && !hits.isEmpty()) {
            f = switch (hits.get(0).getClass().getSimpleName()) {
                case "File" -> "file";
                case "Registry" -> "registry";
                case "Connection" -> "network";
                case "IoA" -> "alert";
                case "Detect", "Block" -> "detection";
                case "Process" -> "process";
                default -> null;
            };
        }
        return new EcsWriter(f).write(hits.frame(), out);
    }

    @Override
    public Written write(DataFrame rows, Writer out) throws IOException {
        String[] names = rows.getColumnsIndex().toArray();
        String fam = family != null ? family : infer(List.of(names));
        EcsFields fields = EcsFields.shared();
        int direction = List.of(names).indexOf("Direction");
        for (int r = 0; r < rows.height(); r++) {
            ObjectNode doc = Cells.mapper().createObjectNode();
            doc.putNull("@timestamp");
            doc.putObject("ecs").put("version", ECS_VERSION);
            ObjectNode event = doc.putObject("event");
            event.put("kind", fam.equals("alert") ? "alert" : "event");
            String category = category(fam);
            if (category != null) {
                event.putArray("category").add(category);
            }
            boolean incoming = direction >= 0 && "Incoming".equalsIgnoreCase(Cells.text(rows.get(direction, r)));
            for (int c = 0; c < names.length; c++) {
                Object v = rows.get(c, r);
                if (v == null || Cells.text(v).isEmpty()) {
                    continue;
                }
                EcsFields.Field f = fields.field(fam, names[c]);
                if (f == null) {
                    if ("mitre".equals(names[c])) {
                        threat(doc, Cells.text(v));
                    }
                    put(doc, "th." + names[c], value(names[c], v, ""));
                    continue;
                }
                String path = f.path().replace("{remote}", incoming ? "source" : "destination")
                        .replace("{local}", incoming ? "destination" : "source");
                put(doc, path, value(names[c], v, f.transform()));
            }
            if (doc.get("@timestamp").isNull()) {
                doc.remove("@timestamp");
            }
            Cells.mapper().writeValue(out, doc);
            out.write('\n');
        }
        return Written.all(rows.height());
    }

    private static String infer(List<String> names) {
        if (names.contains("huntingRule")) {
            return "alert";
        }
        if (names.contains("Key")) {
            return "registry";
        }
        if (names.contains("RemotePort")) {
            return "network";
        }
        if (names.contains("WinningTech")) {
            return "detection";
        }
        return names.contains("ChildFilename") ? "process" : "*";
    }

    private static String category(String family) {
        return switch (family) {
            case "process", "file", "registry", "network" -> family;
            case "alert" -> "intrusion_detection";
            case "detection" -> "malware";
            default -> null;
        };
    }

    private static JsonNode value(String column, Object v, String transform) throws IOException {
        JsonNode n;
        if (v instanceof Number || v instanceof Boolean) {
            n = Cells.mapper().valueToTree(v);
        } else if (Cells.NESTED_JSON.equals(column) && v instanceof String s && s.startsWith("{")) {
            n = Cells.mapper().readTree(s);
        } else {
            String s = Cells.text(v);
            s = switch (transform) {
                case "lower" -> s.toLowerCase(Locale.ROOT);
                case "direction" -> s.equalsIgnoreCase("Outgoing") ? "egress" : s.equalsIgnoreCase("Incoming") ? "ingress" : "unknown";
                default -> s;
            };
            n = Cells.mapper().getNodeFactory().textNode(s);
        }
        if ("array".equals(transform)) {
            ArrayNode a = Cells.mapper().createArrayNode();
            a.add(n);
            return a;
        }
        return n;
    }

    private static void threat(ObjectNode doc, String mitre) {
        Matcher m = TECHNIQUE.matcher(mitre);
        ArrayNode ids = null;
        ArrayNode names = null;
        while (m.find()) {
            if (ids == null) {
                ObjectNode threat = doc.putObject("threat");
                threat.put("framework", "MITRE ATT&CK");
                ObjectNode technique = threat.putObject("technique");
                ids = technique.putArray("id");
                names = technique.putArray("name");
            }
            String name = MitreCatalog.shared().name(m.group(1));
            ids.add(m.group(1));
            names.add(name == null ? "" : name);
        }
    }

    private static void put(ObjectNode doc, String path, JsonNode value) {
        if (path.startsWith("@")) {
            doc.set(path, value);
            return;
        }
        String[] parts = path.split("\\.");
        ObjectNode at = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value);
    }
}
