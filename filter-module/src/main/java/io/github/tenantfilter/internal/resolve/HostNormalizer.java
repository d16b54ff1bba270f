// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import java.util.Locale;

/**
 * Turns a {@code Host} header value into the canonical host name that keys the caches, or says
 * it is malformed.
 *
 * <p>Canonical form: lower-case ASCII (IDN U-labels converted to their punycode A-labels), no
 * port, no trailing dot, at most 253 characters, labels of 1 to 63 letters, digits and hyphens
 * that neither start nor end with a hyphen (RFC 1123). A name whose last label is all digits is
 * accepted only as a dotted-quad IPv4 address ({@code 127.0.0.1}, never {@code 127.1} or {@code
 * 0177.0.0.1}). IPv6 literals keep their brackets, in RFC 5952 text ({@code [::1]}). Both are
 * recognised by {@link #isIpLiteral(String)}.
 *
 * <p>Internationalised names follow UTS #46 non-transitional processing (the IDNA2008 form that
 * browsers send), restricted so that no name depends on the processing mode: a label is accepted
 * only if all its code points are valid in both IDNA2008 and UTS #46 (deviation characters
 * {@code ß ς ZWJ ZWNJ} and symbols are not); the only mappings applied are upper to lower case,
 * Unicode NFC and the ideographic full stops to {@code '.'}. A U-label and its A-label give the
 * same result; an A-label must decode to such a label and encode back to itself. Anything else is
 * malformed. The rule, and how it is tested against the Unicode conformance data, is in {@code
 * docs/idn.md}.
 *
 * <p>This class reads ASCII names and ports; {@link Uts46} maps and checks international labels
 * ({@link BidiRule}, {@link Punycode}), {@link IpLiterals} reads addresses.
 *
 * <pre>{@code
 * HostNormalizer.normalize("ACME.App.Example.:8443")  // "acme.app.example"
 * HostNormalizer.normalize("bücher.example")          // "xn--bcher-kva.example"
 * HostNormalizer.normalize("faß.example")             // null: ß is a deviation character
 * HostNormalizer.normalize("evil.com/x")              // null: malformed
 * }</pre>
 */
public final class HostNormalizer {

  /** Longest host name accepted (RFC 1123 with the trailing dot removed). */
  public static final int MAX_HOST_LENGTH = 253;

  /** Longest label accepted. */
  public static final int MAX_LABEL_LENGTH = 63;

  /** Longest raw header value looked at; longer values are malformed without further work. */
  private static final int MAX_RAW_LENGTH = 1024;

  /** The prefix of an A-label (an IDN label in Punycode). */
  static final String ACE_PREFIX = "xn--";

  private HostNormalizer() {}

  /**
   * Returns the canonical form of {@code raw}, or {@code null} when it is not a valid host.
   *
   * @param raw a {@code Host} header value, possibly with a port
   */
  public static String normalize(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH) {
      return null;
    }
    if (raw.charAt(0) == '[') {
      return IpLiterals.normalizeIpv6(raw);
    }
    int end = raw.indexOf(':');
    if (end >= 0) {
      if (raw.indexOf(':', end + 1) >= 0 || !isPort(raw, end + 1)) {
        return null;
      }
    } else {
      end = raw.length();
    }
    boolean upper = false;
    for (int i = 0; i < end; i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        return Uts46.normalize(raw.substring(0, end));
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!isLowerLdh(c) && c != '.') {
        return null;
      }
    }
    if (end > 0 && raw.charAt(end - 1) == '.') {
      end--;
    }
    String host = end == raw.length() ? raw : raw.substring(0, end);
    if (upper) {
      host = host.toLowerCase(Locale.ROOT);
    }
    switch (checkAsciiHost(host)) {
      case VALID:
        return host;
      case HAS_A_LABEL:
        return Uts46.normalizeALabels(host);
      default:
        return null;
    }
  }

  /**
   * Tells whether {@code host} is a canonical host name: lower-case LDH labels separated by
   * dots, RFC 1123 lengths, no trailing dot.
   */
  public static boolean isHostName(String host) {
    int length = host.length();
    if (length == 0 || length > MAX_HOST_LENGTH) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      if (i == length || host.charAt(i) == '.') {
        if (!isLabel(host, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
      } else if (!isLowerLdh(host.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether {@code label} is one canonical DNS label. */
  public static boolean isLabel(String label) {
    if (label.indexOf('.') >= 0) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      if (!isLowerLdh(label.charAt(i))) {
        return false;
      }
    }
    return isLabel(label, 0, label.length());
  }

  /**
   * Tells whether a canonical host is an IP literal: a bracketed IPv6 address or a dotted IPv4
   * address (a name whose last label is all digits can only be an address).
   */
  public static boolean isIpLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    int lastDot = host.lastIndexOf('.');
    for (int i = lastDot + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean isLabel(String host, int start, int end) {
    int length = end - start;
    return length >= 1
        && length <= MAX_LABEL_LENGTH
        && host.charAt(start) != '-'
        && host.charAt(end - 1) != '-';
  }

  static boolean isLowerLdh(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isPort(String raw, int start) {
    int digits = raw.length() - start;
    if (digits > 5) {
      return false;
    }
    int port = 0;
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!isDigit(c)) {
        return false;
      }
      port = port * 10 + (c - '0');
    }
    // an empty port is allowed by RFC 3986 (port = *DIGIT)
    return port <= 65535;
  }

  // ---------------------------------------------------------------- ASCII names

  private enum AsciiCheck {
    VALID,
    INVALID,
    HAS_A_LABEL
  }

  /**
   * Checks a lower-case LDH name in one pass: RFC 1123 lengths and hyphens, UTS #46
   * CheckHyphens ({@code "--"} in positions 3 and 4 only in an A-label) and the last label.
   */
  private static AsciiCheck checkAsciiHost(String host) {
    int length = host.length();
    if (length == 0 || length > MAX_HOST_LENGTH) {
      return AsciiCheck.INVALID;
    }
    boolean aLabel = false;
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      if (i < length && host.charAt(i) != '.') {
        continue;
      }
      if (!isLabel(host, labelStart, i)) {
        return AsciiCheck.INVALID;
      }
      if (i - labelStart >= 4
          && host.charAt(labelStart + 2) == '-'
          && host.charAt(labelStart + 3) == '-') {
        if (!host.startsWith("xn", labelStart)) {
          return AsciiCheck.INVALID;
        }
        aLabel = true;
      }
      labelStart = i + 1;
    }
    if (!isValidLastLabel(host)) {
      return AsciiCheck.INVALID;
    }
    return aLabel ? AsciiCheck.HAS_A_LABEL : AsciiCheck.VALID;
  }

  /**
   * A last label of digits only, or {@code 0x} and hex digits, makes the name a number to every
   * URL parser (WHATWG "ends in a number"): only the canonical dotted quad is accepted, as an
   * address; {@code 127.1}, {@code 0x7f.0.0.1} or {@code 0177.0.0.1} are malformed, never a
   * name.
   */
  static boolean isValidLastLabel(String host) {
    int start = host.lastIndexOf('.') + 1;
    boolean digits = true;
    for (int i = start; i < host.length() && digits; i++) {
      digits = isDigit(host.charAt(i));
    }
    if (digits) {
      return IpLiterals.isDottedQuad(host);
    }
    if (host.length() - start >= 2 && host.charAt(start) == '0' && host.charAt(start + 1) == 'x') {
      for (int i = start + 2; i < host.length(); i++) {
        char c = host.charAt(i);
        if (!isDigit(c) && (c < 'a' || c > 'f')) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
