// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "acme.app.example, acme.app.example",
    "ACME.App.Example, acme.app.example",
    "acme.app.example:8080, acme.app.example",
    "acme.app.example., acme.app.example",
    "acme.app.example.:443, acme.app.example",
    "acme.app.example:, acme.app.example",
    "localhost, localhost",
    "b\u00fccher.example, xn--bcher-kva.example",
    "B\u00dcCHER.example, xn--bcher-kva.example",
    "xn--bcher-kva.example, xn--bcher-kva.example",
    "127.0.0.1:8080, 127.0.0.1",
    "[::1]:8080, [::1]",
    "[2001:DB8::1], [2001:db8::1]",
    "a-b.c-d.example, a-b.c-d.example",
  })
  void normalize_validHost_returnsCanonicalForm(String raw, String expected) {
    assertThat(HostNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        ".acme.example",
        "acme..example",
        "acme.example..",
        "-acme.example",
        "acme-.example",
        "acme_corp.example",
        "acme example",
        " acme.example",
        "acme.example/path",
        "user@acme.example",
        "acme.example:port",
        "acme.example:65536",
        "acme.example:123456",
        "acme.example:80:80",
        "::1",
        "[::1",
        "[::1]x",
        "[::1]:x",
        "[zz::1]",
        "[]",
        "acme.example\r\nX-Injected: 1",
        "acme.example\u0000",
        "acme%2eexample",
        "acme.example?x",
        "acme.example#x",
        "acme\\example",
        "*.example",
      })
  void normalize_malformedHost_returnsNull(String raw) {
    assertThat(HostNormalizer.normalize(raw)).isNull();
  }

  @Test
  void normalize_null_returnsNull() {
    assertThat(HostNormalizer.normalize(null)).isNull();
  }

  @Test
  void normalize_lengthLimits_followRfc1123() {
    String label63 = "a".repeat(63);
    assertThat(HostNormalizer.normalize(label63 + ".example")).isEqualTo(label63 + ".example");
    assertThat(HostNormalizer.normalize("a".repeat(64) + ".example")).isNull();

    String host253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    assertThat(host253).hasSize(253);
    assertThat(HostNormalizer.normalize(host253)).isEqualTo(host253);
    assertThat(HostNormalizer.normalize(host253 + ".")).isEqualTo(host253);
    assertThat(HostNormalizer.normalize(host253 + "e")).isNull();
    assertThat(HostNormalizer.normalize("a".repeat(5000))).isNull();
  }

  @Test
  void normalize_aLabelInBidiDomain_appliesBidiRuleToEveryLabel() {
    // a right-to-left A-label makes every label meet the Bidi Rule: "1abc" starts with a digit
    assertThat(HostNormalizer.normalize("xn--9dbne9b.example")).isEqualTo("xn--9dbne9b.example");
    assertThat(HostNormalizer.normalize("XN--9DBNE9B.Example:443"))
        .isEqualTo("xn--9dbne9b.example");
    assertThat(HostNormalizer.normalize("xn--9dbne9b.1abc.example")).isNull();
    assertThat(HostNormalizer.normalize("\u05e9\u05dc\u05d5\u05dd.1abc.example")).isNull();
    assertThat(HostNormalizer.normalize("1abc.example")).isEqualTo("1abc.example");
  }

  @Test
  void isValidCodePoint_askedTwice_answersTheSame() {
    // the second answer for a BMP code point comes from the memo the first one filled
    for (int c = 0x80; c <= 0x10FFFF; c += c < 0x10000 ? 1 : 97) {
      boolean first = CodePoints.isValidCodePoint(c);
      assertThat(CodePoints.isValidCodePoint(c)).as("U+%04X", c).isEqualTo(first);
    }
  }

  @Test
  void normalize_canonicalInput_returnsSameInstance() {
    String host = "acme.app.example";
    assertThat(HostNormalizer.normalize(host)).isSameAs(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "[::1]", "[2001:db8::1]"})
  void isIpLiteral_address_true(String host) {
    assertThat(HostNormalizer.isIpLiteral(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme.example", "localhost", "1.example", "example.a1"})
  void isIpLiteral_name_false(String host) {
    assertThat(HostNormalizer.isIpLiteral(host)).isFalse();
  }

  @Test
  void isLabel_acceptsLdhLabelsOnly() {
    assertThat(HostNormalizer.isLabel("acme")).isTrue();
    assertThat(HostNormalizer.isLabel("a-1")).isTrue();
    assertThat(HostNormalizer.isLabel("a.b")).isFalse();
    assertThat(HostNormalizer.isLabel("Acme")).isFalse();
    assertThat(HostNormalizer.isLabel("-a")).isFalse();
    assertThat(HostNormalizer.isLabel("")).isFalse();
  }
}
