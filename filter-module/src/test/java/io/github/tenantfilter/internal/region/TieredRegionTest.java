// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.engine.FakeSharedTier;
import io.github.tenantfilter.internal.engine.TwoTierCacheContract;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One region over a fake Redis and a fake clock: the tiers, single flight, races, failures. */
class TieredRegionTest {

  private final MutableClock clock = new MutableClock();
  private final FakeSharedTier redis = new FakeSharedTier();
  private final List<RegionManager> managers = new ArrayList<>();
  private final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void close() {
    managers.forEach(RegionManager::close);
  }

  private RegionManager manager(FakeSharedTier remote) {
    RegionManager manager = new RegionManager(remote == null ? null : name -> remote, "fake",
        new SettingsReader(List.of(SettingSource.ofMap("test", Map.of()))), clock, () -> 0.0,
        null);
    managers.add(manager);
    return manager;
  }

  private CacheRegion<String> plans() {
    return manager(redis).region("plans", RegionSpec.of(TtlClass.LONG));
  }

  /** The engine's rules (single flight, the generation guard, owed invalidations) on a region. */
  @Nested
  class Contract extends TwoTierCacheContract {
    @Override
    protected Subject subject(FakeSharedTier remote, Function<String, String> loader) {
      CacheRegion<String> region = manager(remote).region("plans", RegionSpec.of(TtlClass.LONG));
      return new Subject(key -> region.get(key, loader::apply), region::invalidate,
          region::invalidateAll, () -> clock.advance(Duration.ofSeconds(61)), key -> key,
          () -> {}); // the managers are closed after each test
    }
  }

  private String load(String key) {
    loads.incrementAndGet();
    return "value of " + key;
  }

  @Test
  void get_miss_loadsOnceAndFillsRedisWithTheTtlClass() {
    CacheRegion<String> region = plans();

    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");

    assertThat(loads).hasValue(1);
    assertThat(redis.values).containsEntry("pro", "value of pro");
    assertThat(redis.ttls).containsEntry("pro", 3600L);
  }

  @Test
  void get_repeated_isHeapHitWithNoRedisCall() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);
    int readsBefore = redis.reads.get();

    for (int i = 0; i < 100; i++) {
      assertThat(region.get("pro", this::load)).isEqualTo("value of pro");
    }

    assertThat(redis.reads.get()).isEqualTo(readsBefore);
    assertThat(loads).hasValue(1);
    RegionStats stats = region.stats();
    assertThat(stats.localHits()).isEqualTo(100);
    assertThat(stats.gets()).isEqualTo(101);
    assertThat(stats.loads()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a load of {@code pro} that reads "old" from the source, runs {@code meanwhile} while
   * it is between its Redis read and its writes, then lets it finish.
   */
  private void whileLoadingOld(CacheRegion<String> region, Runnable meanwhile) throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<String> old = thread.submit(() -> region.get("pro", key -> {
        loading.countDown();
        await(release);
        return "old";
      }));
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      meanwhile.run();
      release.countDown();
      assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("old"); // its caller gets what it read
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void invalidate_removesFromBothTiersAndTellsTheOtherNodes() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);

    region.invalidate("pro");

    assertThat(redis.values).doesNotContainKey("pro");
    assertThat(redis.published).containsExactly("pro");
    assertThat(region.get("pro", key -> "new")).isEqualTo("new");
    assertThat(region.stats().invalidations()).isEqualTo(1);
  }

  @Test
  void invalidateAll_valuesOfTheOldGenerationAreMisses() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);
    region.get("free", this::load);

    region.invalidateAll();

    assertThat(redis.published).containsExactly("*");
    assertThat(region.get("pro", key -> "new pro")).isEqualTo("new pro");
    assertThat(region.get("free", key -> "new free")).isEqualTo("new free");
    assertThat(redis.values).containsEntry("pro", "new pro");
  }

  @Test
  void otherNodesInvalidation_dropsTheHeapEntryOnly() {
    RegionManager manager = manager(redis);
    CacheRegion<String> region = manager.region("plans", RegionSpec.of(TtlClass.LONG));
    region.get("pro", this::load);
    redis.values.put("pro", "changed by the other node");

    manager.listener().regionInvalidated("plans", "pro");

    assertThat(region.get("pro", this::load)).isEqualTo("changed by the other node");
    assertThat(redis.published).isEmpty();
  }

  @Test
  void otherNodesClear_andResubscription_dropTheHeapTier() {
    RegionManager manager = manager(redis);
    CacheRegion<String> region = manager.region("plans", RegionSpec.of(TtlClass.LONG));
    region.get("pro", this::load);
    redis.values.clear();

    manager.listener().regionCleared("plans");
    assertThat(region.get("pro", key -> "reloaded")).isEqualTo("reloaded");
    redis.values.clear();
    manager.listener().resubscribed();
    assertThat(region.get("pro", key -> "again")).isEqualTo("again");
  }

  @Test
  void otherNodesMessage_forAnUnknownRegionOrMalformedKey_isIgnored() {
    RegionManager manager = manager(redis);
    CacheRegion<String> region = manager.region("plans", RegionSpec.of(TtlClass.LONG));
    region.get("a b", this::load);

    manager.listener().regionInvalidated("other", "a%20b");
    manager.listener().regionInvalidated("plans", "a b");

    assertThat(region.get("a b", key -> "reloaded")).isEqualTo("value of a b");
  }

  @Test
  void get_corruptValueInRedis_isDeletedAndLoaded() {
    CacheRegion<Long> counts =
        manager(redis).region("counts", CacheSerializer.longs(), RegionSpec.of(TtlClass.SHORT));
    redis.values.put("a", "not a number");
    redis.malformed.add("b"); // no generation, say

    assertThat(counts.get("a", key -> 7L)).isEqualTo(7L);
    assertThat(counts.get("b", key -> 8L)).isEqualTo(8L);

    assertThat(redis.values)
        .containsEntry("a", "7").containsEntry("b", "8");
    assertThat(redis.deletes).hasValue(2);
    assertThat(counts.stats().corruptValues()).isEqualTo(2);
    assertThat(counts.stats().loads()).isEqualTo(2);
  }

  @Test
  void get_redisDown_loaderAnswersAndHeapServesWithoutException() {
    CacheRegion<String> region = plans();
    redis.down = true;

    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");
    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");
    region.put("free", "put while down");
    region.invalidate("pro");
    region.invalidateAll();
    assertThat(region.getIfPresent("pro")).isEmpty();

    assertThat(loads).hasValue(1);
    assertThat(region.stats().redisErrors()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void get_circuitOpen_countedAsSkippedNotAsError() {
    CacheRegion<String> region = plans();
    redis.circuitOpen = true;

    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");

    assertThat(region.stats().redisSkipped()).isEqualTo(1);
    assertThat(region.stats().redisErrors()).isZero();
  }

  @Test
  void invalidate_whileRedisDown_isMadeWhenRedisAnswersAgain() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);
    region.get("free", this::load);
    redis.down = true;
    region.invalidate("pro");
    assertThat(redis.values).containsKey("pro"); // Redis could not hear it

    redis.down = false;
    assertThat(region.get("free", this::load)).isEqualTo("value of free"); // heap hit: no call
    clock.advance(Duration.ofSeconds(61));
    region.get("free", this::load); // a Redis call gets through: the debt is paid

    assertThat(redis.values).doesNotContainKey("pro");
    assertThat(redis.published).containsExactly("pro");
  }

  @Test
  void invalidateAll_whileRedisDown_isMadeWhenRedisAnswersAgain() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);
    redis.down = true;
    region.invalidateAll();
    redis.down = false;

    assertThat(region.get("free", key -> "free")).isEqualTo("free");

    assertThat(redis.generations).hasValue(1);
    assertThat(region.get("pro", key -> "new")).isEqualTo("new");
  }

  @Test
  void get_loaderThrows_propagatesAndCachesNothing() {
    CacheRegion<String> region = plans();

    assertThatThrownBy(() -> region.get("pro", key -> {
      throw new IllegalStateException("database down");
    })).isInstanceOf(IllegalStateException.class).hasMessage("database down");

    assertThat(region.stats().loadErrors()).isEqualTo(1);
    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");
  }

  @Test
  void get_loaderReturnsNull_returnsNullAndCachesNothing() {
    CacheRegion<String> region = plans();

    assertThat(region.get("none", key -> null)).isNull();
    assertThat(region.get("none", this::load)).isEqualTo("value of none");
    assertThat(redis.values).containsEntry("none", "value of none");
  }

  @Test
  void put_storesBothTiersAndTellsTheOtherNodes() {
    CacheRegion<String> region = plans();
    region.get("pro", this::load);

    region.put("pro", "put");

    assertThat(region.get("pro", this::load)).isEqualTo("put");
    assertThat(redis.values).containsEntry("pro", "put");
    assertThat(redis.published).containsExactly("pro");
    assertThat(region.getIfPresent("pro")).contains("put");
  }

  @Test
  void put_duringLoad_theLoadDoesNotOverwriteIt() throws Exception {
    CacheRegion<String> region = plans();

    whileLoadingOld(region, () -> region.put("pro", "new"));

    assertThat(region.get("pro", this::load)).isEqualTo("new");
    assertThat(redis.values).containsEntry("pro", "new");
  }

  @Test
  void getIfPresent_neverLoads() {
    CacheRegion<String> region = plans();
    assertThat(region.getIfPresent("pro")).isEmpty();
    redis.values.put("pro", "from redis");

    assertThat(region.getIfPresent("pro")).contains("from redis");
    assertThat(loads).hasValue(0);
  }

  @Test
  void serializerThatFails_keepsTheValueInTheHeapTierOnly() {
    AtomicReference<String> seen = new AtomicReference<>();
    CacheRegion<String> region = manager(redis).region("odd", CacheSerializer.<String>of(
        value -> {
          throw new UnsupportedOperationException("cannot");
        }, text -> {
          seen.set(text);
          return text;
        }), RegionSpec.of(TtlClass.SHORT));

    assertThat(region.get("k", this::load)).isEqualTo("value of k");
    assertThat(redis.values).isEmpty();
    assertThat(region.get("k", this::load)).isEqualTo("value of k");
    assertThat(loads).hasValue(1);
  }

  @Test
  void heapTier_isBoundedByTheSpecsSize() {
    CacheRegion<String> region =
        manager(null).region("small", RegionSpec.of(TtlClass.SHORT).withLocalSize(10));
    for (int i = 0; i < 100; i++) {
      region.get("k" + i, this::load);
    }
    assertThat(region.stats().localSize()).isLessThanOrEqualTo(10);
    assertThat(region.stats().localCapacity()).isEqualTo(10);
  }

  @Test
  void afterClose_callsGoToTheLoader() {
    RegionManager manager = manager(redis);
    CacheRegion<String> region = manager.region("plans", RegionSpec.of(TtlClass.LONG));
    region.get("pro", this::load);
    manager.close();
    int readsBefore = redis.reads.get();

    assertThat(region.get("pro", this::load)).isEqualTo("value of pro");

    assertThat(loads).hasValue(2);
    assertThat(redis.reads.get()).isEqualTo(readsBefore);
    assertThatThrownBy(() -> manager.region("other", RegionSpec.of(TtlClass.LONG)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keys_badKeys_areRefused() {
    CacheRegion<String> region = plans();
    assertThatThrownBy(() -> region.get("", this::load))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> region.get("x".repeat(513), this::load))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> region.get(null, this::load))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> region.get("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> region.put("k", null)).isInstanceOf(NullPointerException.class);
    assertThat(loads).hasValue(0);
  }
}
