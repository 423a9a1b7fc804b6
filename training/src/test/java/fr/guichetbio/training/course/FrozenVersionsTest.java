package fr.guichetbio.training.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrozenVersionsTest {

    private final List<Long> loads = new ArrayList<>();

    private Optional<String> load(long versionId) {
        loads.add(versionId);
        return versionId < 0 ? Optional.empty() : Optional.of("version " + versionId);
    }

    @Test
    void readsAVersionOnceThenKeepsIt() {
        FrozenVersions<String> versions = new FrozenVersions<>(4);

        assertThat(versions.get(1, this::load)).contains("version 1");
        assertThat(versions.get(1, this::load)).contains("version 1");

        assertThat(loads).containsExactly(1L);
    }

    @Test
    void remembersNothingAbsent() {
        FrozenVersions<String> versions = new FrozenVersions<>(4);

        assertThat(versions.get(-1, this::load)).isEmpty();
        assertThat(versions.get(-1, this::load)).isEmpty();

        // A version not found (not published yet) may be found later: it is asked for again.
        assertThat(loads).containsExactly(-1L, -1L);
    }

    @Test
    void theLeastRecentlyUsedVersionLeavesFirst() {
        FrozenVersions<String> versions = new FrozenVersions<>(2);
        versions.get(1, this::load);
        versions.get(2, this::load);
        versions.get(1, this::load);
        versions.get(3, this::load);
        loads.clear();

        versions.get(1, this::load);
        versions.get(3, this::load);
        versions.get(2, this::load);

        assertThat(loads).containsExactly(2L);
    }
}
