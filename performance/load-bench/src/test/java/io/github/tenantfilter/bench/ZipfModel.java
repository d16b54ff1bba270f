// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.testing.ZipfSequence;
import java.util.SplittableRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request distribution of the load benchmark, Zipf(s) over {@code n} tenants, and what a
 * cache of {@code c} entries can hit under it: a perfect LFU (the top-{@code c} mass), LRU by the
 * Che approximation, and simulations on the very sequence that wrk replays (exact LRU, and the
 * sampled eviction of Ehcache's heap store: 8 random entries, the least recently used of them
 * goes).
 */
final class ZipfModel {

  private final double[] probability; // index 0 = rank 1
  private final double[] cdf;

  ZipfModel(int n, double s) {
    probability = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      probability[i] = 1 / Math.pow(i + 1, s);
      sum += probability[i];
    }
    cdf = new double[n];
    double running = 0;
    for (int i = 0; i < n; i++) {
      probability[i] /= sum;
      running += probability[i];
      cdf[i] = running;
    }
    cdf[n - 1] = 1.0;
  }

  int size() {
    return probability.length;
  }

  /** Probability of rank {@code rank} (1-based). */
  double probability(int rank) {
    return probability[rank - 1];
  }

  /** {@code length} ranks (1-based) drawn with {@code seed}. */
  int[] sequence(int length, long seed) {
    return ZipfSequence.ranks(cdf, length, seed);
  }

  /** Hit rate of a perfect LFU of {@code c} entries: the mass of the {@code c} hottest keys. */
  double topMass(int c) {
    double mass = 0;
    for (int i = 0; i < Math.min(c, probability.length); i++) {
      mass += probability[i];
    }
    return mass;
  }

  /**
   * Hit rate of an LRU of {@code c} entries by the Che approximation: the characteristic time T
   * solves {@code sum(1 - exp(-p_i T)) = c}; the hit rate is {@code sum(p_i (1 - exp(-p_i T)))}.
   */
  double cheLru(int c) {
    if (c >= probability.length) {
      return 1.0;
    }
    double low = 0;
    double high = 1;
    while (occupancy(high) < c) {
      high *= 2;
    }
    for (int i = 0; i < 200; i++) {
      double mid = (low + high) / 2;
      if (occupancy(mid) < c) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double t = (low + high) / 2;
    double hit = 0;
    for (double p : probability) {
      hit += p * (1 - Math.exp(-p * t));
    }
    return hit;
  }

  private double occupancy(double t) {
    double sum = 0;
    for (double p : probability) {
      sum += 1 - Math.exp(-p * t);
    }
    return sum;
  }

  /** Exact LRU of {@code c} entries over {@code ranks}, counting hits after {@code warm}. */
  static double simulateLru(int[] ranks, int c, int warm) {
    LinkedHashMap<Integer, Boolean> lru = new LinkedHashMap<>(2 * c, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
        return size() > c;
      }
    };
    long hits = 0;
    for (int k = 0; k < ranks.length; k++) {
      boolean hit = lru.get(ranks[k]) != null;
      if (!hit) {
        lru.put(ranks[k], Boolean.TRUE);
      }
      if (k >= warm && hit) {
        hits++;
      }
    }
    return (double) hits / (ranks.length - warm);
  }

  /**
   * Ehcache's heap eviction over {@code ranks}: when full, sample {@code sample} random entries
   * and evict the least recently accessed of them. Hits counted after {@code warm}.
   */
  static double simulateSampledLru(int[] ranks, int c, int sample, int warm, long seed) {
    int[] keys = new int[c];
    long[] lastAccess = new long[c];
    Map<Integer, Integer> slot = new HashMap<>(2 * c);
    SplittableRandom random = new SplittableRandom(seed);
    int size = 0;
    long hits = 0;
    for (int k = 0; k < ranks.length; k++) {
      Integer at = slot.get(ranks[k]);
      if (at != null) {
        lastAccess[at] = k;
        if (k >= warm) {
          hits++;
        }
        continue;
      }
      int target;
      if (size < c) {
        target = size++;
      } else {
        target = random.nextInt(c);
        for (int j = 1; j < sample; j++) {
          int other = random.nextInt(c);
          if (lastAccess[other] < lastAccess[target]) {
            target = other;
          }
        }
        slot.remove(keys[target]);
      }
      keys[target] = ranks[k];
      lastAccess[target] = k;
      slot.put(ranks[k], target);
    }
    return (double) hits / (ranks.length - warm);
  }
}
