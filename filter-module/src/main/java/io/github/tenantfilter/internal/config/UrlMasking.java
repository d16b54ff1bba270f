// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.regex.Pattern;

/** Hides the passwords in URLs wherever settings are shown: logs, messages, JMX, the stats page. */
final class UrlMasking {

  /** A URL parameter whose name says it holds a secret, up to its value. */
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;][^=&;?#]*(?:pass|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key"
          + "|credential)[^=&;?#]*=)[^&;#]*");

  private UrlMasking() {}

  /**
   * Masks the password of a URL ({@code user:password@}, {@code :password@}, or a lone {@code
   * password@}) for logs and messages. Everything from the first colon after {@code //} to the
   * last {@code @} is masked, so that a password that holds {@code /}, {@code ?}, {@code #} or
   * {@code @} unescaped (a URL that does not parse) is hidden too; the price is that an {@code @}
   * later in the URL (a JDBC parameter) masks more than the password.
   *
   * <p>Then every parameter whose name says it is a secret ({@link #SECRET_PARAMETER}: password,
   * sslpassword, pwd, token, secret, API and access keys, credentials...), in a query ({@code
   * ?a=b&c=d}) or in {@code ;}-separated properties (SQL Server's JDBC URLs), has its value
   * masked.
   */
  static String maskUrl(String text) {
    int start = text.indexOf("//");
    int at = text.lastIndexOf('@');
    String masked = text;
    if (start >= 0 && at > start) {
      String userInfo = text.substring(start + 2, at);
      int colon = userInfo.indexOf(':');
      String shown = colon < 0 ? "****" : userInfo.substring(0, colon + 1) + "****";
      masked = text.substring(0, start + 2) + shown + text.substring(at);
    }
    return SECRET_PARAMETER.matcher(masked).replaceAll("$1****");
  }
}
