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

  /** A tier of one entry whose last victim, "hot", was looked up more than any newcomer. */
  private LocalTier fullTierRefusingNewcomers() throws InterruptedException {
    LocalTier tier = new LocalTier(1, Duration.ofSeconds(60), 10, Duration.ofSeconds(5), clock);
    tier.get("subdomain:hot");
    tier.putTenant("subdomain:hot", tenant("hot", "hot"));
    for (int i = 0; i < 10; i++) {
      tier.get("subdomain:hot");
    }
    Thread.sleep(5); // Ehcache's own access times are in milliseconds: hot's is older than b's
    tier.get("subdomain:b");
    tier.putTenant("subdomain:b", tenant("b", "b")); // evicts hot: the reference from now on
    assertThat(tier.peek("subdomain:hot")).isNull();
    assertThat(tier.peek("subdomain:b")).isNotNull();
    tier.get("subdomain:cold");
    tier.putTenant("subdomain:cold", tenant("cold", "cold"));
    assertThat(tier.peek("subdomain:cold")).as("a cold newcomer is not admitted").isNull();
    return tier;
  }

  @Test
  void putTenant_newcomerNotAdmitted_heldEntryOfThatKeyIsStillReplaced() throws Exception {
    try (LocalTier tier = fullTierRefusingNewcomers()) {
      tier.putTenant("subdomain:b", tenant("b", "b-renamed"));
      assertThat(tier.get("subdomain:b").tenant.subdomain()).isEqualTo("b-renamed");
    }
  }

  @Test
  void putTenant_newcomerNotAdmitted_stillDropsTheKeysNegativeEntry() throws Exception {
    try (LocalTier tier = fullTierRefusingNewcomers()) {
      tier.putNegative("subdomain:cold", LocalEntry.Kind.NOT_FOUND);
      assertThat(tier.peek("subdomain:cold").kind).isEqualTo(LocalEntry.Kind.NOT_FOUND);
      tier.putTenant("subdomain:cold", tenant("cold", "cold"));
      assertThat(tier.peek("subdomain:cold")).isNull();
    }
  }

  @Test
  void putTenant_lastVictimComingBack_isAdmitted() throws Exception {
    try (LocalTier tier = fullTierRefusingNewcomers()) {
      tier.putTenant("subdomain:hot", tenant("hot", "hot"));
      assertThat(tier.peek("subdomain:hot")).isNotNull();
    }
  }
}
