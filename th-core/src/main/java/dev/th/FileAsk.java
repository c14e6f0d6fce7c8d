package dev.th;

import dev.th.ask.RowFactory;
import dev.th.ask.Scope;
import dev.th.ask.Session;
import java.util.List;

/**
 * A question with the seed's {@code file} option. Which side of an event the option reads is
 * the question's: the file acted on ({@link Side#CHILD}), or the acting process's file
 * ({@link Side#PARENT}).
 */
abstract class FileAsk<T extends Row, S extends FileAsk<T, S>> extends Ask<T, S> {
    private final Side fileSide;

    FileAsk(Session session, Scope scope, Side fileSide, List<String> columns, RowFactory<T> factory,
            String family) {
        super(session, scope, columns, factory, family);
        this.fileSide = fileSide;
    }

    /** The seed's {@code file}: rows about these files (see the question for which side it reads). */
    public S file(File... files) {
        fileFilter(fileSide, list(files, "file"));
        return self();
    }

    /** {@link #file(File...)} from MD5s, paths or names. */
    public S file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }
}
