package dev.th.ingest;

/** The store failed (cannot open, cannot write): the ingest cannot go on. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
