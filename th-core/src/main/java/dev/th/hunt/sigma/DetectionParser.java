package dev.th.hunt.sigma;

import dev.th.hunt.match.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@code detection} (or a filter's) section: each search identifier (a map of field
 * items joined by AND, a list of such maps joined by OR, or a list of keywords) and the
 * condition (one string, or a list of them joined by OR).
 */
final class DetectionParser {
    private DetectionParser() {
    }

    /**
     * @param section the detection map, with {@code condition}
     * @param skip keys that are not search identifiers (e.g. {@code rules} in a filter)
     */
    static Node compile(Map<?, ?> section, List<String> skip) throws RuleException {
        Map<String, Node> ids = new LinkedHashMap<>();
        Object condition = null;
        for (Map.Entry<?, ?> e : section.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals("condition")) {
                condition = e.getValue();
            } else if (name.equals("timeframe")) {
                throw new RuleException("detection.timeframe is the obsolete Sigma 1 aggregation window; "
                        + "write a correlation rule instead");
            } else if (!skip.contains(name)) {
                try {
                    ids.put(name, identifier(e.getValue()));
                } catch (RuleException x) {
                    throw new RuleException("search identifier '" + name + "': " + x.getMessage());
                }
            }
        }
        if (condition == null) {
            throw new RuleException("detection has no condition");
        }
        if (condition instanceof String s) {
            return ConditionParser.parse(s, ids);
        }
        if (condition instanceof List<?> list && !list.isEmpty()) {
            List<Node> parts = new ArrayList<>();
            for (Object c : list) {
                if (!(c instanceof String s)) {
                    throw new RuleException("condition list holds " + ValueCompiler.describe(c) + ", not a string");
                }
                parts.add(ConditionParser.parse(s, ids));
            }
            return Node.or(parts);
        }
        throw new RuleException("condition must be a string or a list of strings, not " + ValueCompiler.describe(condition));
    }

    private static Node identifier(Object v) throws RuleException {
        if (v instanceof Map<?, ?> map) {
            return map(map);
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new RuleException("empty list");
            }
            if (list.stream().allMatch(o -> o instanceof Map)) {
                List<Node> parts = new ArrayList<>();
                for (Object o : list) {
                    parts.add(map((Map<?, ?>) o));
                }
                return Node.or(parts);
            }
            if (list.stream().noneMatch(o -> o instanceof Map || o instanceof List)) {
                return ValueCompiler.compile(null, List.of(), new ArrayList<>(list));
            }
            throw new RuleException("a list must hold either maps or plain keywords, not both");
        }
        throw new RuleException("must be a map or a list (of maps or keywords), not " + ValueCompiler.describe(v));
    }

    private static Node map(Map<?, ?> map) throws RuleException {
        if (map.isEmpty()) {
            throw new RuleException("empty map");
        }
        List<Node> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String[] split = key.split("\\|", -1);
            String field = split[0].isEmpty() ? null : split[0];
            List<String> mods = new ArrayList<>(Arrays.asList(split).subList(1, split.length));
            if (mods.contains("")) {
                throw new RuleException("'" + key + "' has an empty modifier");
            }
            Object v = e.getValue();
            List<Object> values = v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(Arrays.asList(v));
            if (mods.contains("all") && values.size() == 1 && !(v instanceof List)) {
                throw new RuleException("'" + key + "': 'all' on a single value is not allowed by the specification");
            }
            parts.add(ValueCompiler.compile(field, mods, values));
        }
        return Node.and(parts);
    }
}
