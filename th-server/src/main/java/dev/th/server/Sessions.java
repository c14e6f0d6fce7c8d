package dev.th.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing in to the console: a token given once ({@code POST /api/session}) is kept in an
 * HttpOnly, SameSite=Strict cookie; requests that change something and come with the cookie
 * (not with an {@code Authorization} header) must carry the session's CSRF token in
 * {@code X-CSRF-Token}. Failed sign-ins are limited per address ({@value #MAX_FAILURES} a minute).
 */
final class Sessions {
    static final String COOKIE = "th_token";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final int MAX_FAILURES = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tokens tokens;
    private final byte[] secret = new byte[32];
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    Sessions(Tokens tokens) {
        this.tokens = tokens;
        new SecureRandom().nextBytes(secret);
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/session", "Signs in the console: body {\"token\": TOKEN}; sets an HttpOnly cookie, answers the CSRF token",
                        null, List.of(), this::signIn),
                new Route("GET", "/api/session", "The signed-in token's clients, role, expiry and CSRF token", Role.READ, List.of(),
                        ctx -> ctx.json(who(ctx, ThServer.token(ctx), ctx.cookie(COOKIE)))),
                new Route("DELETE", "/api/session", "Signs out (removes the cookie)", null, List.of(), ctx -> {
                    ctx.removeCookie(COOKIE, "/");
                    ctx.status(204);
                }));
    }

    private void signIn(Context ctx) {
        String address = ctx.ip();
        Deque<Instant> recent = failures.computeIfAbsent(address, k -> new ArrayDeque<>());
        synchronized (recent) {
            Instant cut = Instant.now().minus(WINDOW);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(cut)) {
                recent.pollFirst();
            }
            if (recent.size() >= MAX_FAILURES) {
                ctx.header("Retry-After", "60");
                throw new Problem(429, "Too many failed sign-ins", "more than " + MAX_FAILURES
                        + " failed sign-ins from this address in a minute: wait a minute and check the token");
            }
        }
        String token;
        try {
            JsonNode body = JSON.readTree(ctx.body());
            token = body == null ? null : body.path("token").asText(null);
        } catch (java.io.IOException e) {
            throw Problem.badRequest("the body must be JSON: {\"token\": \"th_...\"}");
        }
        Tokens.Entry e = tokens.check(token).orElse(null);
        if (e == null) {
            synchronized (recent) {
                recent.addLast(Instant.now());
            }
            throw new Problem(401, "Unauthorized", "this token is unknown, revoked or expired (th token list --db DIR)");
        }
        Cookie c = new Cookie(COOKIE, token.trim());
        c.setHttpOnly(true);
        c.setSameSite(SameSite.STRICT);
        c.setPath("/");
        c.setSecure("https".equals(ctx.scheme()));
        c.setMaxAge((int) Math.max(0, Duration.between(Instant.now(), Instant.parse(e.expires())).toSeconds()));
        ctx.cookie(c);
        ctx.json(who(ctx, e, token.trim()));
    }

    private Map<String, Object> who(Context ctx, Tokens.Entry e, String token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("clients", e.clients());
        m.put("role", e.role());
        m.put("expires", e.expires());
        if (token != null) {
            m.put("csrf", csrf(token));
        }
        return m;
    }

    /** A problem unless the request carries the CSRF token of the session {@code token}. */
    void checkCsrf(Context ctx, String token) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                csrf(token).getBytes(StandardCharsets.US_ASCII))) {
            throw new Problem(403, "Forbidden", "a change made with the console's cookie needs the header " + CSRF_HEADER
                    + " (the csrf of GET /api/session)");
        }
    }

    private String csrf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException(x);
        }
    }
}
