package dev.th.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.th.hunt.ioa.MitreCatalog;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.DataFrame;

/**
 * An ATT&CK Navigator layer (layer format 4.5, enterprise domain, ATT&CK v18) of IoAs: one
 * technique per ATT&CK id named in the IoAs' {@code mitre} column, scored by how many IoAs name
 * it, with the rules that found it in its comment. Only ids of the shipped ATT&CK v18.1 table
 * ({@link MitreCatalog}) go into the layer; others (a rule tagged with a newer or mistyped id)
 * are left out and named in {@link Written#note()}. Needs IoAs: any other answer is an error.
 */
public final class NavigatorLayerWriter implements RowWriter {
    /** The layer format this writer follows. */
    public static final String LAYER_VERSION = "4.5";
    private static final Pattern ID = Pattern.compile("(?:^|;\\s*)(T\\d{4}(?:\\.\\d{3})?)\\b");
    private static final String RULE = "huntingRule";
    private static final String MITRE = "mitre";

    private final String name;

    /** A writer naming its layers {@code name}. */
    public NavigatorLayerWriter(String name) {
        this.name = name;
    }

    /** A writer naming its layers "TH IoAs". */
    public NavigatorLayerWriter() {
        this("TH IoAs");
    }

    private static final class Technique {
        int ioas;
        final Map<String, Integer> rules = new TreeMap<>();
    }

    @Override
    public Written write(DataFrame rows, Writer out) throws IOException {
        List<String> names = List.of(rows.getColumnsIndex().toArray());
        int mitre = names.indexOf(MITRE);
        int rule = names.indexOf(RULE);
        if (mitre < 0 || rule < 0) {
            throw new IllegalArgumentException("an ATT&CK Navigator layer is made of IoAs (columns mitre and huntingRule),"
                    + " and this answer has columns " + String.join(", ", names) + "; export IoAs: th ioa list, th hunt or the ioas method");
        }
        int time = names.indexOf("alertDateTime");
        MitreCatalog catalog = MitreCatalog.shared();
        Map<String, Technique> techniques = new TreeMap<>();
        Map<String, Integer> unknown = new TreeMap<>();
        Instant first = null;
        Instant last = null;
        for (int r = 0; r < rows.height(); r++) {
            String m = Cells.text(rows.get(mitre, r));
            Matcher x = ID.matcher(m);
            while (x.find()) {
                String id = x.group(1);
                if (catalog.name(id) == null) {
                    unknown.merge(id, 1, Integer::sum);
                    continue;
                }
                Technique t = techniques.computeIfAbsent(id, k -> new Technique());
                t.ioas++;
                t.rules.merge(Cells.text(rows.get(rule, r)), 1, Integer::sum);
            }
            Instant at = time < 0 ? null : Cells.instant(rows.get(time, r));
            if (at != null) {
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
        }
        ObjectNode layer = layer(rows.height(), first, last);
        ArrayNode list = layer.putArray("techniques");
        int max = 1;
        for (Map.Entry<String, Technique> e : techniques.entrySet()) {
            Technique t = e.getValue();
            max = Math.max(max, t.ioas);
            ObjectNode n = list.addObject();
            n.put("techniqueID", e.getKey());
            n.put("score", t.ioas);
            n.put("comment", t.ioas + (t.ioas == 1 ? " IoA: " : " IoAs: ") + rules(t.rules));
            n.put("enabled", true);
            ArrayNode meta = n.putArray("metadata");
            for (Map.Entry<String, Integer> rr : t.rules.entrySet()) {
                meta.addObject().put("name", "rule").put("value", rr.getKey() + " (" + rr.getValue() + ")");
            }
            n.put("showSubtechniques", false);
        }
        ObjectNode gradient = layer.putObject("gradient");
        gradient.putArray("colors").add("#ffe766").add("#ff6666");
        gradient.put("minValue", 0);
        gradient.put("maxValue", max);
        layer.putArray("legendItems");
        layer.put("showTacticRowBackground", false);
        layer.put("tacticRowBackground", "#dddddd");
        layer.put("selectTechniquesAcrossTactics", true);
        layer.put("selectSubtechniquesWithParent", false);
        layer.put("selectVisibleTechniques", false);
        layer.putArray("metadata").addObject().put("name", "source").put("value", "TH for Java");
        layer.putArray("links");
        Cells.mapper().writerWithDefaultPrettyPrinter().writeValue(out, layer);
        out.write('\n');
        long skipped = unknown.values().stream().mapToLong(Integer::longValue).sum();
        return new Written(techniques.size(), skipped, unknown.isEmpty() ? null
                : "left out of the layer, not in ATT&CK v18.1: " + rules(unknown));
    }

    private ObjectNode layer(int ioas, Instant first, Instant last) {
        ObjectNode layer = Cells.mapper().createObjectNode();
        layer.put("name", name);
        ObjectNode v = layer.putObject("versions");
        v.put("attack", "18");
        v.put("navigator", "5.2.0");
        v.put("layer", LAYER_VERSION);
        layer.put("domain", "enterprise-attack");
        layer.put("description", ioas + (ioas == 1 ? " IoA" : " IoAs") + " found by TH"
                + (first == null ? "" : ", alert times " + first + " .. " + last) + "; score = IoAs naming the technique");
        layer.putObject("filters").putArray("platforms").add("Windows");
        layer.put("sorting", 3);
        ObjectNode layout = layer.putObject("layout");
        layout.put("layout", "side");
        layout.put("aggregateFunction", "sum");
        layout.put("showID", true);
        layout.put("showName", true);
        layout.put("showAggregateScores", false);
        layout.put("countUnscored", false);
        layout.put("expandedSubtechniques", "annotated");
        layer.put("hideDisabled", false);
        return layer;
    }

    private static String rules(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(k + " (" + n + ")"));
        return String.join(", ", parts);
    }
}
