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
