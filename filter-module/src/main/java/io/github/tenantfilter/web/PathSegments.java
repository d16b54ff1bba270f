// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import java.nio.charset.StandardCharsets;

/** Paths handed to {@code getRequestDispatcher}. */
final class PathSegments {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  /**
   * {@code path} (decoded, as the container gave it) encoded again for {@code
   * getRequestDispatcher}, which reads its argument as a URI path: every character but the
   * unreserved ones, {@code /} and the sub-delimiters other than {@code ;} is percent-encoded, so
   * that a decoded {@code ?}, {@code #}, {@code ;} or {@code %} stays part of the path and
   * cannot start a query string or path parameters of its own.
   */
  static String encode(String path) {
    StringBuilder encoded = null;
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || "-._~/!$&'()*+,=:@".indexOf(b) >= 0;
      if (plain && encoded == null) {
        continue;
      }
      if (encoded == null) {
        encoded = new StringBuilder(bytes.length + 16);
        encoded.append(path, 0, i); // bytes 0..i-1 were plain ASCII: as many chars
      }
      if (plain) {
        encoded.append((char) b);
      } else {
        encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
      }
    }
    return encoded == null ? path : encoded.toString();
  }
}
