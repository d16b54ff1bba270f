// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.engine.FakeSharedTier;
import io.github.tenantfilter.testing.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry: names, specs, the operator's settings, the tenant cache among the regions. */
class RegionManagerTest {

  private final FakeSharedTier redis = new FakeSharedTier();
  private RegionManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  private RegionManager manager(Map<String, String> settings, RegionView tenant) {
    manager = new RegionManager(name -> redis, "fake",
        new SettingsReader(List.of(SettingSource.ofMap("context-param", settings))),
        new MutableClock(), () -> 0.0, tenant);
    return manager;
  }

  @Test
  void ttlClasses_areTheOriginalFixs() {
    assertThat(TtlClass.SESSION.ttl()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(TtlClass.RATE_LIMIT.ttl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(TtlClass.SHORT.ttl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(TtlClass.MEDIUM.ttl()).isEqualTo(Duration.ofSeconds(1800));
    assertThat(TtlClass.LONG.ttl()).isEqualTo(Duration.ofSeconds(3600));
  }

  @Test
  void spec_heapTtlIsAtMostOneMinuteAndAtMostTheTtl() {
    assertThat(RegionSpec.of(TtlClass.LONG).localTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(RegionSpec.ofTtl(Duration.ofSeconds(5)).localTtl())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(RegionSpec.of(TtlClass.LONG).withLocalTtl(Duration.ofMinutes(10))
        .withTtl(TtlClass.RATE_LIMIT).localTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> RegionSpec.of(TtlClass.RATE_LIMIT).withLocalTtl(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegionSpec.ofTtl(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegionSpec.of(TtlClass.LONG).withLocalSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void region_sameNameAndSpec_isTheSameRegion() {
    manager(Map.of(), null);
    CacheRegion<String> first = manager.region("plans", RegionSpec.of(TtlClass.LONG));

    assertThat(manager.region("plans", RegionSpec.of(TtlClass.LONG))).isSameAs(first);
    assertThatThrownBy(() -> manager.region("plans", RegionSpec.of(TtlClass.SHORT)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("plans");
  }

  @Test
  void region_badOrReservedName_isRefused() {
    manager(Map.of(), null);
    for (String bad : new String[] {"", "Plans", "1plans", "a b", "a.b", "a_b", "x".repeat(33),
        "a{b}"}) {
      assertThatThrownBy(() -> manager.region(bad, RegionSpec.of(TtlClass.LONG)))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> manager.region(CacheRegions.TENANT, RegionSpec.of(TtlClass.LONG)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
  }

  @Test
  void region_settingsOverrideTheCode() {
    manager(Map.of(
        "tenant-filter.region.plans.ttl", "short",
        "tenant-filter.region.plans.size", "50",
        "tenant-filter.region.plans.local-ttl", "10s",
        "tenant-filter.region.limits.ttl", "90s"), null);

    RegionSpec plans = manager.region("plans", RegionSpec.of(TtlClass.LONG)).spec();
    RegionSpec limits = manager.region("limits", RegionSpec.of(TtlClass.RATE_LIMIT)).spec();

    assertThat(plans.ttl()).isEqualTo(Duration.ofSeconds(300));
    assertThat(plans.ttlClass()).contains(TtlClass.SHORT);
    assertThat(plans.localSize()).isEqualTo(50);
    assertThat(plans.localTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.ttl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(manager.find("plans").orElseThrow().stats().ttl())
        .isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void region_badSetting_failsNamingSettingValueAndOrigin() {
    manager(Map.of("tenant-filter.region.plans.ttl", "forever",
        "tenant-filter.region.limits.size", "-1",
        "tenant-filter.region.short.local-ttl", "2h"), null);

    assertThatThrownBy(() -> manager.region("plans", RegionSpec.of(TtlClass.LONG)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.region.plans.ttl")
        .hasMessageContaining("\"forever\"")
        .hasMessageContaining("context-param");
    assertThatThrownBy(() -> manager.region("limits", RegionSpec.of(TtlClass.LONG)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.region.limits.size")
        .hasMessageContaining("\"-1\"");
    assertThatThrownBy(() -> manager.region("short", RegionSpec.of(TtlClass.SHORT)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.region.short.local-ttl");
    assertThat(manager.find("plans")).isEmpty();
  }

  @Test
  void all_listsTheTenantCacheFirstThenByName() {
    RegionView tenant = new RegionView() {
      @Override
      public String name() {
        return CacheRegions.TENANT;
      }

      @Override
      public RegionStats stats() {
        return null;
      }

      @Override
      public void invalidate(String key) {}

      @Override
      public void invalidateAll() {}
    };
    manager(Map.of(), tenant);
    manager.region("zeta", RegionSpec.of(TtlClass.LONG));
    manager.region("alpha", CacheSerializer.longs(), RegionSpec.of(TtlClass.SHORT));

    assertThat(manager.all()).extracting(RegionView::name)
        .containsExactly("tenant", "alpha", "zeta");
    assertThat(manager.find("tenant")).containsSame(tenant);
    assertThat(manager.find("nothing")).isEmpty();
  }

  @Test
  void keysInRedis_areUnderThePrefixAndTheRegionsHashTag_escaped() {
    assertThat(RegionKeys.escape("plain-key_1.2:x@y/z")).isEqualTo("plain-key_1.2:x@y/z");
    assertThat(RegionKeys.escape("a b")).isEqualTo("a%20b");
    assertThat(RegionKeys.escape("{other}*?[x]")).isEqualTo("%7Bother%7D%2A%3F%5Bx%5D");
    assertThat(RegionKeys.escape("ü\n%")).isEqualTo("%C3%BC%0A%25");
    assertThat(RegionKeys.isEscaped(RegionKeys.escape("any thing}{"))).isTrue();
    assertThat(RegionKeys.isEscaped("a b")).isFalse();
  }

  /**
   * Regression (defect 10): unpaired surrogates were escaped through {@code getBytes(UTF_8)},
   * which turns each into {@code ?}, so three different keys shared one entry.
   */
  @Test
  void escape_unpairedSurrogates_keepKeysApart() {
    Set<String> escaped = new HashSet<>();
    for (String key : List.of("acme:q?x", "acme:q\uD800x", "acme:q\uDC00x",
        "acme:q\uD800", "acme:q\uDC00\uD800x", "acme:q\uD83D\uDE00x", "acme:q\uDBFF\uDFFFx")) {
      String e = RegionKeys.escape(key);
      assertThat(RegionKeys.isEscaped(e)).isTrue();
      assertThat(escaped.add(e)).as("escape of %s is its own: %s", key, e).isTrue();
    }
    // a valid pair is plain UTF-8, as before
    assertThat(RegionKeys.escape("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
  }
}
