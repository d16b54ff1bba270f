package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import io.github.tenantfilter.config.TenantFilterConfig;
import io.github.tenantfilter.engine.OwedInvalidations.Debts;
import io.github.tenantfilter.engine.SingleFlight;
import io.github.tenantfilter.resolve.LookupKey;
import io.github.tenantfilter.resolve.TenantIds;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
 *       it writes to neither tier, and no request that begins after it waits for that load.
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

  private final Clock clock;
  private final LocalTier local;
  /** Refresh-ahead window in millis (0: off), and the thread that does it. */
  private long refreshAheadMillis;
  private final ThreadPoolExecutor refresher =
      new ThreadPoolExecutor(
          1, 1, 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(1000),
          task -> {
            Thread thread = new Thread(task, "tenant-filter-refresh-ahead");
            thread.setDaemon(true);
            return thread;
          });
  /** Redis through the circuit breaker (requests' calls), or null without Redis. */
  private final RemoteTier remote;
  /**
   * The same Redis without the breaker: invalidations and their debts, which are rare and worth
   * a Redis timeout even while the circuit keeps requests away; null without Redis.
   */
  private final RemoteTier direct;
  private final TenantStore store;
  private final TenantCodec codec;
  private final TenantRecords records;
  private final Stats stats = new Stats();
  private final SingleFlight<Optional<Tenant>> loads = new SingleFlight<>();
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean storeAvailable = new AtomicBoolean(true);
  /** What this node knows of Redis; null without Redis. */
  private final RemoteHealth health;
  /** One payer of Redis's debts at a time; the others go on without Redis. */
  private final ReentrantLock paying =
      new ReentrantLock();
  /** Whether the pub/sub subscription is up (true without one). */
  private volatile boolean pubSubHears = true;
  /** Whether the store's LISTEN is up (true without one). */
  private volatile boolean storeListenerHears = true;
  /** This node in invalidation messages. */
  private final String nodeId = InvalidationBus.newNodeId();
  /** Tells the other nodes about invalidations, and hears theirs; null without Redis. */
  private InvalidationBus bus;
  /** What the named cache regions share with this lookup; null without Redis. */
  private SharedRedis shared;

  TenantLookup(LocalTier local, RemoteTier remote, TenantStore store, TenantCodec codec) {
    this(local, remote, store, codec, Clock.systemUTC());
  }

  TenantLookup(
      LocalTier local, RemoteTier remote, TenantStore store, TenantCodec codec, Clock clock) {
    this(local, remote, remote, store, codec, clock);
  }

  private TenantLookup(LocalTier local, RemoteTier remote, RemoteTier direct, TenantStore store,
      TenantCodec codec, Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    this.local = Objects.requireNonNull(local);
    this.remote = remote;
    this.direct = direct;
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
    RemoteTier direct = null;
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
      direct = remote;
      if (breaker != null) {
        remote = new GuardedRemoteTier(remote, breaker);
      }
    }
    TenantLookup lookup = new TenantLookup(local, remote, direct, store, codec, clock);
    lookup.refreshAhead(config.refreshAheadPercent());
    // deaf until the channels are up: until then Redis could hold what a lost message concerned
    lookup.storeListenerHears = config.storeNotifyChannel() == null;
    if (remote != null) {
      lookup.pubSubHears = false;
      lookup.bus =
          new InvalidationBus(
              lookup.nodeId,
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
    public void subscribed(boolean again) {
      if (again) {
        // a break: another node's invalidation may be owed to Redis (this node could not hear
        // it paid), and Redis may be back empty or not: whatever it holds from before is dead
        stats.invalidationReconnects.increment();
        boolean owed = health.owed().owes();
        clearEverywhere();
        if (owed && !health.owed().owes()) {
          // this node's own debts were paid by that: the other nodes' heaps may hold what they
          // read from Redis meanwhile
          publish(InvalidationBus.messageAll(nodeId));
        }
      } else {
        // the start: what was loaded before now may have missed a message; Redis has not (an
        // invalidating node cleans it before it publishes), so it stays
        dropHeapTier();
        prepareRemote();
      }
      pubSubHears = true;
      SharedRedis.RegionListener regions = shared == null ? null : shared.listener();
      if (regions != null) {
        regions.resubscribed();
      }
    }

    @Override
    public void unsubscribed() {
      pubSubHears = false;
    }

    @Override
    public void tick() {
      if (health.owed().owes()) {
        pay(direct, Integer.MAX_VALUE); // off the requests' path: without traffic too
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
    LocalEntry entry = local.get(key.cacheKey());
    if (entry != null && answers(entry)) {
      if (refreshAheadMillis > 0
          && entry.kind == LocalEntry.Kind.TENANT
          && local.isDueForRefresh(entry, refreshAheadMillis)) {
        refreshInBackground(key, entry.tenant);
      }
      return answer(entry, true);
    }
    Outcome outcome = new Outcome();
    try {
      return loadOnce(key, outcome);
    } finally {
      (outcome.fromRedis ? stats.redisHits : stats.otherMisses).increment();
    }
  }

  /** Whether a heap miss was answered by Redis, for the miss's one count. */
  private static final class Outcome {
    boolean fromRedis;
  }

  /**
   * Reloads a hot entry before it expires, once (single flight: not while a load of the key
   * runs), off the request's thread. A failure is left for the request that finds it expired.
   */
  private void refreshInBackground(LookupKey key, Tenant current) {
    // a failure (or a refused task) gives the waiters the entry: it is still fresh
    loads.loadInBackground(key.cacheKey(), generation.get(), refresher, () -> {
      Optional<Tenant> result = load(key, current, null);
      stats.refreshedAhead.increment();
      return result;
    }, failure -> Optional.of(current));
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

  /**
   * Loads {@code key} once for every request that asks meanwhile (single flight). A request
   * joins a running load only if no invalidation came between that load's start and its own:
   * otherwise the load may have read what the invalidation removed, so the request starts one of
   * its own (and later requests join that).
   */
  private Optional<Tenant> loadOnce(LookupKey key, Outcome outcome) {
    String cacheKey = key.cacheKey();
    return loads.load(cacheKey, generation.get(), () -> {
      // a load for this key may have finished between our L1 miss and now
      LocalEntry entry = local.get(cacheKey);
      return entry != null && answers(entry)
          ? answer(entry, false)
          : load(key, entry == null ? null : entry.tenant, outcome);
    });
  }

  /**
   * Loads {@code key} from Redis or the store.
   *
   * @param stale the heap tier's entry past its TTL, or {@code null}: served only if the store
   *     fails (stale-if-error)
   * @param outcome where to say that Redis answered, or {@code null} for a refresh-ahead (no
   *     lookup: nothing is counted as a hit or a miss)
   */
  private Optional<Tenant> load(LookupKey key, Tenant stale, Outcome outcome) {
    boolean refresh = outcome == null;
    long startGeneration = generation.get();
    boolean remoteUsable = remote != null;
    if (remoteUsable && health.owed().owes()) {
      // what Redis owes is paid before anything read from it counts; paying moves the
      // generation, and a debt made since the first check is seen by the second (a debt is
      // recorded before its invalidation moves the generation)
      pay(remote, DEBTS_PAID_PER_REQUEST);
      startGeneration = generation.get();
      remoteUsable = !health.owed().owes();
    }
    // a node that may have missed a message serves Redis's values only when the store fails
    boolean trusted = hears();
    String epoch = null;
    if (remoteUsable) {
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
        if (cached != null && trusted && cached.freshUntil() > clock.millis()) {
          if (!refresh) {
            outcome.fromRedis = true;
          }
          putLocal(key, cached.tenant(), startGeneration);
          return Optional.of(cached.tenant());
        }
        if (cached != null && stale == null) {
          stale = cached.tenant(); // past its TTL, or not trusted: only for a failing store
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
      tenant = records.check(key, found.get(), true);
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
      return new TenantCodec.Value(
          records.check(key, decoded.tenant(), false), decoded.freshUntil());
    } catch (RuntimeException | TenantRecords.InvalidRecordException e) {
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
    } catch (RuntimeException | LinkageError e) {
      // a LinkageError: a store whose classes went away (a redeploy), a 503 like any other
      storeFailed(e);
      throw new TenantStoreException("the tenant store failed", e);
    }
  }

  private void storeFailed(Throwable e) {
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

  /**
   * The store's LISTEN is up, the first time or again after a break: what was notified before
   * is lost, so the whole heap tier goes, and every Redis value written before now. The first
   * time too: while no node listened (all stopped for a deploy, a database failover), a change
   * made by plain SQL reached no one, and Redis may still hold what it changed.
   */
  public void storeListenerListening(boolean again) {
    if (again) {
      stats.invalidationReconnects.increment();
    }
    clearEverywhere();
    storeListenerHears = true;
  }

  /** The store's LISTEN broke: until it is back, Redis's values are not trusted. */
  public void storeListenerLost() {
    storeListenerHears = false;
  }

  /** Makes sure Redis has an epoch and a generation, so that the first fills count. */
  private void prepareRemote() {
    if (direct != null) {
      try {
        direct.prepare();
      } catch (RemoteTierException e) {
        health.failed(e);
      }
    }
  }

  /** Whether this node hears every change: its pub/sub and LISTEN, where configured, are up. */
  private boolean hears() {
    return pubSubHears && storeListenerHears;
  }

  private void invalidate(String tenantId, boolean tellOtherNodes) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (!TenantIds.isValid(tenantId)) {
      throw new IllegalArgumentException("not a well-formed tenant id");
    }
    dropFromHeap(tenantId);
    if (direct == null) {
      return;
    }
    Debts before = health.owed().debts().only(tenantId);
    try {
      invalidating(tier -> tier.invalidate(tenantId));
      health.answered();
      health.owed().paid(before); // an older debt for the tenant is paid by this
      // again, now that Redis is clean: a request here in between may have read the old
      // record from Redis and put it back (its load began after the first generation step)
      dropFromHeap(tenantId);
    } catch (RemoteTierException e) {
      health.owed().owe(tenantId);
      // and again: a load that read Redis before the debt was recorded must not keep the value
      dropFromHeap(tenantId);
      health.failed(e);
      LOG.warning("tenant-filter: could not remove tenant " + tenantId + " from Redis now ("
          + e.getMessage() + "); it will be removed before Redis is read again");
    }
    if (tellOtherNodes) {
      publish(InvalidationBus.message(nodeId, tenantId));
    }
  }

  private void dropFromHeap(String tenantId) {
    generation.incrementAndGet();
    local.removeTenant(tenantId);
    local.clearNegatives();
  }

  /**
   * Empties this node's heap tier, and nothing else: the next lookups ask Redis. For benchmarks
   * and diagnostics; to drop a changed tenant, use {@link #invalidate}.
   */
  public void dropHeapTier() {
    generation.incrementAndGet();
    local.clear();
  }

  /** Empties the heap tier, makes every tenant value in Redis dead, and tells the other nodes. */
  public void invalidateAll() {
    clearEverywhere();
    publish(InvalidationBus.messageAll(nodeId));
  }

  /** Empties the heap tier and makes every tenant value in Redis dead (or owes it). */
  private void clearEverywhere() {
    generation.incrementAndGet();
    local.clear();
    if (direct == null) {
      return;
    }
    Debts debts = health.owed().debts();
    try {
      invalidating(RemoteTier::invalidateAll);
      health.answered();
      health.owed().paid(debts.asAll());
      generation.incrementAndGet(); // again, now that Redis is clean (see invalidate)
      local.clear();
    } catch (RemoteTierException e) {
      health.owed().oweAll();
      generation.incrementAndGet();
      local.clear();
      health.failed(e);
      LOG.warning("tenant-filter: could not empty Redis now (" + e.getMessage()
          + "); it will be emptied before Redis is read again");
    }
  }

  /**
   * Pays what Redis owes through {@code tier}: each owed tenant removed there and from the heap
   * tier, the other nodes told. One payer at a time; at most {@code limit} tenants (a request
   * pays a few, the bus's watchdog the rest).
   *
   * @return whether nothing is owed any more, so that Redis may be read
   */
  private boolean pay(RemoteTier tier, int limit) {
    if (!health.owed().owes()) {
      return true;
    }
    if (!paying.tryLock()) {
      return false; // another thread pays; this one goes on without Redis
    }
    try {
      Debts debts = health.owed().debts();
      if (debts.all()) {
        tier.invalidateAll();
        generation.incrementAndGet();
        local.clear();
        health.owed().paid(debts);
        publish(InvalidationBus.messageAll(nodeId));
      } else {
        if (debts.keys().size() > limit) {
          return false;
        }
        for (String tenantId : debts.keys().keySet()) {
          tier.invalidate(tenantId);
          health.owed().paid(debts, tenantId);
          dropFromHeap(tenantId);
          publish(InvalidationBus.message(nodeId, tenantId));
        }
      }
      LOG.info("tenant-filter: the invalidations Redis owed are made");
      return true;
    } catch (RemoteTierException e) {
      if (tier == remote) {
        health.failed(e);
      }
      return false;
    } finally {
      paying.unlock();
    }
  }

  /** One call of an invalidation to Redis. */
  @FunctionalInterface
  private interface Invalidation {
    void call(RemoteTier tier) throws RemoteTierException;
  }

  /**
   * Makes an invalidation's call around the breaker, once more if its connection failed: after
   * Redis restarted, the pool's connections are dead until used, and the failure has dropped
   * them, so the second call gets a fresh one. Invalidations are idempotent.
   */
  private void invalidating(Invalidation call) throws RemoteTierException {
    try {
      call.call(direct);
    } catch (RemoteTierException e) {
      if (!e.connectionFailed()) {
        throw e;
      }
      call.call(direct);
    }
  }

  /**
   * Tells the other nodes. A lost message is bounded by the heap TTL, and a node whose
   * subscription broke drops its heap tier when it subscribes again.
   */
  private void publish(String message) {
    if (direct == null) {
      return;
    }
    try {
      invalidating(tier -> tier.publish(message));
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
    if (health != null && health.owed().owes() && !pay(direct, Integer.MAX_VALUE)) {
      // nobody else knows: Redis keeps what these invalidations should have removed
      Debts debts = health.owed().debts();
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
