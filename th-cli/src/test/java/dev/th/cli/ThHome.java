package dev.th.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets the system property {@code th.home} to the repository root (where samples/ lies) for the
 * tests of a class, as the {@code th} launcher does, and puts back what was there after them.
 */
final class ThHome implements BeforeAllCallback, AfterAllCallback {
    private String before;

    @Override
    public void beforeAll(ExtensionContext context) {
        before = System.getProperty("th.home");
        System.setProperty("th.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (before == null) {
            System.clearProperty("th.home");
        } else {
            System.setProperty("th.home", before);
        }
    }
}
