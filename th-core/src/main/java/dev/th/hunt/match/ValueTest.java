package dev.th.hunt.match;

/** A test on one field value, given as written and lower-cased (the matcher's shared copy). */
@FunctionalInterface
public interface ValueTest {
    boolean test(String raw, String lower);

    /** How a literal sits in the value. */
    enum Kind { EQUALS, STARTSWITH, ENDSWITH, CONTAINS }

    /** A case-insensitive literal test on the lower-cased value ({@code text} is lower case). */
    record Literal(Kind kind, String text) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            return switch (kind) {
                case EQUALS -> lower.equals(text);
                case STARTSWITH -> lower.startsWith(text);
                case ENDSWITH -> lower.endsWith(text);
                case CONTAINS -> lower.contains(text);
            };
        }
    }

    /** A case-sensitive literal test on the value as written ({@code cased}). */
    record Cased(Kind kind, String text) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            return switch (kind) {
                case EQUALS -> raw.equals(text);
                case STARTSWITH -> raw.startsWith(text);
                case ENDSWITH -> raw.endsWith(text);
                case CONTAINS -> raw.contains(text);
            };
        }
    }

    /**
     * Several literal segments in order ({@code a*b*c}); {@code lead}/{@code trail}: the pattern
     * starts/ends with {@code *}. Tests the lower-cased value unless {@code cased}.
     */
    record Segments(String[] segs, boolean lead, boolean trail, boolean cased) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            String v = cased ? raw : lower;
            int from = 0;
            int last = segs.length - 1;
            if (!lead) {
                if (!v.startsWith(segs[0])) {
                    return false;
                }
                from = segs[0].length();
            }
            int end = v.length();
            if (!trail) {
                if (!v.endsWith(segs[last]) || v.length() - segs[last].length() < from) {
                    return false;
                }
                end = v.length() - segs[last].length();
            }
            for (int i = lead ? 0 : 1; i <= (trail ? last : last - 1); i++) {
                int at = v.indexOf(segs[i], from);
                if (at < 0 || at + segs[i].length() > end) {
                    return false;
                }
                from = at + segs[i].length();
            }
            return true;
        }
    }

    /** One of several spellings (windash, base64 offsets) holds. */
    record AnyOf(ValueTest[] tests) implements ValueTest {
        @Override
        public boolean test(String raw, String lower) {
            for (ValueTest t : tests) {
                if (t.test(raw, lower)) {
                    return true;
                }
            }
            return false;
        }
    }
}
