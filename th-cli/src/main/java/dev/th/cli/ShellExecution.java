package dev.th.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution (snippets run in the shell's own JVM, beside the open store),
 * printing answers as tables ({@link ShellValues}) above JShell's own line, which names the value. Found by JShell as execution engine
 * {@value #NAME} through {@code META-INF/services}.
 */
public final class ShellExecution extends LocalExecutionControl {
    /** The name {@code --execution} takes. */
    public static final String NAME = "th";

    @Override
    protected String invoke(Method doit) throws Exception {
        Object value;
        try {
            value = doit.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
        String table = ShellValues.show(value);
        if (table == null) {
            return valueString(value);
        }
        // printed whole here: JShell cuts the values it shows at 80 characters
        System.out.println(table);
        System.out.flush();
        return ShellValues.summary(value);
    }

    /** The provider JShell looks up by name. */
    public static final class Provider implements ExecutionControlProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new ShellExecution();
        }
    }
}
