package dev.th.hunt.ioc;

/**
 * One indicator of compromise: its kind and its value in canonical form (MD5 lower-case hex,
 * IP as written, domain lower case without a trailing dot).
 *
 * @param source where it was read ({@code file:line}), for messages
 */
public record Indicator(IocType type, String value, String source) {
}
