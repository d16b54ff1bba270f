// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The read path's own rules, on a map as the heap tier: when a shared value answers, when it is
 * only a stale fallback, and which failure of the source it answers. The rules both caches keep
 * through it are {@link TwoTierCacheContract}'s.
 */
class ReadThroughTest {

  /** Thrown by a source that cannot answer. */
  private static final class SourceDown extends RuntimeException {
    SourceDown() {
      super("the source is down");
    }
  }

  private final FakeSharedTier shared = new FakeSharedTier();
  private final Map<String, String> heap = new ConcurrentHashMap<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final Coherence coherence = new Coherence("test", new Coherence.Local() {
    @Override
    public void drop(String key) {
      heap.remove(key);
    }

    @Override
    public void dropAll() {
      heap.clear();
    }
  }, shared, new RemoteHealth("fake", "test", "the source"), new TierCounters(), 100);
  private volatile Function<String, String> source = key -> "loaded " + key;

  /** Values in the shared tier are "fresh:x" (answers) or "old:x" (only for a failing source). */
  private final ReadThrough.Steps<String, String> steps = new ReadThrough.Steps<>() {
    @Override
    public ReadThrough.Cached<String> decode(String key, SharedTier.Read read) {
      String value = read.value();
      if (value == null) {
        return null;
      }
      return new ReadThrough.Cached<>(value.substring(value.indexOf(':') + 1),
          value.startsWith("fresh:"));
    }

    @Override
    public String load(String key) {
      loads.incrementAndGet();
      return source.apply(key);
    }

    @Override
    public void fill(String key, String value, String epoch) throws RemoteUnavailable {
      shared.fill(key, "fresh:" + value, 60, epoch, null);
    }

    @Override
    public void putLocal(String key, String value) {
      heap.put(key, value);
    }

    @Override
    public void removeLocal(String key) {
      heap.remove(key);
    }
  };

  private ReadThrough<String, String> reads(Class<? extends RuntimeException> staleOn) {
    return new ReadThrough<>(coherence, shared, shared, 10, () -> true, staleOn, steps);
  }

  private String load(ReadThrough<String, String> reads, boolean trusted) {
    return reads.load("k", "k", null, trusted, ReadThrough.UNCOUNTED);
  }

  @Test
  void freshTrustedSharedValue_answersWithoutTheSourceAndGoesToTheHeap() {
    shared.values.put("k", "fresh:from redis");

    assertThat(load(reads(SourceDown.class), true)).isEqualTo("from redis");

    assertThat(loads).hasValue(0);
    assertThat(heap).containsEntry("k", "from redis");
  }

  @Test
  void untrustedSharedValue_theSourceAnswersAndItsValueIsFilled() {
    shared.values.put("k", "fresh:from redis");

    assertThat(load(reads(SourceDown.class), false)).isEqualTo("loaded k");

    assertThat(loads).hasValue(1);
    assertThat(heap).containsEntry("k", "loaded k");
    assertThat(shared.values).containsEntry("k", "fresh:loaded k");
  }

  @Test
  void staleSharedValue_answersOnlyTheSourcesOwnFailure() {
    shared.values.put("k", "old:from redis");
    source = key -> {
      throw new SourceDown();
    };

    assertThat(load(reads(SourceDown.class), true)).isEqualTo("from redis");
    assertThat(heap).as("a stale value is served, not kept").doesNotContainKey("k");

    source = key -> {
      throw new IllegalStateException("a bug, not an outage");
    };
    assertThatThrownBy(() -> load(reads(SourceDown.class), true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutStaleIfError_aFailingSourceFailsTheLoad() {
    shared.values.put("k", "old:from redis");
    source = key -> {
      throw new SourceDown();
    };

    assertThatThrownBy(() -> load(reads(null), true)).isInstanceOf(SourceDown.class);
  }

  @Test
  void heapStaleValue_winsOverTheSharedOneForAFailingSource() {
    shared.values.put("k", "old:from redis");
    source = key -> {
      throw new SourceDown();
    };

    assertThat(reads(SourceDown.class).load("k", "k", "from the heap", true,
        ReadThrough.UNCOUNTED)).isEqualTo("from the heap");
  }

  @Test
  void sourceHasNothing_nothingIsKeptOrFilled() {
    source = key -> null;

    assertThat(load(reads(SourceDown.class), true)).isNull();

    assertThat(heap).isEmpty();
    assertThat(shared.values).isEmpty();
  }
}
