// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What a node knows of its remote tier: whether its last call got through, and whether the
 * circuit around it is open. Each change is logged once, not per call, and counted in the
 * counters of the cache that saw it.
 */
public final class RemoteHealth {

  private static final Logger LOG = Logger.getLogger(RemoteHealth.class.getName());

  private final String where;
  private final String who;
  private final String fallback;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private volatile boolean circuitOpen;
  /** When this node last saw the circuit open (System.nanoTime). */
  private volatile long circuitOpenedAt;

  /**
   * The health of the tier at {@code where} (password masked) for {@code who} (such as "the
   * tenant cache"), which {@code fallback} serves while the tier is away; the last two are for
   * the log.
   */
  public RemoteHealth(String where, String who, String fallback) {
    this.where = where;
    this.who = who;
    this.fallback = fallback;
  }

  /** Whether the circuit was open at the last call (so the next one, if any, is the probe). */
  public boolean circuitOpen() {
    return circuitOpen;
  }

  /** Whether the last call got through. */
  public boolean available() {
    return available.get();
  }

  /**
   * A call through the breaker that started at {@code callStart} (System.nanoTime) succeeded.
   * Only a call that started after the circuit was seen open (its probe) closes it: one already
   * in flight when it opened proves nothing.
   */
  public void succeeded(long callStart) {
    if (circuitOpen && callStart - circuitOpenedAt > 0) {
      circuitOpen = false;
    }
    answered();
  }

  /** A call got through (one around the breaker: it says nothing of the circuit). */
  public void answered() {
    if (available.compareAndSet(false, true)) {
      LOG.info("tenant-filter: Redis at " + where + " answers " + who + " again");
    }
  }

  /** A call failed, or was kept away by the open circuit; {@code counters} count it. */
  public void failed(RemoteUnavailable e, TierCounters counters) {
    if (e.circuitOpen()) {
      // no call was made: Redis costs nothing while the circuit is open
      counters.redisSkipped.increment();
      if (!circuitOpen) {
        circuitOpenedAt = System.nanoTime();
        circuitOpen = true;
        counters.redisCircuitOpens.increment();
        LOG.warning("tenant-filter: the circuit breaker around Redis at " + where
            + " is open: no Redis call of " + who + " until it lets a probe through");
      }
      return;
    }
    counters.redisErrors.increment();
    if (available.compareAndSet(true, false)) {
      LOG.warning("tenant-filter: " + e.getMessage() + "; " + who + " is served from " + fallback
          + " until Redis answers again");
    }
  }
}
