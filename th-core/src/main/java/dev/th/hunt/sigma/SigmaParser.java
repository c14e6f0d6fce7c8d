package dev.th.hunt.sigma;

import dev.th.hunt.RuleInfo;
import dev.th.hunt.RuleProblem;
import dev.th.hunt.match.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parses one rule file (one or more YAML documents) into detection rules, correlation rules and
 * filters. A bad document becomes a {@link RuleProblem}; the other documents still load.
 */
public final class SigmaParser {
    private static final Set<String> COMPARISONS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");

    private SigmaParser() {
    }

    /** Parses {@code file}; rules go to {@code rules}, problems to {@code problems}. */
    public static void parse(Path file, Consumer<SigmaRule> rules, Consumer<RuleProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.accept(new RuleProblem(file.toString(), null, "cannot read the file: " + e.getMessage()));
            return;
        }
        parse(file.toString(), text, rules, problems);
    }

    /** Parses the text of a rule file named {@code source}, as {@link #parse(Path, Consumer, Consumer)} does. */
    public static void parse(String source, String text, Consumer<SigmaRule> rules, Consumer<RuleProblem> problems) {
        List<Object> docs;
        try {
            docs = SigmaYaml.documents(text);
        } catch (RuntimeException e) {
            problems.accept(new RuleProblem(source, null, "not valid YAML: " + oneLine(e.getMessage())));
            return;
        }
        if (docs.isEmpty()) {
            problems.accept(new RuleProblem(source, null, "the file holds no YAML document"));
        }
        for (Object d : docs) {
            String label = null;
            try {
                if (!(d instanceof Map<?, ?> doc)) {
                    throw new RuleException("a rule document must be a YAML map, not " + ValueCompiler.describe(d));
                }
                label = doc.get("id") != null ? String.valueOf(doc.get("id"))
                        : doc.get("title") != null ? String.valueOf(doc.get("title")) : null;
                rules.accept(document(doc, source));
            } catch (RuleException e) {
                problems.accept(new RuleProblem(source, label, e.getMessage()));
            } catch (RuntimeException e) {
                problems.accept(new RuleProblem(source, label, "unexpected: " + e));
            }
        }
    }

    static SigmaRule document(Map<?, ?> doc, String source) throws RuleException {
        if (doc.containsKey("action")) {
            throw new RuleException("'action: " + doc.get("action") + "' documents are Sigma 1 rule collections; "
                    + "write each rule as its own document");
        }
        String kind = doc.containsKey("correlation") ? "correlation" : doc.containsKey("filter") && !doc.containsKey("detection")
                ? "filter" : "detection";
        List<String> violations = SchemaCheck.violations(doc, kind);
        if (!violations.isEmpty()) {
            throw new RuleException("schema: " + String.join("; ", violations));
        }
        RuleInfo info = new RuleInfo(str(doc.get("id")), str(doc.get("title")), str(doc.get("level")),
                str(doc.get("status")), strings(doc.get("tags")), str(doc.get("author")), strings(doc.get("references")),
                str(doc.get("description")), source);
        String name = str(doc.get("name"));
        switch (kind) {
            case "correlation":
                return correlation(info, name, doc.get("correlation") instanceof Map<?, ?> c ? c : null);
            case "filter": {
                Map<?, ?> f = map(doc.get("filter"), "filter");
                Node cond = DetectionParser.compile(f, List.of("rules"));
                return new SigmaRule.Filter(info, name, logsource(doc), refs(f.get("rules"), "filter.rules"), cond);
            }
            default: {
                Node cond = DetectionParser.compile(map(doc.get("detection"), "detection"), List.of());
                return new SigmaRule.Detection(info, name, logsource(doc), cond);
            }
        }
    }

    private static SigmaRule.Correlation correlation(RuleInfo info, String name, Map<?, ?> c) throws RuleException {
        if (c == null) {
            throw new RuleException("'correlation' must be a map");
        }
        String type = String.valueOf(c.get("type"));
        List<String> rules = refs(c.get("rules"), "correlation.rules");
        List<String> groupBy = c.get("group-by") == null ? List.of() : refs(c.get("group-by"), "correlation.group-by");
        Duration span = timespan(String.valueOf(c.get("timespan")));
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (c.get("aliases") != null) {
            for (Map.Entry<?, ?> a : map(c.get("aliases"), "correlation.aliases").entrySet()) {
                Map<String, String> perRule = new LinkedHashMap<>();
                for (Map.Entry<?, ?> r : map(a.getValue(), "correlation.aliases." + a.getKey()).entrySet()) {
                    perRule.put(String.valueOf(r.getKey()), String.valueOf(r.getValue()));
                }
                aliases.put(String.valueOf(a.getKey()), perRule);
            }
        }
        String field = null;
        Map<String, Double> cond = new LinkedHashMap<>();
        if (c.get("condition") != null) {
            for (Map.Entry<?, ?> e : map(c.get("condition"), "correlation.condition").entrySet()) {
                String op = String.valueOf(e.getKey());
                if (op.equals("field")) {
                    field = str(e.getValue());
                    continue;
                }
                if (!COMPARISONS.contains(op)) {
                    throw new RuleException("correlation.condition: unknown operator '" + op + "' (allowed: gt, gte, lt, lte, eq, neq, field)");
                }
                try {
                    cond.put(op, Double.parseDouble(String.valueOf(e.getValue())));
                } catch (NumberFormatException x) {
                    throw new RuleException("correlation.condition." + op + " must be a number, not '" + e.getValue() + "'");
                }
            }
        }
        boolean temporal = type.startsWith("temporal");
        if (!temporal && cond.isEmpty()) {
            throw new RuleException("correlation type " + type + " needs a condition (gt, gte, lt, lte, eq or neq)");
        }
        if ((type.startsWith("value_")) && field == null) {
            throw new RuleException("correlation type " + type + " needs 'field' in its condition");
        }
        Object gen = c.get("generate");
        return new SigmaRule.Correlation(info, name, type, rules, groupBy, span, aliases, field, cond,
                Boolean.TRUE.equals(gen));
    }

    static Duration timespan(String s) throws RuleException {
        if (s == null || !s.matches("\\d+[smhd]")) {
            throw new RuleException("correlation.timespan '" + s + "' must be a number and s, m, h or d (e.g. 90m)");
        }
        String digits = s.substring(0, s.length() - 1);
        long n = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
        Duration span = switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(Math.min(n, MAX_TIMESPAN.toSeconds() + 1));
            case 'm' -> Duration.ofMinutes(Math.min(n, MAX_TIMESPAN.toMinutes() + 1));
            case 'h' -> Duration.ofHours(Math.min(n, MAX_TIMESPAN.toHours() + 1));
            default -> Duration.ofDays(Math.min(n, MAX_TIMESPAN.toDays() + 1));
        };
        if (span.compareTo(MAX_TIMESPAN) > 0) {
            throw new RuleException("correlation.timespan '" + s + "' is longer than " + MAX_TIMESPAN.toDays()
                    + " days: no log spans that");
        }
        return span;
    }

    /** The longest correlation timespan taken (100 years): longer ones are refused, not overflowed. */
    static final Duration MAX_TIMESPAN = Duration.ofDays(36_500);

    private static LogSource logsource(Map<?, ?> doc) throws RuleException {
        Map<?, ?> ls = map(doc.get("logsource"), "logsource");
        return new LogSource(str(ls.get("category")), str(ls.get("product")), str(ls.get("service")));
    }

    private static Map<?, ?> map(Object o, String what) throws RuleException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new RuleException("'" + what + "' must be a map, not " + ValueCompiler.describe(o));
    }

    private static List<String> refs(Object o, String what) throws RuleException {
        if (o instanceof String s) {
            return List.of(s);
        }
        if (o instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof String)) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add((String) x));
            return out;
        }
        throw new RuleException("'" + what + "' must be a non-empty list of strings");
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(x -> out.add(String.valueOf(x)));
            return List.copyOf(out);
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
