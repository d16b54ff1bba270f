package io.github.tenantfilter.region;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Whether the regions' last Redis call got through, so that a Redis outage is logged once (and
 * once more when it is back), not per call. Shared by the regions of one application.
 */
final class RedisState {

  private static final Logger LOG = Logger.getLogger(RedisState.class.getName());

  private final AtomicBoolean available = new AtomicBoolean(true);
  private final String where;

  RedisState(String where) {
    this.where = where;
  }

  void succeeded() {
    if (available.compareAndSet(false, true)) {
      LOG.info("tenant-filter: Redis at " + where + " answers the cache regions again");
    }
  }

  /** A call failed ({@code counters} of its region counted), or the circuit kept it away. */
  void failed(RegionUnavailable e, RegionCounters counters) {
    if (e.circuitOpen()) {
      counters.redisSkipped.increment();
      return; // the tenant cache logs the circuit's state
    }
    counters.redisErrors.increment();
    if (available.compareAndSet(true, false)) {
      LOG.warning("tenant-filter: " + e.getMessage() + "; the cache regions are served from the"
          + " heap tier and their loaders until Redis answers again");
    }
  }
}
