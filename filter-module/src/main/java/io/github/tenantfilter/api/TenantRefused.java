// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * A CDI event: the tenant filter refused a request, and answers it itself with {@link #status()}
 * (400 malformed host or id header, 404 unknown tenant, the status outcome of a tenant not served
 * (403 suspended, 410 deleted, ...), 503 when tenant data cannot be read). Fired synchronously, on
 * the request's thread, before the response is written; the application does not run. For
 * auditing: a burst of 404s names someone guessing tenants, a 400 someone sending hostile hosts.
 *
 * <pre>{@code
 * void refused(@Observes TenantRefused event) {
 *   audit.log(event.status(), event.reason(), event.tenantId().orElse("-"),
 *       event.request().getRemoteAddr());
 * }
 * }</pre>
 *
 * <p>Fired only when the application has an observer of it. An observer that throws does not
 * change the response: the exception is logged. The request's own values (its {@code Host}, its
 * headers) are client input: log them escaped.
 */
public final class TenantRefused {

  private final int status;
  private final String reason;
  private final String tenantId;
  private final HttpServletRequest request;

  /**
   * Creates the event.
   *
   * @param status the response's status
   * @param reason the response's message, a constant of the filter (never client input)
   * @param tenantId the tenant's id where one was found and refused for its status, else null
   * @param request the request
   */
  public TenantRefused(int status, String reason, String tenantId, HttpServletRequest request) {
    this.status = status;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.tenantId = tenantId;
    this.request = Objects.requireNonNull(request, "request");
  }

  /** The response's status: 400, 404, the tenant's status outcome, or 503. */
  public int status() {
    return status;
  }

  /** The response's message ("Not Found: unknown tenant"), a constant of the filter. */
  public String reason() {
    return reason;
  }

  /** The tenant's id when a tenant was found and refused for its status; empty otherwise. */
  public Optional<String> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  /** The request. */
  public HttpServletRequest request() {
    return request;
  }

  @Override
  public String toString() {
    return "TenantRefused[" + status + " " + reason + (tenantId == null ? "" : " " + tenantId)
        + "]";
  }
}
