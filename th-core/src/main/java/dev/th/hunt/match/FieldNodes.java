package dev.th.hunt.match;

import java.util.List;

/** Nodes that test named fields, field-less keywords, presence and field references. */
public final class FieldNodes {
    private FieldNodes() {
    }

    /** The field is present and one (or, with {@code all}, every) test holds on its value. */
    public record FieldTest(int field, ValueTest[] tests, boolean all) implements Node {
        @Override
        public boolean test(EventView ev) {
            String lower = ev.lower(field);
            if (lower == null) {
                return false;
            }
            String raw = ev.raw(field);
            for (ValueTest t : tests) {
                if (t.test(raw, lower) != all) {
                    return !all;
                }
            }
            return all;
        }
    }

    /** The field is present and one (or, with {@code all}, every) test holds on its value. */
    public static Node field(String name, List<ValueTest> tests, boolean all) {
        return new FieldTest(FieldIds.of(name), tests.toArray(ValueTest[]::new), all);
    }

    /** The field is present and none of the tests holds ({@code neq}). */
    public static Node fieldNot(String name, List<ValueTest> tests) {
        Node any = field(name, tests, false);
        int id = FieldIds.of(name);
        return ev -> ev.lower(id) != null && !any.test(ev);
    }

    /** Sigma {@code null}: the field is absent or empty. */
    public static Node isNull(String name) {
        int id = FieldIds.of(name);
        return ev -> {
            String v = ev.lower(id);
            return v == null || v.isEmpty();
        };
    }

    /** {@code exists: true|false}. */
    public static Node exists(String name, boolean expected) {
        int id = FieldIds.of(name);
        return ev -> (ev.lower(id) != null) == expected;
    }

    /** A field-less keyword search: one (or every) test holds on some value of the event. */
    public record Keywords(ValueTest[] tests, boolean all) implements Node {
        @Override
        public boolean test(EventView ev) {
            List<String[]> values = ev.allValues();
            for (ValueTest t : tests) {
                boolean found = false;
                for (String[] v : values) {
                    if (t.test(v[0], v[1])) {
                        found = true;
                        break;
                    }
                }
                if (found != all) {
                    return found;
                }
            }
            return all;
        }
    }

    /** A field-less keyword: one (or every) test holds on some value of the event. */
    public static Node keywords(List<ValueTest> tests, boolean all) {
        return new Keywords(tests.toArray(ValueTest[]::new), all);
    }

    /** How a {@code fieldref} compares the two values. */
    public enum RefMode { EQUALS, STARTSWITH, ENDSWITH, CONTAINS }

    /** {@code fieldref}: the field's value compared with another field's value of the same event. */
    public static Node fieldRef(String name, String other, RefMode mode, boolean cased, boolean negate) {
        int ia = FieldIds.of(name);
        int ib = FieldIds.of(other);
        return ev -> {
            String a = cased ? ev.raw(ia) : ev.lower(ia);
            String b = cased ? ev.raw(ib) : ev.lower(ib);
            if (a == null || b == null) {
                return false;
            }
            boolean r = switch (mode) {
                case EQUALS -> a.equals(b);
                case STARTSWITH -> a.startsWith(b);
                case ENDSWITH -> a.endsWith(b);
                case CONTAINS -> a.contains(b);
            };
            return r != negate;
        };
    }
}
