// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.api.Tenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TenantCodecTest {

  private final TenantCodec codec = new TenantCodec();

  @Test
  void decode_encoded_isEqual() {
    Tenant tenant =
        new Tenant(
            "acme",
            "Acme \"Corp\" \u00e9\n",
            "acme",
            List.of("acme.example", "xn--bcher-kva.example"),
            "pro",
            "active",
            "{\"nested\":{\"a\":[1,2]}}",
            Instant.parse("2026-11-26T07:00:00.123456Z"));
    assertThat(codec.decode(codec.encode(tenant))).isEqualTo(tenant);
  }

  @Test
  void decode_nullsWhereAllowed_roundTrip() {
    Tenant tenant = new Tenant("t1", null, null, null, null, null, null, null);
    assertThat(codec.decode(codec.encode(tenant))).isEqualTo(tenant);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "[]",
        "{}",
        "{\"v\":2,\"id\":\"a\"}",
        "{\"v\":1,\"id\":\"a\"}",
        "{\"v\":1,\"id\":42,\"name\":\"\",\"subdomain\":null,\"customDomains\":[],\"plan\":\"\","
            + "\"status\":\"\",\"settings\":\"{}\",\"updatedAt\":null}",
        "{\"v\":1,\"id\":\"a\",\"name\":\"\",\"subdomain\":null,\"customDomains\":[1],\"plan\":\"\","
            + "\"status\":\"\",\"settings\":\"{}\",\"updatedAt\":null}",
        "{\"v\":1,\"id\":\"a\",\"name\":\"\",\"subdomain\":null,\"customDomains\":[],\"plan\":\"\","
            + "\"status\":\"\",\"settings\":\"{}\",\"updatedAt\":\"yesterday\"}",
        "{\"v\":1,\"id\":\"\",\"name\":\"\",\"subdomain\":null,\"customDomains\":[],\"plan\":\"\","
            + "\"status\":\"\",\"settings\":\"{}\",\"updatedAt\":null}",
      })
  void decode_anythingElse_isRejected(String text) {
    assertThatThrownBy(() -> codec.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isJsonObject_onlyObjects() {
    assertThat(codec.isJsonObject("{}")).isTrue();
    assertThat(codec.isJsonObject("{\"a\":1}")).isTrue();
    assertThat(codec.isJsonObject("[]")).isFalse();
    assertThat(codec.isJsonObject("{")).isFalse();
    assertThat(codec.isJsonObject("1")).isFalse();
  }

  /** Regression (defect 9): Parsson's depth limit threw a RuntimeException out of the codec. */
  @Test
  void decodeValue_nestedTooDeep_isRejectedAsNotAValue() {
    String deep = "{\"v\":1,\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    assertThatThrownBy(() -> codec.decodeValue(deep)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode("[".repeat(5_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Regression (defect 9): settings nested too deep are not a JSON object a tenant can have. */
  @Test
  void isJsonObject_nestedTooDeep_isFalse() {
    assertThat(codec.isJsonObject("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000))).isFalse();
  }
}
