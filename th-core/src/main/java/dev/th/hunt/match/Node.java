package dev.th.hunt.match;

import java.util.List;

/** A compiled piece of a rule's condition, evaluated on one event. Immutable. */
public interface Node {

    boolean test(EventView ev);

    static Node and(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Node[] a = parts.toArray(Node[]::new);
        return ev -> {
            for (Node n : a) {
                if (!n.test(ev)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Node or(List<Node> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Node[] a = parts.toArray(Node[]::new);
        return ev -> {
            for (Node n : a) {
                if (n.test(ev)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Node not(Node n) {
        return ev -> !n.test(ev);
    }

    /** At least {@code n} of {@code parts} hold. */
    static Node atLeast(int n, List<Node> parts) {
        if (n <= 1) {
            return or(parts);
        }
        if (n >= parts.size()) {
            return and(parts);
        }
        Node[] a = parts.toArray(Node[]::new);
        return ev -> {
            int c = 0;
            for (Node p : a) {
                if (p.test(ev) && ++c >= n) {
                    return true;
                }
            }
            return false;
        };
    }
}
