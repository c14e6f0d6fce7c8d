package dev.th.evtx;

/** A record's binary XML cannot be decoded; the message says what and where. */
class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
        super(message, null, false, false);
    }
}
