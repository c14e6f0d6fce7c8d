package dev.th.hunt.match;

/** A test on one field value, given as written and lower-cased (the matcher's shared copy). */
@FunctionalInterface
public interface ValueTest {
    boolean test(String raw, String lower);
}
