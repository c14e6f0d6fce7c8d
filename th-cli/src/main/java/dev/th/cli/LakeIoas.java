package dev.th.cli;

import dev.th.lake.LakeState;
import java.nio.file.Path;

/** The IoAs of a lake: its state store, written back into the lake's ioas table after a change (docs/cluster.md). */
final class LakeIoas {
    private LakeIoas() {
    }

    static IoaSource open(Path lake) {
        LakeState state = LakeState.open(lake);
        return new IoaSource(state.ioas(), changed -> {
            try {
                if (changed) {
                    state.publish(lake);
                }
            } finally {
                state.close();
            }
        });
    }
}
