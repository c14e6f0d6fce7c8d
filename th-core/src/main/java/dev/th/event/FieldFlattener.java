package dev.th.event;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens one {@code <Event>} document, fed as start/attribute/text/end calls (by the EVTX
 * reader's binary XML decoder or by the XML export reader), into field name → text, in document
 * order, so an EVTX record and the same event exported as XML give the same fields:
 * <ul>
 * <li>System: an element's text under its name ({@code EventID}, {@code Channel}), its
 * attributes as {@code Element_Attribute} ({@code Provider_Name}, {@code Execution_ProcessID}),
 * except {@code TimeCreated/@SystemTime}, stored as {@code TimeCreated}; GUIDs {@code {lower-case}};</li>
 * <li>EventData: {@code <Data Name="X">} as {@code X}; unnamed elements by element name
 * ({@code Data}, {@code Binary}), repeated names numbered {@code Data_1}, {@code Data_2}...;</li>
 * <li>RenderingInfo (forwarded events): the rendered {@code Message} as {@code Message}, the
 * other leaves as {@code RenderingInfo_Level}, {@code RenderingInfo_Task}, {@code RenderingInfo_Keyword}...;</li>
 * <li>UserData and any other section: leaf elements by element name, prefixed with the parent
 * element's name only on a clash; attributes (but xmlns) as {@code Element_Attribute}.</li>
 * </ul>
 * Blank text beside child elements (an export's indentation) is not data. Not thread-safe; one
 * instance serves record after record.
 */
public final class FieldFlattener {
    /** Elements nest at most this deep ({@link #startElement} refuses deeper). */
    public static final int MAX_DEPTH = 64;
    private static final int SYSTEM = 1;
    private static final int EVENT_DATA = 2;
    private static final int OTHER = 3;
    private static final int RENDERING = 4;

    private final String[] names = new String[MAX_DEPTH];
    private final StringBuilder[] texts = new StringBuilder[MAX_DEPTH];
    private final String[] firstText = new String[MAX_DEPTH];
    private final int[] textParts = new int[MAX_DEPTH];
    private final boolean[] hasChild = new boolean[MAX_DEPTH];
    private final boolean[] hasAttr = new boolean[MAX_DEPTH];
    private final String[] dataName = new String[MAX_DEPTH];
    private final Map<String, Map<String, String>> keys = new HashMap<>();
    private int depth;
    private int section;
    private LinkedHashMap<String, String> fields;

    public FieldFlattener() {
        for (int i = 0; i < MAX_DEPTH; i++) {
            texts[i] = new StringBuilder(64);
        }
    }

    /** Starts a new record; its {@code <Event>} element comes next. */
    public void begin() {
        depth = 0;
        section = 0;
        fields = new LinkedHashMap<>(64);
    }

    /** How deep the current element is: 1 for {@code <Event>}, 0 outside. */
    public int depth() {
        return depth;
    }

    /** The fields of the record flattened so far. */
    public LinkedHashMap<String, String> fields() {
        return fields;
    }

    /** @throws IllegalArgumentException when elements nest deeper than {@link #MAX_DEPTH} */
    public void startElement(String name) {
        if (depth + 1 >= MAX_DEPTH) {
            throw new IllegalArgumentException("elements nested deeper than " + MAX_DEPTH);
        }
        hasChild[depth] = true;
        depth++;
        names[depth] = name;
        textParts[depth] = 0;
        firstText[depth] = "";
        hasChild[depth] = false;
        hasAttr[depth] = false;
        dataName[depth] = null;
        if (depth == 2) {
            section = switch (name) {
                case "System" -> SYSTEM;
                case "EventData" -> EVENT_DATA;
                case "RenderingInfo" -> RENDERING;
                default -> OTHER;
            };
        }
    }

    /** An attribute of the current element; true when it is the record's time ({@code TimeCreated/@SystemTime}). */
    public boolean attribute(String name, String value) {
        if (depth <= 1 || name.startsWith("xmlns")) {
            return false;
        }
        hasAttr[depth] = true;
        String element = names[depth];
        if (section == SYSTEM && depth == 3) {
            if ("SystemTime".equals(name) && "TimeCreated".equals(element)) {
                fields.put("TimeCreated", value);
                return true;
            }
            // a GUID of System (Provider Guid, Correlation ActivityID): {lower-case}, as the EVTX
            // reader renders the binary value; Windows' XML writes them upper case
            fields.put(key(element, name), value.startsWith("{") ? value.toLowerCase(Locale.ROOT) : value);
        } else if (section == EVENT_DATA && depth == 3 && "Name".equals(name)) {
            dataName[depth] = value;
        } else {
            putLeaf(names[depth - 1], key(element, name), value);
        }
        return false;
    }

    /** A piece of the current element's text. */
    public void text(String s) {
        if (depth == 0) {
            return;
        }
        int n = textParts[depth]++;
        if (n == 0) {
            firstText[depth] = s;
        } else {
            StringBuilder sb = texts[depth];
            if (n == 1) {
                sb.setLength(0);
                sb.append(firstText[depth]);
            }
            sb.append(s);
        }
    }

    /** A piece of the current element's text, as a parser's buffer holds it. */
    public void text(char[] chars, int start, int length) {
        if (depth == 0) {
            return;
        }
        StringBuilder sb = texts[depth];
        if (textParts[depth] < 2) {
            sb.setLength(0);
            sb.append(firstText[depth]);
            textParts[depth] = 2;
        }
        sb.append(chars, start, length);
    }

    /**
     * Ends the current element; true when it was the {@code <Event>} itself.
     *
     * @throws IllegalStateException when no element is open
     */
    public boolean endElement() {
        if (depth == 0) {
            throw new IllegalStateException("end of element without a start");
        }
        boolean leaf = !hasChild[depth];
        String text = textParts[depth] <= 1 ? firstText[depth] : texts[depth].toString();
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
            } else if (section == RENDERING && leaf) {
                if ("Message".equals(name)) {
                    putLeaf(names[2], name, text);
                } else {
                    putNumbered(names[2] + "_" + name, text);
                }
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
