package dev.th.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.model.Family;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns a raw event into a row of the canonical table. Pure and thread-safe: one instance serves
 * every thread and every file.
 *
 * <p>This first version fills what every event has (identity, time, source, all fields as
 * JSON) and keeps every event as {@link Family#RAW}; the family mappings of DESIGN.md come next.
 */
public final class Normalizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The canonical row for {@code event} of client {@code clientId}. */
    public CanonicalEvent normalize(RawEvent event, String clientId) {
        CanonicalEvent row = new CanonicalEvent();
        String machine = event.computer();
        row.set(Column.ClientId, clientId)
                .set(Column.Muid, muid(clientId, machine))
                .set(Column.MachineName, machine)
                .set(Column.DateTime, event.time())
                .set(Column.Date, event.time().atOffset(ZoneOffset.UTC).toLocalDate())
                .set(Column.Channel, event.channel())
                .set(Column.Provider, event.provider())
                .set(Column.EventId, event.eventId())
                .set(Column.RecordId, event.recordId())
                .set(Column.SourceHash, event.source().contentHash())
                .set(Column.SourcePath, event.source().path())
                .set(Column.SourceOffset, event.source().offset())
                .set(Column.Family, Family.RAW.label())
                .set(Column.Fields, fieldsJson(event));
        return row;
    }

    /** The machine id of DESIGN.md: MD5 of {@code clientId + "/" + lower-case name}, 32 hex digits. */
    public static String muid(String clientId, String machineName) {
        String name = machineName == null ? "" : machineName.toLowerCase(Locale.ROOT);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((clientId + "/" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    private static String fieldsJson(RawEvent event) {
        try {
            return JSON.writeValueAsString(event.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fields of record " + event.recordId() + " cannot be written as JSON", e);
        }
    }
}
