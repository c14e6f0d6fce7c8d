package dev.th.evtx;

import dev.th.event.FieldFlattener;
import java.util.LinkedHashMap;

/**
 * The binary XML decoder's handler: hands a record's elements to the flattener the XML export
 * reader uses too ({@link FieldFlattener}: the names are its), and keeps the record's time as the
 * FILETIME it was written with. Its faults are the record's ({@link DecodeException}).
 */
final class RecordFlattener implements BinXmlDecoder.Handler {
    private final ValueText values;
    private final FieldFlattener flat = new FieldFlattener();
    long timeTicks;

    RecordFlattener(ValueText values) {
        this.values = values;
    }

    /** Starts a new record. */
    void begin() {
        flat.begin();
        timeTicks = Long.MIN_VALUE;
    }

    /** The fields of the record just decoded. */
    LinkedHashMap<String, String> fields() {
        return flat.fields();
    }

    @Override
    public void startElement(String name) {
        if (flat.depth() + 1 >= FieldFlattener.MAX_DEPTH) {
            throw new DecodeException("elements nested deeper than " + FieldFlattener.MAX_DEPTH);
        }
        flat.startElement(name);
    }

    @Override
    public void attribute(String name, String value) {
        if (flat.attribute(name, value)) {
            timeTicks = values.lastFiletime;
        }
    }

    @Override
    public void text(String s) {
        flat.text(s);
    }

    @Override
    public void endElement() {
        if (flat.depth() == 0) {
            throw new DecodeException("end of element without a start");
        }
        flat.endElement();
    }
}
