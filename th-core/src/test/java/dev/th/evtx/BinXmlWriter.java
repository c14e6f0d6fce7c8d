package dev.th.evtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: writes binary XML tokens into a 64 KiB chunk image, laid out as the libevtx
 * documentation describes them (names stored inline, template definitions inline in their first
 * instance), so the decoder can be tested on value types and tokens the real files lack.
 */
final class BinXmlWriter {
    final ByteBuffer b = ByteBuffer.allocate(EvtxLayout.CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    /** A substitution value: its type and raw bytes, or bytes that depend on where they land. */
    record Value(int type, byte[] data, java.util.function.IntFunction<byte[]> at) {
        Value(int type, byte[] data) {
            this(type, data, null);
        }

        byte[] bytesAt(int offset) {
            return at == null ? data : at.apply(offset);
        }
    }

    /** A binary XML value (0x21) written by {@code body} at the offset where it lands. */
    static Value binXml(java.util.function.Consumer<BinXmlWriter> body) {
        java.util.function.IntFunction<byte[]> at = offset -> {
            BinXmlWriter w = new BinXmlWriter(offset);
            body.accept(w);
            return java.util.Arrays.copyOfRange(w.b.array(), offset, w.pos());
        };
        return new Value(0x21, at.apply(1024), at);
    }

    BinXmlWriter(int start) {
        b.position(start);
    }

    int pos() {
        return b.position();
    }

    BinXmlWriter fragmentHeader() {
        b.put((byte) 0x0f).put((byte) 1).put((byte) 1).put((byte) 0);
        return this;
    }

    /** A name stored right here: the offset field points just past itself. */
    private void name(String n) {
        b.putInt(b.position() + 4);
        b.putInt(0).putShort((short) 0).putShort((short) n.length());
        utf16(n);
        b.putShort((short) 0);
    }

    private void utf16(String s) {
        for (char c : s.toCharArray()) {
            b.putChar(c);
        }
    }

    BinXmlWriter open(String name, boolean attributes) {
        return open(name, attributes, true);
    }

    BinXmlWriter open(String name, boolean attributes, boolean dependencyId) {
        b.put((byte) (attributes ? 0x41 : 0x01));
        if (dependencyId) {
            b.putShort((short) -1);
        }
        b.putInt(0);
        name(name);
        if (attributes) {
            b.putInt(0);
        }
        return this;
    }

    BinXmlWriter attribute(String name) {
        b.put((byte) 0x06);
        name(name);
        return this;
    }

    BinXmlWriter closeStart() {
        b.put((byte) 0x02);
        return this;
    }

    BinXmlWriter closeEmpty() {
        b.put((byte) 0x03);
        return this;
    }

    BinXmlWriter end() {
        b.put((byte) 0x04);
        return this;
    }

    BinXmlWriter eof() {
        b.put((byte) 0x00);
        return this;
    }

    BinXmlWriter text(String s) {
        b.put((byte) 0x05).put((byte) 0x01).putShort((short) s.length());
        utf16(s);
        return this;
    }

    /** A value token of any type: its raw bytes as the type lays them out (size prefix included). */
    BinXmlWriter typedValue(int type, byte[] raw) {
        b.put((byte) 0x05).put((byte) type).put(raw);
        return this;
    }

    BinXmlWriter subst(int id, int type, boolean optional) {
        b.put((byte) (optional ? 0x0e : 0x0d)).putShort((short) id).put((byte) type);
        return this;
    }

    BinXmlWriter charRef(char c) {
        b.put((byte) 0x08).putShort((short) c);
        return this;
    }

    BinXmlWriter entityRef(String name) {
        b.put((byte) 0x09);
        name(name);
        return this;
    }

    BinXmlWriter cdata(String s) {
        b.put((byte) 0x07).putShort((short) s.length());
        utf16(s);
        return this;
    }

    BinXmlWriter pi(String target, String data) {
        b.put((byte) 0x0a);
        name(target);
        b.put((byte) 0x0b).putShort((short) data.length());
        utf16(data);
        return this;
    }

    /** A template instance whose definition is written inline by {@code body}, then its values. */
    BinXmlWriter template(Runnable body, List<Value> values) {
        b.put((byte) 0x0c).put((byte) 1).putInt(7);
        b.putInt(b.position() + 4);
        b.putInt(0).put(new byte[16]);
        int sizeAt = b.position();
        b.putInt(0);
        int start = b.position();
        body.run();
        b.putInt(sizeAt, b.position() - start);
        b.putInt(values.size());
        for (Value v : values) {
            b.putShort((short) v.data().length).put((byte) v.type()).put((byte) 0);
        }
        for (Value v : values) {
            b.put(v.bytesAt(b.position()));
        }
        return this;
    }

    static Value value(int type, byte[] data) {
        return new Value(type, data);
    }

    static Value value(int type, long v, int size) {
        ByteBuffer x = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 1 -> x.put((byte) v);
            case 2 -> x.putShort((short) v);
            case 4 -> x.putInt((int) v);
            default -> x.putLong(v);
        }
        return new Value(type, x.array());
    }

    static Value string(String s) {
        ByteBuffer x = ByteBuffer.allocate(2 * s.length()).order(ByteOrder.LITTLE_ENDIAN);
        for (char c : s.toCharArray()) {
            x.putChar(c);
        }
        return new Value(0x01, x.array());
    }

    static List<Value> values(Value... v) {
        return new ArrayList<>(List.of(v));
    }
}
