package dev.th.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens of a store, kept in {@code DIR/tokens.json} as SHA-256 hashes only: the token
 * itself is shown once, at creation. Each token names its clients, its role and its expiry.
 */
public final class Tokens {
    /** How long a token lives unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    /** One stored token (its hash, never the token). */
    public record Entry(String id, String hash, List<String> clients, String role, String created, String expires) {
    }

    public Tokens(Path dataDir) {
        this.file = dataDir.resolve("tokens.json");
    }

    /** Creates a token for {@code clients} with {@code role}; returns the token text (shown once). */
    public synchronized String create(List<String> clients, String role, Duration lifetime) {
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c.isBlank())) {
            throw new IllegalArgumentException("a token needs at least one client (--client ID)");
        }
        Role.parse(role);
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = "th_" + HexFormat.of().formatHex(raw);
        List<Entry> all = new ArrayList<>(list());
        Instant now = Instant.now();
        all.add(new Entry(hash(token).substring(0, 8), hash(token), List.copyOf(clients), Role.parse(role).name().toLowerCase(),
                now.toString(), now.plus(lifetime).toString()));
        save(all);
        return token;
    }

    /** Every stored token. */
    public synchronized List<Entry> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the token with this id; false when there is none. */
    public synchronized boolean revoke(String id) {
        List<Entry> all = new ArrayList<>(list());
        boolean removed = all.removeIf(e -> e.id().equals(id));
        if (removed) {
            save(all);
        }
        return removed;
    }

    /** The live (not expired) entry of this token text. */
    public Optional<Entry> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String h = hash(token.trim());
        Instant now = Instant.now();
        return list().stream().filter(e -> MessageDigest.isEqual(e.hash().getBytes(StandardCharsets.US_ASCII),
                h.getBytes(StandardCharsets.US_ASCII)) && Instant.parse(e.expires()).isAfter(now)).findFirst();
    }

    private void save(List<Entry> all) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("tokens.json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The id {@code th token list} shows for a token (the start of its hash, so the id tells nothing of the token). */
    public static String idOf(String token) {
        return hash(token).substring(0, 8);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
