// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static io.github.tenantfilter.api.FakeStore.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalTierTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void get_beforeAndAfterTtl_followsClock() {
    try (LocalTier tier = new LocalTier(10, Duration.ofSeconds(60), 10, Duration.ofSeconds(5), clock)) {
      tier.putTenant("subdomain:a", tenant("a", "a"));
      clock.advance(Duration.ofSeconds(59));
      assertThat(tier.get("subdomain:a")).isNotNull();
      clock.advance(Duration.ofSeconds(1));
      assertThat(tier.get("subdomain:a")).isNull();
    }
  }

  @Test
  void size_neverExceedsBound() {
    try (LocalTier tier = new LocalTier(50, Duration.ofSeconds(60), 20, Duration.ofSeconds(5), clock)) {
      for (int i = 0; i < 1000; i++) {
        tier.putTenant("id:t" + i, tenant("t" + i, null));
        tier.putNegative("domain:n" + i + ".example", LocalEntry.Kind.NOT_FOUND);
      }
      assertThat(tier.size()).isLessThanOrEqualTo(70);
    }
  }

  @Test
  void putTenant_replacesNegativeEntryForSameKey() {
    try (LocalTier tier = new LocalTier(10, Duration.ofSeconds(60), 10, Duration.ofSeconds(5), clock)) {
      tier.putNegative("domain:x.example", LocalEntry.Kind.NOT_FOUND);
      tier.putTenant("domain:x.example", tenant("x", null, "x.example"));
      assertThat(tier.get("domain:x.example").kind).isEqualTo(LocalEntry.Kind.TENANT);
    }
  }

  @Test
  void negativeCacheSizeZero_remembersNothing() {
    try (LocalTier tier = new LocalTier(10, Duration.ofSeconds(60), 0, Duration.ofSeconds(5), clock)) {
      tier.putNegative("domain:x.example", LocalEntry.Kind.NOT_FOUND);
      assertThat(tier.get("domain:x.example")).isNull();
    }
  }

  @Test
  void removeTenant_removesOnlyThatTenantsEntries() {
    try (LocalTier tier = new LocalTier(10, Duration.ofSeconds(60), 10, Duration.ofSeconds(5), clock)) {
      tier.putTenant("id:a", tenant("a", "a"));
      tier.putTenant("subdomain:a", tenant("a", "a"));
      tier.putTenant("id:b", tenant("b", "b"));
      tier.removeTenant("a");
      assertThat(tier.get("id:a")).isNull();
      assertThat(tier.get("subdomain:a")).isNull();
      assertThat(tier.get("id:b")).isNotNull();
    }
  }
}
