package dev.th;

import dev.th.fixture.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up the API tests on the OTRF store share: {@link #th} is a session on
 * {@link Stores#open()} for the whole test class, closed after it. A subclass's own
 * {@code @BeforeAll} runs after this one and may use {@link #th}.
 */
abstract class OtrfStoreTest {
    static TH th;

    @BeforeAll
    static void openOtrfStore() {
        th = Stores.open();
    }

    @AfterAll
    static void closeOtrfStore() {
        if (th != null) {
            th.close();
        }
    }
}
