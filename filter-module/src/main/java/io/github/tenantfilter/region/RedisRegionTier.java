package io.github.tenantfilter.region;

import io.github.tenantfilter.cache.SharedRedis;
import io.github.tenantfilter.engine.RemoteUnavailable;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * A region's values in Redis, through the tenant cache's client and circuit breaker.
 *
 * <p>Layout under the configured prefix {@code p}, for region {@code r}:
 *
 * <ul>
 *   <li>{@code p region:{r}:k:<escaped key>}: {@code <generation>|<serialized value>}, for the
 *       region's TTL less up to 10 % jitter;
 *   <li>{@code p region:{r}:epoch}: advanced by every invalidation; a fill checks it atomically
 *       (a script), so a load that began before an invalidation cannot write its value back;
 *   <li>{@code p region:{r}:gen}: advanced by a whole-region invalidation; a value of an older
 *       generation is read as a miss, so emptying a region costs one command, not a scan.
 * </ul>
 *
 * <p>The hash tag {@code {r}} puts every key of a region in one Redis Cluster hash slot, so the
 * scripts and the {@code MGET} touch one slot.
 */
final class RedisRegionTier implements RegionRemote {

  /** KEYS: entry, epoch. ARGV: stored text, ttl seconds, expected epoch. */
  private static final String FILL =
      "local e = redis.call('GET', KEYS[2]) or '0'\n"
          + "if e ~= ARGV[3] then return 0 end\n"
          + "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])\n"
          + "return 1";

  /** KEYS: entry, epoch, generation. ARGV: payload, ttl seconds. */
  private static final String PUT =
      "local g = redis.call('GET', KEYS[3]) or '0'\n"
          + "redis.call('SET', KEYS[1], g .. '|' .. ARGV[1], 'EX', ARGV[2])\n"
          + "return redis.call('INCR', KEYS[2])";

  /** KEYS: entry, epoch. */
  private static final String INVALIDATE =
      "redis.call('DEL', KEYS[1])\n"
          + "return redis.call('INCR', KEYS[2])";

  /** KEYS: generation, epoch. */
  private static final String INVALIDATE_ALL =
      "redis.call('INCR', KEYS[1])\n"
          + "return redis.call('INCR', KEYS[2])";

  private final SharedRedis redis;
  private final String region;
  private final String base;
  private final String epochKey;
  private final String generationKey;

  RedisRegionTier(SharedRedis redis, String region) {
    this.redis = redis;
    this.region = region;
    this.base = redis.keyPrefix() + "region:{" + region + "}:";
    this.epochKey = base + "epoch";
    this.generationKey = base + "gen";
  }

  /** The Redis key of an escaped key. */
  String key(String escaped) {
    return base + "k:" + escaped;
  }

  private <T> T call(String operation, Function<UnifiedJedis, T> command)
      throws RemoteUnavailable {
    return redis.call(operation + " of cache region " + region, command);
  }

  @Override
  public Read read(String key) throws RemoteUnavailable {
    List<String> values = call("read", jedis -> jedis.mget(key(key), epochKey, generationKey));
    if (values == null || values.size() != 3) {
      throw new RemoteUnavailable("MGET returned " + values, null);
    }
    return new Read(values.get(0), orZero(values.get(1)), orZero(values.get(2)));
  }

  private static String orZero(String counter) {
    return counter == null ? "0" : counter;
  }

  @Override
  public boolean fill(String key, String payload, long ttlSeconds, Read read)
      throws RemoteUnavailable {
    Object stored = call("fill", jedis -> jedis.eval(FILL, List.of(key(key), epochKey),
        List.of(read.generation() + "|" + payload, Long.toString(ttlSeconds), read.epoch())));
    return Long.valueOf(1).equals(stored);
  }

  @Override
  public void put(String key, String payload, long ttlSeconds) throws RemoteUnavailable {
    call("put", jedis -> jedis.eval(PUT, List.of(key(key), epochKey, generationKey),
        List.of(payload, Long.toString(ttlSeconds))));
  }

  @Override
  public void delete(String key) throws RemoteUnavailable {
    call("delete", jedis -> jedis.del(key(key)));
  }

  @Override
  public void invalidate(String key) throws RemoteUnavailable {
    call("invalidate", jedis -> jedis.eval(INVALIDATE, List.of(key(key), epochKey), List.of()));
  }

  @Override
  public void invalidateAll() throws RemoteUnavailable {
    call("invalidate all", jedis ->
        jedis.eval(INVALIDATE_ALL, List.of(generationKey, epochKey), List.of()));
  }

  @Override
  public void publish(String key) throws RemoteUnavailable {
    redis.publish(region, key);
  }
}
