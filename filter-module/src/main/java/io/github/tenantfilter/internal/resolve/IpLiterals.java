// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static io.github.tenantfilter.internal.resolve.HostNormalizer.isDigit;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.isPort;

import java.util.Arrays;

/**
 * IP address literals: IPv4 as a dotted quad (RFC 3986 {@code IPv4address}: four decimal octets,
 * no leading zeros) and IPv6 (RFC 3986 {@code IPv6address}), parsed by hand so that no name is
 * ever looked up; the host's canonical text and an address's bytes come from the same parser.
 */
final class IpLiterals {

  private IpLiterals() {}

  /** Four decimal octets 0 to 255 without leading zeros (RFC 3986 IPv4address). */
  static boolean isDottedQuad(String s) {
    return dottedQuad(s, 0, s.length()) >= 0;
  }

  /** Returns the address {@code s[start, end)} spells as a dotted quad, or -1. */
  static long dottedQuad(String s, int start, int end) {
    long address = 0;
    int octets = 0;
    int i = start;
    while (octets < 4) {
      int digitsStart = i;
      int value = 0;
      while (i < end && isDigit(s.charAt(i)) && i - digitsStart < 3) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - digitsStart;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(digitsStart) == '0')) {
        return -1;
      }
      address = (address << 8) | value;
      octets++;
      if (octets < 4) {
        if (i >= end || s.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == end ? address : -1;
  }


  /**
   * An RFC 3986 {@code IPv6address} in brackets (no IPvFuture, no zone id), with an optional
   * port, in RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more
   * zero groups (the first of equal runs) as {@code ::}, and IPv4-mapped addresses as {@code
   * ::ffff:a.b.c.d}.
   */
  static String normalizeIpv6(String raw) {
    int close = raw.indexOf(']');
    if (close < 0) {
      return null;
    }
    if (close + 1 < raw.length() && (raw.charAt(close + 1) != ':' || !isPort(raw, close + 2))) {
      return null;
    }
    if (close - 1 > 45) {
      return null;
    }
    int[] groups = parseIpv6(raw, 1, close);
    return groups == null ? null : formatIpv6(groups);
  }

  /** Parses {@code s[start, end)} as an RFC 3986 IPv6address into 8 groups, or {@code null}. */
  static int[] parseIpv6(String s, int start, int end) {
    int[] groups = new int[8];
    int count = 0;
    int compressAt = -1;
    int i = start;
    if (s.startsWith("::", i)) {
      compressAt = 0;
      i += 2;
      if (i == end) {
        return groups;
      }
    }
    while (true) {
      if (count == 8) {
        return null;
      }
      int groupStart = i;
      int value = 0;
      while (i < end && i - groupStart < 4 && hexValue(s.charAt(i)) >= 0) {
        value = (value << 4) | hexValue(s.charAt(i));
        i++;
      }
      if (i == groupStart) {
        return null;
      }
      if (i < end && s.charAt(i) == '.') {
        // the last 32 bits as a dotted quad (ls32)
        long address = dottedQuad(s, groupStart, end);
        if (address < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (address >>> 16);
        groups[count++] = (int) (address & 0xFFFF);
        i = end;
        break;
      }
      groups[count++] = value;
      if (i == end) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < end && s.charAt(i) == ':') {
        if (compressAt >= 0) {
          return null;
        }
        compressAt = count;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return null;
      }
    }
    if (compressAt < 0) {
      return count == 8 ? groups : null;
    }
    if (count > 7) {
      return null;
    }
    int tail = count - compressAt;
    System.arraycopy(groups, compressAt, groups, 8 - tail, tail);
    Arrays.fill(groups, compressAt, 8 - tail, 0);
    return groups;
  }

  private static int hexValue(char c) {
    if (isDigit(c)) {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static String formatIpv6(int[] groups) {
    StringBuilder text = new StringBuilder(47).append('[');
    boolean mapped = true;
    for (int i = 0; i < 5; i++) {
      mapped &= groups[i] == 0;
    }
    if (mapped && groups[5] == 0xFFFF) {
      return text.append("::ffff:")
          .append(groups[6] >>> 8)
          .append('.')
          .append(groups[6] & 0xFF)
          .append('.')
          .append(groups[7] >>> 8)
          .append('.')
          .append(groups[7] & 0xFF)
          .append(']')
          .toString();
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int runStart = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - runStart > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.append(']').toString();
  }

  /** The 4 bytes of a dotted quad, or {@code null}. */
  static byte[] ipv4Bytes(String s) {
    long address = dottedQuad(s, 0, s.length());
    if (address < 0) {
      return null;
    }
    return new byte[] {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
  }

  /** The 16 bytes of an IPv6 address (no brackets, no zone id), or {@code null}. */
  static byte[] ipv6Bytes(String s) {
    int[] groups = parseIpv6(s, 0, s.length());
    if (groups == null) {
      return null;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[2 * i] = (byte) (groups[i] >>> 8);
      bytes[2 * i + 1] = (byte) groups[i];
    }
    return bytes;
  }
}
