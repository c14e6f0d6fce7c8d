package dev.th.hunt.sigma;

import dev.th.hunt.match.FieldNodes;
import dev.th.hunt.match.Node;
import dev.th.hunt.match.RuleRegex;
import dev.th.hunt.match.ValueTest;
import dev.th.hunt.match.ValueTests;
import dev.th.hunt.match.Wildcard;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one detection item ({@code Field|mod|mod: value or list}) into a compiled node, applying
 * every value modifier of the Sigma modifiers appendix.
 */
final class ValueCompiler {
    static final Set<String> MODIFIERS = Set.of("contains", "startswith", "endswith", "all", "exists", "cased", "neq",
            "windash", "re", "i", "m", "s", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "lt",
            "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year", "cidr", "expand", "fieldref");
    private static final Set<String> TIME = Set.of("minute", "hour", "day", "week", "month", "year");
    private static final Set<String> COMPARE = Set.of("lt", "lte", "gt", "gte");
    private static final Pattern DASH = Pattern.compile("(?<![\\w])[-/\u2013\u2014\u2015](?=\\w)");
    private static final String DASHES = "-/\u2013\u2014\u2015";
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_.-]+)%");

    private ValueCompiler() {
    }

    /**
     * @param field the Sigma field name, or null for a field-less keyword search
     * @param mods the modifiers in the order written
     * @param values the values (String, or null); a single value is a one-item list
     */
    static Node compile(String field, List<String> mods, List<Object> values) throws RuleException {
        String where = field == null ? "keywords" : "field '" + field + "'";
        for (String m : mods) {
            if (!MODIFIERS.contains(m)) {
                throw new RuleException(where + ": unknown modifier '" + m + "' (supported: "
                        + String.join(", ", new java.util.TreeSet<>(MODIFIERS)) + ")");
            }
        }
        if (values.isEmpty()) {
            throw new RuleException(where + ": empty list of values");
        }
        boolean all = mods.contains("all");
        boolean cased = mods.contains("cased");
        boolean neq = mods.contains("neq");
        if (mods.contains("exists")) {
            if (field == null || values.size() != 1 || !(values.get(0) instanceof Boolean b)) {
                throw new RuleException(where + ": 'exists' takes one value, true or false");
            }
            return FieldNodes.exists(field, b);
        }
        if (mods.contains("fieldref")) {
            return fieldRef(field, where, mods, values, all, cased, neq);
        }
        if (mods.contains("expand")) {
            for (Object v : values) {
                Matcher m = PLACEHOLDER.matcher(String.valueOf(v));
                if (m.find()) {
                    throw new RuleException(where + ": placeholder %" + m.group(1)
                            + "% has no value (TH has no placeholder table; 'expand' needs one)");
                }
            }
        }
        List<Node> nulls = new ArrayList<>();
        List<ValueTest> tests = new ArrayList<>();
        for (Object v : values) {
            if (v == null) {
                if (field == null) {
                    throw new RuleException("keywords: null is not a keyword");
                }
                nulls.add(FieldNodes.isNull(field));
                continue;
            }
            if (v instanceof List || v instanceof java.util.Map) {
                throw new RuleException(where + ": a value must be a string, number or boolean, not " + describe(v));
            }
            tests.add(valueTest(where, mods, String.valueOf(v), cased, field == null));
        }
        List<Node> parts = new ArrayList<>(nulls);
        if (!tests.isEmpty()) {
            if (field == null) {
                parts.add(FieldNodes.keywords(tests, all));
            } else if (neq) {
                parts.add(FieldNodes.fieldNot(field, tests));
            } else {
                parts.add(FieldNodes.field(field, tests, all));
            }
        }
        return all ? Node.and(parts) : Node.or(parts);
    }

    private static ValueTest valueTest(String where, List<String> mods, String value, boolean cased, boolean keyword)
            throws RuleException {
        for (String m : mods) {
            if (COMPARE.contains(m)) {
                double d = ValueTests.number(value);
                if (Double.isNaN(d)) {
                    throw new RuleException(where + ": '" + m + "' needs a number, got '" + value + "'");
                }
                return ValueTests.compare(m, d);
            }
            if (TIME.contains(m)) {
                double d = ValueTests.number(value);
                if (Double.isNaN(d)) {
                    throw new RuleException(where + ": '" + m + "' needs a number, got '" + value + "'");
                }
                String op = mods.stream().filter(COMPARE::contains).findFirst().orElse("eq");
                return ValueTests.timePart(m, ValueTests.compareOp(op, d));
            }
        }
        if (mods.contains("cidr")) {
            try {
                return ValueTests.cidr(value);
            } catch (IllegalArgumentException e) {
                throw new RuleException(where + ": cidr " + e.getMessage());
            }
        }
        if (mods.contains("re")) {
            try {
                return RuleRegex.compile(value, mods.contains("i"), mods.contains("m"), mods.contains("s"));
            } catch (PatternSyntaxException e) {
                throw new RuleException(where + ": bad regular expression '" + value + "': "
                        + e.getDescription() + " at index " + e.getIndex());
            }
        }
        List<String> variants = spellings(where, mods, value);
        // a keyword is found anywhere in a value (full-text search)
        boolean contains = keyword || mods.contains("contains");
        boolean before = contains || mods.contains("endswith");
        boolean after = contains || mods.contains("startswith");
        List<ValueTest> tests = new ArrayList<>(variants.size());
        for (String v : variants) {
            tests.add(Wildcard.compile(Wildcard.wrap(Wildcard.decode(v), before, after), cased));
        }
        return tests.size() == 1 ? tests.get(0) : new ValueTest.AnyOf(tests.toArray(ValueTest[]::new));
    }

    /** The spellings of a plain value that its modifiers (windash, wide/utf16, base64, base64offset) ask for. */
    static List<String> spellings(String where, List<String> mods, String value) throws RuleException {
        List<String> variants = new ArrayList<>(List.of(value));
        Charset enc = null;
        boolean bom = false;
        boolean dashed = false;
        for (String m : mods) {
            switch (m) {
                // every dash spelling is already among the variants: a second windash adds nothing
                // (and, applied again, would multiply them: 625 spellings become 390,625)
                case "windash" -> {
                    if (!dashed) {
                        variants = windash(variants);
                        dashed = true;
                    }
                }
                case "wide", "utf16le" -> enc = StandardCharsets.UTF_16LE;
                case "utf16be" -> enc = StandardCharsets.UTF_16BE;
                case "utf16" -> {
                    enc = StandardCharsets.UTF_16LE;
                    bom = true;
                }
                case "base64", "base64offset" -> {
                    List<String> out = new ArrayList<>();
                    for (String v : variants) {
                        byte[] b = bytes(where, v, enc, bom);
                        if (m.equals("base64")) {
                            out.add(Wildcard.escape(Base64.getEncoder().encodeToString(b)));
                        } else {
                            for (String s : base64Offsets(b)) {
                                out.add(Wildcard.escape(s));
                            }
                        }
                    }
                    variants = out;
                    enc = null;
                    bom = false;
                }
                default -> {
                }
            }
        }
        if (enc != null) {
            List<String> out = new ArrayList<>();
            for (String v : variants) {
                out.add(Wildcard.escape(new String(bytes(where, v, enc, bom), StandardCharsets.ISO_8859_1)));
            }
            variants = out;
        }
        return variants;
    }

    private static byte[] bytes(String where, String sigma, Charset enc, boolean bom) throws RuleException {
        String decoded = Wildcard.decode(sigma);
        if (Wildcard.hasWildcards(decoded)) {
            throw new RuleException(where + ": cannot encode a value with wildcards: '" + sigma + "'");
        }
        byte[] b = decoded.getBytes(enc == null ? StandardCharsets.UTF_8 : enc);
        if (bom) {
            byte[] w = new byte[b.length + 2];
            w[0] = (byte) 0xFF;
            w[1] = (byte) 0xFE;
            System.arraycopy(b, 0, w, 2, b.length);
            return w;
        }
        return b;
    }

    /** The three base64 forms of a value that starts at byte offset 0, 1 or 2 of a longer text. */
    static List<String> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[value.length + i];
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int trim = endTrim[(value.length + i) % 3];
            int end = enc.length() - trim;
            if (end > start[i]) {
                out.add(enc.substring(start[i], end));
            }
        }
        return out;
    }

    /** Every spelling of the value with each option dash as '-', '/', en dash, em dash or bar. */
    static List<String> windash(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            List<Integer> at = new ArrayList<>();
            Matcher m = DASH.matcher(v);
            while (m.find()) {
                at.add(m.start());
            }
            int combos = (int) Math.pow(DASHES.length(), Math.min(at.size(), 4));
            for (int c = 0; c < combos; c++) {
                char[] chars = v.toCharArray();
                int k = c;
                for (int j = 0; j < at.size(); j++) {
                    chars[at.get(j)] = DASHES.charAt(j < 4 ? k % DASHES.length() : (c % DASHES.length()));
                    k /= DASHES.length();
                }
                out.add(new String(chars));
            }
        }
        return out;
    }

    private static Node fieldRef(String field, String where, List<String> mods, List<Object> values, boolean all,
            boolean cased, boolean neq) throws RuleException {
        if (field == null) {
            throw new RuleException("keywords: 'fieldref' needs a field");
        }
        FieldNodes.RefMode mode = mods.contains("contains") ? FieldNodes.RefMode.CONTAINS
                : mods.contains("startswith") ? FieldNodes.RefMode.STARTSWITH
                : mods.contains("endswith") ? FieldNodes.RefMode.ENDSWITH : FieldNodes.RefMode.EQUALS;
        List<Node> parts = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof String s)) {
                throw new RuleException(where + ": 'fieldref' takes field names, got " + describe(v));
            }
            parts.add(FieldNodes.fieldRef(field, s, mode, cased, neq));
        }
        return all ? Node.and(parts) : Node.or(parts);
    }

    static String describe(Object v) {
        return v == null ? "null" : v instanceof List ? "a list" : v instanceof java.util.Map ? "a map" : "'" + v + "'";
    }
}
