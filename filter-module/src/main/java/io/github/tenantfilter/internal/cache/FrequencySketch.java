// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

/**
 * How often each key was looked up lately, estimated in a fixed amount of memory: a count-min
 * sketch of 4-bit counters (TinyLFU's frequency filter). A key's estimate is the least of its
 * four counters; it may be too high (another key shares all four), never too low, except that
 * every counter is halved after {@code 10 × capacity} counted lookups, so that the estimate
 * follows what is hot now rather than what was hot once.
 *
 * <p>Memory: one {@code long} (sixteen counters) per entry of the cache it serves, rounded up to
 * a power of two: 8 KB for the default 1,000 entries.
 *
 * <p>Racy on purpose: counters are read and written without synchronisation, so that a lookup
 * pays no lock and no atomic instruction. A lost increment or a halving that runs twice only
 * makes an estimate a little off; the sketch decides what the heap tier keeps, never what it
 * answers. A key whose counters are all at 15 (a hot key) is read and not written.
 */
final class FrequencySketch {

  private static final long[] SEEDS = {
    0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L
  };
  private static final long HALF_MASK = 0x7777_7777_7777_7777L;
  private static final int MAX = 15;

  private final long[] table;
  private final int mask;
  private final int samplePeriod;
  private int additions;

  /** A sketch for a cache of {@code capacity} entries. */
  FrequencySketch(int capacity) {
    int wanted = Math.max(16, Math.min(capacity, 1 << 26));
    int length = Integer.highestOneBit(wanted - 1) << 1;
    this.table = new long[length];
    this.mask = length - 1;
    this.samplePeriod = 10 * Math.max(capacity, 16);
  }

  /** The estimated count of {@code key}'s recent lookups, 0 to 15. */
  int frequency(Object key) {
    int hash = spread(key.hashCode());
    int least = MAX;
    for (int row = 0; row < 4; row++) {
      least = Math.min(least, counter(table[index(hash, row)], hash, row));
    }
    return least;
  }

  /**
   * Counts a lookup of {@code key}: the least of its four counters goes up by one, and the others
   * only if they equal it (a conservative update, which keeps shared counters lower).
   */
  void increment(Object key) {
    int hash = spread(key.hashCode());
    int i0 = index(hash, 0);
    int i1 = index(hash, 1);
    int i2 = index(hash, 2);
    int i3 = index(hash, 3);
    int c0 = counter(table[i0], hash, 0);
    int c1 = counter(table[i1], hash, 1);
    int c2 = counter(table[i2], hash, 2);
    int c3 = counter(table[i3], hash, 3);
    int least = Math.min(Math.min(c0, c1), Math.min(c2, c3));
    if (least == MAX) {
      return;
    }
    if (c0 == least) {
      table[i0] += 1L << shift(hash, 0);
    }
    if (c1 == least) {
      table[i1] += 1L << shift(hash, 1);
    }
    if (c2 == least) {
      table[i2] += 1L << shift(hash, 2);
    }
    if (c3 == least) {
      table[i3] += 1L << shift(hash, 3);
    }
    if (++additions >= samplePeriod) {
      halve();
    }
  }

  /** Halves every counter: the ageing step. */
  private void halve() {
    additions = 0;
    for (int i = 0; i < table.length; i++) {
      table[i] = (table[i] >>> 1) & HALF_MASK;
    }
  }

  private static int counter(long word, int hash, int row) {
    return (int) ((word >>> shift(hash, row)) & MAX);
  }

  /** Which of the word's sixteen counters a row uses: four bits of the hash per row. */
  private static int shift(int hash, int row) {
    return ((hash >>> (row << 2)) & 15) << 2;
  }

  private int index(int hash, int row) {
    long x = (hash + SEEDS[row]) * SEEDS[row];
    x ^= x >>> 32;
    return (int) x & mask;
  }

  /** Mixes a {@code hashCode()}, so that similar strings spread over the table. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x45D9F3B;
    return h ^ (h >>> 16);
  }
}
