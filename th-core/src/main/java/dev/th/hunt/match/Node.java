package dev.th.hunt.match;

import java.util.List;

/**
 * A compiled piece of a rule's condition, evaluated on one event. Immutable. The boolean
 * operators are records so the matcher can read a rule's structure (see {@link Prefilter}).
 */
public interface Node {

    boolean test(EventView ev);

    /** Every part holds. */
    record And(Node[] parts) implements Node {
        @Override
        public boolean test(EventView ev) {
            for (Node n : parts) {
                if (!n.test(ev)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** At least {@code n} parts hold (n = 1 is OR). */
    record AtLeast(int n, Node[] parts) implements Node {
        @Override
        public boolean test(EventView ev) {
            int c = 0;
            for (Node p : parts) {
                if (p.test(ev) && ++c >= n) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The part does not hold. */
    record Not(Node part) implements Node {
        @Override
        public boolean test(EventView ev) {
            return !part.test(ev);
        }
    }

    static Node and(List<Node> parts) {
        return parts.size() == 1 ? parts.get(0) : new And(parts.toArray(Node[]::new));
    }

    static Node or(List<Node> parts) {
        return parts.size() == 1 ? parts.get(0) : new AtLeast(1, parts.toArray(Node[]::new));
    }

    static Node not(Node n) {
        return new Not(n);
    }

    /** At least {@code n} of {@code parts} hold. */
    static Node atLeast(int n, List<Node> parts) {
        if (n <= 1) {
            return or(parts);
        }
        if (n >= parts.size()) {
            return and(parts);
        }
        return new AtLeast(n, parts.toArray(Node[]::new));
    }
}
