// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host values a client may send to reach another tenant's key, a key outside the namespace, or
 * a slow path. Each is either rejected or turned into the one canonical form of its name.
 */
class HostNormalizerHostileInputTest {

  /** Everything normalize may return: an LDH name, or an IPv6 literal in brackets. */
  private static final Pattern CANONICAL =
      Pattern.compile("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\]");

  /** A UTF-8 host as a servlet container hands it over: one ISO-8859-1 character per byte. */
  private static String asContainerDecodes(String host) {
    return new String(host.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        // missing, empty, separators only
        "",
        " ",
        ".",
        ":",
        ":80",
        // whitespace and controls anywhere
        " acme.app.localhost",
        "acme.app.localhost ",
        "\tacme.app.localhost",
        "acme.app.localhost\t",
        "acme .app.localhost",
        "acme.app.localhost\u0000",
        "\u0000acme.app.localhost",
        "acme.app.localhost\u007f",
        "acme.app.localhost\r\n",
        "acme\u00a0.app.localhost",
        "acme\u3000.app.localhost",
        "acme\u0085.app.localhost",
        // userinfo, paths, queries, fragments, wildcards, key syntax
        "user@acme.app.localhost",
        "user:pw@acme.app.localhost",
        "acme.app.localhost@evil.example",
        "acme.app.localhost/",
        "acme.app.localhost/../other",
        "acme.app.localhost\\other",
        "acme.app.localhost?x=1",
        "acme.app.localhost#x",
        "*.app.localhost",
        "acme.app.localhost:80:80",
        "tenant:domain:acme.app.localhost",
        "acme.app.localhost,other.app.localhost",
        "acme;other.app.localhost",
        "acme.app.localhost\"",
        "{acme}.app.localhost",
        // percent-encoding is not decoded: '%' is rejected
        "acme%2eapp.localhost",
        "acme%2Eapp.localhost",
        "%61cme.app.localhost",
        "acme.app.localhost%00",
        // bad ports
        "acme.app.localhost:65536",
        "acme.app.localhost:99999",
        "acme.app.localhost:123456",
        "acme.app.localhost:-1",
        "acme.app.localhost:+80",
        "acme.app.localhost:8 0",
        "acme.app.localhost:0x50",
        "acme.app.localhost:\uff18\uff10",
        // label and hyphen rules
        "acme..app.localhost",
        ".acme.app.localhost",
        "acme.app.localhost..",
        "-acme.app.localhost",
        "acme-.app.localhost",
        "ac--me.app.localhost",
        "ab--cd.app.localhost",
        "acme_corp.app.localhost",
        // numbers that are not a dotted quad
        "127.1",
        "0x7f.0.0.1",
        "0x7f000001",
        "0177.0.0.1",
        "127.0.0.01",
        "2130706433",
        "256.0.0.1",
        "1.2.3.4.5",
        "1.2.3",
        "acme.123",
        "acme.0x1f",
        "acme.0x",
        // IPv6: zone ids, IPvFuture, malformed
        "[fe80::1%25eth0]",
        "[fe80::1%eth0]",
        "[v1.fe80::1]",
        "[::1::]",
        "[1:2:3:4:5:6:7:8:9]",
        "[1:2:3:4:5:6:7]",
        "[12345::]",
        "[::1.2.3]",
        "[::256.0.0.1]",
        "[::1]:65536",
        "[::1].evil",
        "[\uff11::]",
        // IDN: deviations, joiners, look-alikes that need a mapping, disallowed code points
        "fa\u00df.example",
        "FA\u1e9e.example",
        "\u03c2.example",
        "a\u200db.example",
        "a\u200cb.example",
        "xn--fa-hia.example",
        "\uff41cme.example",
        "\u212aelvin.example",
        "acme\u2024example",
        "\u2615.example",
        "a\u00ad.example",
        "\u0308a.example",
        "\u05d0a.example",
        "1.\u05d0",
        "a\u00b7b.example",
        // A-labels that are not valid Punycode or do not encode back to themselves
        "xn--.example",
        "xn--a.example",
        "xn--abc-.example",
        "xn--99999999999.example",
        "XN--BCHER-KVA-.example",
        "xn--bcher-kva0.example",
        // encoding: bytes that are not UTF-8, lone surrogates
        "\ud800.example",
        "a\udc00.example",
      })
  void normalize_hostileInput_isRejected(String raw) {
    assertThat(HostNormalizer.normalize(raw)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "acme.app.localhost.|acme.app.localhost",
        "ACME.APP.LOCALHOST|acme.app.localhost",
        "Acme.App.Localhost.:8080|acme.app.localhost",
        "acme\u3002app\u3002localhost|acme.app.localhost",
        "acme\uff0eapp\uff0elocalhost|acme.app.localhost",
        "acme\uff61app\uff61localhost\uff61|acme.app.localhost",
        "xn--bcher-kva.example|xn--bcher-kva.example",
        "XN--BCHER-KVA.EXAMPLE|xn--bcher-kva.example",
        "b\u00fccher.example|xn--bcher-kva.example",
        "BU\u0308CHER.example|xn--bcher-kva.example",
        "M\u00dcLLER.example|xn--mller-kva.example",
        "\u0131stanbul.example|xn--stanbul-qfb.example",
        "I\u0307stanbul.example|xn--istanbul-o0e.example",
        "l\u00b7l.cat|xn--ll-0ea.cat",
        "\u0645\u062b\u0627\u0644.example|xn--mgbh0fb.example",
        "[::1]|[::1]",
        "[0:0::1]|[::1]",
        "[0000::0001]:8443|[::1]",
        "[0:0:0:0:0:0:0:1]|[::1]",
        "[::]|[::]",
        "[2001:DB8:0:0:1:0:0:1]|[2001:db8::1:0:0:1]",
        "[2001:db8:0:1:1:1:1:1]|[2001:db8:0:1:1:1:1:1]",
        "[2001:0db8::0001]|[2001:db8::1]",
        "[::ffff:192.0.2.1]|[::ffff:192.0.2.1]",
        "[::FFFF:c000:0201]|[::ffff:192.0.2.1]",
        "[1:2:3:4:5:6:7::]|[1:2:3:4:5:6:7:0]",
        "[fe80::1:2.3.4.5]|[fe80::1:203:405]",
        "127.0.0.1|127.0.0.1",
        "0.0.0.0:80|0.0.0.0",
        "255.255.255.255|255.255.255.255",
      })
  void normalize_equivalentForms_giveOneKey(String raw, String expected) {
    assertThat(HostNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void normalize_utf8AsTheContainerDecodesIt_isTheSameTenantAsTheUnicodeName() {
    String sent = asContainerDecodes("b\u00fccher.example");
    assertThat(sent).isEqualTo("b\u00c3\u00bccher.example");
    assertThat(HostNormalizer.normalize(sent)).isEqualTo("xn--bcher-kva.example");
    assertThat(HostNormalizer.normalize(asContainerDecodes("\u0645\u062b\u0627\u0644.example")))
        .isEqualTo(HostNormalizer.normalize("\u0645\u062b\u0627\u0644.example"))
        .isNotNull();
    // a UTF-8 look-alike still needs a mapping the rule does not make
    assertThat(HostNormalizer.normalize(asContainerDecodes("\uff41cme.example"))).isNull();
    assertThat(HostNormalizer.normalize(asContainerDecodes("fa\u00df.example"))).isNull();
  }

  @Test
  void normalize_lookAlikes_areDistinctKeysNeverMerged() {
    // a mixed-script look-alike is its own DNS name: its own key, never apple's
    assertThat(HostNormalizer.normalize("\u0430pple.example"))
        .isEqualTo("xn--pple-43d.example")
        .isNotEqualTo(HostNormalizer.normalize("apple.example"));
    // what IDNA2003 would have merged (fass/faß, σ/ς, with or without ZWJ) is refused instead
    assertThat(HostNormalizer.normalize("fass.example")).isEqualTo("fass.example");
    assertThat(HostNormalizer.normalize("fa\u00df.example")).isNull();
    assertThat(HostNormalizer.normalize("\u03c3.example")).isEqualTo("xn--4xa.example");
    assertThat(HostNormalizer.normalize("\u03c2.example")).isNull();
    // characters that are not UTF-8 are taken as they are: the same name, the same key
    assertThat(HostNormalizer.normalize("b\u00e3cher.example"))
        .isEqualTo(HostNormalizer.normalize(asContainerDecodes("b\u00e3cher.example")))
        .isEqualTo(HostNormalizer.normalize("B\u00c3CHER.example"))
        .isEqualTo("xn--bcher-9qa.example");
  }

  @Test
  void normalize_lengthLimits_countTheALabel() {
    String label63 = "a".repeat(63);
    assertThat(HostNormalizer.normalize(label63 + ".example")).isNotNull();
    assertThat(HostNormalizer.normalize("a".repeat(64) + ".example")).isNull();
    String host253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    assertThat(HostNormalizer.normalize(host253)).isEqualTo(host253);
    assertThat(HostNormalizer.normalize(host253 + ".")).isEqualTo(host253);
    assertThat(HostNormalizer.normalize("e" + host253)).isNull();
    assertThat(HostNormalizer.normalize("e" + host253 + ".")).isNull();
    // 59 ü: an A-label of "xn--" + 59 code points' worth at least: too long
    assertThat(HostNormalizer.normalize("\u00fc".repeat(59) + ".example")).isNull();
    String shortU = "\u00fc".repeat(10);
    assertThat(HostNormalizer.normalize(shortU + ".example")).startsWith("xn--");
  }

  @Test
  void normalize_longInputs_areRejectedInLinearTime() {
    String[] hostile = {
      "a".repeat(100_000),
      "a.".repeat(50_000),
      "\u00fc".repeat(100_000),
      "xn--" + "9".repeat(100_000),
      "[" + "1:".repeat(50_000) + "]",
      "a".repeat(1000) + "\u00fc",
      "\u00fc.".repeat(500),
      "xn--" + "a".repeat(1000),
      ("xn--" + "z".repeat(59) + ".").repeat(16),
      ("\u00fc".repeat(58) + ".").repeat(17),
      "\u00c3\u00bc".repeat(511),
    };
    for (String raw : hostile) {
      HostNormalizer.normalize(raw); // warm up
    }
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      for (String raw : hostile) {
        HostNormalizer.normalize(raw);
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    // far below a second even on a slow machine; a quadratic or backtracking path would not be
    assertThat(millis).isLessThan(2_000);
  }

  @Test
  void normalize_randomInput_isRejectedOrCanonicalAndStable() {
    String alphabet =
        "aAzZ09-._:[]@%/\\#?* \t\u0000\u007f\u00df\u00fc\u00dc\u00c3\u00bc\u0130\u0131\u0307"
            + "\u0308\u03c2\u03a3\u05d0\u0627\u0661\u06f1\u200c\u200d\u3002\uff0e\uff61\uff41"
            + "\u212a\u2615\u1100\u1161\u00b7l\u30fb\u30a2xn";
    Random random = new Random(46);
    Map<String, String> byKey = new HashMap<>();
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder raw = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String host = HostNormalizer.normalize(raw.toString());
      if (host == null) {
        continue;
      }
      accepted++;
      assertThat(host).as("from [%s]", raw).matches(CANONICAL);
      assertThat(host.length()).isLessThanOrEqualTo(HostNormalizer.MAX_HOST_LENGTH + 2);
      assertThat(HostNormalizer.normalize(host)).as("stable, from [%s]", raw).isEqualTo(host);
      if (!HostNormalizer.isIpLiteral(host)) {
        assertThat(HostNormalizer.isHostName(host)).as("from [%s]", raw).isTrue();
      }
      byKey.putIfAbsent(host, raw.toString());
    }
    assertThat(accepted).isGreaterThan(1000);
    assertThat(byKey.keySet()).allMatch(k -> k.indexOf(':') < 0 || k.startsWith("["));
  }

  @Test
  void isIpLiteral_everyAcceptedNumericName_isACanonicalAddress() {
    for (String raw : new String[] {"10.0.0.1", "192.168.1.1:8080", "1.2.3.4."}) {
      String host = HostNormalizer.normalize(raw);
      assertThat(HostNormalizer.isIpLiteral(host)).as(raw).isTrue();
    }
  }
}
