package dev.th.server;

/** An answer of {@code application/problem+json} (RFC 9457): the status and what to fix. */
final class Problem extends RuntimeException {
    final int status;
    final String title;

    Problem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }
}
