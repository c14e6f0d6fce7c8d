package dev.th.views.report;

import dev.th.views.Section;
import dev.th.views.TableView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IoAs on an ATT&CK matrix: one column per tactic (in ATT&CK's order), under it the techniques
 * the IoAs name, with their count. Tactics come from the ATT&CK v18.1 table beside this class.
 */
final class AttackMatrix {
    static final List<String> TACTICS = List.of("reconnaissance", "resource-development", "initial-access", "execution",
            "persistence", "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
            "collection", "command-and-control", "exfiltration", "impact");
    private static final Map<String, List<String>> TACTICS_OF = read();

    private AttackMatrix() {
    }

    /** {@code mitre} values ("T1003.001 LSASS Memory; T1218.011 Rundll32") with how many IoAs name each. */
    static Section of(Map<String, Long> byTechnique) {
        Map<String, TreeMap<String, Long>> columns = new LinkedHashMap<>();
        for (String t : TACTICS) {
            columns.put(t, new TreeMap<>());
        }
        columns.put("(tactic unknown)", new TreeMap<>());
        for (Map.Entry<String, Long> e : byTechnique.entrySet()) {
            String id = e.getKey().split(" ", 2)[0];
            List<String> tactics = TACTICS_OF.getOrDefault(id, TACTICS_OF.get(id.split("\\.")[0]));
            if (tactics == null || tactics.isEmpty()) {
                columns.get("(tactic unknown)").merge(e.getKey(), e.getValue(), Long::sum);
            } else {
                for (String t : tactics) {
                    columns.computeIfAbsent(t, k -> new TreeMap<>()).merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        columns.values().removeIf(Map::isEmpty);
        List<String> names = new ArrayList<>(columns.keySet());
        int height = columns.values().stream().mapToInt(Map::size).max().orElse(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<Map.Entry<String, Long>>> lists = new ArrayList<>();
        for (TreeMap<String, Long> c : columns.values()) {
            List<Map.Entry<String, Long>> l = new ArrayList<>(c.entrySet());
            l.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            lists.add(l);
        }
        for (int i = 0; i < height; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                List<Map.Entry<String, Long>> l = lists.get(c);
                r.put(names.get(c), i < l.size() ? l.get(i).getKey() + " (" + l.get(i).getValue() + ")" : "");
            }
            rows.add(r);
        }
        Section s = TableView.of("IoAs by ATT&CK technique", names, rows, 200);
        return s.noted(byTechnique.isEmpty() ? "No IoA names an ATT&CK technique."
                : byTechnique.size() + " techniques under " + names.size() + " tactics; (n) = IoAs naming the technique. "
                        + "ATT&CK v18.1 \u00a9 The MITRE Corporation.");
    }

    private static Map<String, List<String>> read() {
        Map<String, List<String>> m = new TreeMap<>();
        try (InputStream in = AttackMatrix.class.getResourceAsStream("attack-tactics.tsv")) {
            if (in == null) {
                throw new IllegalStateException("attack-tactics.tsv is missing from th-views");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.startsWith("id\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length == 2) {
                    m.put(f[0], List.of(f[1].split(",")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
