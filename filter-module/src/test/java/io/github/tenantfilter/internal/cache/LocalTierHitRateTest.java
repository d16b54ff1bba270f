// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.testing.MutableClock;
import io.github.tenantfilter.testing.ZipfSequence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The heap tier's hit rate when the tenants outnumber it (docs/benchmarks.md, issue 19): the
 * load benchmark's workload, Zipf(1.0) over 10,000 tenants with the default 1,000 entries,
 * replayed through the real tier (Ehcache and its eviction advisor) and compared on the same
 * sequence with the two references: a perfect LFU (the 1,000 hottest tenants held, the bound)
 * and an exact LRU (what a recency-only cache gets).
 */
class LocalTierHitRateTest {

  private static final int TENANTS = 10_000;
  private static final int SIZE = 1_000;
  private static final int LENGTH = 2_000_000;
  private static final int WARM = 200_000;

  @Test
  void zipfOverTenTimesTheTier_hitRateWithinTwoPointsOfPerfectLfu() {
    long seed = Long.getLong("hitrate.seed", 20260408L);
    int[] ranks = ZipfSequence.ranks(ZipfSequence.cdf(TENANTS, 1.0), LENGTH, seed);
    double lfu = perfectLfu(ranks, SIZE);
    double lru = exactLru(ranks, SIZE);
    double tier = replay(ranks, SIZE);
    System.out.printf("hit rate (seed %d): perfect LFU %.4f, exact LRU %.4f, heap tier %.4f%n",
        seed, lfu, lru, tier);
    assertThat(tier).as("heap tier vs perfect LFU %.4f (seed %d)", lfu, seed)
        .isGreaterThanOrEqualTo(lfu - 0.02);
    assertThat(tier).as("heap tier vs exact LRU").isGreaterThan(lru);
  }

  @Test
  void scanOfColdKeys_doesNotPushHotTenantsOut() {
    MutableClock clock = new MutableClock();
    try (LocalTier tier = new LocalTier(100, Duration.ofHours(1), 10, Duration.ofSeconds(5),
        clock)) {
      int cold = 0;
      for (int round = 0; round < 50; round++) {
        for (int hot = 0; hot < 50; hot++) {
          lookup(tier, "subdomain:hot" + hot);
        }
        for (int i = 0; i < 100; i++) {
          lookup(tier, "subdomain:cold" + cold++);
        }
      }
      int held = 0;
      for (int hot = 0; hot < 50; hot++) {
        held += tier.peek("subdomain:hot" + hot) != null ? 1 : 0;
      }
      assertThat(held).as("hot tenants still held while 5,000 cold keys pass by")
          .isGreaterThanOrEqualTo(45);
    }
  }

  private static boolean lookup(LocalTier tier, String key) {
    if (tier.get(key) != null) {
      return true;
    }
    tier.putTenant(key, tenant(key, null));
    return false;
  }

  private static double replay(int[] ranks, int size) {
    String[] keys = new String[TENANTS + 1];
    Tenant[] tenants = new Tenant[TENANTS + 1];
    for (int rank = 1; rank <= TENANTS; rank++) {
      keys[rank] = "subdomain:t" + rank;
      tenants[rank] = tenant("t" + rank, "t" + rank);
    }
    long hits = 0;
    MutableClock clock = new MutableClock();
    try (LocalTier tier = new LocalTier(size, Duration.ofSeconds(60), 100, Duration.ofSeconds(5),
        clock)) {
      for (int k = 0; k < ranks.length; k++) {
        if (k % 25 == 0) {
          clock.advance(Duration.ofMillis(1)); // 25,000 requests/s, as in the load benchmark
        }
        String key = keys[ranks[k]];
        if (tier.get(key) != null) {
          hits += k >= WARM ? 1 : 0;
        } else {
          tier.putTenant(key, tenants[ranks[k]]);
        }
      }
    }
    return hits / (double) (ranks.length - WARM);
  }

  /** Hits of a cache that holds, from the start, the {@code size} most requested keys. */
  private static double perfectLfu(int[] ranks, int size) {
    int[] counts = new int[TENANTS + 1];
    for (int k = WARM; k < ranks.length; k++) {
      counts[ranks[k]]++;
    }
    int[] sorted = counts.clone();
    java.util.Arrays.sort(sorted);
    long top = 0;
    for (int i = 0; i < size; i++) {
      top += sorted[sorted.length - 1 - i];
    }
    return top / (double) (ranks.length - WARM);
  }

  private static double exactLru(int[] ranks, int size) {
    Map<Integer, Boolean> lru = new LinkedHashMap<>(size * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
        return size() > size;
      }
    };
    long hits = 0;
    for (int k = 0; k < ranks.length; k++) {
      if (lru.get(ranks[k]) != null) {
        hits += k >= WARM ? 1 : 0;
      } else {
        lru.put(ranks[k], Boolean.TRUE);
      }
    }
    return hits / (double) (ranks.length - WARM);
  }
}
