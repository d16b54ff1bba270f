// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.internal.resolve.ForwardedHostHeader;
import io.github.tenantfilter.internal.resolve.IpHostPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The enum settings, all read by {@link Parsers#enumOf}. */
class EnumSettingsTest {

  @Test
  void enumOf_readsLowerCaseHyphenatedNames_withoutCaseOrSpaces() {
    Setting.Parser<ForwardedHostHeader> parser = Parsers.enumOf(ForwardedHostHeader.class);
    assertThat(parser.parse("x-forwarded-host")).isEqualTo(ForwardedHostHeader.X_FORWARDED_HOST);
    assertThat(parser.parse(" X-Forwarded-Host ")).isEqualTo(ForwardedHostHeader.X_FORWARDED_HOST);
    assertThat(parser.parse("NONE")).isEqualTo(ForwardedHostHeader.NONE);
    assertThatThrownBy(() -> parser.parse("x_forwarded_host"))
        .hasMessage("must be none, forwarded or x-forwarded-host");
  }

  @Test
  void enumOf_twoConstantsSpeltAlike_isRefused() {
    assertThatThrownBy(() -> Parsers.enumOf(RedisMode.class, mode -> "same"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_enumSettings() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(
        "tenant-filter.unknown-tenant", "Pass",
        "tenant-filter.ip-hosts", "lookup",
        "tenant-filter.trusted-proxies.host-header", "forwarded",
        "tenant-filter.error-response", "container",
        "tenant-filter.redis.url", "redis://a:1,b:2",
        "tenant-filter.redis.mode", "cluster",
        "tenant-filter.readiness.store-down", "Down"));
    assertThat(config.unknownTenant()).isEqualTo(UnknownTenantPolicy.PASS);
    assertThat(config.ipHosts()).isEqualTo(IpHostPolicy.LOOKUP);
    assertThat(config.trustedProxiesHostHeader()).isEqualTo(ForwardedHostHeader.FORWARDED);
    assertThat(config.errorResponse()).isEqualTo(ErrorResponse.CONTAINER);
    assertThat(config.redisMode()).isEqualTo(RedisMode.CLUSTER);
    assertThat(config.readinessStoreDown()).isEqualTo(StoreDownReadiness.DOWN);
    assertThat(TenantFilterConfig.of(Map.of()).readinessStoreDown())
        .isEqualTo(StoreDownReadiness.UP_WHILE_SERVING);
    assertThat(TenantFilterConfig.of(Map.of()).unknownTenant())
        .isEqualTo(UnknownTenantPolicy.NOT_FOUND);
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "tenant-filter.unknown-tenant | not_found | must be 404 or pass",
        "tenant-filter.ip-hosts | drop | must be unknown, reject or lookup",
        "tenant-filter.trusted-proxies.host-header | x-real-host"
            + " | must be none, forwarded or x-forwarded-host",
        "tenant-filter.error-response | html | must be text or container",
        "tenant-filter.redis.mode | ring | must be standalone, sentinel or cluster",
        "tenant-filter.readiness.store-down | up | must be down or up-while-serving",
      })
  void read_badEnumValue_namesSettingValueAndTheAllowedOnes(
      String name, String value, String allowed) {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(name, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("tenant-filter: invalid value \"" + value + "\" for " + name
            + " (from test): " + allowed);
  }
}
