package dev.th.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters of a Windows event XML export, as one well-formed document: decoded from UTF-8
 * or UTF-16 (told by the byte-order mark, by the zero bytes of UTF-16 without one, or by the XML
 * declaration's encoding), with the declaration and the byte-order mark left out, wrapped in a root
 * element of its own so that {@code wevtutil}'s root-less sequence of {@code <Event>} elements
 * parses like Event Viewer's {@code <Events>}. Line breaks before the first element are kept, so
 * line numbers stay those of the file.
 */
final class XmlText {
    /** The root element added around the content. */
    static final String ROOT = "th-export";

    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private XmlText() {
    }

    /** A reader of the wrapped document. */
    static Reader open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 8192);
        in.mark(256);
        byte[] head = in.readNBytes(256);
        in.reset();
        PushbackReader text = new PushbackReader(new InputStreamReader(in, charset(head, head.length)), 8192);
        StringBuilder prolog = new StringBuilder();
        int c = text.read();
        if (c == 0xFEFF) {
            c = text.read();
        }
        while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (c == '\n') {
                prolog.append('\n');
            }
            c = text.read();
        }
        if (c == '<') {
            int d = text.read();
            if (d == '?') {
                skipDeclaration(text);
            } else {
                if (d >= 0) {
                    text.unread(d);
                }
                text.unread(c);
            }
        } else if (c >= 0) {
            text.unread(c);
        }
        String start = prolog + "<" + ROOT + ">";
        return new Joined(start, text, "</" + ROOT + ">");
    }

    private static void skipDeclaration(Reader text) throws IOException {
        int prev = 0;
        for (int c = text.read(); c >= 0; c = text.read()) {
            if (prev == '?' && c == '>') {
                return;
            }
            prev = c;
        }
    }

    /** The charset of content that starts with {@code head}. */
    static Charset charset(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (n >= 2 && head[0] != 0 && head[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && head[0] == 0 && head[1] != 0) {
            return StandardCharsets.UTF_16BE;
        }
        int from = n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        Matcher m = ENCODING.matcher(new String(head, from, n - from, StandardCharsets.ISO_8859_1).stripLeading());
        if (m.find()) {
            String name = m.group(1);
            if (!name.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-16")) {
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A prefix, a reader and a suffix read one after the other. */
    private static final class Joined extends Reader {
        private final String prefix;
        private final Reader body;
        private final String suffix;
        private int part;
        private int at;

        Joined(String prefix, Reader body, String suffix) {
            this.prefix = prefix;
            this.body = body;
            this.suffix = suffix;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (part < 3) {
                if (part == 1) {
                    int n = body.read(buf, off, len);
                    if (n > 0) {
                        return n;
                    }
                    if (n < 0) {
                        part = 2;
                        at = 0;
                    }
                    continue;
                }
                String s = part == 0 ? prefix : suffix;
                if (at < s.length()) {
                    int n = Math.min(len, s.length() - at);
                    s.getChars(at, at + n, buf, off);
                    at += n;
                    return n;
                }
                part++;
                at = 0;
            }
            return -1;
        }

        /** Leaves the stream open: readers do not close their input. */
        @Override
        public void close() {
        }
    }
}
