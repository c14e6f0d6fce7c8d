package dev.th.evtx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens one decoded event document into field name → text, in document order:
 * <ul>
 * <li>System: an element's text under its name ({@code EventID}, {@code Channel}), its
 * attributes as {@code Element_Attribute} ({@code Provider_Name}, {@code Execution_ProcessID}),
 * except {@code TimeCreated/@SystemTime}, stored as {@code TimeCreated};</li>
 * <li>EventData: {@code <Data Name="X">} as {@code X}; unnamed elements by element name
 * ({@code Data}, {@code Binary}), repeated names numbered {@code Data_1}, {@code Data_2}...;</li>
 * <li>RenderingInfo (forwarded events): the rendered {@code Message} as {@code Message}, the
 * other names as {@code RenderingInfo_Level}, {@code RenderingInfo_Task}, {@code RenderingInfo_Keyword}...;</li>
 * <li>UserData and any other section: leaf elements by element name, prefixed with the parent
 * element's name only on a clash; attributes (but xmlns) as {@code Element_Attribute}.</li>
 * </ul>
 */
final class RecordFlattener implements BinXmlDecoder.Handler {
    private static final int SYSTEM = 1;
    private static final int EVENT_DATA = 2;
    private static final int OTHER = 3;
    private static final int RENDERING = 4;
    private static final int MAX_DEPTH = 64;

    private final ValueText values;
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
    long timeTicks;

    RecordFlattener(ValueText values) {
        this.values = values;
        for (int i = 0; i < MAX_DEPTH; i++) {
            texts[i] = new StringBuilder(64);
        }
    }

    /** Starts a new record. */
    void begin() {
        depth = 0;
        section = 0;
        fields = new LinkedHashMap<>(64);
        timeTicks = Long.MIN_VALUE;
    }

    /** The fields of the record just decoded. */
    LinkedHashMap<String, String> fields() {
        return fields;
    }

    @Override
    public void startElement(String name) {
        if (depth + 1 >= MAX_DEPTH) {
            throw new DecodeException("elements nested deeper than " + MAX_DEPTH);
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

    @Override
    public void attribute(String name, String value) {
        if (depth <= 1 || name.startsWith("xmlns")) {
            return;
        }
        hasAttr[depth] = true;
        String element = names[depth];
        if (section == SYSTEM && depth == 3) {
            if ("SystemTime".equals(name) && "TimeCreated".equals(element)) {
                timeTicks = values.lastFiletime;
                fields.put("TimeCreated", value);
                return;
            }
            fields.put(key(element, name), value);
        } else if (section == EVENT_DATA && depth == 3 && "Name".equals(name)) {
            dataName[depth] = value;
        } else {
            putLeaf(depth > 1 ? names[depth - 1] : null, key(element, name), value);
        }
    }

    @Override
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

    /** The current element's text, joined from its pieces. */
    private String text() {
        return textParts[depth] <= 1 ? firstText[depth] : texts[depth].toString();
    }

    @Override
    public void endElement() {
        if (depth == 0) {
            throw new DecodeException("end of element without a start");
        }
        String text = text();
        boolean leaf = !hasChild[depth];
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
    }

    private String key(String element, String attribute) {
        return keys.computeIfAbsent(element, e -> new HashMap<>())
                .computeIfAbsent(attribute, a -> element + "_" + a);
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
