package io.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedCacheTest {

    @Test
    void aKeyIsComputedOnce_andAFailureIsNotKept() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(10);
        AtomicInteger computed = new AtomicInteger();
        assertThat(cache.get("42", k -> {
            computed.incrementAndGet();
            return Integer.parseInt(k);
        })).isEqualTo(42);
        assertThat(cache.get("42", k -> {
            computed.incrementAndGet();
            return -1;
        })).isEqualTo(42);
        assertThat(computed).hasValue(1);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cache.get("x", Integer::parseInt)).isInstanceOf(NumberFormatException.class);
        }
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void itNeverHoldsMoreThanItsSize() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            assertThat(cache.get(i, k -> k * 2)).isEqualTo(i * 2);
            assertThat(cache.size()).isBetween(1, 100);
        }
    }

    @Test
    void aCacheHoldsAtLeastOneEntry() {
        assertThatThrownBy(() -> new BoundedCache<>(0)).hasMessageContaining("at least one entry, not 0");
    }
}
