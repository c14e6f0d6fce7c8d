package dev.th.evtx;

/**
 * A template instance points at bytes that are no longer its template (the header's token,
 * template id or size does not match): seen in recovered records, whose chunk was reused.
 */
final class TemplateLostException extends DecodeException {
    private static final long serialVersionUID = 1L;

    TemplateLostException(String message) {
        super(message);
    }
}
