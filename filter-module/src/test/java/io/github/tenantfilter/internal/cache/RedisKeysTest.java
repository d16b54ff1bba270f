// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.internal.resolve.LookupKey;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.JedisClusterHashTag;

/**
 * Every multi-key operation of the Redis tier stays within one hash slot, as a Redis Cluster
 * requires (else CROSSSLOT): the read's MGET (value, epoch), the fill script (value, index,
 * epoch) and the invalidation script (index, id key, epoch, and every key the index lists).
 */
class RedisKeysTest {

  private static final List<LookupKey> LOOKUPS = List.of(
      LookupKey.id("acme"), LookupKey.id("t-42"), LookupKey.subdomain("acme"),
      LookupKey.subdomain("xn--bcher-kva"), LookupKey.domain("shop.acme-corp.example"),
      LookupKey.domain("a.b.c.d.example"));

  private static int slot(String key) {
    return JedisClusterCRC16.getSlot(key);
  }

  @ParameterizedTest(name = "prefix \"{0}\"")
  @ValueSource(strings = {"", "myapp:", "tf-it:webxml:", "a*b?[c]\\:", "x"})
  void everyKeyOfEveryOperation_isInTheSlotOfTheHashTag(String prefix) {
    RedisKeys keys = new RedisKeys(prefix);
    int slot = slot(keys.epoch());
    // the slot docs/redis-topologies.md names
    assertThat(slot).isEqualTo(slot("{tenant}")).isEqualTo(slot("tenant")).isEqualTo(14419);
    for (LookupKey lookup : LOOKUPS) {
      // read: MGET value epoch
      assertThat(Stream.of(keys.value(lookup.cacheKey()), keys.epoch()).map(RedisKeysTest::slot))
          .as("read of %s", lookup).containsOnly(slot);
      // fill: value, index of the tenant it holds, epoch
      for (String tenant : List.of("acme", "globex", "t-42")) {
        assertThat(Stream.of(keys.value(lookup.cacheKey()), keys.index(tenant), keys.epoch())
                .map(RedisKeysTest::slot))
            .as("fill of %s for %s", lookup, tenant).containsOnly(slot);
      }
    }
    // invalidate: index, id key, epoch, and the members of the index (any value key)
    assertThat(Stream.of(keys.index("acme"), keys.value(LookupKey.id("acme").cacheKey()), keys.epoch())
        .map(RedisKeysTest::slot)).containsOnly(slot);
    assertThat(JedisClusterHashTag.getHashTag(keys.value(LookupKey.domain("x.example").cacheKey())))
        .isEqualTo("tenant");
  }

  @ParameterizedTest(name = "prefix \"{0}\"")
  @ValueSource(strings = {"", "myapp:"})
  void layout_isPrefixThenTagThenKind_channelUnchanged(String prefix) {
    RedisKeys keys = new RedisKeys(prefix);
    assertThat(keys.value(LookupKey.subdomain("acme").cacheKey())).isEqualTo(prefix + "{tenant}:subdomain:acme");
    assertThat(keys.value(LookupKey.domain("shop.example").cacheKey()))
        .isEqualTo(prefix + "{tenant}:domain:shop.example");
    assertThat(keys.value(LookupKey.id("acme").cacheKey())).isEqualTo(prefix + "{tenant}:id:acme");
    assertThat(keys.index("acme")).isEqualTo(prefix + "{tenant}:keys:acme");
    assertThat(keys.epoch()).isEqualTo(prefix + "{tenant}:epoch");
    assertThat(keys.channel()).isEqualTo(prefix + "tenant:invalidations");
    assertThat(keys.generation()).isEqualTo(prefix + "{tenant}:generation");
  }
}
