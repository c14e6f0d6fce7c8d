package dev.th.query;

/** A query that the engine could not run: says which query and why. */
public class QueryException extends RuntimeException {
    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryException(String message) {
        super(message);
    }
}
