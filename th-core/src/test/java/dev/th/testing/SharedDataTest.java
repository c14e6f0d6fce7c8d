package dev.th.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Missing real data skips a test on a user's machine and fails it on a build server (CI set). */
class SharedDataTest {

    @Test
    void missingDataFailsWhenCiIsSetAndSkipsOtherwise() {
        String missing = "no-such-folder/never.evtx";
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> SharedData.require(missing, "true"));
        assertTrue(failed.getMessage().contains("CI is set") && failed.getMessage().contains("never.evtx"), failed.getMessage());
        assertThrows(AssertionFailedError.class, () -> SharedData.require(missing, "1"));
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> SharedData.require(missing, null));
        assertTrue(skipped.getMessage().contains("never.evtx"), skipped.getMessage());
        assertThrows(TestAbortedException.class, () -> SharedData.require(missing, "false"));
    }

    @Test
    void theRootIsTheRepositorysSharedFolderFromAnyModule() {
        SharedData.require("."); // a user's clone has no shared data: skipped there, a failure in CI
        Path root = SharedData.root();
        assertTrue(Files.isDirectory(root.resolve("data")), root.toString());
        // whatever folder Maven ran in (the checkout or a module), the root is beside the checkout
        Path checkout = Path.of("").toAbsolutePath();
        while (checkout != null && !Files.exists(checkout.resolve("th-core"))) {
            checkout = checkout.getParent();
        }
        assertTrue(checkout != null, "the test runs inside the checkout");
        String prop = System.getProperty("th.shared");
        Path expected = prop != null && Files.isDirectory(Path.of(prop).resolve("data"))
                ? Path.of(prop).toAbsolutePath() // a data folder named on purpose wins
                : checkout.resolveSibling("shared");
        assertEquals(expected.normalize(), root.normalize());
    }
}
