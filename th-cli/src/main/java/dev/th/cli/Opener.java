package dev.th.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a file in the desktop's browser ({@code --open}): xdg-open, open (macOS) or start (Windows). */
final class Opener {
    private Opener() {
    }

    /** Opens {@code file}; null when it worked, else why not (printed by the caller, the file stays written). */
    static String open(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd = os.contains("win") ? List.of("cmd", "/c", "start", "", file.toAbsolutePath().toString())
                : os.contains("mac") ? List.of("open", file.toAbsolutePath().toString())
                : List.of("xdg-open", file.toAbsolutePath().toString());
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return null;
        } catch (IOException e) {
            return "cannot open a browser (" + cmd.get(0) + ": " + e.getMessage() + "); open " + file.toAbsolutePath() + " yourself";
        }
    }
}
