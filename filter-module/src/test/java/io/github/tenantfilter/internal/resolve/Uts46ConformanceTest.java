// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link HostNormalizer} against the Unicode IDNA conformance data of UTS #46.
 *
 * <p>Data: {@code IdnaTestV2.txt} and {@code IdnaMappingTable.txt}, Unicode 13.0.0 (files dated
 * 2019-11-07), the Unicode version of Java 17's character data. Source: Debian 12 package {@code
 * librust-idna-dev} 0.3.0-1 ({@code usr/share/cargo/registry/idna-0.3.0/tests/IdnaTestV2.txt},
 * {@code .../src/IdnaMappingTable.txt}), byte-identical copies of the files published by Unicode
 * under {@code Public/idna/13.0.0/}. SHA-256: IdnaTestV2.txt {@code
 * c6f3778b0545fd150c8063286c7f5adc901e16557eddccc3751213646d07593d}, IdnaMappingTable.txt {@code
 * 87d6553a4b86bc49dcade38bf26b745cd81800eb8af295dc3fb99b4729eaea38}. License: {@code
 * unicode-idna-13.0.0/LICENSE.txt} beside them.
 *
 * <p>The rule is UTS #46 non-transitional processing with every flag on (UseSTD3ASCIIRules,
 * CheckHyphens, CheckBidi, CheckJoiners, VerifyDnsLength), made stricter. So for every line: (a)
 * when UTS #46 reports an error, the host is rejected; (b) when the host is accepted, the result
 * is UTS #46's toASCII (without the trailing dot, which the canonical form drops). Lines that UTS
 * #46 accepts and the rule rejects are counted by reason and printed.
 */
class Uts46ConformanceTest {

  private static final String DIR = "/unicode-idna-13.0.0/";

  /** Code point to its line in the mapping table: status and mapping. */
  private static final Map<Integer, String[]> TABLE = new TreeMap<>();
  /** Code points the table lists as reserved: not assigned in Unicode 13. */
  private static final BitSet RESERVED = new BitSet();

  @BeforeAll
  static void readMappingTable() throws IOException {
    for (String line : lines("IdnaMappingTable.txt")) {
      String[] fields = line.split(";", -1);
      String[] range = fields[0].trim().split("\\.\\.");
      int first = Integer.parseInt(range[0], 16);
      int last = range.length == 2 ? Integer.parseInt(range[1], 16) : first;
      String status = fields[1].trim();
      String mapping = fields.length > 2 ? fromHex(fields[2].trim()) : null;
      String idna2008 = fields.length > 3 ? fields[3].trim() : "";
      for (int c = first; c <= last; c++) {
        TABLE.put(c, new String[] {status, mapping, idna2008});
      }
    }
    assertThat(TABLE).hasSize(Character.MAX_CODE_POINT + 1);
    try (InputStream in = Uts46ConformanceTest.class.getResourceAsStream(
        DIR + "IdnaMappingTable.txt")) {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.contains("<reserved-")) {
          String[] range = line.substring(0, line.indexOf(';')).trim().split("\\.\\.");
          int first = Integer.parseInt(range[0], 16);
          RESERVED.set(first, (range.length == 2 ? Integer.parseInt(range[1], 16) : first) + 1);
        }
      }
    }
  }

  @Test
  void normalize_idnaTestV2_neverAcceptsAnErrorAndAlwaysMatchesToAsciiN() throws IOException {
    int lines = 0;
    int acceptedBoth = 0;
    int rejectedBoth = 0;
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stricter = new TreeMap<>();
    Map<String, List<String>> examples = new TreeMap<>();
    for (String line : lines("IdnaTestV2.txt")) {
      lines++;
      String[] c = line.split(";", -1);
      assertThat(c).as(line).hasSize(7);
      String source = unescape(c[0].trim());
      String toUnicode = or(unescape(c[1].trim()), source);
      String toUnicodeStatus = c[2].trim();
      String toAsciiN = or(unescape(c[3].trim()), toUnicode);
      String toAsciiNStatus = or(c[4].trim(), toUnicodeStatus);
      boolean error = !toAsciiNStatus.isEmpty() && !toAsciiNStatus.equals("[]");

      String actual = HostNormalizer.normalize(source);
      if (error) {
        if (actual == null) {
          rejectedBoth++;
        } else {
          mismatches.add("(a) accepted an error " + toAsciiNStatus + ": " + line + " -> " + actual);
        }
        continue;
      }
      String expected = toAsciiN.toLowerCase(Locale.ROOT);
      if (expected.endsWith(".")) {
        expected = expected.substring(0, expected.length() - 1);
      }
      if (actual == null) {
        String reason = stricterReason(source, toUnicode, expected);
        stricter.merge(reason, 1, Integer::sum);
        List<String> list = examples.computeIfAbsent(reason, r -> new ArrayList<>());
        if (list.size() < 3) {
          String shown = line.strip();
          list.add(shown.length() > 90 ? shown.substring(0, 90) + "..." : shown);
        }
      } else if (actual.equals(expected)) {
        acceptedBoth++;
      } else {
        mismatches.add("(b) " + line + " -> " + actual + ", expected " + expected);
      }
    }
    int stricterTotal = stricter.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf(
        "IdnaTestV2 (Unicode 13.0.0): %d lines; UTS #46 error and rejected: %d; accepted with"
            + " the same result: %d; accepted by UTS #46, rejected by the rule: %d;"
            + " mismatches: %d%n",
        lines, rejectedBoth, acceptedBoth, stricterTotal, mismatches.size());
    stricter.forEach(
        (reason, count) ->
            System.out.printf("  stricter: %5d  %s   e.g. %s%n", count, reason,
                examples.get(reason)));
    mismatches.stream().limit(40).forEach(m -> System.out.println("  MISMATCH " + m));
    assertThat(lines).isGreaterThan(6000);
    assertThat(mismatches).isEmpty();
    assertThat(stricter).doesNotContainKey("other");
  }

  @Test
  void normalize_everyCodePoint_agreesWithTheMappingTable() {
    int valid = 0;
    int mapped = 0;
    int newer = 0;
    Map<String, Integer> stricter = new TreeMap<>();
    List<String> mismatches = new ArrayList<>();
    for (int c = 0x80; c <= Character.MAX_CODE_POINT; c++) {
      if (c >= 0xD800 && c <= 0xDFFF) {
        continue;
      }
      if (RESERVED.get(c) && Character.getType(c) != Character.UNASSIGNED) {
        // assigned after Unicode 13 and known to the running JDK (Java 21: Unicode 15, Java 25:
        // 16): its data decides (docs/idn.md), and this table cannot say; on Java 17 every
        // reserved code point is unassigned, and checked below like any other
        newer++;
        continue;
      }
      String[] entry = TABLE.get(c);
      String status = entry[0];
      String cp = new String(Character.toChars(c));
      boolean ours = CodePoints.isValidCodePoint(c);
      if (ours) {
        valid++;
        if (!status.equals("valid") || !entry[2].isEmpty()) {
          mismatches.add(String.format("U+%04X valid here, %s %s in UTS #46", c, status, entry[2]));
        }
      } else if (status.equals("valid")) {
        String why =
            entry[2].isEmpty() ? "valid in UTS #46, not here" : "UTS #46 valid but " + entry[2];
        stricter.merge(why, 1, Integer::sum);
      }
      // mapped as the only code point of a label, between letters (so that a mark need not lead)
      for (String host : new String[] {cp + ".example", "a" + cp + "a.example"}) {
        String result = HostNormalizer.normalize(host);
        if (result == null || ours) {
          continue;
        }
        mapped++;
        if (".".equals(entry[1])) { // an ideographic full stop: a label separator
          String dotted = host.replace(cp, ".");
          if (!result.equals(HostNormalizer.normalize(dotted))) {
            mismatches.add(String.format("U+%04X is not a full stop here: %s", c, result));
          }
          continue;
        }
        String expectedLabel = host.startsWith("a") ? "a" + entry[1] + "a" : entry[1];
        String label = result.substring(0, result.indexOf('.'));
        int[] decoded = Punycode.decode(label, 4);
        String actualLabel = decoded == null ? null : new String(decoded, 0, decoded.length);
        if (!status.equals("mapped") || !expectedLabel.equals(actualLabel)) {
          mismatches.add(
              String.format("U+%04X mapped here to %s, %s %s in UTS #46", c, result, status,
                  entry[1]));
        }
      }
    }
    System.out.printf(
        "IdnaMappingTable (Unicode 13.0.0): %d non-ASCII code points valid here, %d hosts"
            + " accepted through a mapping, %d mismatches; %d code points assigned after"
            + " Unicode 13 that Java %d knows, not compared%n",
        valid, mapped, mismatches.size(), newer, Runtime.version().feature());
    stricter.forEach((why, n) -> System.out.printf("  stricter: %6d  %s%n", n, why));
    mismatches.stream().limit(40).forEach(m -> System.out.println("  MISMATCH " + m));
    assertThat(mismatches).isEmpty();
    assertThat(valid).isGreaterThan(100_000);
  }

  /** Why the rule rejects a line UTS #46 accepts; "other" is a fault. */
  private static String stricterReason(String source, String toUnicode, String expected) {
    if (toUnicode.codePoints().anyMatch(c -> c == 0xDF || c == 0x3C2 || c == 0x200C || c == 0x200D)) {
      return "deviation character (ß ς ZWNJ ZWJ)";
    }
    if (toUnicode.codePoints().anyMatch(c -> !TABLE.get(c)[2].isEmpty())) {
      return "valid in UTS #46, not in IDNA2008 (NV8/XV8)";
    }
    if (toUnicode.codePoints().anyMatch(c -> c > 0x7F && TABLE.get(c)[2].isEmpty()
            && TABLE.get(c)[0].equals("valid") && !CodePoints.isValidCodePoint(c))) {
      return "code point outside the rule's valid set (RFC 5892 exception or case data)";
    }
    if (source.codePoints().anyMatch(c -> isMappedBeyondCase(c))) {
      return "needs a UTS #46 mapping other than case and NFC (compatibility forms, ignored)";
    }
    if (toUnicode.codePoints().anyMatch(c -> c == 0xB7 || c == 0x375 || c == 0x5F3 || c == 0x5F4
            || c == 0x30FB || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9))) {
      return "IDNA2008 CONTEXTO rule";
    }
    String lastLabel = expected.substring(expected.lastIndexOf('.') + 1);
    if (lastLabel.chars().allMatch(c -> c >= '0' && c <= '9') || lastLabel.startsWith("0x")) {
      return "last label a number, not a dotted quad";
    }
    for (String label : source.split("[.\u3002\uFF0E\uFF61]")) {
      String lower = label.toLowerCase(Locale.ROOT);
      if (lower.startsWith("xn--") && !isRoundTrip(lower)) {
        return "A-label that does not encode back to itself";
      }
    }
    return "other";
  }

  private static boolean isMappedBeyondCase(int c) {
    if (c < 0x80 || c == 0x3002 || c == 0xFF0E || c == 0xFF61) {
      return false;
    }
    String[] entry = TABLE.get(c);
    if (entry[0].equals("ignored")) {
      return true;
    }
    if (!entry[0].equals("mapped")) {
      return false;
    }
    String lower = new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
    String upper = new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
    return !entry[1].equals(lower) && !entry[1].equals(upper);
  }

  private static boolean isRoundTrip(String aLabel) {
    int[] decoded = Punycode.decode(aLabel, 4);
    if (decoded == null) {
      return false;
    }
    String encoded = Punycode.encode(decoded);
    return aLabel.equals("xn--" + encoded);
  }

  private static String or(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  /** Resolves the file's escapes, {@code \\uXXXX} and {@code \\x{X...}}. */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && s.startsWith("u", i + 1)) {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (ch == '\\' && s.startsWith("x{", i + 1)) {
        int close = s.indexOf('}', i);
        out.appendCodePoint(Integer.parseInt(s.substring(i + 3, close), 16));
        i = close;
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static String fromHex(String codePoints) {
    StringBuilder out = new StringBuilder();
    for (String hex : codePoints.split(" ")) {
      if (!hex.isEmpty()) {
        out.appendCodePoint(Integer.parseInt(hex, 16));
      }
    }
    return out.toString();
  }

  /** The data lines of a file, without comments and blank lines. */
  private static List<String> lines(String name) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = Uts46ConformanceTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as(name).isNotNull();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int hash = line.indexOf('#');
        String data = hash >= 0 ? line.substring(0, hash) : line;
        if (!data.isBlank()) {
          lines.add(data);
        }
      }
    }
    return lines;
  }
}
