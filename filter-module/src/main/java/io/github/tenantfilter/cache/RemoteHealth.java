package io.github.tenantfilter.cache;

import io.github.tenantfilter.engine.OwedInvalidations;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What this node knows of Redis: whether its last call got through, whether the circuit around
 * it is open, and the invalidations Redis still owes (made while it was unreachable). Each change
 * is logged once, not per request.
 *
 * <p>The ledger of owed invalidations ({@link OwedInvalidations}) is only kept here; {@link
 * TenantLookup} pays it, before it trusts anything read from Redis again.
 */
final class RemoteHealth {

  private static final Logger LOG = Logger.getLogger(RemoteHealth.class.getName());

  /** More than this many owed, and one full invalidation replaces them: bounded memory. */
  static final int MAX_PENDING_INVALIDATIONS = 10_000;

  private final RemoteTier remote;
  private final Stats stats;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private volatile boolean circuitOpen;
  /** When this node last saw the circuit open (System.nanoTime). */
  private volatile long circuitOpenedAt;
  private final OwedInvalidations owed = new OwedInvalidations(MAX_PENDING_INVALIDATIONS);

  RemoteHealth(RemoteTier remote, Stats stats) {
    this.remote = remote;
    this.stats = stats;
  }

  /** Whether the circuit was open at the last call (so the next one, if any, is the probe). */
  boolean circuitOpen() {
    return circuitOpen;
  }

  /** Whether the last call got through. */
  boolean available() {
    return available.get();
  }

  /**
   * A call that started at {@code callStart} succeeded. Only a call that started after the
   * circuit was seen open (its probe) closes it: one already in flight when it opened proves
   * nothing.
   */
  void succeeded(long callStart) {
    if (circuitOpen && callStart - circuitOpenedAt > 0) {
      circuitOpen = false;
    }
    answered();
  }

  /** A call made around the breaker (an invalidation) got through: Redis answers. */
  void answered() {
    if (available.compareAndSet(false, true)) {
      LOG.info("tenant-filter: Redis at " + remote.describe() + " answers again");
    }
  }

  /** A call failed, or was kept away by the open circuit. */
  void failed(RemoteTierException e) {
    if (e.circuitOpen()) {
      // no call was made: Redis costs nothing while the circuit is open
      stats.redisSkipped.increment();
      if (!circuitOpen) {
        circuitOpenedAt = System.nanoTime();
        circuitOpen = true;
        stats.redisCircuitOpens.increment();
        LOG.warning("tenant-filter: the circuit breaker around Redis at " + remote.describe()
            + " is open: no Redis call until it lets a probe through");
      }
      return;
    }
    stats.redisErrors.increment();
    if (available.compareAndSet(true, false)) {
      LOG.warning("tenant-filter: " + e.getMessage()
          + "; serving from the heap tier and the tenant store until Redis answers again");
    }
  }

  /** The invalidations Redis owes: made while it was unreachable, paid before it is read. */
  OwedInvalidations owed() {
    return owed;
  }
}
