package dev.th.hunt.ioa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable IoA id: the first 16 hex digits of SHA-256 over client, rule id, the matched
 * record's source content hash and record id. Hunting the same data again (at ingest, by a
 * retro-hunt, from another copy of the same file) gives the same id, so nothing is stored twice.
 */
public final class IoaIds {
    private IoaIds() {
    }

    /** The id of the IoA of {@code ruleId} on record {@code recordId} of the source {@code sourceHash}. */
    public static String of(String clientId, String ruleId, String sourceHash, long recordId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = clientId + '\0' + ruleId + '\0' + sourceHash + '\0' + recordId;
            byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
