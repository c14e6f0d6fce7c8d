package dev.th.evtx;

import dev.th.event.RawEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one event as an EVTX record's binary XML into a {@link ChunkWriter}, the way Windows
 * lays it out: a template instance of the System template (the substitution numbers Windows
 * uses: 0 Level, 1 Opcode, 2 Task, 3 EventID, 4 Qualifiers, 5 Keywords, 6 TimeCreated, 7
 * ActivityID, 8 ProcessID, 9 ThreadID, 10 EventRecordID, 11 Version, 12 UserID, 13
 * RelatedActivityID, 14 provider name, 15 provider GUID, 16 channel, 17 the EventData as nested
 * binary XML; the computer is text of the template), and inside value 17 a template instance of
 * the event's own {@code <EventData><Data Name="...">} template, one per provider, event id and
 * field names. Each template is defined once per chunk, inline in its first instance, and
 * referenced by offset afterwards.
 *
 * <p>System values are typed (UInt8 Level, HexInt64 Keywords, GUID, SID, FILETIME...) when their
 * text reads back exactly so; otherwise, and for every EventData value, they are strings.
 * Whatever a field's text, TH's reader reads back the same text.
 */
final class RecordEncoder {
    private static final int SUBSTITUTIONS = 19;
    private static final int EVENT_DATA = 17;
    private static final int SOURCE_NAME = 18;

    /** The fields that are the System part, by their flattened name, and their substitution. */
    private static final Map<String, Integer> SYSTEM = Map.ofEntries(
            Map.entry("Level", 0), Map.entry("Opcode", 1), Map.entry("Task", 2), Map.entry("EventID_Qualifiers", 4),
            Map.entry("Keywords", 5), Map.entry("Correlation_ActivityID", 7), Map.entry("Execution_ProcessID", 8),
            Map.entry("Execution_ThreadID", 9), Map.entry("Version", 11), Map.entry("Security_UserID", 12),
            Map.entry("Correlation_RelatedActivityID", 13), Map.entry("Provider_Guid", 15),
            Map.entry("Provider_EventSourceName", SOURCE_NAME));
    /** The fields of the record's header, written from the event's typed header instead. */
    private static final java.util.Set<String> HEADER = java.util.Set.of("TimeCreated", "Computer", "Channel", "EventID",
            "Provider_Name", "EventRecordID");
    /** Types Windows gives the System values. */
    private static final int[] SYSTEM_TYPE = {0x04, 0x04, 0x06, 0x06, 0x06, 0x15, 0x11, 0x0f, 0x08, 0x08, 0x0a, 0x04,
        0x13, 0x0f, 0x01, 0x0f, 0x01, 0x21, 0x01};

    private final ValueText check = new ValueText();
    private final byte[] scratch = new byte[256];
    private final int[] type = new int[SUBSTITUTIONS];
    private final String[] text = new String[SUBSTITUTIONS];
    private final long[] number = new long[SUBSTITUTIONS];
    private final byte[][] raw = new byte[SUBSTITUTIONS][];
    private final List<String> dataNames = new ArrayList<>();
    private final List<String> dataValues = new ArrayList<>();
    private final StringBuilder key = new StringBuilder(256);
    private String provider;
    private int eventId;

    /** Writes {@code e} as record {@code id} (also its EventRecordID) into {@code c}. */
    void write(ChunkWriter c, RawEvent e, long id) {
        collect(e, id);
        int start = c.pos();
        c.put32(EvtxLayout.RECORD_SIGNATURE);
        c.put32(0);
        c.put64(id);
        c.put64(filetime(e.time()));
        fragmentHeader(c);
        systemInstance(c, e.computer());
        c.put8(0x00);
        c.put32(0);
        int size = c.pos() - start;
        c.put32At(start + 4, size);
        c.put32At(c.pos() - 4, size);
    }

    private void collect(RawEvent e, long id) {
        java.util.Arrays.fill(type, 0);
        java.util.Arrays.fill(text, null);
        dataNames.clear();
        dataValues.clear();
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            String name = f.getKey();
            Integer sub = SYSTEM.get(name);
            if (sub != null) {
                system(sub, f.getValue());
            } else if (!HEADER.contains(name)) {
                dataNames.add(name);
                dataValues.add(f.getValue());
            }
        }
        provider = e.provider();
        eventId = e.eventId();
        system(3, Integer.toString(e.eventId()));
        type[6] = 0x11;
        number[6] = filetime(e.time());
        type[10] = 0x0a;
        number[10] = id;
        system(14, e.provider());
        system(16, e.channel());
    }

    /** Value {@code sub}: typed as Windows types it when {@code v} reads back exactly, else a string. */
    private void system(int sub, String v) {
        if (v == null) {
            return;
        }
        int t = SYSTEM_TYPE[sub];
        if (t != 0x01 && typed(sub, t, v)) {
            return;
        }
        type[sub] = 0x01;
        text[sub] = v;
    }

    private boolean typed(int sub, int t, String v) {
        int n;
        try {
            n = switch (t) {
                case 0x04, 0x06, 0x08, 0x0a -> unsigned(v, t);
                case 0x15 -> v.startsWith("0x") ? le(Long.parseUnsignedLong(v.substring(2), 16), 8) : -1;
                case 0x0f -> guid(v);
                case 0x13 -> sid(v);
                default -> -1;
            };
        } catch (RuntimeException ex) {
            return false;
        }
        if (n < 0 || !check.text(scratch, 0, n, t).equals(v)) {
            return false;
        }
        type[sub] = t;
        raw[sub] = java.util.Arrays.copyOf(scratch, n);
        return true;
    }

    private int unsigned(String v, int t) {
        long x = Long.parseUnsignedLong(v);
        int n = switch (t) {
            case 0x04 -> 1;
            case 0x06 -> 2;
            case 0x08 -> 4;
            default -> 8;
        };
        if (n < 8 && (x >>> (8 * n)) != 0) {
            return -1;
        }
        return le(x, n);
    }

    private int le(long x, int n) {
        for (int i = 0; i < n; i++) {
            scratch[i] = (byte) (x >>> (8 * i));
        }
        return n;
    }

    private int guid(String v) {
        UUID u = UUID.fromString(v.startsWith("{") && v.endsWith("}") ? v.substring(1, v.length() - 1) : v);
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        le(hi >>> 32, 4);
        scratch[4] = (byte) (hi >>> 16);
        scratch[5] = (byte) (hi >>> 24);
        scratch[6] = (byte) hi;
        scratch[7] = (byte) (hi >>> 8);
        for (int i = 0; i < 8; i++) {
            scratch[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return 16;
    }

    private int sid(String v) {
        String[] p = v.split("-");
        if (p.length < 3 || !p[0].equals("S") || p.length - 3 > 15) {
            return -1;
        }
        scratch[0] = (byte) Integer.parseInt(p[1]);
        scratch[1] = (byte) (p.length - 3);
        long authority = Long.parseLong(p[2]);
        for (int i = 0; i < 6; i++) {
            scratch[2 + i] = (byte) (authority >>> (8 * (5 - i)));
        }
        for (int i = 3; i < p.length; i++) {
            long s = Long.parseLong(p[i]);
            if (s >>> 32 != 0) {
                return -1;
            }
            int at = 8 + 4 * (i - 3);
            for (int k = 0; k < 4; k++) {
                scratch[at + k] = (byte) (s >>> (8 * k));
            }
        }
        return 8 + 4 * (p.length - 3);
    }

    static long filetime(Instant t) {
        return (t.getEpochSecond() + TimeText.EPOCH_DIFF_SECONDS) * 10_000_000L + t.getNano() / 100;
    }

    private static void fragmentHeader(ChunkWriter c) {
        c.put8(0x0f);
        c.put8(1);
        c.put8(1);
        c.put8(0);
    }

    // ---- the System template and its instance

    private void systemInstance(ChunkWriter c, String computer) {
        key.setLength(0);
        key.append("S\u0001").append(computer).append('\u0001');
        for (int i = 0; i < SUBSTITUTIONS; i++) {
            key.append(type[i] == 0 ? '0' : '1');
        }
        key.append(dataNames.isEmpty() ? '0' : '1');
        String k = key.toString();
        templateInstance(c, k, () -> systemBody(c, computer));
        int count = SUBSTITUTIONS;
        c.put32(count);
        int descriptors = c.pos();
        for (int i = 0; i < count; i++) {
            c.put32(0);
        }
        for (int i = 0; i < count; i++) {
            int at = c.pos();
            int t = type[i];
            if (i == EVENT_DATA && !dataNames.isEmpty()) {
                t = 0x21;
                fragmentHeader(c);
                eventDataInstance(c);
            } else if (t == 0x01) {
                c.utf16(text[i]);
            } else if (t == 0x11 || t == 0x0a && raw[i] == null) {
                c.put64(number[i]);
            } else if (t != 0) {
                c.put(raw[i]);
            }
            descriptor(c, descriptors + 4 * i, c.pos() - at, t);
        }
        java.util.Arrays.fill(raw, null);
    }

    private static void descriptor(ChunkWriter c, int at, int size, int t) {
        if (size > 0xffff) {
            throw new IllegalArgumentException("a value of " + size + " bytes: more than a substitution holds (65,535)");
        }
        c.put16At(at, size);
        c.b[at + 2] = (byte) t;
        c.b[at + 3] = 0;
    }

    private boolean has(int... subs) {
        for (int s : subs) {
            if (type[s] != 0) {
                return true;
            }
        }
        return false;
    }

    private void systemBody(ChunkWriter c, String computer) {
        int event = open(c, "Event", 1);
        attribute(c, "xmlns", true);
        literal(c, "http://schemas.microsoft.com/win/2004/08/events/event");
        closeStart(c, event);
        int system = open(c, "System", 0);
        closeStart(c, system);
        emptyWithAttributes(c, "Provider", new String[] {"Name", "Guid", "EventSourceName"}, new int[] {14, 15, SOURCE_NAME});
        if (has(4)) {
            int e = open(c, "EventID", 1);
            attribute(c, "Qualifiers", true);
            subst(c, 4);
            closeStart(c, e);
            subst(c, 3);
            end(c, e);
        } else {
            textElement(c, "EventID", 3);
        }
        textElement(c, "Version", 11);
        textElement(c, "Level", 0);
        textElement(c, "Task", 2);
        textElement(c, "Opcode", 1);
        textElement(c, "Keywords", 5);
        emptyWithAttributes(c, "TimeCreated", new String[] {"SystemTime"}, new int[] {6});
        textElement(c, "EventRecordID", 10);
        emptyWithAttributes(c, "Correlation", new String[] {"ActivityID", "RelatedActivityID"}, new int[] {7, 13});
        emptyWithAttributes(c, "Execution", new String[] {"ProcessID", "ThreadID"}, new int[] {8, 9});
        textElement(c, "Channel", 16);
        if (computer != null) {
            int e = open(c, "Computer", 0);
            closeStart(c, e);
            literal(c, computer);
            end(c, e);
        }
        emptyWithAttributes(c, "Security", new String[] {"UserID"}, new int[] {12});
        end(c, system);
        if (!dataNames.isEmpty()) {
            subst(c, EVENT_DATA);
        }
        end(c, event);
    }

    /** {@code <Name>[sub]</Name>} when the event has that value. */
    private void textElement(ChunkWriter c, String name, int sub) {
        if (type[sub] == 0) {
            return;
        }
        int e = open(c, name, 0);
        closeStart(c, e);
        subst(c, sub);
        end(c, e);
    }

    /** {@code <Name A="[sub]" .../>} with the attributes the event has values for, when any. */
    private void emptyWithAttributes(ChunkWriter c, String name, String[] attrs, int[] subs) {
        int n = 0;
        for (int s : subs) {
            n += type[s] != 0 ? 1 : 0;
        }
        if (n == 0) {
            return;
        }
        int e = open(c, name, 1);
        for (int i = 0; i < attrs.length; i++) {
            if (type[subs[i]] != 0) {
                attribute(c, attrs[i], --n == 0);
                subst(c, subs[i]);
            }
        }
        closeEmpty(c, e);
    }

    // ---- the EventData template and its instance

    private void eventDataInstance(ChunkWriter c) {
        key.setLength(0);
        key.append("D\u0001").append(provider).append('\u0001').append(eventId);
        for (String n : dataNames) {
            key.append('\u0001').append(n);
        }
        templateInstance(c, key.toString(), () -> {
            int data = open(c, "EventData", 0);
            closeStart(c, data);
            for (int i = 0; i < dataNames.size(); i++) {
                int e = open(c, "Data", 1);
                attribute(c, "Name", true);
                literal(c, dataNames.get(i));
                closeStart(c, e);
                c.put8(0x0e);
                c.put16(i);
                c.put8(0x01);
                end(c, e);
            }
            end(c, data);
        });
        int n = dataNames.size();
        c.put32(n);
        int descriptors = c.pos();
        for (int i = 0; i < n; i++) {
            c.put32(0);
        }
        for (int i = 0; i < n; i++) {
            String v = dataValues.get(i);
            int at = c.pos();
            if (v != null) {
                c.utf16(v);
            }
            descriptor(c, descriptors + 4 * i, c.pos() - at, v == null ? 0 : 0x01);
        }
    }

    // ---- templates and tokens

    /**
     * A template instance token: the definition inline when this chunk does not hold it yet
     * (written by {@code body}), else a reference to the one it holds.
     */
    private static void templateInstance(ChunkWriter c, String key, Runnable body) {
        byte[] guid = guidOf(key);
        int id = (guid[0] & 0xff) | (guid[1] & 0xff) << 8 | (guid[2] & 0xff) << 16 | (guid[3] & 0xff) << 24;
        c.put8(0x0c);
        c.put8(1);
        c.put32(id);
        int known = c.template(key);
        if (known >= 0) {
            c.put32(known);
            return;
        }
        int def = c.pos() + 4;
        c.put32(def);
        c.put32(0);
        c.put(guid);
        int sizeAt = c.pos();
        c.put32(0);
        fragmentHeader(c);
        body.run();
        c.put8(0x00);
        c.put32At(sizeAt, c.pos() - sizeAt - 4);
        c.addTemplate(key, def);
    }

    private static byte[] guidOf(String key) {
        UUID u = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        byte[] g = new byte[16];
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            g[i] = (byte) (hi >>> (56 - 8 * i));
            g[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return g;
    }

    /** An open start element of a template (dependency id -1); returns its start for {@link #end}. */
    private static int open(ChunkWriter c, String name, int attributes) {
        int start = c.pos();
        c.put8(attributes > 0 ? 0x41 : 0x01);
        c.put16(0xffff);
        c.put32(0);
        c.name(name);
        if (attributes > 0) {
            c.put32(0);
        }
        return start;
    }

    private static void attribute(ChunkWriter c, String name, boolean last) {
        c.put8(last ? 0x06 : 0x46);
        c.name(name);
    }

    private static void literal(ChunkWriter c, String s) {
        if (s.length() > 0xffff) {
            throw new IllegalArgumentException("a name of " + s.length() + " characters: more than a value token holds");
        }
        c.put8(0x05);
        c.put8(0x01);
        c.put16(s.length());
        c.utf16(s);
    }

    private void subst(ChunkWriter c, int sub) {
        c.put8(0x0e);
        c.put16(sub);
        c.put8(sub == EVENT_DATA ? 0x21 : SYSTEM_TYPE[sub]);
    }

    /** Closes the start tag; patches the attribute list size when there is one. */
    private static void closeStart(ChunkWriter c, int start) {
        attributesEnd(c, start);
        c.put8(0x02);
    }

    private static void closeEmpty(ChunkWriter c, int start) {
        attributesEnd(c, start);
        c.put8(0x03);
        elementSize(c, start);
    }

    private static void attributesEnd(ChunkWriter c, int start) {
        if ((c.b[start] & 0xff) == 0x41) {
            int nameOff = Le.i32(c.b, start + 7);
            int listAt = nameOff == start + 11 ? start + 11 + nameSize(c, nameOff) : start + 11;
            c.put32At(listAt, c.pos() - listAt - 4);
        }
    }

    private static int nameSize(ChunkWriter c, int nameOff) {
        return 10 + 2 * Le.u16(c.b, nameOff + 6);
    }

    private static void end(ChunkWriter c, int start) {
        c.put8(0x04);
        elementSize(c, start);
    }

    private static void elementSize(ChunkWriter c, int start) {
        c.put32At(start + 3, c.pos() - start - 7);
    }
}
