package fr.guichetbio.catalogue.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rebuild's read-ahead: same items in the same order, the next one read while the caller works. */
class ReadAheadTest {

    @Test
    void handsOverEveryItemInOrderThenEnds() {
        List<Integer> seen = new ArrayList<>();
        try (var ahead = new CatalogueRebuild.ReadAhead<>(List.of(1, 2, 3).iterator())) {
            while (ahead.hasNext()) {
                seen.add(ahead.next());
            }
            assertThatThrownBy(ahead::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(seen).containsExactly(1, 2, 3);
    }

    @Test
    void readsTheNextItemWhileTheCallerHoldsTheCurrentOne() throws Exception {
        CountDownLatch secondRead = new CountDownLatch(1);
        Iterator<Integer> source = new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return produced < 2;
            }

            @Override
            public Integer next() {
                produced++;
                if (produced == 2) {
                    secondRead.countDown();
                }
                return produced;
            }
        };
        try (var ahead = new CatalogueRebuild.ReadAhead<>(source)) {
            assertThat(ahead.next()).isEqualTo(1);
            // The caller has not asked for the second item yet: it is being read all the same.
            assertThat(secondRead.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ahead.next()).isEqualTo(2);
            assertThat(ahead.hasNext()).isFalse();
        }
    }

    @Test
    void aFailureOfTheSourceReachesTheCallerAtTheItemItWouldHaveProduced() {
        Iterator<Integer> source = new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (++produced == 2) {
                    throw new IllegalStateException("database gone");
                }
                return produced;
            }
        };
        try (var ahead = new CatalogueRebuild.ReadAhead<>(source)) {
            assertThat(ahead.next()).isEqualTo(1);
            assertThatThrownBy(ahead::hasNext)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("database gone");
        }
    }

    @Test
    void closingEndsTheReaderWithoutReadingFurther() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return reads.incrementAndGet();
            }
        };
        var ahead = new CatalogueRebuild.ReadAhead<>(endless);
        assertThat(ahead.next()).isEqualTo(1);
        ahead.close();
        // Left open, the reader would wait forever to hand over the item it read ahead.
        assertThat(ahead.reader.join(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(reads.get()).isEqualTo(2);
    }
}
