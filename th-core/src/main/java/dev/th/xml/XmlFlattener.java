package dev.th.xml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens one {@code <Event>} element, fed as start/attribute/text/end calls, into field name →
 * text under the names TH's EVTX reader gives the same event (see {@code docs/evtx.md}):
 * <ul>
 * <li>System: an element's text under its name, its attributes as {@code Element_Attribute}
 * ({@code Provider_Name}, {@code Execution_ProcessID}), {@code TimeCreated/@SystemTime} as
 * {@code TimeCreated};</li>
 * <li>EventData: {@code <Data Name="X">} as {@code X}; unnamed elements by element name, repeated
 * names numbered {@code Data_1}, {@code Data_2}...;</li>
 * <li>UserData, RenderingInfo and any other part: leaf elements by name ({@code Message}), prefixed
 * with the parent element's name on a clash ({@code RenderingInfo_Level}, {@code RenderingInfo_Task});
 * attributes as {@code Element_Attribute}.</li>
 * </ul>
 * Blank text between child elements (indentation) is not data. Not thread-safe.
 */
final class XmlFlattener {
    private static final int SYSTEM = 1;
    private static final int EVENT_DATA = 2;
    private static final int OTHER = 3;
    static final int MAX_DEPTH = 64;

    private final String[] names = new String[MAX_DEPTH];
    private final StringBuilder[] texts = new StringBuilder[MAX_DEPTH];
    private final boolean[] hasChild = new boolean[MAX_DEPTH];
    private final boolean[] hasAttr = new boolean[MAX_DEPTH];
    private final String[] dataName = new String[MAX_DEPTH];
    private final Map<String, Map<String, String>> keys = new HashMap<>();
    private int depth;
    private int section;
    private LinkedHashMap<String, String> fields;

    XmlFlattener() {
        for (int i = 0; i < MAX_DEPTH; i++) {
            texts[i] = new StringBuilder(64);
        }
    }

    /** Starts a new event; the {@code <Event>} element itself comes next. */
    void begin() {
        depth = 0;
        section = 0;
        fields = new LinkedHashMap<>(64);
    }

    /** How deep the current element is: 1 for {@code <Event>}, 0 outside. */
    int depth() {
        return depth;
    }

    LinkedHashMap<String, String> fields() {
        return fields;
    }

    /** @throws IllegalArgumentException when elements nest deeper than {@link #MAX_DEPTH} */
    void startElement(String name) {
        if (depth + 1 >= MAX_DEPTH) {
            throw new IllegalArgumentException("elements nested deeper than " + MAX_DEPTH);
        }
        hasChild[depth] = true;
        depth++;
        names[depth] = name;
        texts[depth].setLength(0);
        hasChild[depth] = false;
        hasAttr[depth] = false;
        dataName[depth] = null;
        if (depth == 2) {
            section = switch (name) {
                case "System" -> SYSTEM;
                case "EventData" -> EVENT_DATA;
                default -> OTHER;
            };
        }
    }

    void attribute(String name, String value) {
        if (depth <= 1) {
            return;
        }
        hasAttr[depth] = true;
        String element = names[depth];
        if (section == SYSTEM && depth == 3) {
            fields.put("SystemTime".equals(name) && "TimeCreated".equals(element) ? "TimeCreated" : key(element, name),
                    value);
        } else if (section == EVENT_DATA && depth == 3 && "Name".equals(name)) {
            dataName[depth] = value;
        } else {
            putLeaf(names[depth - 1], key(element, name), value);
        }
    }

    void text(char[] chars, int start, int length) {
        if (depth > 0) {
            texts[depth].append(chars, start, length);
        }
    }

    /** Ends the current element; true when it was the {@code <Event>} itself. */
    boolean endElement() {
        boolean leaf = !hasChild[depth];
        String text = texts[depth].toString();
        if (!leaf && text.isBlank()) {
            text = "";
        }
        if (depth >= 3 && (leaf || !text.isEmpty())) {
            String name = names[depth];
            if (section == SYSTEM && depth == 3) {
                if (!text.isEmpty() || !hasAttr[depth]) {
                    putNumbered(name, text);
                }
            } else if (section == EVENT_DATA && depth == 3) {
                String n = dataName[depth];
                putNumbered(n != null ? n : name, text);
            } else if (leaf && (!text.isEmpty() || !hasAttr[depth])) {
                putLeaf(names[depth - 1], name, text);
            }
        } else if (depth == 2 && leaf && !text.isEmpty()) {
            putNumbered(names[depth], text);
        }
        depth--;
        return depth == 0;
    }

    private String key(String element, String attribute) {
        return keys.computeIfAbsent(element, e -> new HashMap<>()).computeIfAbsent(attribute, a -> element + "_" + a);
    }

    private void putNumbered(String name, String value) {
        if (fields.putIfAbsent(name, value) == null) {
            return;
        }
        for (int i = 1; ; i++) {
            if (fields.putIfAbsent(name + "_" + i, value) == null) {
                return;
            }
        }
    }

    private void putLeaf(String parent, String name, String value) {
        if (fields.putIfAbsent(name, value) == null) {
            return;
        }
        putNumbered(parent != null ? parent + "_" + name : name, value);
    }
}
