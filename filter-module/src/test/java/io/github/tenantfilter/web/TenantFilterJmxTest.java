// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class TenantFilterJmxTest {

  /** A cache that counts what it is asked. */
  private static final class RecordingCache implements TenantCache {
    final List<String> invalidated = new ArrayList<>();
    final long localHits;

    RecordingCache(long localHits) {
      this.localHits = localHits;
    }

    @Override
    public void invalidateTenantCache(String tenantId) {
      invalidated.add(tenantId);
    }

    @Override
    public void invalidateAll() {
      invalidated.add("*");
    }

    @Override
    public CacheStats getCacheStats() {
      return new CacheStats(10, localHits, 1, 2, 3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 7, true, true,
          false);
    }
  }

  @Test
  void twoApplications_twoBeans_eachWithItsOwnCounters_goneWhenClosed() throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    RecordingCache shop = new RecordingCache(5);
    RecordingCache admin = new RecordingCache(6);
    Map<String, String> settings = Map.of("tenant-filter.redis.url", "redis://:****@cache:6379");
    TenantFilterJmx a = TenantFilterJmx.register(shop, settings, "/shop", server);
    TenantFilterJmx b = TenantFilterJmx.register(admin, settings, "", server);
    assertThat(a.name().toString())
        .isEqualTo("io.github.tenantfilter:type=TenantFilter,application=\"/shop\"");
    assertThat(server.queryNames(new ObjectName("io.github.tenantfilter:*"),
        null)).hasSize(2);

    TenantFilterMXBean proxy = JMX.newMXBeanProxy(server, a.name(), TenantFilterMXBean.class);
    assertThat(proxy.getLocalHits()).isEqualTo(5 + 1);
    assertThat(proxy.getLocalSize()).isEqualTo(7);
    assertThat(proxy.getCacheStats()).containsEntry("redisHits", "3")
        .containsEntry("redisCircuitOpen", "false").containsKey("hitRate");
    assertThat(proxy.getSettings()).containsEntry("tenant-filter.redis.url",
        "redis://:****@cache:6379");
    proxy.invalidateTenantCache("acme");
    proxy.invalidateAll();
    assertThat(shop.invalidated).containsExactly("acme", "*");
    assertThat(admin.invalidated).isEmpty();
    assertThat(JMX.newMXBeanProxy(server, b.name(), TenantFilterMXBean.class).getLocalHits())
        .isEqualTo(6 + 1);

    a.close();
    b.close();
    assertThat(server.queryNames(new ObjectName("io.github.tenantfilter:*"),
        null)).isEmpty();
  }

  @Test
  void settingsShown_secretsMasked() {
    SettingsReader reader = new SettingsReader(List.of(SettingSource.ofMap("test", Map.of(
        "tenant-filter.redis.url", "redis://app:s3cret@cache:6379",
        "tenant-filter.jdbc.password", "pw"))));
    Map<String, String> shown = reader.shown();
    assertThat(shown.get("tenant-filter.redis.url")).doesNotContain("s3cret").contains("cache");
    assertThat(shown.get("tenant-filter.jdbc.password")).isEqualTo("****");
    assertThat(shown.get("tenant-filter.local-cache.size")).isEqualTo("1000");
    assertThat(shown.get("tenant-filter.jmx")).isEqualTo("false");
  }
}
