package dev.th.xml;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.FieldFlattener;
import dev.th.event.GuardedSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.json.SystemFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.LinkedHashMap;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Windows' XML rendering of events, streaming with the JDK's StAX parser (memory holds one
 * event): {@code wevtutil qe LOG /f:xml} (one {@code <Event>} after another, no root) and Event
 * Viewer's "Save as XML" ({@code <Events>} around them), in UTF-8 or UTF-16 (see {@link XmlText}).
 * Each event is flattened as {@link FieldFlattener} says (the EVTX reader flattens with it too), so it gets the field names of the same
 * event read from EVTX; a forwarded event's {@code RenderingInfo} is kept ({@code Message},
 * {@code RenderingInfo_Level}, {@code RenderingInfo_Task}, ...). {@code TimeCreated} is written
 * back with seven fraction digits, as the EVTX reader writes it.
 *
 * <p>{@code recordId} is the event's EventRecordID (its number in the file when it has none); the
 * SourceRef offset is the line its {@code <Event>} starts on. An event without EventID or
 * TimeCreated, or larger than the limit, is rejected with its line and reading goes on; damaged
 * XML cannot be resynchronized, so it ends the reading with one reject at its line (the events
 * after it are not counted, as their number is unknown). DTDs and external entities are not read.
 */
public final class WindowsXmlReader implements EventReader {
    private static final XMLInputFactory FACTORY = factory();

    private final int maxEventChars;

    /** A reader that keeps events of up to 16 M characters of text. */
    public WindowsXmlReader() {
        this(16 * 1024 * 1024);
    }

    /** A reader that rejects events holding more than {@code maxEventChars} characters of text. */
    public WindowsXmlReader(int maxEventChars) {
        this.maxEventChars = maxEventChars;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false); // Windows writes no prefixes; faster
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        Reader text = XmlText.open(in);
        XMLStreamReader r;
        try {
            r = FACTORY.createXMLStreamReader(text);
        } catch (XMLStreamException e) {
            throw new IOException(path + ": cannot be read as XML: " + e.getMessage(), e);
        }
        new Walk(r, path, contentHash, sink, maxEventChars).run();
    }

    /** One pass over a document. */
    private static final class Walk {
        private final XMLStreamReader r;
        private final String path;
        private final String hash;
        private final GuardedSink sink;
        private final int maxChars;
        private final FieldFlattener flat = new FieldFlattener();
        private long number;
        private long eventLine = -1;
        private long chars;
        private boolean inEvent;
        /** Depth of elements outside any event: 1 for our root, 2 for Events. */
        private int outer;
        /** Depth inside an element that is not an event, passed over. */
        private int skipping;
        /** Elements open in the document, and where the current event's {@code <Event>} is. */
        private int depth;
        private int eventDepth;
        /** While an event that failed is passed over: its {@code <Event>}'s depth (0: none). */
        private int dropping;

        Walk(XMLStreamReader r, String path, String hash, EventSink sink, int maxChars) {
            this.r = r;
            this.path = path;
            this.hash = hash;
            this.sink = new GuardedSink(sink);
            this.maxChars = maxChars;
        }

        void run() throws IOException {
            try {
                while (r.hasNext()) {
                    int token = r.next();
                    if (dropping > 0) {
                        passOver(token);
                        continue;
                    }
                    boolean wasInEvent = inEvent;
                    try {
                        switch (token) {
                            case XMLStreamConstants.START_ELEMENT -> {
                                depth++;
                                start();
                            }
                            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                            case XMLStreamConstants.END_ELEMENT -> {
                                end();
                                depth--;
                            }
                            default -> { }
                        }
                    } catch (RuntimeException | StackOverflowError e) {
                        if (sink.failed() || !(wasInEvent || inEvent)) {
                            throw e;
                        }
                        drop(token, e);
                    }
                }
            } catch (XMLStreamException e) {
                long line = line(e.getLocation());
                if (inEvent) {
                    sink.reject(eventLine, 1, "event " + number + " starting at line " + eventLine
                            + " is damaged at line " + line + "; the rest of the file is not read: " + message(e));
                } else {
                    sink.reject(line, 0, "damaged XML at line " + line + " (after event " + number
                            + "); the rest of the file is not read: " + message(e));
                }
            } catch (IllegalArgumentException e) {
                sink.reject(eventLine, 1, "event " + number + " at line " + eventLine + ": " + e.getMessage()
                        + "; the rest of the file is not read");
            } finally {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held beyond the stream, which the caller closes
                }
            }
        }

        /**
         * An event whose reading failed (elements nested too deep, or a fault of TH's own code):
         * rejected, and its remaining elements passed over; reading goes on at the next event.
         */
        private void drop(int token, Throwable e) {
            boolean closed = token == XMLStreamConstants.END_ELEMENT && depth == eventDepth;
            if (token == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            inEvent = false;
            dropping = closed ? 0 : eventDepth;
            sink.reject(eventLine, 1, "event " + number + " at line " + eventLine + " cannot be read: "
                    + (e instanceof IllegalArgumentException ? e.getMessage() : "unexpected " + e));
        }

        private void passOver(int token) {
            if (token == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (token == XMLStreamConstants.END_ELEMENT && --depth < dropping) {
                dropping = 0;
            }
        }

        private void start() throws IOException {
            String name = localName(r.getLocalName());
            if (skipping > 0) {
                skipping++;
                return;
            }
            if (!inEvent) {
                if (name.equals("Event")) {
                    inEvent = true;
                    eventDepth = depth;
                    number++;
                    eventLine = line(r.getLocation());
                    chars = 0;
                    flat.begin();
                } else if (outer == 0 && name.equals(XmlText.ROOT) || outer == 1 && name.equals("Events")) {
                    outer++;
                    return;
                } else if (number == 0) {
                    throw new IOException(path + ": line " + line(r.getLocation()) + ": <" + name
                            + "> where Windows event XML has <Event> or <Events>: not a Windows event export");
                } else {
                    long line = line(r.getLocation());
                    sink.reject(line, 1, "line " + line + ": <" + name + "> between events is not an <Event>: not read");
                    skipping = 1;
                    return;
                }
            }
            flat.startElement(name);
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String a = r.getAttributeLocalName(i);
                if (a.startsWith("xmlns")) {
                    continue; // markup, not data (the parser is not namespace-aware)
                }
                a = localName(a);
                String v = r.getAttributeValue(i);
                chars += v.length();
                flat.attribute(a, v);
            }
        }

        private void text() {
            if (inEvent && skipping == 0) {
                chars += r.getTextLength();
                if (chars <= maxChars) {
                    flat.text(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                }
            }
        }

        private void end() {
            if (skipping > 0) {
                skipping--;
                return;
            }
            if (!inEvent) {
                outer--;
                return;
            }
            if (!flat.endElement()) {
                return;
            }
            inEvent = false;
            if (chars > maxChars) {
                sink.reject(eventLine, 1, "event " + number + " at line " + eventLine + " holds more than " + maxChars
                        + " characters of text: not read");
                return;
            }
            LinkedHashMap<String, String> f = flat.fields();
            RawEvent event;
            try {
                event = SystemFields.toEvent(f, new SourceRef(path, hash, eventLine), recordId(f));
            } catch (IllegalArgumentException e) {
                sink.reject(eventLine, 1, "event " + number + " at line " + eventLine + ": " + e.getMessage());
                return;
            }
            sink.accept(event);
        }

        private long recordId(LinkedHashMap<String, String> f) {
            String id = f.get("EventRecordID");
            if (id != null) {
                try {
                    return Long.parseLong(id.strip());
                } catch (NumberFormatException e) {
                    // no usable id: the event's number in the file
                }
            }
            return number;
        }

        /** The name without its prefix, if a tool wrote one. */
        private static String localName(String qname) {
            int colon = qname.indexOf(':');
            return colon < 0 ? qname : qname.substring(colon + 1);
        }

        private static long line(Location loc) {
            return loc == null ? -1 : loc.getLineNumber();
        }

        private static String message(XMLStreamException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.lastIndexOf("Message: ");
            return m == null ? e.getClass().getSimpleName() : nl >= 0 ? m.substring(nl + 9) : m;
        }
    }
}
