package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.engine.RemoteUnavailable;
import io.github.tenantfilter.resolve.LookupKey;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis as the tenant cache's shared tier, through Jedis: one server, Sentinel or a Cluster alike
 * ({@link RedisClients}), by the protocol the regions use too ({@link RedisProtocol}).
 *
 * <p>Layout ({@link RedisKeys}) under the configured prefix {@code p}, every key in the one hash
 * slot of the tag {@code {tenant}}:
 *
 * <ul>
 *   <li>{@code p{tenant}:id:<id>}, {@code p{tenant}:subdomain:<label>}, {@code
 *       p{tenant}:domain:<host>}: {@code <generation>|} followed by the tenant as JSON ({@link
 *       TenantCodec}) with the time it is fresh until; the key lives that long plus the
 *       stale-if-error window;
 *   <li>{@code p{tenant}:keys:<id>}: the index, the set of every key written for that tenant;
 *   <li>{@code p{tenant}:epoch} and {@code p{tenant}:generation}: the protocol's tokens.
 * </ul>
 *
 * <p>Jedis exceptions are translated to {@link RemoteUnavailable}; a connection that failed is
 * discarded by Jedis's pool, never reused.
 */
final class RedisTier implements RemoteTier {

  private final RedisClients redis;
  private final RedisKeys keys;
  private final long ttlSeconds;
  private final long staleSeconds;
  private final LongSupplier now;
  private final TenantCodec codec;
  private final DoubleSupplier random;
  private final String description;

  RedisTier(
      RedisClients redis,
      String keyPrefix,
      Duration ttl,
      TenantCodec codec,
      DoubleSupplier random,
      String description) {
    this(redis, keyPrefix, ttl, Duration.ZERO, System::currentTimeMillis, codec, random,
        description);
  }

  /**
   * Creates the tier.
   *
   * @param staleIfError how long past its TTL a value stays in Redis, marked stale (its {@code
   *     freshUntil} passed), to be served only when the store cannot answer
   * @param now wall-clock milliseconds, shared by the nodes
   */
  RedisTier(
      RedisClients redis,
      String keyPrefix,
      Duration ttl,
      Duration staleIfError,
      LongSupplier now,
      TenantCodec codec,
      DoubleSupplier random,
      String description) {
    this.redis = redis;
    this.keys = new RedisKeys(keyPrefix);
    this.ttlSeconds = Math.max(1, ttl.toSeconds());
    this.staleSeconds = Math.max(0, staleIfError.toSeconds());
    this.now = now;
    this.codec = codec;
    this.random = random;
    this.description = description;
  }

  String key(LookupKey key) {
    return keys.value(key);
  }

  @Override
  public Read read(LookupKey key) throws RemoteUnavailable {
    try {
      List<String> values = redis.client().mget(key(key), keys.epoch(), keys.generation());
      if (values == null || values.size() != 3) {
        throw new RemoteUnavailable("MGET returned " + values, null);
      }
      return new Read(RedisProtocol.live(values.get(0), values.get(2)),
          RedisProtocol.epoch(values.get(1)));
    } catch (JedisException | ClassCastException e) {
      throw translate("read", e);
    }
  }

  @Override
  public boolean write(LookupKey key, Tenant tenant, String epoch) throws RemoteUnavailable {
    // up to 10 % less, so that tenants loaded together do not expire together
    long ttl = Math.max(1, ttlSeconds - (long) (ttlSeconds * 0.1 * random.getAsDouble()));
    try {
      Object stored =
          redis.client().eval(
              RedisProtocol.FILL_INDEXED,
              List.of(key(key), keys.epoch(), keys.generation(), keys.index(tenant.id())),
              List.of(
                  codec.encode(tenant, now.getAsLong() + ttl * 1000),
                  Long.toString(ttl + staleSeconds),
                  epoch,
                  RedisProtocol.token(),
                  Long.toString(ttlSeconds + staleSeconds)));
      return Long.valueOf(1).equals(stored);
    } catch (JedisException e) {
      throw translate("write", e);
    }
  }

  @Override
  public void delete(LookupKey key) throws RemoteUnavailable {
    try {
      redis.client().del(key(key));
    } catch (JedisException e) {
      throw translate("delete", e);
    }
  }

  @Override
  public void invalidate(String tenantId) throws RemoteUnavailable {
    try {
      redis.client().eval(
          RedisProtocol.INVALIDATE_INDEXED,
          List.of(keys.index(tenantId), key(LookupKey.id(tenantId)), keys.epoch()),
          List.of(RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("invalidate", e);
    }
  }

  /** The pub/sub channel on which nodes tell each other about invalidations. */
  static String invalidationChannel(String keyPrefix) {
    return new RedisKeys(keyPrefix).channel();
  }

  @Override
  public void publish(String message) throws RemoteUnavailable {
    try {
      redis.client().publish(keys.channel(), message);
    } catch (JedisException e) {
      throw translate("publish", e);
    }
  }

  /**
   * Replaces the generation (every value written before is dead at once) and the epoch (no load
   * that read before can fill), in one script. The dead values are left to their TTL: deleting
   * them would cost a scan of the prefix, and no reader can see them.
   */
  @Override
  public void invalidateAll() throws RemoteUnavailable {
    try {
      redis.client().eval(
          RedisProtocol.INVALIDATE_ALL, List.of(keys.generation(), keys.epoch()),
          List.of(RedisProtocol.token(), RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("invalidate all", e);
    }
  }

  @Override
  public void prepare() throws RemoteUnavailable {
    try {
      redis.client().eval(
          RedisProtocol.PREPARE, List.of(keys.generation(), keys.epoch()),
          List.of(RedisProtocol.token(), RedisProtocol.token()));
    } catch (JedisException e) {
      throw translate("prepare", e);
    }
  }

  @Override
  public void dropIdleConnections() {
    redis.dropIdleConnections();
  }

  private RemoteUnavailable translate(String operation, Exception e) {
    String message = "Redis " + operation + " failed at " + description + ": " + e.getMessage();
    if (e instanceof JedisConnectionException) {
      // the failed connection is discarded by Jedis; its idle siblings are probably dead too
      // (a restarted or failed-over Redis): drop them, so that the next call opens a fresh one
      dropIdleConnections();
      return RemoteUnavailable.connectionFailed(message, e);
    }
    return new RemoteUnavailable(message, e);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    redis.close();
  }
}
