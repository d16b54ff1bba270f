package io.github.tenantfilter.region;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Logger;
import org.ehcache.Cache;

/**
 * One named region: the heap tier, then Redis, then the caller's loader.
 *
 * <ul>
 *   <li>A heap hit makes no network call.
 *   <li>Concurrent misses for one key share one load (single flight).
 *   <li>Every invalidation (and put) advances a local generation and Redis's epoch for the
 *       region; a load that began before it writes to neither tier, and no get that begins
 *       after it waits for that load.
 *   <li>Redis failing, or its circuit open, is never the caller's problem: the loader answers.
 *       Invalidations Redis could not take are owed, and paid (and told to the other nodes)
 *       before anything read from Redis is used again.
 *   <li>A value in Redis that does not decode is deleted and treated as a miss.
 * </ul>
 */
final class TieredRegion<V> implements CacheRegion<V> {

  private static final Logger LOG = Logger.getLogger(TieredRegion.class.getName());
  /** More keys owed than this, and one whole-region invalidation replaces them. */
  static final int MAX_OWED = 10_000;

  private final String name;
  private final RegionSpec spec;
  private final CacheSerializer<V> serializer;
  private final Cache<String, Object> heap;
  /** Redis, or {@code null} without it. */
  private final RegionRemote remote;
  private final RedisState redisState;
  private final DoubleSupplier random;
  private final RegionCounters counters = new RegionCounters();
  /** A load running for a key, and the generation it began in. */
  private record Load<V>(CompletableFuture<V> result, long generation) {}

  private final ConcurrentHashMap<String, Load<V>> inFlight = new ConcurrentHashMap<>();
  /** One payer of Redis's debts at a time; the others go on without Redis. */
  private final java.util.concurrent.locks.ReentrantLock paying =
      new java.util.concurrent.locks.ReentrantLock();
  private final AtomicLong generation = new AtomicLong();
  /** Each owed key with the number of its latest debt, so that a newer one is never lost. */
  private final ConcurrentHashMap<String, Long> owed = new ConcurrentHashMap<>();
  private final AtomicLong debtNumbers = new AtomicLong();
  private volatile boolean owedAll;
  private final AtomicBoolean serializerWarned = new AtomicBoolean();
  private volatile boolean closed;

  TieredRegion(String name, RegionSpec spec, CacheSerializer<V> serializer,
      Cache<String, Object> heap, RegionRemote remote, RedisState redisState,
      DoubleSupplier random) {
    this.name = name;
    this.spec = spec;
    this.serializer = serializer;
    this.heap = heap;
    this.remote = remote;
    this.redisState = redisState;
    this.random = random;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RegionSpec spec() {
    return spec;
  }

  @Override
  public V get(String key, Function<? super String, ? extends V> loader) {
    String escaped = RegionKeys.escape(key);
    Objects.requireNonNull(loader, "loader");
    counters.gets.increment();
    V local = local(escaped);
    if (local != null) {
      counters.localHits.increment();
      return local;
    }
    return loadOnce(key, escaped, loader);
  }

  @Override
  public Optional<V> getIfPresent(String key) {
    String escaped = RegionKeys.escape(key);
    counters.gets.increment();
    V local = local(escaped);
    if (local != null) {
      counters.localHits.increment();
      return Optional.of(local);
    }
    if (remote == null || closed) {
      return Optional.empty();
    }
    long startGeneration = generation.get();
    if (owes()) {
      payOwed();
      startGeneration = generation.get();
      if (owes()) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(fromRemote(escaped, startGeneration).value);
  }

  @SuppressWarnings("unchecked")
  private V local(String escaped) {
    if (closed) {
      return null;
    }
    try {
      return (V) heap.get(escaped);
    } catch (IllegalStateException e) {
      return null; // the application is stopping: its heap tiers are closed
    }
  }

  /**
   * Loads once for every get that asks meanwhile (single flight); a get joins a running load
   * only if no invalidation came between that load's start and its own.
   */
  private V loadOnce(String key, String escaped, Function<? super String, ? extends V> loader) {
    Load<V> mine = new Load<>(new CompletableFuture<>(), generation.get());
    Load<V> running = inFlight.compute(escaped,
        (k, current) -> current != null && current.generation == mine.generation ? current : mine);
    if (running != mine) {
      return await(running.result);
    }
    try {
      // a load of this key may have finished between our heap miss and now
      V again = local(escaped);
      V result = again != null ? again : load(key, escaped, loader);
      mine.result.complete(result);
      return result;
    } catch (Throwable e) {
      mine.result.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(escaped, mine);
    }
  }

  private static <V> V await(CompletableFuture<V> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** What Redis said: the value if it had a usable one, and the read for a fill. */
  private record Remote<V>(V value, RegionRemote.Read read) {}

  private Remote<V> fromRemote(String escaped, long startGeneration) {
    try {
      RegionRemote.Read read = remote.read(escaped);
      redisState.succeeded();
      V value = decode(escaped, read);
      if (value != null) {
        counters.redisHits.increment();
        putLocal(escaped, value, startGeneration);
      } else {
        counters.redisMisses.increment();
      }
      return new Remote<>(value, read);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
      return new Remote<>(null, null);
    }
  }

  private V load(String key, String escaped, Function<? super String, ? extends V> loader) {
    long startGeneration = generation.get();
    boolean remoteUsable = remote != null && !closed;
    if (remoteUsable && owes()) {
      // what Redis owes is paid before anything read from it counts; paying moves the
      // generation, and a debt made since the first check is seen by the second (a debt is
      // recorded before its invalidation moves the generation)
      payOwed();
      startGeneration = generation.get();
      remoteUsable = !owes();
    }
    RegionRemote.Read read = null;
    if (remoteUsable) {
      Remote<V> remoteAnswer = fromRemote(escaped, startGeneration);
      if (remoteAnswer.value != null) {
        return remoteAnswer.value;
      }
      read = remoteAnswer.read;
    }
    counters.loads.increment();
    V loaded;
    try {
      loaded = loader.apply(key);
    } catch (RuntimeException | Error e) {
      counters.loadErrors.increment();
      throw e;
    }
    if (loaded == null) {
      return null;
    }
    if (read != null) {
      String payload = serialize(loaded);
      if (payload != null) {
        try {
          remote.fill(escaped, payload, ttlSeconds(), read);
        } catch (RegionUnavailable e) {
          redisState.failed(e, counters);
        }
      }
    }
    putLocal(escaped, loaded, startGeneration);
    return loaded;
  }

  /** The value stored in Redis, or {@code null}; an unreadable one is deleted. */
  private V decode(String escaped, RegionRemote.Read read) {
    String text = read.value();
    if (text == null) {
      return null;
    }
    int bar = text.indexOf('|');
    String generationOf = bar > 0 ? text.substring(0, bar) : "";
    if (!generationOf.isEmpty() && generationOf.chars().allMatch(Character::isDigit)) {
      if (!generationOf.equals(read.generation())) {
        return null; // from before the last whole-region invalidation: gone
      }
      try {
        V value = serializer.deserialize(text.substring(bar + 1));
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        // fall through: unreadable
      }
    }
    counters.corruptValues.increment();
    LOG.warning("tenant-filter: ignoring and deleting a value of cache region " + name
        + " in Redis that cannot be read back (key " + escaped + ")");
    try {
      remote.delete(escaped);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
    }
    return null;
  }

  private String serialize(V value) {
    try {
      String payload = serializer.serialize(value);
      if (payload == null) {
        throw new IllegalArgumentException("the serializer returned null");
      }
      return payload;
    } catch (RuntimeException e) {
      if (serializerWarned.compareAndSet(false, true)) {
        LOG.warning("tenant-filter: the serializer of cache region " + name + " failed (" + e
            + "); such values are kept in the heap tier only");
      }
      return null;
    }
  }

  /** The Redis TTL less up to 10 %, so that values loaded together do not expire together. */
  private long ttlSeconds() {
    long ttl = Math.max(1, spec.ttl().toSeconds());
    return Math.max(1, ttl - (long) (ttl * 0.1 * random.getAsDouble()));
  }

  private void putLocal(String escaped, V value, long startGeneration) {
    if (closed || generation.get() != startGeneration) {
      return;
    }
    try {
      heap.put(escaped, value);
      // an invalidation may have slipped in between the check and the put
      if (generation.get() != startGeneration) {
        heap.remove(escaped);
      }
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  @Override
  public void put(String key, V value) {
    String escaped = RegionKeys.escape(key);
    Objects.requireNonNull(value, "value");
    generation.incrementAndGet();
    if (remote != null && !closed) {
      Long before = owed.get(escaped);
      String payload = serialize(value);
      try {
        if (payload != null) {
          remote.put(escaped, payload, ttlSeconds());
        } else {
          remote.invalidate(escaped);
        }
        redisState.succeeded();
        paid(before, escaped); // an older debt for the key is paid by this
        publish(escaped);
      } catch (RegionUnavailable e) {
        owe(escaped);
        redisState.failed(e, counters);
      }
    }
    // again, now that Redis has the new value: a load here in between read the old one
    generation.incrementAndGet();
    try {
      if (!closed) {
        heap.put(escaped, value);
      }
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  @Override
  public void invalidate(String key) {
    String escaped = RegionKeys.escape(key);
    counters.invalidations.increment();
    dropLocal(escaped);
    if (remote != null && !closed) {
      Long before = owed.get(escaped);
      try {
        remote.invalidate(escaped);
        redisState.succeeded();
        paid(before, escaped); // an older debt for the key is paid by this
        // again, now that Redis is clean: a load here in between may have read the old value
        dropLocal(escaped);
        publish(escaped);
      } catch (RegionUnavailable e) {
        owe(escaped);
        // and again: a load that read Redis before the debt was recorded must not keep the value
        dropLocal(escaped);
        redisState.failed(e, counters);
      }
    }
  }

  @Override
  public void invalidateAll() {
    counters.invalidations.increment();
    dropAllLocal();
    if (remote != null && !closed) {
      Map<String, Long> paidNow = Map.copyOf(owed);
      owedAll = false; // before the call: a debt made during it sets it again
      try {
        remote.invalidateAll();
        paidNow.forEach(owed::remove);
        redisState.succeeded();
        dropAllLocal();
        publish(null);
      } catch (RegionUnavailable e) {
        owedAll = true;
        dropAllLocal();
        redisState.failed(e, counters);
      }
    }
  }

  /** Another node invalidated {@code escaped}: drop it here, nothing else. */
  void heard(String escaped) {
    counters.invalidations.increment();
    dropLocal(escaped);
  }

  /** Another node invalidated the whole region, or messages may have been lost. */
  void heardAll() {
    counters.invalidations.increment();
    dropAllLocal();
  }

  /** The channel came back after a break: what was sent meanwhile is lost. */
  void resubscribed() {
    dropAllLocal();
  }

  private void dropLocal(String escaped) {
    generation.incrementAndGet();
    try {
      heap.remove(escaped);
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  private void dropAllLocal() {
    generation.incrementAndGet();
    try {
      heap.clear();
    } catch (IllegalStateException e) {
      // the application is stopping
    }
  }

  /**
   * Tells the other nodes. A lost message is bounded by the heap TTL, and a node whose
   * subscription broke drops its heap tiers when it subscribes again.
   */
  private void publish(String escaped) {
    try {
      remote.publish(escaped);
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
    }
  }

  private void owe(String escaped) {
    if (owed.size() >= MAX_OWED) {
      owedAll = true; // one whole-region invalidation covers those below
      owed.clear();
    } else {
      owed.put(escaped, debtNumbers.incrementAndGet());
    }
  }

  /** The debt numbered {@code before} (if any) of {@code escaped} is paid; a newer one stays. */
  private void paid(Long before, String escaped) {
    if (before != null) {
      owed.remove(escaped, before);
    }
  }

  /**
   * Pays what Redis owes: each owed key invalidated there and dropped here, the other nodes
   * told. One payer at a time.
   *
   * @return whether nothing is owed any more, so that Redis may be read
   */
  /** Whether Redis owes this region an invalidation. */
  private boolean owes() {
    return owedAll || !owed.isEmpty();
  }

  private boolean payOwed() {
    if (!owes()) {
      return true;
    }
    if (!paying.tryLock()) {
      return false; // another thread pays; this one goes on without Redis
    }
    try {
      if (owedAll) {
        Map<String, Long> paidNow = Map.copyOf(owed);
        owedAll = false; // before the call: a debt made during it sets it again
        try {
          remote.invalidateAll();
        } catch (RegionUnavailable e) {
          owedAll = true;
          throw e;
        }
        paidNow.forEach(owed::remove);
        dropAllLocal();
        publish(null);
      }
      for (Map.Entry<String, Long> debt : Map.copyOf(owed).entrySet()) {
        remote.invalidate(debt.getKey());
        owed.remove(debt.getKey(), debt.getValue());
        dropLocal(debt.getKey());
        publish(debt.getKey());
      }
      redisState.succeeded();
      return true;
    } catch (RegionUnavailable e) {
      redisState.failed(e, counters);
      return false;
    } finally {
      paying.unlock();
    }
  }

  @Override
  public RegionStats stats() {
    long size;
    try {
      size = closed ? 0 : RegionHeap.size(heap);
    } catch (IllegalStateException e) {
      size = 0;
    }
    return counters.snapshot(name, spec, size);
  }

  void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "CacheRegion[" + name + ", " + spec + "]";
  }
}
