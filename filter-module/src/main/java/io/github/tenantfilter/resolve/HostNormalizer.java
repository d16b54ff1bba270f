package io.github.tenantfilter.resolve;

import java.net.IDN;
import java.util.Locale;

/**
 * Turns a {@code Host} header value into the canonical host name that keys the caches, or says
 * it is malformed.
 *
 * <p>Canonical form: lower-case ASCII (IDN U-labels converted to their punycode A-labels), no
 * port, no trailing dot, at most 253 characters, labels of 1 to 63 letters, digits and hyphens
 * that neither start nor end with a hyphen (RFC 1123). IPv6 literals keep their brackets and are
 * recognised by {@link #isIpLiteral(String)}, as are dotted IPv4 addresses.
 *
 * <pre>{@code
 * HostNormalizer.normalize("ACME.App.Example.:8443")  // "acme.app.example"
 * HostNormalizer.normalize("bücher.example")          // "xn--bcher-kva.example"
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
      return normalizeIpv6(raw);
    }
    int colon = raw.indexOf(':');
    String host = raw;
    if (colon >= 0) {
      if (raw.indexOf(':', colon + 1) >= 0 || !isPort(raw, colon + 1)) {
        return null;
      }
      host = raw.substring(0, colon);
    }
    boolean ascii = true;
    boolean upper = false;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c >= 0x80) {
        ascii = false;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!isLowerLdh(c) && c != '.') {
        return null;
      }
    }
    if (!ascii) {
      try {
        host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
      } catch (IllegalArgumentException e) {
        return null;
      }
      upper = true; // ASCII labels beside U-labels are left as sent by IDN.toASCII
    }
    if (upper) {
      host = host.toLowerCase(Locale.ROOT);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return isHostName(host) ? host : null;
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

  private static boolean isLabel(String host, int start, int end) {
    int length = end - start;
    return length >= 1
        && length <= MAX_LABEL_LENGTH
        && host.charAt(start) != '-'
        && host.charAt(end - 1) != '-';
  }

  private static boolean isLowerLdh(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static boolean isPort(String raw, int start) {
    int digits = raw.length() - start;
    if (digits > 5) {
      return false;
    }
    int port = 0;
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      port = port * 10 + (c - '0');
    }
    // an empty port is allowed by RFC 3986 (port = *DIGIT)
    return port <= 65535;
  }

  private static String normalizeIpv6(String raw) {
    int close = raw.indexOf(']');
    if (close < 0) {
      return null;
    }
    if (close + 1 < raw.length() && (raw.charAt(close + 1) != ':' || !isPort(raw, close + 2))) {
      return null;
    }
    String address = raw.substring(1, close);
    if (address.isEmpty() || address.length() > 45 || address.indexOf(':') < 0) {
      return null;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return null;
      }
    }
    return "[" + address.toLowerCase(Locale.ROOT) + "]";
  }
}
