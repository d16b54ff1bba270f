// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.api.CacheRegion;
import java.util.Objects;

/**
 * Turns a caller's key into the form used in both tiers and in messages: characters outside a
 * small safe set are percent-encoded (UTF-8), so a key holds no space, no control character, no
 * glob or hash-tag character, and cannot be confused with another.
 *
 * <p>The encoding is injective over every Java string, not only well-formed ones: an unpaired
 * surrogate is encoded as the three bytes of its code point (as WTF-8 does), which no valid
 * UTF-8 sequence produces, where {@code String.getBytes(UTF_8)} would turn it into {@code ?}.
 */
final class RegionKeys {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RegionKeys() {}

  /**
   * The escaped form of {@code key}.
   *
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if it is empty or longer than {@link
   *     CacheRegion#MAX_KEY_LENGTH}
   */
  static String escape(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > CacheRegion.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a cache key must have 1 to " + CacheRegion.MAX_KEY_LENGTH + " characters");
    }
    StringBuilder out = null;
    for (int i = 0; i < key.length(); i++) {
      if (!safe(key.charAt(i))) {
        out = new StringBuilder(key.length() + 16).append(key, 0, i);
        for (int j = i; j < key.length(); ) {
          int c = key.codePointAt(j); // a lone surrogate comes back as itself
          j += Character.charCount(c);
          if (c < 0x80 && safe((char) c)) {
            out.append((char) c);
          } else {
            appendUtf8(out, c);
          }
        }
        break;
      }
    }
    return out == null ? key : out.toString();
  }

  /** The (generalised) UTF-8 bytes of code point {@code c}, each as {@code %XX}. */
  private static void appendUtf8(StringBuilder out, int c) {
    if (c < 0x80) {
      percent(out, c);
    } else if (c < 0x800) {
      percent(out, 0xC0 | c >> 6);
      percent(out, 0x80 | c & 0x3F);
    } else if (c < 0x10000) {
      percent(out, 0xE0 | c >> 12);
      percent(out, 0x80 | c >> 6 & 0x3F);
      percent(out, 0x80 | c & 0x3F);
    } else {
      percent(out, 0xF0 | c >> 18);
      percent(out, 0x80 | c >> 12 & 0x3F);
      percent(out, 0x80 | c >> 6 & 0x3F);
      percent(out, 0x80 | c & 0x3F);
    }
  }

  private static void percent(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
  }

  private static boolean safe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' || c == '@' || c == '/'
        || c == '+' || c == '=' || c == ',';
  }

  /** Whether {@code text} is an escaped key (as a message from another node must be). */
  static boolean isEscaped(String text) {
    if (text.isEmpty() || text.length() > CacheRegion.MAX_KEY_LENGTH * 9) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!safe(c) && c != '%') {
        return false;
      }
    }
    return true;
  }
}
