package dev.th.cli;

import dev.th.File;
import dev.th.TH;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code th file MD5|PATH|NAME METHOD}: where a file was seen, its executions and detections. */
@Command(name = "file", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ask about a file, given by MD5 (32 hex digits), path (with \\ or /) or name; case ignored.")
public final class FileCommand extends AskCommand<File> {
    @Parameters(index = "0", paramLabel = "MD5|PATH|NAME", description = "The file")
    String file;

    @Parameters(index = "1", paramLabel = "METHOD", description = "One of the methods below")
    String method;

    public FileCommand() {
        super(() -> FileMethods.TABLE,
                "th file rundll32.exe machines",
                "th file rundll32.exe executions --command comsvcs --period all",
                "th file 'C:\\Windows\\System32\\rundll32.exe' first_seen");
    }

    @Override
    String method() {
        return method;
    }

    @Override
    File target(TH th) {
        File f = th.file(file);
        if (f.firstSeen() == null) {
            throw new NotFound("no file '" + file + "' was seen on any machine of the store");
        }
        return f;
    }

    @Override
    String span(File f) {
        return "file " + file + " was seen from " + f.firstSeen() + " to " + f.lastSeen();
    }
}
