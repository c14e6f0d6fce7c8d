package dev.th.cli;

import java.util.Map;

/**
 * What the console is: its width in columns (0 when not a terminal, or unknown: then tables are
 * printed in full) and whether colour may be used: only on a terminal, and never when
 * {@code NO_COLOR} is set (no-color.org) or {@code TERM} is {@code dumb}. The {@code th}
 * launcher passes the terminal's width as {@code -Dth.columns} when standard output is one.
 *
 * @param columns the width, 0 for unlimited
 * @param color whether ANSI colour may be written
 */
record Terminal(int columns, boolean color) {
    /** No terminal: full-width tables, no colour (pipes, files, tests). */
    static final Terminal NONE = new Terminal(0, false);

    private static Terminal current;

    /** The console of this process. */
    static synchronized Terminal current() {
        if (current == null) {
            current = detect(System.getenv(), System.console() != null, Integer.getInteger("th.columns", 0));
        }
        return current;
    }

    /** Sets the console (tests). */
    static synchronized void set(Terminal t) {
        current = t;
    }

    static Terminal detect(Map<String, String> env, boolean console, int launcherColumns) {
        if (!console) {
            return NONE;
        }
        int cols = launcherColumns;
        if (cols <= 0) {
            try {
                cols = Integer.parseInt(env.getOrDefault("COLUMNS", "0").trim());
            } catch (NumberFormatException e) {
                cols = 0;
            }
        }
        String noColor = env.get("NO_COLOR");
        boolean color = (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Terminal(Math.max(0, cols), color);
    }

    /** {@code text} in bold, when colour is on. */
    String bold(String text) {
        return color ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    /** {@code text} coloured by an IoA severity (critical and high red, medium yellow, low cyan), when colour is on. */
    String severity(String text, String level) {
        if (!color) {
            return text;
        }
        String code = switch (level.trim()) {
            case "critical" -> "1;31";
            case "high" -> "31";
            case "medium" -> "33";
            case "low" -> "36";
            default -> null;
        };
        return code == null ? text : "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
