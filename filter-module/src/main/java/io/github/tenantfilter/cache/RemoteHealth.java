package io.github.tenantfilter.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What this node knows of Redis: whether its last call got through, whether the circuit around
 * it is open, and the invalidations Redis still owes (made while it was unreachable). Each change
 * is logged once, not per request.
 *
 * <p>The ledger of owed invalidations is only kept here; {@link TenantLookup} pays it, before it
 * trusts anything read from Redis again. Paying one debt never clears a debt made while it was
 * being paid.
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
  /** Each owed tenant with the number of its latest debt, so that a newer one is never lost. */
  private final ConcurrentHashMap<String, Long> owed = new ConcurrentHashMap<>();
  private final AtomicLong debtNumbers = new AtomicLong();
  /** Full invalidations owed and paid, as counts: owed while they differ. */
  private final AtomicLong allOwed = new AtomicLong();
  private volatile long allPaid;

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

  /** Redis could not remove the keys of {@code tenantId}: it owes that invalidation. */
  void owe(String tenantId) {
    if (owed.size() >= MAX_PENDING_INVALIDATIONS) {
      oweAll(); // one full invalidation instead of an unbounded list; it covers those below
      owed.clear();
    } else {
      owed.put(tenantId, debtNumbers.incrementAndGet());
    }
  }

  /** Redis could not be emptied: it owes a full invalidation. */
  void oweAll() {
    allOwed.incrementAndGet();
  }

  /** Whether Redis owes anything. */
  boolean owes() {
    return allOwed.get() != allPaid || !owed.isEmpty();
  }

  /** What is owed now: a snapshot, to pay and then to mark paid. */
  Debts debts() {
    long all = allOwed.get();
    return new Debts(all, all != allPaid, Map.copyOf(owed));
  }

  /**
   * What {@code debts} listed is paid: a full invalidation pays every tenant it listed, a
   * tenant's invalidation that tenant. A debt made since the snapshot stays.
   */
  void paid(Debts debts) {
    debts.tenants().forEach((tenantId, number) -> owed.remove(tenantId, number));
    if (debts.all()) {
      allPaid = debts.allCount();
    }
  }

  /** A tenant's debt of {@code debts} is paid. */
  void paid(Debts debts, String tenantId) {
    Long number = debts.tenants().get(tenantId);
    if (number != null) {
      owed.remove(tenantId, number);
    }
  }

  /**
   * A snapshot of the ledger.
   *
   * @param allCount the full invalidations owed so far, to mark paid
   * @param all whether a full invalidation is owed
   * @param tenants each owed tenant with the number of its latest debt
   */
  record Debts(long allCount, boolean all, Map<String, Long> tenants) {

    /** Only the debt of {@code tenantId}, if any: what an invalidation of it pays. */
    Debts only(String tenantId) {
      Long number = tenants.get(tenantId);
      return new Debts(allCount, false, number == null ? Map.of() : Map.of(tenantId, number));
    }

    /** The same debts, paid by a full invalidation. */
    Debts asAll() {
      return new Debts(allCount, true, tenants);
    }
  }
}
