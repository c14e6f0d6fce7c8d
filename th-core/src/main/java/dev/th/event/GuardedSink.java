package dev.th.event;

/**
 * A reader's sink that notes when the sink itself fails (the store behind it): a reader that
 * guards each record against faults of its own code rethrows such a failure to its caller
 * instead of counting it against the record.
 *
 * <pre>{@code
 * GuardedSink out = new GuardedSink(sink);
 * try {
 *     out.accept(decode(bytes));
 * } catch (RuntimeException | StackOverflowError e) {
 *     if (out.failed()) throw e;       // the store's failure: not the record's
 *     out.reject(offset, 1, "cannot be read: unexpected " + e);
 * }
 * }</pre>
 */
public final class GuardedSink implements EventSink {
    private final EventSink out;
    private boolean failed;

    public GuardedSink(EventSink out) {
        this.out = java.util.Objects.requireNonNull(out);
    }

    /** Whether a call to the wrapped sink threw. */
    public boolean failed() {
        return failed;
    }

    @Override
    public void accept(RawEvent event) {
        try {
            out.accept(event);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void reject(long offset, long records, String reason) {
        try {
            out.reject(offset, records, reason);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void warn(long offset, String message) {
        try {
            out.warn(offset, message);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }
}
