package io.github.tenantfilter.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the remote tier cost a cache: the counters every cache has, whatever else it counts
 * (the tenant cache's and a region's counters extend these). Contention-free adders.
 */
public class RemoteCounters {
  /** Calls that failed (and values that could not be read back). */
  public final LongAdder redisErrors = new LongAdder();
  /** Calls not made because the circuit was open. */
  public final LongAdder redisSkipped = new LongAdder();
  /** Times this cache saw the circuit open. */
  public final LongAdder redisCircuitOpens = new LongAdder();
}
