package dev.th.cli;

/** A wrong method, option or option value on the command line: one line, exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
