package dev.th.evtx;

/**
 * Decodes the binary XML of one chunk's records into element events for a {@link Handler}:
 * elements, attributes and text, with template instances expanded in place (their
 * substitution values rendered by {@link ValueText}, nested binary XML values decoded
 * recursively). One instance serves one reading thread; {@link #beginChunk} resets the
 * per-chunk name cache, so templates and names are decoded once per chunk.
 */
final class BinXmlDecoder {

    /** Receives the decoded document. */
    interface Handler {
        void startElement(String name);

        void attribute(String name, String value);

        /** One piece of the current element's text (an element's text may come in several). */
        void text(String text);

        void endElement();
    }

    private static final int MAX_TEMPLATE_DEPTH = 16;
    /** A template body starts with a fragment header: token 0x0f, version 1.1, flags 0. */
    private static final int FRAGMENT_HEADER = 0x0001010f;
    /** Tokens one record may expand to: a damaged template that instantiates itself stops here. */
    private static final int MAX_TOKENS = 200_000;

    private final ValueText values;
    private final OffsetCache nameCache = new OffsetCache();
    private final OffsetCache textCache = new OffsetCache();
    private final Substitutions[] levels = new Substitutions[MAX_TEMPLATE_DEPTH + 1];

    private byte[] b;
    private int chunkEnd;
    private Handler h;
    private int tokens;
    private boolean recovered;

    private final StringBuilder attrText = new StringBuilder(64);
    private String attrName;
    private boolean attrNonNull;
    private String attrSingle;
    private int attrParts;

    BinXmlDecoder(ValueText values) {
        this.values = values;
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Substitutions();
        }
    }

    /** Starts a new chunk held in {@code chunk[0, chunkEnd)}; names cached so far are forgotten. */
    void beginChunk(byte[] chunk, int end) {
        this.b = chunk;
        this.chunkEnd = end;
        nameCache.clear();
        textCache.clear();
    }

    /** Decodes one record's binary XML {@code [start, end)} into {@code handler}. */
    void decodeRecord(int start, int end, Handler handler) {
        decodeRecord(start, end, handler, false);
    }

    /**
     * Decodes one record; a {@code recovered} one (found outside the live region) also has the
     * hash of every name it reads checked, since the bytes it points at may have been reused.
     */
    void decodeRecord(int start, int end, Handler handler, boolean recovered) {
        this.recovered = recovered;
        this.h = handler;
        this.attrName = null;
        this.tokens = 0;
        decode(start, end, null, 0, false, false);
    }

    /** The values of one template instance: offsets, sizes and types by substitution id. */
    private static final class Substitutions {
        int count;
        int[] off = new int[64];
        int[] size = new int[64];
        int[] type = new int[64];

        void ensure(int n) {
            if (off.length < n) {
                off = new int[n];
                size = new int[n];
                type = new int[n];
            }
            count = n;
        }
    }

    /**
     * Decodes tokens from {@code p} up to an end-of-fragment token or {@code end}; returns the
     * position after the last token read.
     */
    private int decode(int p, int end, Substitutions subs, int level, boolean nested, boolean inTemplate) {
        int depth = 0;
        while (p < end) {
            if (++tokens > MAX_TOKENS) {
                throw new DecodeException("the record expands to more than " + MAX_TOKENS + " tokens (a template instantiating itself?)");
            }
            int tok = b[p] & 0xff;
            switch (tok) {
                case 0x00 -> {
                    flushAttribute();
                    checkBalanced(depth, p);
                    return p + 1;
                }
                case 0x01, 0x41 -> {
                    flushAttribute();
                    p = openElement(p, tok, end, inTemplate);
                    depth++;
                }
                case 0x02 -> {
                    flushAttribute();
                    p++;
                }
                case 0x03, 0x04 -> {
                    flushAttribute();
                    if (depth == 0) {
                        throw new DecodeException("end of element without a start at " + Le.hex(p));
                    }
                    h.endElement();
                    depth--;
                    p++;
                }
                case 0x05, 0x45 -> p = valueToken(p);
                case 0x06, 0x46 -> {
                    flushAttribute();
                    int nameOff = Le.i32(b, p + 1);
                    attrName = name(nameOff, p + 5);
                    p = afterName(nameOff, p + 5);
                    attrNonNull = false;
                    attrSingle = null;
                    attrParts = 0;
                    values.lastFiletime = Long.MIN_VALUE;
                }
                case 0x07, 0x47 -> {
                    int n = Le.u16(b, p + 1);
                    check(p + 3 + 2 * n, end, "CDATA", p);
                    emit(ValueText.utf16(b, p + 3, n, false));
                    p += 3 + 2 * n;
                }
                case 0x08, 0x48 -> {
                    emit(String.valueOf((char) Le.u16(b, p + 1)));
                    p += 3;
                }
                case 0x09, 0x49 -> {
                    int nameOff = Le.i32(b, p + 1);
                    emit(entity(name(nameOff, p + 5)));
                    p = afterName(nameOff, p + 5);
                }
                case 0x0a -> {
                    int nameOff = Le.i32(b, p + 1);
                    name(nameOff, p + 5);
                    p = afterName(nameOff, p + 5);
                }
                case 0x0b -> p += 3 + 2 * Le.u16(b, p + 1);
                case 0x0c -> p = templateInstance(p, end, level);
                case 0x0d, 0x0e -> {
                    substitution(subs, Le.u16(b, p + 1), level, p);
                    p += 4;
                }
                case 0x0f -> p += 4;
                default -> throw new DecodeException("unknown binary XML token " + Le.hex(tok) + " at " + Le.hex(p));
            }
        }
        if (!nested) {
            throw new DecodeException("binary XML runs past its end at " + Le.hex(end) + " without an end token");
        }
        flushAttribute();
        checkBalanced(depth, p);
        return p;
    }

    private static void checkBalanced(int depth, int p) {
        if (depth != 0) {
            throw new DecodeException(depth + " element(s) left open at " + Le.hex(p));
        }
    }

    private static void check(int limit, int end, String what, int p) {
        if (limit > end) {
            throw new DecodeException(what + " at " + Le.hex(p) + " runs past " + Le.hex(end));
        }
    }

    /**
     * An element start. Inside a template definition it carries a 2-byte dependency id; outside
     * one (a record written without templates, a binary XML substitution value) it usually does
     * not. Both layouts are tried: the one whose name reference is plausible wins, the context's
     * usual layout when both are.
     */
    private int openElement(int p, int tok, int end, boolean inTemplate) {
        boolean withDep = plausibleStart(p, 3, end);
        boolean withoutDep = plausibleStart(p, 1, end);
        boolean dep = inTemplate ? withDep || !withoutDep : withDep && !withoutDep;
        int q = dep ? p + 3 : p + 1;
        int nameOff = Le.i32(b, q + 4);
        String name = name(nameOff, q + 8);
        q = afterName(nameOff, q + 8);
        if (tok == 0x41) {
            q += 4; // attribute list size
        }
        h.startElement(name);
        return q;
    }

    /**
     * Whether an element start at {@code p} read with its data size at {@code p + at} makes
     * sense: a size within the fragment and a name stored right after it or earlier in the chunk.
     */
    private boolean plausibleStart(int p, int at, int end) {
        if (p + at + 8 > chunkEnd) {
            return false;
        }
        long size = Le.u32(b, p + at);
        int nameOff = Le.i32(b, p + at + 4);
        boolean nameOk = nameOff == p + at + 8 || (nameOff >= EvtxLayout.RECORDS_START && nameOff < p);
        return nameOk && size <= end - p && nameOff + 8 <= chunkEnd;
    }

    private int valueToken(int p) {
        int type = b[p + 1] & 0xff;
        if (type == ValueText.STRING) {
            int n = Le.u16(b, p + 2);
            check(p + 4 + 2 * n, chunkEnd, "value text", p);
            emit(cachedText(p + 2, n));
            return p + 4 + 2 * n;
        }
        int off = p + 2;
        int size = ValueText.fixedSize(type);
        if (type == 0x02 || type == 0x0e) { // ANSI string, binary: a 16-bit byte count first
            size = Le.u16(b, off);
            off += 2;
        } else if (type == 0x13) { // SID: its sub-authority count says its size
            size = 8 + 4 * Le.u8(b, off + 1);
        } else if (type == 0x10) { // size_t: 64-bit in a value token
            size = 8;
        }
        if (size <= 0) {
            throw new DecodeException("value token of type " + Le.hex(type) + " at " + Le.hex(p) + " is not supported");
        }
        check(off + size, chunkEnd, "value", p);
        emit(values.text(b, off, size, type));
        return off + size;
    }

    /** A value text inside a template is the same every time: decode it once per chunk. */
    private String cachedText(int off, int n) {
        String s = textCache.get(off);
        if (s == null) {
            s = ValueText.utf16(b, off + 2, n, false);
            textCache.put(off, s);
        }
        return s;
    }

    /** A piece of text: to the open attribute's value, else to the current element. */
    private void emit(String s) {
        if (attrName == null) {
            h.text(s);
            return;
        }
        attrNonNull = true;
        if (attrParts++ == 0) {
            attrSingle = s;
        } else {
            if (attrParts == 2) {
                attrText.setLength(0);
                attrText.append(attrSingle);
            }
            attrText.append(s);
        }
    }

    private void flushAttribute() {
        if (attrName != null) {
            if (attrNonNull) {
                String v = attrParts == 1 ? attrSingle : attrText.toString();
                h.attribute(attrName, v);
            }
            attrName = null;
        }
    }

    private void substitution(Substitutions subs, int id, int level, int p) {
        if (subs == null) {
            throw new DecodeException("substitution " + id + " at " + Le.hex(p) + " outside a template instance");
        }
        if (id >= subs.count) {
            throw new DecodeException("substitution " + id + " at " + Le.hex(p) + " but the instance has " + subs.count + " values");
        }
        int type = subs.type[id];
        if (type == ValueText.NULL) {
            return;
        }
        int off = subs.off[id];
        int size = subs.size[id];
        if (type == ValueText.BINXML) {
            if (attrName != null) {
                throw new DecodeException("binary XML value " + id + " inside an attribute at " + Le.hex(p));
            }
            if (size > 0) {
                decode(off, off + size, null, level, true, false);
            }
            return;
        }
        emit(values.text(b, off, size, type));
    }

    private int templateInstance(int p, int end, int level) {
        if (level >= MAX_TEMPLATE_DEPTH) {
            throw new DecodeException("template instances nested deeper than " + MAX_TEMPLATE_DEPTH + " at " + Le.hex(p));
        }
        int defOff = Le.i32(b, p + 6);
        int q = p + 10;
        int bodySize;
        if (defOff == q) {
            bodySize = Le.i32(b, q + 20);
            if (bodySize < 0 || q + 24 + bodySize > end) {
                throw new DecodeException("template definition at " + Le.hex(q) + " has a bad size " + bodySize);
            }
            q += 24 + bodySize;
        } else {
            if (defOff < EvtxLayout.RECORDS_START || defOff + 24 > chunkEnd) {
                throw new DecodeException("template instance at " + Le.hex(p) + " points outside the chunk: " + Le.hex(defOff));
            }
            bodySize = Le.i32(b, defOff + 20);
            if (bodySize < 4 || defOff + 24 + bodySize > chunkEnd || Le.i32(b, defOff + 4) != Le.i32(b, p + 2)
                    || Le.i32(b, defOff + 24) != FRAGMENT_HEADER) {
                throw new TemplateLostException("template " + Le.hex(Le.u32(b, p + 2)) + " of the instance at " + Le.hex(p)
                        + " is not at " + Le.hex(defOff) + " (its header's id, size or first token does not match)");
            }
        }
        int n = Le.i32(b, q);
        if (n < 0 || q + 4 + 4L * n > end) {
            throw new DecodeException("template instance at " + Le.hex(p) + " announces " + n + " values");
        }
        Substitutions subs = levels[level + 1];
        subs.ensure(n);
        int v = q + 4 + 4 * n;
        for (int i = 0; i < n; i++) {
            int d = q + 4 + 4 * i;
            int size = Le.u16(b, d);
            subs.off[i] = v;
            subs.size[i] = size;
            subs.type[i] = b[d + 2] & 0xff;
            v += size;
        }
        if (v > end) {
            throw new DecodeException("template values at " + Le.hex(q) + " run past " + Le.hex(end));
        }
        int body = defOff + 24;
        String savedAttr = attrName;
        attrName = null;
        decode(body, body + bodySize, subs, level + 1, false, true);
        attrName = savedAttr;
        return v;
    }

    /** The name at {@code nameOff}: cached per chunk. */
    private String name(int nameOff, int here) {
        if (nameOff < 0 || nameOff + 8 > chunkEnd) {
            throw nameLost("name offset " + Le.hex(nameOff) + " at " + Le.hex(here) + " is outside the chunk");
        }
        String cached = nameCache.get(nameOff);
        if (cached != null) {
            return cached;
        }
        int n = Le.u16(b, nameOff + 6);
        if (nameOff + 8 + 2 * n > chunkEnd) {
            throw nameLost("name at " + Le.hex(nameOff) + " runs past the chunk");
        }
        String s = ValueText.utf16(b, nameOff + 8, n, false);
        if (recovered && nameHash(s) != Le.u16(b, nameOff + 4)) {
            throw nameLost("name at " + Le.hex(nameOff) + " does not match its hash (its bytes were reused)");
        }
        s = s.intern();
        nameCache.put(nameOff, s);
        return s;
    }

    /** A name that cannot be read: damage in a live record, a lost template in a recovered one. */
    private DecodeException nameLost(String message) {
        return recovered ? new TemplateLostException(message) : new DecodeException(message);
    }

    /** The 16-bit hash a name is stored with: h = h * 65599 + each UTF-16 unit, low 16 bits. */
    static int nameHash(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x = x * 65599 + s.charAt(i);
        }
        return x & 0xffff;
    }

    /** Position after a name reference: past the inline name when it is stored right here. */
    private int afterName(int nameOff, int here) {
        if (nameOff == here) {
            return here + 10 + 2 * Le.u16(b, here + 6);
        }
        return here;
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }
}
