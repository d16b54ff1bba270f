package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.engine.RemoteUnavailable;
import io.github.tenantfilter.resolve.LookupKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A Redis tier in memory, with the same epoch rule, that counts calls and can fail. */
final class FakeRemoteTier implements RemoteTier {

  final Map<String, String> values = new ConcurrentHashMap<>();
  final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  final AtomicLong epoch = new AtomicLong();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  private final TenantCodec codec = new TenantCodec();
  volatile boolean down;
  /** When written values are fresh until; always fresh unless a test says otherwise. */
  volatile LongSupplier freshUntil = () -> Long.MAX_VALUE;

  /** Calls that fail on a dead connection before the fake answers again (a restarted Redis). */
  final AtomicInteger deadConnections = new AtomicInteger();
  /** Publishes that fail on a dead connection. */
  final AtomicInteger deadPublishes = new AtomicInteger();

  private void check() throws RemoteUnavailable {
    if (down) {
      throw new RemoteUnavailable("fake Redis is down", null);
    }
    if (deadConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw RemoteUnavailable.connectionFailed("fake connection is dead", null);
    }
  }

  @Override
  public Read read(LookupKey key) throws RemoteUnavailable {
    reads.incrementAndGet();
    check();
    duringRead.run();
    return new Read(values.get(key.cacheKey()), Long.toString(epoch.get()));
  }

  @Override
  public synchronized boolean write(LookupKey key, Tenant tenant, String expected)
      throws RemoteUnavailable {
    writes.incrementAndGet();
    check();
    if (!expected.equals(Long.toString(epoch.get()))) {
      return false;
    }
    values.put(key.cacheKey(), codec.encode(tenant, freshUntil.getAsLong()));
    index.computeIfAbsent(tenant.id(), id -> ConcurrentHashMap.newKeySet()).add(key.cacheKey());
    return true;
  }

  @Override
  public void delete(LookupKey key) throws RemoteUnavailable {
    check();
    values.remove(key.cacheKey());
  }

  /** Runs inside every read: what a concurrent observer sees while a lookup is in flight. */
  volatile Runnable duringRead = () -> {};

  /** Runs inside invalidate, before Redis is cleaned: what a concurrent request would see. */
  volatile Runnable duringInvalidate = () -> {};

  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    check();
    duringInvalidate.run();
    invalidateNow(tenantId);
  }

  private synchronized void invalidateNow(String tenantId) {
    Set<String> keys = index.remove(tenantId);
    if (keys != null) {
      keys.forEach(values::remove);
    }
    values.remove(LookupKey.id(tenantId).cacheKey());
    epoch.incrementAndGet();
  }

  final List<String> published = new CopyOnWriteArrayList<>();

  @Override
  public void publish(String message) throws RemoteUnavailable {
    check();
    if (deadPublishes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw RemoteUnavailable.connectionFailed("fake connection is dead", null);
    }
    published.add(message);
  }

  @Override
  public synchronized void invalidateAll() throws RemoteUnavailable {
    check();
    values.clear();
    index.clear();
    epoch.incrementAndGet();
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    check();
  }

  @Override
  public String describe() {
    return "fake";
  }

  @Override
  public void close() {}
}
