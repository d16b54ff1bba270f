// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * What every tiered cache counts, the tenant cache and each region alike (each extends these
 * with its own): contention-free adders, read only when someone asks.
 */
public class TierCounters {
  /** Gets the heap tier answered. */
  public final LongAdder localHits = new LongAdder();
  /** Heap misses Redis answered. */
  public final LongAdder redisHits = new LongAdder();
  /** Heap misses Redis had no usable value for. */
  public final LongAdder redisMisses = new LongAdder();
  /** Calls of the source of truth (the tenant store, a region's loader). */
  public final LongAdder loads = new LongAdder();
  /** Of those, the calls that failed. */
  public final LongAdder loadErrors = new LongAdder();
  /** Redis calls that failed (and values that could not be read back). */
  public final LongAdder redisErrors = new LongAdder();
  /** Redis calls not made because the circuit was open. */
  public final LongAdder redisSkipped = new LongAdder();
  /** Times this cache saw the circuit open. */
  public final LongAdder redisCircuitOpens = new LongAdder();
}
