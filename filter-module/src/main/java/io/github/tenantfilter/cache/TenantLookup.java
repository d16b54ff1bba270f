package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.config.TenantFilterConfig;
import io.github.tenantfilter.resolve.LookupKey;
import io.github.tenantfilter.resolve.TenantIds;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 *       it writes to neither tier.
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

  private final Clock clock;
  private final LocalTier local;
  /** Refresh-ahead window in millis (0: off), and the thread that does it. */
  private long refreshAheadMillis;
  private final java.util.concurrent.ThreadPoolExecutor refresher =
      new java.util.concurrent.ThreadPoolExecutor(
          1, 1, 30, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(1000),
          task -> {
            Thread thread = new Thread(task, "tenant-filter-refresh-ahead");
            thread.setDaemon(true);
            return thread;
          });
  private final RemoteTier remote;
  private final TenantStore store;
  private final TenantCodec codec;
  private final TenantRecords records;
  private final Stats stats = new Stats();
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Tenant>>> inFlight =
      new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean storeAvailable = new AtomicBoolean(true);
  /** What this node knows of Redis; null without Redis. */
  private final RemoteHealth health;
  /** Tells the other nodes about invalidations, and hears theirs; null without Redis. */
  private InvalidationBus bus;
  /** What the named cache regions share with this lookup; null without Redis. */
  private SharedRedis shared;

  TenantLookup(LocalTier local, RemoteTier remote, TenantStore store, TenantCodec codec) {
    this(local, remote, store, codec, Clock.systemUTC());
  }

  TenantLookup(
      LocalTier local, RemoteTier remote, TenantStore store, TenantCodec codec, Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    this.local = Objects.requireNonNull(local);
    this.remote = remote;
    this.store = Objects.requireNonNull(store);
    this.codec = Objects.requireNonNull(codec);
    this.records = new TenantRecords(codec);
    this.health = remote == null ? null : new RemoteHealth(remote, stats);
  }

  /**
   * Builds the tiers that {@code config} asks for around {@code store}.
   *
   * @param clock time for the heap tier's TTLs
   * @param breaker the circuit breaker every Redis call goes through, or {@code null} for none
   *     (tests without a container)
   */
  public static TenantLookup create(
      TenantFilterConfig config, TenantStore store, Clock clock, RedisCircuitBreaker breaker) {
    TenantCodec codec = new TenantCodec();
    LocalTier local =
        new LocalTier(
            config.localCacheSize(),
            config.localCacheTtl(),
            config.staleIfError(),
            config.negativeCacheSize(),
            config.negativeCacheTtl(),
            clock);
    RemoteTier remote = null;
    RedisClients redis = null;
    SharedRedis shared = null;
    if (config.redisUrl() != null) {
      redis = RedisClients.create(config);
      shared = new SharedRedis(redis, breaker, config.redisKeyPrefix(),
          RedisTier.invalidationChannel(config.redisKeyPrefix()), config.redisUrlForDisplay());
      remote =
          new RedisTier(
              redis,
              config.redisKeyPrefix(),
              config.redisTtl(),
              config.staleIfError(),
              clock::millis,
              codec,
              () -> ThreadLocalRandom.current().nextDouble(),
              config.redisUrlForDisplay());
      if (breaker != null) {
        remote = new GuardedRemoteTier(remote, breaker);
      }
    }
    TenantLookup lookup = new TenantLookup(local, remote, store, codec, clock);
    lookup.refreshAhead(config.refreshAheadPercent());
    if (remote != null) {
      lookup.bus =
          new InvalidationBus(
              redis,
              RedisTier.invalidationChannel(config.redisKeyPrefix()),
              lookup.new Receiver(),
              () -> !lookup.health.circuitOpen());
      lookup.shared = shared;
      shared.bus(lookup.bus);
      lookup.bus.start();
    }
    return lookup;
  }

  /** Turns refresh-ahead on for the last {@code percent} of the heap TTL (0: off). */
  void refreshAhead(int percent) {
    refreshAheadMillis = local.ttlMillis() * percent / 100;
    refresher.allowCoreThreadTimeOut(true);
  }

  /** What other nodes' invalidations do here: drop from the heap tier, nothing else. */
  private final class Receiver implements InvalidationBus.Receiver {
    @Override
    public void tenantInvalidated(String tenantId) {
      if (TenantIds.isValid(tenantId)) {
        generation.incrementAndGet();
        local.removeTenant(tenantId);
        local.clearNegatives();
      }
    }

    @Override
    public void everythingInvalidated() {
      generation.incrementAndGet();
      local.clear();
    }

    @Override
    public void resubscribed() {
      reconnected();
      SharedRedis.RegionListener regions = shared == null ? null : shared.listener();
      if (regions != null) {
        regions.resubscribed();
      }
    }

    @Override
    public void regionInvalidated(String region, String key) {
      SharedRedis.RegionListener regions = shared == null ? null : shared.listener();
      if (regions != null) {
        regions.regionInvalidated(region, key);
      }
    }

    @Override
    public void regionCleared(String region) {
      SharedRedis.RegionListener regions = shared == null ? null : shared.listener();
      if (regions != null) {
        regions.regionCleared(region);
      }
    }
  }

  /**
   * Waits until this node hears other nodes' invalidations (the first pub/sub subscription);
   * at once without Redis.
   */
  public boolean awaitInvalidationChannel(java.time.Duration timeout) throws InterruptedException {
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
    stats.lookups.increment();
    LocalEntry entry = local.get(key.cacheKey());
    if (entry != null && answers(entry)) {
      if (refreshAheadMillis > 0
          && entry.kind == LocalEntry.Kind.TENANT
          && local.isDueForRefresh(entry, refreshAheadMillis)) {
        refreshInBackground(key, entry.tenant);
      }
      return answer(entry, true);
    }
    stats.localMisses.increment();
    return loadOnce(key);
  }

  /**
   * Reloads a hot entry before it expires, once (single flight: not while a load of the key
   * runs), off the request's thread. A failure is left for the request that finds it expired.
   */
  private void refreshInBackground(LookupKey key, Tenant current) {
    CompletableFuture<Optional<Tenant>> mine = new CompletableFuture<>();
    if (inFlight.putIfAbsent(key.cacheKey(), mine) != null) {
      return;
    }
    try {
      refresher.execute(() -> {
        try {
          mine.complete(load(key, current, true));
          stats.refreshedAhead.increment();
        } catch (RuntimeException e) {
          mine.complete(Optional.of(current));
        } finally {
          inFlight.remove(key.cacheKey(), mine);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      inFlight.remove(key.cacheKey(), mine);
      mine.complete(Optional.of(current));
    }
  }

  /** Whether a heap entry answers a lookup: a remembered miss, or a tenant still fresh. */
  private boolean answers(LocalEntry entry) {
    return entry.kind != LocalEntry.Kind.TENANT || local.isFresh(entry);
  }

  private Optional<Tenant> answer(LocalEntry entry, boolean count) {
    switch (entry.kind) {
      case TENANT -> {
        if (count) {
          stats.localHits.increment();
        }
        return Optional.of(entry.tenant);
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

  private Optional<Tenant> loadOnce(LookupKey key) {
    CompletableFuture<Optional<Tenant>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Tenant>> running = inFlight.putIfAbsent(key.cacheKey(), mine);
    if (running != null) {
      return await(running);
    }
    try {
      // a load for this key may have finished between our L1 miss and now
      LocalEntry entry = local.get(key.cacheKey());
      Optional<Tenant> result =
          entry != null && answers(entry)
              ? answer(entry, false)
              : load(key, entry == null ? null : entry.tenant, false);
      mine.complete(result);
      return result;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key.cacheKey(), mine);
    }
  }

  private static Optional<Tenant> await(CompletableFuture<Optional<Tenant>> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Loads {@code key} from Redis or the store.
   *
   * @param stale the heap tier's entry past its TTL, or {@code null}: served only if the store
   *     fails (stale-if-error)
   * @param refresh a refresh-ahead, not a lookup: Redis's answer is not counted as a hit
   */
  private Optional<Tenant> load(LookupKey key, Tenant stale, boolean refresh) {
    long startGeneration = generation.get();
    String epoch = null;
    if (remote != null) {
      if (health.circuitOpen()) {
        // if the breaker lets this call through, it is the probe: give it a fresh connection
        remote.dropIdleConnections();
      }
      long callStart = System.nanoTime();
      try {
        RemoteTier.Read read = remote.read(key);
        health.succeeded(callStart);
        epoch = read.epoch();
        TenantCodec.Value cached = fromRemote(key, read.value());
        if (cached != null && cached.freshUntil() > clock.millis()) {
          if (!refresh) {
            stats.redisHits.increment();
          }
          putLocal(key, cached.tenant(), startGeneration);
          return Optional.of(cached.tenant());
        }
        if (cached != null && stale == null) {
          stale = cached.tenant(); // past its TTL in Redis too: only for a failing store
        }
        if (!refresh) {
          stats.redisMisses.increment();
        }
      } catch (RemoteTierException e) {
        health.failed(e);
      }
    }
    Optional<Tenant> found;
    try {
      found = loadFromStore(key);
    } catch (TenantStoreException e) {
      if (stale != null) {
        stats.staleServed.increment();
        return Optional.of(stale);
      }
      throw e;
    }
    if (found.isEmpty()) {
      stats.storeNotFound.increment();
      putNegative(key, LocalEntry.NOT_FOUND, startGeneration);
      return found;
    }
    Tenant tenant;
    try {
      tenant = records.check(key, found.get());
    } catch (TenantRecords.InvalidRecordException e) {
      LOG.severe("tenant-filter: the store returned an unusable record for " + key + ": "
          + e.getMessage() + " (answering 503 until it is fixed)");
      putNegative(key, LocalEntry.INVALID, startGeneration);
      throw new TenantStoreException("the tenant record for this key is invalid");
    }
    if (epoch != null) {
      try {
        remote.write(key, tenant, epoch);
      } catch (RemoteTierException e) {
        health.failed(e);
      }
    }
    putLocal(key, tenant, startGeneration);
    return Optional.of(tenant);
  }

  /** Decodes and checks a Redis value; a corrupt or foreign value is deleted and ignored. */
  private TenantCodec.Value fromRemote(LookupKey key, String value) {
    if (value == null) {
      return null;
    }
    try {
      TenantCodec.Value decoded = codec.decodeValue(value);
      return new TenantCodec.Value(records.check(key, decoded.tenant()), decoded.freshUntil());
    } catch (IllegalArgumentException | TenantRecords.InvalidRecordException e) {
      stats.redisErrors.increment();
      LOG.warning("tenant-filter: ignoring and deleting a Redis value for " + key
          + " that cannot be used: " + e.getMessage());
      try {
        remote.delete(key);
      } catch (RemoteTierException deleteFailed) {
        health.failed(deleteFailed);
      }
      return null;
    }
  }

  private Optional<Tenant> loadFromStore(LookupKey key) {
    stats.storeLoads.increment();
    try {
      Optional<Tenant> found =
          switch (key.kind()) {
            case ID -> store.findById(key.value());
            case SUBDOMAIN -> store.findBySubdomain(key.value());
            case DOMAIN -> store.findByDomain(key.value());
          };
      if (storeAvailable.compareAndSet(false, true)) {
        LOG.info("tenant-filter: the tenant store answers again");
      }
      return Objects.requireNonNullElse(found, Optional.empty());
    } catch (TenantStoreException e) {
      storeFailed(e);
      throw e;
    } catch (RuntimeException e) {
      storeFailed(e);
      throw new TenantStoreException("the tenant store failed", e);
    }
  }

  private void storeFailed(RuntimeException e) {
    stats.storeErrors.increment();
    if (storeAvailable.compareAndSet(true, false)) {
      LOG.log(Level.WARNING, "tenant-filter: the tenant store cannot answer (" + e.getMessage()
          + "); cached tenants are served (past their TTL within the stale-if-error window),"
          + " others get 503 until it does", e);
    }
  }

  private void putLocal(LookupKey key, Tenant tenant, long startGeneration) {
    if (generation.get() == startGeneration) {
      local.putTenant(key.cacheKey(), tenant);
      // an invalidation may have slipped in between the check and the put
      if (generation.get() != startGeneration) {
        local.remove(key.cacheKey());
      }
    }
  }

  private void putNegative(LookupKey key, LocalEntry entry, long startGeneration) {
    if (generation.get() == startGeneration) {
      local.putNegative(key.cacheKey(), entry);
      if (generation.get() != startGeneration) {
        local.remove(key.cacheKey());
      }
    }
  }

  /**
   * Removes every key of {@code tenantId} from both tiers and forgets remembered unknown keys.
   * When Redis cannot be reached, its keys are removed as soon as it answers again.
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

  /**
   * A channel that tells this node about invalidations (Redis pub/sub, PostgreSQL LISTEN) is
   * back after a break: what was sent meanwhile is lost, so the whole heap tier goes.
   */
  public void reconnected() {
    stats.invalidationReconnects.increment();
    generation.incrementAndGet();
    local.clear();
  }

  private void invalidate(String tenantId, boolean tellOtherNodes) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (!TenantIds.isValid(tenantId)) {
      throw new IllegalArgumentException("not a well-formed tenant id");
    }
    dropFromHeap(tenantId);
    if (remote != null) {
      long callStart = System.nanoTime();
      try {
        remote.invalidate(tenantId);
        health.succeeded(callStart);
        // again, now that Redis is clean: a request here in between may have read the old
        // record from Redis and put it back (its load began after the first generation step)
        dropFromHeap(tenantId);
        if (tellOtherNodes) {
          publish(bus == null ? null : bus.message(tenantId));
        }
      } catch (RemoteTierException e) {
        health.owe(tenantId);
        health.failed(e);
        LOG.warning("tenant-filter: could not remove tenant " + tenantId
            + " from Redis now; it will be removed when Redis answers again");
      }
    }
  }

  private void dropFromHeap(String tenantId) {
    generation.incrementAndGet();
    local.removeTenant(tenantId);
    local.clearNegatives();
  }

  /** Empties the heap tier and removes every tenant key from Redis. */
  public void invalidateAll() {
    generation.incrementAndGet();
    local.clear();
    if (remote != null) {
      long callStart = System.nanoTime();
      try {
        remote.invalidateAll();
        generation.incrementAndGet(); // again, now that Redis is clean (see invalidate)
        local.clear();
        health.paidAll();
        health.succeeded(callStart);
        publish(bus == null ? null : bus.messageAll());
      } catch (RemoteTierException e) {
        health.oweAll();
        health.failed(e);
        LOG.warning("tenant-filter: could not empty Redis now (" + e.getMessage()
            + "); it will be emptied when Redis answers again");
      }
    }
  }

  /**
   * Tells the other nodes. A lost message is bounded by the heap TTL, and a node whose
   * subscription broke drops its heap tier when it subscribes again.
   */
  private void publish(String message) {
    if (message == null) {
      return;
    }
    try {
      remote.publish(message);
    } catch (RemoteTierException e) {
      health.failed(e);
      LOG.warning("tenant-filter: could not tell the other nodes about an invalidation ("
          + e.getMessage() + "); their heap tiers expire it within the heap TTL");
    }
  }

  /** The counters since this lookup was created. */
  public CacheStats stats() {
    return stats.snapshot(
        local.size(), remote != null, remote != null && health.available(),
        remote != null && health.circuitOpen());
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
    refresher.shutdownNow();
    if (bus != null) {
      bus.close();
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
