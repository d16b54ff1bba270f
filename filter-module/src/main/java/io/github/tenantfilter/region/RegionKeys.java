package io.github.tenantfilter.region;

import io.github.tenantfilter.api.CacheRegion;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns a caller's key into the form used in both tiers and in messages: characters outside a
 * small safe set are percent-encoded (UTF-8), so a key holds no space, no control character, no
 * glob or hash-tag character, and cannot be confused with another.
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
        for (byte b : key.substring(i).getBytes(StandardCharsets.UTF_8)) {
          char c = (char) (b & 0xff);
          if (c < 0x80 && safe(c)) {
            out.append(c);
          } else {
            out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
          }
        }
        break;
      }
    }
    return out == null ? key : out.toString();
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
