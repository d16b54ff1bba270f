// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tenants with the most requests, in bounded memory: Space-Saving (Metwally, Agrawal, El
 * Abbadi 2005) with {@code capacity} counters per stripe. While a stripe has seen no more distinct
 * tenants than its capacity its counts are exact; after that a new tenant takes over the smallest
 * counter, so a count can be too high by at most its {@link Entry#error()}, and any tenant with
 * more than {@code total / capacity} requests is listed.
 *
 * <p>Called on the request path, so it is striped: a thread records into its own stripe (by
 * thread id), or the next free one if another thread holds it, so that threads rarely wait. A
 * record is a hash lookup and a few array writes under an uncontended lock; {@link #top} merges
 * the stripes (counts add up; where a full stripe does not hold a tenant, its smallest count is
 * added to both count and error, which keeps the bound).
 *
 * <pre>{@code
 * TopTenants top = new TopTenants(100, 4);
 * top.record("acme");
 * List<TopTenants.Entry> busiest = top.top(10);
 * }</pre>
 */
public final class TopTenants {

  /** A tenant's estimated requests: at least {@code count - error}, at most {@code count}. */
  public record Entry(String tenantId, long count, long error) {}

  private final Stripe[] stripes;
  private final int mask;

  /**
   * Creates the counter.
   *
   * @param capacity counters per stripe (tenants tracked exactly until that many are seen)
   * @param stripes how many stripes, rounded up to a power of two
   * @throws IllegalArgumentException if either is below 1
   */
  public TopTenants(int capacity, int stripes) {
    if (capacity < 1 || stripes < 1) {
      throw new IllegalArgumentException("capacity and stripes must be at least 1");
    }
    int n = Integer.highestOneBit(Math.min(stripes, 1 << 10) * 2 - 1);
    this.stripes = new Stripe[n];
    for (int i = 0; i < n; i++) {
      this.stripes[i] = new Stripe(capacity);
    }
    this.mask = n - 1;
  }

  /** Stripes for this machine: two per processor, at most 64. */
  public static int defaultStripes() {
    return Math.min(64, Runtime.getRuntime().availableProcessors() * 2);
  }

  /** Counts one request of {@code tenantId}. */
  public void record(String tenantId) {
    int home = (int) Thread.currentThread().getId() & mask;
    for (int i = 0; i <= mask; i++) {
      Stripe stripe = stripes[(home + i) & mask];
      if (stripe.lock.tryLock()) {
        try {
          stripe.add(tenantId);
        } finally {
          stripe.lock.unlock();
        }
        return;
      }
    }
    Stripe stripe = stripes[home];
    stripe.lock.lock();
    try {
      stripe.add(tenantId);
    } finally {
      stripe.lock.unlock();
    }
  }

  /** Requests recorded so far (every tenant). */
  public long total() {
    long total = 0;
    for (Stripe stripe : stripes) {
      stripe.lock.lock();
      try {
        total += stripe.total;
      } finally {
        stripe.lock.unlock();
      }
    }
    return total;
  }

  /** The {@code n} busiest tenants, busiest first (ties by id). */
  public List<Entry> top(int n) {
    Map<String, long[]> merged = new HashMap<>();
    List<Long> minima = new ArrayList<>();
    List<Map<String, Long>> absentFrom = new ArrayList<>();
    for (Stripe stripe : stripes) {
      Map<String, Long> seen = new HashMap<>();
      long min;
      stripe.lock.lock();
      try {
        for (int i = 0; i < stripe.size; i++) {
          Counter c = stripe.heap[i];
          long[] sum = merged.computeIfAbsent(c.key, k -> new long[2]);
          sum[0] += c.count;
          sum[1] += c.error;
          seen.put(c.key, c.count);
        }
        min = stripe.size == stripe.heap.length ? stripe.heap[0].count : 0;
      } finally {
        stripe.lock.unlock();
      }
      minima.add(min);
      absentFrom.add(seen);
    }
    for (int s = 0; s < minima.size(); s++) {
      long min = minima.get(s);
      if (min == 0) {
        continue;
      }
      for (Map.Entry<String, long[]> e : merged.entrySet()) {
        if (!absentFrom.get(s).containsKey(e.getKey())) {
          e.getValue()[0] += min;
          e.getValue()[1] += min;
        }
      }
    }
    return merged.entrySet().stream()
        .map(e -> new Entry(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .sorted(Comparator.comparingLong(Entry::count).reversed()
            .thenComparing(Entry::tenantId))
        .limit(n)
        .toList();
  }

  private static final class Counter {
    String key;
    long count;
    long error;
    int position;
  }

  /** One Space-Saving summary: counters in a min-heap by count, found by key. */
  private static final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    final Counter[] heap;
    final Map<String, Counter> byKey;
    int size;
    long total;

    Stripe(int capacity) {
      heap = new Counter[capacity];
      byKey = new HashMap<>(capacity * 2);
    }

    void add(String key) {
      total++;
      Counter counter = byKey.get(key);
      if (counter != null) {
        counter.count++;
        siftDown(counter.position);
        return;
      }
      if (size < heap.length) {
        counter = new Counter();
        counter.key = key;
        counter.count = 1;
        counter.position = size;
        heap[size++] = counter;
        byKey.put(key, counter);
        siftUp(counter.position);
        return;
      }
      // full: the new key takes over the smallest counter, inheriting its count as error
      counter = heap[0];
      byKey.remove(counter.key);
      counter.key = key;
      counter.error = counter.count;
      counter.count++;
      byKey.put(key, counter);
      siftDown(0);
    }

    private void siftUp(int i) {
      Counter c = heap[i];
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        Counter p = heap[parent];
        if (p.count <= c.count) {
          break;
        }
        heap[i] = p;
        p.position = i;
        i = parent;
      }
      heap[i] = c;
      c.position = i;
    }

    private void siftDown(int i) {
      Counter c = heap[i];
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        Counter smaller = heap[child];
        int right = child + 1;
        if (right < size && heap[right].count < smaller.count) {
          child = right;
          smaller = heap[right];
        }
        if (c.count <= smaller.count) {
          break;
        }
        heap[i] = smaller;
        smaller.position = i;
        i = child;
      }
      heap[i] = c;
      c.position = i;
    }
  }
}
