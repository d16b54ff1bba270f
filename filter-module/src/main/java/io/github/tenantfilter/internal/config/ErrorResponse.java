// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

/** How the filter writes a 400, 404 or 503. */
public enum ErrorResponse {
  /** A short plain-text body written by the filter: the same on every server. */
  TEXT,
  /**
   * {@code HttpServletResponse.sendError}: the application's {@code <error-page>} for that status,
   * or the server's default page.
   */
  CONTAINER
}
