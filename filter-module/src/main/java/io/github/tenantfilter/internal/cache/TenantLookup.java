// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.engine.Coherence;
import io.github.tenantfilter.internal.engine.ReadThrough;
import io.github.tenantfilter.internal.engine.OwedInvalidations.Debts;
import io.github.tenantfilter.internal.engine.RemoteHealth;
import io.github.tenantfilter.internal.engine.SharedTier;
import io.github.tenantfilter.internal.engine.SingleFlight;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.internal.resolve.TenantIds;
import io.github.tenantfilter.internal.util.BackgroundThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

// Above 300 lines on purpose: the read path is the engine's (ReadThrough, Coherence,
// SingleFlight, shared with the regions), its tenant steps in TenantReadSteps, the wiring in
// TenantTiers, the rest in RefreshAhead, StoreReads and TenantInvalidations; what stays is the
// node's state around them (whether it hears every change: the deafness rule; the invalidation
// bus's messages; the store's LISTEN) and the entry points, each a few lines with its contract.
/**
 * Finds the tenant for a key through the tiers: heap (L1), then Redis (L2), then the store.
 *
 * <ul>
 *   <li>An L1 hit makes no network call.
 *   <li>A miss fills the tiers above the one that answered; an unknown key is remembered in L1's
 *       own bounded space for a short time.
 *   <li>Concurrent misses for one key share one load (single flight).
 *   <li>When the store fails, a tenant past its TTL but within the stale-if-error window (in
 *       the heap tier, or in Redis) is served instead of a 503; never another tenant.
 *   <li>An invalidation advances a local generation and Redis's epoch; a load that began before
 *       it writes to neither tier, and no request that begins after it waits for that load
 *       ({@link Coherence} and {@link SingleFlight}, shared with the named regions).
 *   <li>A node trusts what Redis says only while it hears every change: while its pub/sub
 *       subscription (or its PostgreSQL LISTEN, where configured) is down, a Redis value is
 *       served only when the store fails. When the channel is back, whatever was lost is
 *       assumed to concern anything: the heap tier is dropped and every tenant value in Redis
 *       written before is made dead (one command). An invalidation Redis owes is paid before
 *       anything read from Redis is trusted again, and the other nodes are told.
 *   <li>Redis failing costs the request nothing but the Redis timeout: the store answers. It is
 *       logged once when Redis goes away and once when it is back. Every Redis call goes
 *       through the {@link RedisCircuitBreaker}: while it is open, Redis is not called at all.
 * </ul>
 *
 * <pre>{@code
 * TenantLookup lookup = TenantLookup.create(config, store, Clock.systemUTC(), breaker);
 * Optional<Tenant> tenant = lookup.find(LookupKey.subdomain("acme"));
 * }</pre>
 */
public final class TenantLookup implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TenantLookup.class.getName());
  /** Owed invalidations a request pays before it reads Redis; more, and it goes without. */
  private static final int DEBTS_PAID_PER_REQUEST = 4;
  /** More than this many owed, and one full invalidation replaces them: bounded memory. */
  static final int MAX_OWED = 10_000;

  private final LocalTier local;
  private final RefreshAhead refreshAhead;
  /** Redis through the circuit breaker (requests' calls), or null without Redis. */
  private final SharedTier remote;
  /**
   * The same Redis without the breaker: invalidations and their debts, which are rare and worth
   * a Redis timeout even while the circuit keeps requests away; null without Redis.
   */
  private final SharedTier direct;
  private final Stats stats = new Stats();
  private final SingleFlight<Optional<Tenant>> loads = new SingleFlight<>();
  /** What this node knows of Redis; null without Redis. */
  private final RemoteHealth health;
  /** Invalidations as Redis takes them around the breaker (retried once on a dead connection). */
  private final Coherence.Remote invalidations;
  /** The same through the breaker: the debts a request pays. */
  private final Coherence.Remote requestsInvalidations;
  /** The generation guard, invalidations and their debts. */
  private final Coherence coherence;
  /** The read path of a heap miss, the regions' too. */
  private final ReadThrough<LookupKey, Tenant> reads;
  /** This node in invalidation messages. */
  private final String nodeId;
  /** Tells the other nodes about invalidations, and hears theirs; null without a shared Redis. */
  private final InvalidationBus bus;
  /** What the named cache regions share with this lookup; null without Redis. */
  private final SharedRedis shared;
  /** Whether the pub/sub subscription is up (true without one). */
  private volatile boolean pubSubHears;
  /** Whether the store's LISTEN is up (true without one). */
  private volatile boolean storeListenerHears;

  TenantLookup(LocalTier local, SharedTier remote, TenantStore store, TenantCodec codec) {
    this(local, remote, store, codec, Clock.systemUTC());
  }

  TenantLookup(
      LocalTier local, SharedTier remote, TenantStore store, TenantCodec codec, Clock clock) {
    this(TenantTiers.of(local, remote, codec), store, clock, 0, false);
  }

  /**
   * A lookup over {@code tiers}, not started ({@link #start}).
   *
   * @param refreshAheadPercent refresh a hot tenant in the last this percent of its heap TTL (0:
   *     never)
   * @param storeListener whether the store's LISTEN tells this node of changes: until it does
   *     ({@link #storeListenerListening}), Redis's values are not trusted
   */
  TenantLookup(TenantTiers tiers, TenantStore store, Clock clock, int refreshAheadPercent,
      boolean storeListener) {
    this(tiers, store, clock, refreshAheadPercent, storeListener, BackgroundThreads.plain());
  }

  /**
   * A lookup over {@code tiers}, not started ({@link #start}), whose background threads (the
   * invalidation bus's, refresh-ahead's) come from {@code threads}.
   */
  TenantLookup(TenantTiers tiers, TenantStore store, Clock clock, int refreshAheadPercent,
      boolean storeListener, BackgroundThreads threads) {
    this.local = Objects.requireNonNull(tiers.local());
    this.refreshAhead = new RefreshAhead(refreshAheadPercent, local.ttlMillis(), threads);
    this.remote = tiers.remote();
    this.direct = tiers.direct();
    this.shared = tiers.shared();
    this.nodeId = shared == null ? InvalidationBus.newNodeId() : shared.nodeId();
    this.health = remote == null ? null
        : new RemoteHealth(remote.describe(), "the tenant cache", "the heap tier and the store");
    this.invalidations = direct == null ? null : new TenantInvalidations(direct, direct);
    this.requestsInvalidations =
        remote == null ? null : new TenantInvalidations(remote, direct);
    this.coherence = new Coherence("the tenant cache", new HeapTier(), invalidations, health,
        stats, MAX_OWED);
    this.reads = new ReadThrough<>(coherence, remote, requestsInvalidations,
        DEBTS_PAID_PER_REQUEST, () -> true, TenantStoreException.class,
        new TenantReadSteps(tiers, new StoreReads(store, stats), Objects.requireNonNull(clock),
            stats, coherence));
    // deaf until the channels are up: until then Redis could hold what a lost message concerned
    this.storeListenerHears = !storeListener;
    this.bus = shared == null ? null
        : new InvalidationBus(nodeId, shared.clients(), shared.channel(), new Receiver(), shared,
            () -> !health.circuitOpen(), threads);
    this.pubSubHears = bus == null;
  }

  /**
   * Builds the tiers that {@code config} asks for around {@code store}, and starts listening to
   * the other nodes, on plain daemon threads (outside a container: tests, benchmarks).
   *
   * @param clock time for the heap tier's TTLs
   * @param breaker the circuit breaker every Redis call goes through, or {@code null} for none
   *     (tests without a container)
   */
  public static TenantLookup create(
      TenantFilterConfig config, TenantStore store, Clock clock, RedisCircuitBreaker breaker) {
    return create(config, store, clock, breaker, BackgroundThreads.plain());
  }

  /**
   * As {@link #create(TenantFilterConfig, TenantStore, Clock, RedisCircuitBreaker)}, with its
   * background threads from {@code threads} (the server's, in a container).
   */
  public static TenantLookup create(TenantFilterConfig config, TenantStore store, Clock clock,
      RedisCircuitBreaker breaker, BackgroundThreads threads) {
    TenantLookup lookup = new TenantLookup(TenantTiers.of(config, clock, breaker), store, clock,
        config.refreshAheadPercent(), config.storeNotifyChannel() != null, threads);
    lookup.start();
    return lookup;
  }

  /** Starts the refresher (if on) and listening to the other nodes' invalidations. */
  void start() {
    refreshAhead.start();
    if (bus != null) {
      bus.start();
    }
  }

  /** The heap tier as invalidations see it: a tenant's every key, and the remembered misses. */
  private final class HeapTier implements Coherence.Local {
    @Override
    public void drop(String tenantId) {
      local.removeTenant(tenantId);
      local.clearNegatives();
    }

    @Override
    public void dropAll() {
      local.clear();
    }
  }

  /** What other nodes' invalidations, and the channel's state, do here. */
  private final class Receiver implements InvalidationBus.Receiver {
    @Override
    public void tenantInvalidated(String tenantId) {
      if (TenantIds.isValid(tenantId)) {
        coherence.drop(tenantId);
      }
    }

    @Override
    public void everythingInvalidated() {
      coherence.dropAll();
    }

    @Override
    public void subscribed(boolean again) {
      if (again) {
        // a break: another node's invalidation may be owed to Redis (this node could not hear
        // it paid), and Redis may be back empty or not: whatever it holds from before is dead;
        // if this node's own debts are paid by that, the other nodes' heaps may hold what they
        // read from Redis meanwhile: they are told
        coherence.invalidateAll(coherence.owes());
      } else {
        // the start: what was loaded before now may have missed a message; Redis has not (an
        // invalidating node cleans it before it publishes), so it stays
        coherence.dropAll();
        prepareRemote();
      }
      pubSubHears = true;
      if (again) {
        // counted once done: whoever sees the count sees the node resynchronised and hearing
        stats.invalidationReconnects.increment();
      }
    }

    @Override
    public void unsubscribed() {
      pubSubHears = false;
    }

    @Override
    public void tick() {
      if (coherence.owes()) {
        // off the requests' path: without traffic too
        coherence.pay(invalidations, Integer.MAX_VALUE, false);
      }
    }
  }

  /** What the invalidation bus tells this lookup (the seam for tests of lost messages). */
  InvalidationBus.Receiver receiver() {
    return new Receiver();
  }

  /**
   * Waits until this node hears other nodes' invalidations (the first pub/sub subscription);
   * at once without Redis.
   */
  public boolean awaitInvalidationChannel(Duration timeout) throws InterruptedException {
    return bus == null || bus.awaitSubscribed(timeout);
  }

  /**
   * Finds the tenant for {@code key}.
   *
   * @return the tenant, or empty when the store has none
   * @throws TenantStoreException if the store had to be asked and could not answer, or its
   *     record is unusable
   */
  public Optional<Tenant> find(LookupKey key) {
    // each lookup is counted once, when it is over, by its one outcome (Stats)
    long now = local.now();
    LocalEntry entry = local.get(key.cacheKey(), now);
    if (entry != null && answers(entry, now)) {
      if (refreshAhead.due(entry, now)) {
        refreshInBackground(key, entry.tenant);
      }
      return answer(entry, true);
    }
    Counted outcome = new Counted();
    try {
      return loadOnce(key, outcome);
    } finally {
      (outcome.fromRedis ? stats.redisHits : stats.otherMisses).increment();
    }
  }

  /**
   * Reloads a hot entry before it expires, once (single flight: not while a load of the key
   * runs), off the request's thread. A failure is left for the request that finds it expired.
   */
  private void refreshInBackground(LookupKey key, Tenant current) {
    // a failure (or a refused task) gives the waiters the entry: it is still fresh
    loads.loadInBackground(key.cacheKey(), coherence.generation(), refreshAhead.executor(), () -> {
      Optional<Tenant> result = load(key, current, refreshed);
      stats.refreshedAhead.increment();
      return result;
    }, failure -> Optional.of(current));
  }

  /** Whether a heap entry answers a lookup: a remembered miss, or a tenant still fresh. */
  private static boolean answers(LocalEntry entry, long now) {
    return entry.kind != LocalEntry.Kind.TENANT || LocalTier.isFresh(entry, now);
  }

  private Optional<Tenant> answer(LocalEntry entry, boolean count) {
    switch (entry.kind) {
      case TENANT -> {
        if (count) {
          stats.localHits.increment();
        }
        return entry.found;
      }
      case NOT_FOUND -> {
        if (count) {
          stats.negativeHits.increment();
        }
        return Optional.empty();
      }
      default -> {
        if (count) {
          stats.negativeHits.increment();
        }
        throw new TenantStoreException("the tenant record for this key is invalid");
      }
    }
  }

  /**
   * Loads {@code key} once for every request that asks meanwhile (single flight). A request
   * joins a running load only if no invalidation came between that load's start and its own:
   * otherwise the load may have read what the invalidation removed, so the request starts one of
   * its own (and later requests join that).
   */
  private Optional<Tenant> loadOnce(LookupKey key, ReadThrough.Outcome outcome) {
    String cacheKey = key.cacheKey();
    return loads.load(cacheKey, coherence.generation(), () -> {
      // a load for this key may have finished between our L1 miss and now
      LocalEntry entry = local.peek(cacheKey);
      return entry != null && answers(entry, local.now())
          ? answer(entry, false)
          : load(key, entry == null ? null : entry.tenant, outcome);
    });
  }

  /**
   * Loads {@code key} from Redis or the store ({@link ReadThrough}: the regions' read path).
   *
   * @param stale the heap tier's entry past its TTL, or {@code null}: served only if the store
   *     fails (stale-if-error)
   * @param outcome what is counted: a lookup's outcome, or, for a refresh-ahead (no lookup),
   *     only a stale value served
   */
  private Optional<Tenant> load(LookupKey key, Tenant stale, ReadThrough.Outcome outcome) {
    // a node that may have missed a message serves Redis's values only when the store fails;
    // asked before Redis is read, so that a value read before the channel came back is not
    // trusted
    boolean trusted = hears();
    return Optional.ofNullable(reads.load(key, key.cacheKey(), stale, trusted, outcome));
  }

  /** A lookup's outcome: whether Redis answered it, and Redis's misses and stale answers. */
  private final class Counted implements ReadThrough.Outcome {
    /** Whether Redis answered, for the miss's one count. */
    boolean fromRedis;

    @Override
    public void sharedHit() {
      fromRedis = true;
    }

    @Override
    public void sharedMiss() {
      stats.redisMisses.increment();
    }

    @Override
    public void staleServed() {
      stats.staleServed.increment();
    }
  }

  /** A refresh-ahead's outcome: no lookup, so only a stale value served is counted. */
  private final ReadThrough.Outcome refreshed = new ReadThrough.Outcome() {
    @Override
    public void staleServed() {
      stats.staleServed.increment();
    }
  };

  /**
   * Removes every key of {@code tenantId} from both tiers and forgets remembered unknown keys,
   * and tells the other nodes. Redis is called even while the circuit keeps requests away from
   * it; when it cannot be reached, it owes the invalidation, which is paid before anything read
   * from it is trusted again.
   */
  public void invalidate(String tenantId) {
    invalidate(tenantId, true);
  }

  /**
   * Removes every key of {@code tenantId} from both tiers on the word of the store's own
   * notification (LISTEN/NOTIFY), which every node receives itself: nothing is published.
   * Ignores a payload that is not a tenant id.
   */
  public void invalidateFromStore(String tenantId) {
    if (TenantIds.isValid(tenantId)) {
      invalidate(tenantId, false);
    }
  }

  private void invalidate(String tenantId, boolean tellOtherNodes) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (!TenantIds.isValid(tenantId)) {
      throw new IllegalArgumentException("not a well-formed tenant id");
    }
    coherence.invalidate(tenantId, tellOtherNodes);
  }

  /**
   * The store's LISTEN is up, the first time or again after a break: what was notified before
   * is lost, so the whole heap tier goes, and every Redis value written before now. The first
   * time too: while no node listened (all stopped for a deploy, a database failover), a change
   * made by plain SQL reached no one, and Redis may still hold what it changed.
   */
  public void storeListenerListening(boolean again) {
    coherence.invalidateAll(false);
    storeListenerHears = true;
    if (again) {
      stats.invalidationReconnects.increment(); // once done (see the pub/sub's)
    }
  }

  /** The store's LISTEN broke: until it is back, Redis's values are not trusted. */
  public void storeListenerLost() {
    storeListenerHears = false;
  }

  /** Makes sure Redis has an epoch and a generation, so that the first fills count. */
  private void prepareRemote() {
    if (direct != null) {
      coherence.call(direct::prepare);
    }
  }

  /** Whether this node hears every change: its pub/sub and LISTEN, where configured, are up. */
  private boolean hears() {
    return pubSubHears && storeListenerHears;
  }

  /**
   * Empties this node's heap tier, and nothing else: the next lookups ask Redis. For benchmarks
   * and diagnostics; to drop a changed tenant, use {@link #invalidate}.
   */
  public void dropHeapTier() {
    coherence.dropAll();
  }

  /** Empties the heap tier, makes every tenant value in Redis dead, and tells the other nodes. */
  public void invalidateAll() {
    coherence.invalidateAll(true);
  }

  /** The counters since this lookup was created. */
  public CacheStats stats() {
    return stats.snapshot(
        local.size(), remote != null, remote != null && health.available(),
        remote != null && health.circuitOpen());
  }

  /**
   * Whether this node could still answer lookups with tenants while the store cannot: its heap
   * tier holds a tenant within its TTL or the stale-if-error window, or Redis (which keeps every
   * tenant any node loaded for its TTL and that window) answered this node's last call, its
   * circuit is closed and it owes no invalidation. For the readiness check; calls nothing.
   */
  public boolean servesCachedTenants() {
    if (local.holdsServableTenant()) {
      return true;
    }
    return remote != null && health.available() && !health.circuitOpen() && !coherence.owes();
  }

  /**
   * The Redis client, breaker, prefix and invalidation channel, for the named cache regions to
   * share; {@code null} without Redis.
   */
  public SharedRedis sharedRedis() {
    return shared;
  }

  /** Whether a Redis tier is configured. */
  public boolean hasRemoteTier() {
    return remote != null;
  }

  @Override
  public void close() {
    refreshAhead.close();
    if (bus != null) {
      bus.close();
    }
    if (coherence.owes() && !coherence.pay(invalidations, Integer.MAX_VALUE, false)) {
      // nobody else knows: Redis keeps what these invalidations should have removed
      Debts debts = coherence.debts();
      LOG.severe("tenant-filter: stopping while Redis still owes "
          + (debts.all() ? "a full invalidation" : "the invalidation of tenants "
              + debts.keys().keySet())
          + "; Redis may serve the old records until their TTL (tenant-filter.redis.ttl): once"
          + " Redis is reachable, call TenantCache.invalidateAll() (or invalidateTenantCache)");
    }
    try {
      local.close();
    } finally {
      if (remote != null) {
        remote.close();
      }
    }
  }
}
