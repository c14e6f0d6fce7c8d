package dev.th.cli;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?": the closest of the allowed names to a mistyped one (edit distance). */
final class Suggest {
    private Suggest() {
    }

    /** {@code " (did you mean 'x'?)"} when one of {@code names} is close to {@code typed}, else empty. */
    static String didYouMean(String typed, Collection<String> names) {
        String best = closest(typed, names);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static final java.util.regex.Pattern ALLOWED = java.util.regex.Pattern.compile("'([^']+)'; allowed: ([^;()]+)$");

    /**
     * An error of the form {@code "unknown kind 'interpretr'; allowed: interpreter, ..."} (as the
     * API words them) with the closest allowed value added; other messages unchanged.
     */
    static String improve(String message) {
        if (message == null || message.contains("did you mean")) {
            return message;
        }
        java.util.regex.Matcher m = ALLOWED.matcher(message);
        if (!m.find()) {
            return message;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String n : m.group(2).split(",")) {
            names.add(n.trim());
        }
        String hint = didYouMean(m.group(1), names);
        return hint.isEmpty() ? message : message.substring(0, m.start(1) + m.group(1).length() + 1) + hint + message.substring(m.end(1) + 1);
    }

    /** The name closest to {@code typed} when it is close enough (at most a third of its letters differ), or null. */
    static String closest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(t, n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(1, best.length() / 3) ? best : null;
    }

    /** Levenshtein distance, with an adjacent swap counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
