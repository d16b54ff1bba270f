// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

  @Test
  void contains_ipv4RangesAndSingleAddresses() {
    AddressRanges ranges = AddressRanges.parse("10.0.0.0/8, 192.168.1.7 172.16.0.0/12");
    assertThat(ranges.contains("10.200.3.4")).isTrue();
    assertThat(ranges.contains("192.168.1.7")).isTrue();
    assertThat(ranges.contains("192.168.1.8")).isFalse();
    assertThat(ranges.contains("172.31.255.255")).isTrue();
    assertThat(ranges.contains("172.32.0.0")).isFalse();
    assertThat(ranges.contains("11.0.0.1")).isFalse();
  }

  @Test
  void contains_ipv6RangesZoneIdsAndMappedIpv4() {
    AddressRanges ranges = AddressRanges.parse("fd00::/8,::1,127.0.0.0/8");
    assertThat(ranges.contains("fd12:3456::1")).isTrue();
    assertThat(ranges.contains("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(ranges.contains("[::1]")).isTrue();
    assertThat(ranges.contains("fe80::1%eth0")).isFalse();
    assertThat(ranges.contains("::ffff:127.0.0.1")).isTrue();
    assertThat(ranges.contains("2001:db8::1")).isFalse();
  }

  @Test
  void contains_nonAddresses_areNeverTrusted() {
    AddressRanges ranges = AddressRanges.parse("0.0.0.0/0");
    assertThat(ranges.contains("10.1.2.3")).isTrue();
    assertThat(ranges.contains("unknown")).isFalse();
    assertThat(ranges.contains("_hidden")).isFalse();
    assertThat(ranges.contains("localhost")).isFalse();
    assertThat(ranges.contains("127.1")).isFalse();
    assertThat(ranges.contains("010.1.2.3")).isFalse();
    assertThat(ranges.contains(null)).isFalse();
    assertThat(AddressRanges.none().contains("10.1.2.3")).isFalse();
  }

  @Test
  void parse_hostNamesAndBadPrefixes_areRefusedWithTheEntry() {
    assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/8, proxy.internal"))
        .hasMessageContaining("\"proxy.internal\"");
    assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> AddressRanges.parse("::1/129")).hasMessageContaining("0 to 128");
    assertThatThrownBy(() -> AddressRanges.parse("abc")).hasMessageContaining("\"abc\"");
    assertThat(AddressRanges.parse(" ").isEmpty()).isTrue();
  }
}
