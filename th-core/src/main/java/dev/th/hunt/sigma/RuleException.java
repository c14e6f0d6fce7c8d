package dev.th.hunt.sigma;

/** A rule that cannot be loaded; the message says where and why. */
public final class RuleException extends Exception {
    public RuleException(String message) {
        super(message, null, false, false);
    }
}
