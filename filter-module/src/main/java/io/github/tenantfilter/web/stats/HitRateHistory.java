// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import io.github.tenantfilter.api.CacheStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} samples of the cache counters, oldest dropped first, and the hit
 * rates between consecutive samples: what the stats page's chart draws.
 *
 * <pre>{@code
 * HitRateHistory history = new HitRateHistory(360);
 * history.add(HitRateHistory.Sample.of(clock.millis(), runtime.getCacheStats()));
 * List<HitRateHistory.Point> chart = history.points();
 * }</pre>
 */
public final class HitRateHistory {

  /**
   * The counters at one moment (cumulative since the application started).
   *
   * @param timeMillis when, in epoch milliseconds
   * @param lookups tenant lookups
   * @param localHits lookups the heap tier (L1) answered, unknown hosts included
   * @param localMisses lookups the heap tier could not answer
   * @param redisHits heap misses Redis (L2) answered
   * @param storeLoads queries sent to the tenant store
   */
  public record Sample(
      long timeMillis, long lookups, long localHits, long localMisses, long redisHits,
      long storeLoads) {

    /** The sample of {@code stats} at {@code timeMillis}. */
    public static Sample of(long timeMillis, CacheStats stats) {
      return new Sample(timeMillis, stats.lookups(), stats.localHits() + stats.negativeHits(),
          stats.localMisses(), stats.redisHits(), stats.storeLoads());
    }
  }

  /**
   * The rates between two samples, at the later one's time; a rate is {@code null} when there was
   * nothing to divide (no lookup, or no heap miss for the Redis rate).
   *
   * @param timeMillis the end of the interval
   * @param lookups lookups in the interval
   * @param localHitRate share of lookups the heap tier answered
   * @param redisHitRate share of heap misses Redis answered
   * @param hitRate share of lookups answered without the store (either tier)
   * @param storeLoads store queries in the interval
   */
  public record Point(
      long timeMillis, long lookups, Double localHitRate, Double redisHitRate, Double hitRate,
      long storeLoads) {

    static Point between(Sample from, Sample to) {
      long lookups = to.lookups() - from.lookups();
      long localHits = to.localHits() - from.localHits();
      long localMisses = to.localMisses() - from.localMisses();
      long redisHits = to.redisHits() - from.redisHits();
      return new Point(
          to.timeMillis(),
          lookups,
          ratio(localHits, lookups),
          ratio(redisHits, localMisses),
          ratio(localHits + redisHits, lookups),
          to.storeLoads() - from.storeLoads());
    }

    private static Double ratio(long part, long whole) {
      return whole <= 0 ? null : Math.min(1.0, Math.max(0.0, (double) part / whole));
    }
  }

  private final Sample[] ring;
  private int next;
  private int size;

  /**
   * Creates an empty history.
   *
   * @param capacity samples kept (at least 2: a rate needs two)
   * @throws IllegalArgumentException if {@code capacity} is below 2
   */
  public HitRateHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, not " + capacity);
    }
    ring = new Sample[capacity];
  }

  /** Adds {@code sample}, dropping the oldest when full. */
  public synchronized void add(Sample sample) {
    ring[next] = sample;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  /** The samples kept, oldest first. */
  public synchronized List<Sample> samples() {
    List<Sample> samples = new ArrayList<>(size);
    int start = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      samples.add(ring[(start + i) % ring.length]);
    }
    return samples;
  }

  /** The rates between consecutive samples, oldest first (one fewer than the samples). */
  public List<Point> points() {
    List<Sample> samples = samples();
    List<Point> points = new ArrayList<>(Math.max(0, samples.size() - 1));
    for (int i = 1; i < samples.size(); i++) {
      points.add(Point.between(samples.get(i - 1), samples.get(i)));
    }
    return points;
  }
}
