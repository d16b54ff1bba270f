package io.github.tenantfilter.region;

import io.github.tenantfilter.cache.RedisProtocol;
import io.github.tenantfilter.engine.RemoteUnavailable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region's Redis in memory, with the same protocol as {@link RedisRegionTier} ({@link
 * RedisProtocol}: values under a generation token, fills checked against an epoch token), that
 * counts calls, can fail, and records what it published.
 */
final class FakeRegionRemote implements RegionRemote {

  final Map<String, String> values = new ConcurrentHashMap<>();
  final Map<String, Long> ttls = new ConcurrentHashMap<>();
  volatile String epoch = RedisProtocol.token();
  volatile String generation = RedisProtocol.token();
  /** Whole-region invalidations made. */
  final AtomicInteger generations = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger fills = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger invalidations = new AtomicInteger();
  final List<String> published = new CopyOnWriteArrayList<>();
  volatile boolean down;
  volatile boolean circuitOpen;

  private void check() throws RemoteUnavailable {
    if (circuitOpen) {
      throw RemoteUnavailable.circuitOpen("fake Redis");
    }
    if (down) {
      throw new RemoteUnavailable("fake Redis is down", null);
    }
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    reads.incrementAndGet();
    check();
    String stored = values.get(key);
    return new Read(RedisProtocol.live(stored, generation), epoch,
        RedisProtocol.malformed(stored));
  }

  @Override
  public synchronized boolean fill(String key, String payload, long ttlSeconds, Read read)
      throws RemoteUnavailable {
    fills.incrementAndGet();
    check();
    if (!read.epoch().equals(epoch)) {
      return false;
    }
    values.put(key, generation + "|" + payload);
    ttls.put(key, ttlSeconds);
    return true;
  }

  @Override
  public synchronized void put(String key, String payload, long ttlSeconds)
      throws RemoteUnavailable {
    check();
    values.put(key, generation + "|" + payload);
    ttls.put(key, ttlSeconds);
    epoch = RedisProtocol.token();
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    deletes.incrementAndGet();
    check();
    values.remove(key);
  }

  @Override
  public synchronized void invalidate(String key) throws RemoteUnavailable {
    check();
    invalidations.incrementAndGet();
    values.remove(key);
    epoch = RedisProtocol.token();
  }

  @Override
  public synchronized void invalidateAll() throws RemoteUnavailable {
    check();
    invalidations.incrementAndGet();
    generation = RedisProtocol.token();
    generations.incrementAndGet();
    epoch = RedisProtocol.token();
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    check();
  }

  @Override
  public void publish(String key) throws RemoteUnavailable {
    check();
    published.add(key == null ? "*" : key);
  }
}
