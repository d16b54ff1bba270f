// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The host a client asked for when the request came through trusted proxies, from the one header
 * the operator says the proxies write ({@link ForwardedHostHeader}): {@code Forwarded} (RFC 7239)
 * {@code host=}, or {@code X-Forwarded-Host}. Read only when the direct peer is a trusted proxy;
 * otherwise both headers are ignored, whatever they say. The header not named is never read: a
 * client may send either, and a proxy that appends a {@code Forwarded} element without {@code
 * host=} (or writes neither header) passes the client's own on.
 *
 * <p>{@code Forwarded} is walked from its last element (added by the proxy that connected to
 * us) towards the first, as long as the element's {@code for=} is a trusted proxy too; the
 * {@code host=} of the element where the walk stops is what the untrusted client sent (an
 * element without {@code host=} means its proxy kept the Host it received). So a client cannot
 * inject a host by sending a {@code Forwarded} header of its own: its element is never reached.
 *
 * <p>{@code X-Forwarded-Host} has no per-hop structure: it is used only when it holds exactly one
 * value (the proxy must set it, not append to it); several values are a 400. Spaces and tabs
 * around it are not part of it; any other control character (NUL, CR, LF, DEL...) is a 400, as
 * in {@code Host}: never trimmed away into a host.
 */
public final class ForwardedHeaders {

  /** What the headers say: the host to use (or {@code null}: use Host), or an error. */
  public record Result(String host, String error) {
    static final Result NONE = new Result(null, null);

    static Result error(String reason) {
      return new Result(null, reason);
    }
  }

  private ForwardedHeaders() {}

  /**
   * The forwarded host of {@code request}, whose direct peer is trusted (the caller checks), from
   * {@code header} alone.
   *
   * @param trusted the trusted proxies, to walk a chain of them
   */
  public static Result clientHost(HttpServletRequest request, AddressRanges trusted,
      ForwardedHostHeader header) {
    return switch (header) {
      case NONE -> Result.NONE;
      case FORWARDED -> forwarded(request, trusted);
      case X_FORWARDED_HOST -> xForwardedHost(request);
    };
  }

  private static Result forwarded(HttpServletRequest request, AddressRanges trusted) {
    Enumeration<String> forwarded = request.getHeaders("Forwarded");
    if (forwarded == null || !forwarded.hasMoreElements()) {
      return Result.NONE;
    }
    List<List<String[]>> elements = new ArrayList<>();
    while (forwarded.hasMoreElements()) {
      if (!parse(forwarded.nextElement(), elements)) {
        return Result.error("malformed Forwarded header");
      }
    }
    String host = null;
    for (int i = elements.size() - 1; i >= 0; i--) {
      List<String[]> element = elements.get(i);
      String elementHost = param(element, "host");
      if (elementHost != null) {
        host = elementHost;
      }
      if (i == 0 || !trusted.contains(node(param(element, "for")))) {
        break;
      }
    }
    return host == null ? Result.NONE : new Result(host, null);
  }

  private static Result xForwardedHost(HttpServletRequest request) {
    Enumeration<String> values = request.getHeaders("X-Forwarded-Host");
    if (values == null) {
      return Result.NONE;
    }
    String host = null;
    int count = 0;
    while (values.hasMoreElements()) {
      for (String value : values.nextElement().split(",", -1)) {
        count++;
        host = TenantIdentifier.trimOws(value);
      }
    }
    if (count > 1) {
      return Result.error("several X-Forwarded-Host values");
    }
    if (host != null && hasControl(host)) {
      return Result.error("control character in X-Forwarded-Host");
    }
    return host == null ? Result.NONE : new Result(host, null);
  }

  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** The address part of a {@code for=} node, without port and brackets ({@code null} stays). */
  static String node(String node) {
    if (node == null) {
      return null;
    }
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close < 0 ? node : node.substring(1, close);
    }
    int colon = node.indexOf(':');
    return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
  }

  private static String param(List<String[]> element, String name) {
    for (String[] pair : element) {
      if (pair[0].equals(name)) {
        return pair[1];
      }
    }
    return null;
  }

  /**
   * Parses one {@code Forwarded} field value ({@code for=a;host=b, for=c}) into elements of
   * name/value pairs. Returns false when it is not RFC 7239 syntax.
   */
  static boolean parse(String value, List<List<String[]>> elements) {
    int i = 0;
    int n = value.length();
    List<String[]> element = new ArrayList<>();
    while (true) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      int nameStart = i;
      while (i < n && isTokenChar(value.charAt(i))) {
        i++;
      }
      if (i == nameStart || i >= n || value.charAt(i) != '=') {
        return false;
      }
      String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i++;
      String paramValue;
      if (i < n && value.charAt(i) == '"') {
        StringBuilder quoted = new StringBuilder();
        i++;
        while (i < n && value.charAt(i) != '"') {
          char c = value.charAt(i);
          if (c == '\\' && i + 1 < n) {
            c = value.charAt(++i);
          }
          if (c < 0x20 && c != '\t' || c == 0x7f) {
            return false;
          }
          quoted.append(c);
          i++;
        }
        if (i >= n) {
          return false;
        }
        i++;
        paramValue = quoted.toString();
      } else {
        int valueStart = i;
        while (i < n && isTokenChar(value.charAt(i))) {
          i++;
        }
        if (i == valueStart) {
          return false;
        }
        paramValue = value.substring(valueStart, i);
      }
      if (param(element, name) != null) {
        return false; // a parameter twice in one element
      }
      element.add(new String[] {name, paramValue});
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      if (i == n) {
        elements.add(element);
        return true;
      }
      char separator = value.charAt(i++);
      if (separator == ',') {
        elements.add(element);
        element = new ArrayList<>();
      } else if (separator != ';') {
        return false;
      }
    }
  }

  private static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
