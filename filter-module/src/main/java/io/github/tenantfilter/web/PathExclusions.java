// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths served without tenant resolution, as servlet URL patterns: {@code /exact}, {@code
 * /prefix/*} and {@code *.ext}. Matched against the servlet path and path info, which the
 * container has already decoded and normalised, so {@code /health/../admin} is not {@code
 * /health}.
 */
final class PathExclusions {

  private final List<String> exact = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private final List<String> extensions = new ArrayList<>();

  PathExclusions(List<String> patterns) {
    for (String pattern : patterns) {
      if (pattern.startsWith("*.")) {
        extensions.add(pattern.substring(1));
      } else if (pattern.endsWith("/*")) {
        prefixes.add(pattern.substring(0, pattern.length() - 2));
      } else {
        exact.add(pattern);
      }
    }
  }

  boolean isEmpty() {
    return exact.isEmpty() && prefixes.isEmpty() && extensions.isEmpty();
  }

  boolean matches(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    String path = pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    return matches(path);
  }

  boolean matches(String path) {
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.equals(prefix)
          || (path.startsWith(prefix) && path.length() > prefix.length()
              && path.charAt(prefix.length()) == '/')
          || prefix.isEmpty()) {
        return true;
      }
    }
    int lastSlash = path.lastIndexOf('/');
    for (String extension : extensions) {
      if (path.endsWith(extension) && path.length() - extension.length() > lastSlash) {
        return true;
      }
    }
    return false;
  }
}
