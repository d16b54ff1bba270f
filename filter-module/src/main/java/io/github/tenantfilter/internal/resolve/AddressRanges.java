// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A set of IP addresses and CIDR ranges ({@code 10.0.0.0/8, 192.168.1.7, fd00::/8, ::1}), as
 * the trusted proxies and the sources allowed to send a tenant-id header are given. Only literal
 * addresses: a host name is refused (it would need DNS, at startup and at every change of it).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) match the IPv4 ranges.
 */
public final class AddressRanges {

  private static final AddressRanges NONE = new AddressRanges(List.of(), "");

  private final List<byte[][]> ranges; // {network, mask}
  private final String text;

  private AddressRanges(List<byte[][]> ranges, String text) {
    this.ranges = ranges;
    this.text = text;
  }

  /** No address. */
  public static AddressRanges none() {
    return NONE;
  }

  /**
   * Parses a comma- or space-separated list.
   *
   * @throws IllegalArgumentException naming the entry that is not an address or range
   */
  public static AddressRanges parse(String text) {
    List<byte[][]> ranges = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String entry : text.trim().split("[,\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "\"" + entry + "\" is not an IP address or CIDR range (such as 10.0.0.0/8 or fd00::/8;"
                + " host names are not accepted)");
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        String prefix = entry.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > address.length * 8) {
          throw new IllegalArgumentException(
              "\"" + entry + "\": the prefix length must be 0 to " + address.length * 8);
        }
        bits = Integer.parseInt(prefix);
      }
      byte[] mask = new byte[address.length];
      for (int i = 0; i < mask.length; i++) {
        int remaining = Math.max(0, Math.min(8, bits - i * 8));
        mask[i] = (byte) (0xff << (8 - remaining));
        address[i] &= mask[i];
      }
      ranges.add(new byte[][] {address, mask});
      shown.add(entry.toLowerCase(Locale.ROOT));
    }
    return ranges.isEmpty() ? NONE : new AddressRanges(List.copyOf(ranges), String.join(",", shown));
  }

  /** Tells whether there are no ranges. */
  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * Tells whether {@code address} (as {@code ServletRequest.getRemoteAddr()} gives it, or a
   * {@code for=} value) is in one of the ranges. Anything that is not a literal address is not.
   */
  public boolean contains(String address) {
    if (ranges.isEmpty() || address == null) {
      return false;
    }
    byte[] bytes = literal(address);
    if (bytes == null) {
      return false;
    }
    for (byte[][] range : ranges) {
      if (matches(bytes, range) || (bytes.length == 16 && isV4Mapped(bytes)
          && matches(Arrays.copyOfRange(bytes, 12, 16), range))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] address, byte[][] range) {
    if (address.length != range[0].length) {
      return false;
    }
    for (int i = 0; i < address.length; i++) {
      if ((address[i] & range[1][i]) != range[0][i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  /**
   * The bytes of a literal IPv4 (dotted quad) or IPv6 address (brackets and a zone id allowed),
   * or {@code null}. Never asks DNS.
   */
  static byte[] literal(String text) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') < 0) {
      return IpLiterals.ipv4Bytes(s);
    }
    return IpLiterals.ipv6Bytes(s);
  }

  @Override
  public String toString() {
    return text;
  }
}
