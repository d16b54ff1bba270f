// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.context;

import io.github.tenantfilter.api.NoTenantException;
import io.github.tenantfilter.api.Tenant;
import java.util.Optional;

/**
 * The tenant of the work running on this thread: set by the filter for the whole of a request it
 * handled (also for a request without a tenant, so that nothing of an earlier request can show),
 * and by {@link TenantContextProvider} inside a task that Jakarta Concurrency runs with the
 * submitter's context. Three states: {@code null} (this thread says nothing; {@code CurrentTenant}
 * asks the CDI request context), an empty optional (known: no tenant), a tenant.
 *
 * <p>Every {@link #enter} is undone by its {@link #restore} in a {@code finally}: a pooled thread
 * keeps nothing of the work it ran, and the entry is removed when the thread said nothing before,
 * so that no thread of the server holds the application's classes after undeploy.
 *
 * <p><b>Not API</b>: the application reads the tenant through {@code CurrentTenant}.
 */
public final class TenantThreadContext {

  private static final ThreadLocal<Optional<Tenant>> CURRENT = new ThreadLocal<>();

  private TenantThreadContext() {}

  /** {@return what this thread knows of its tenant: null (nothing), empty (none), a tenant} */
  public static Optional<Tenant> current() {
    return CURRENT.get();
  }

  /**
   * The tenant of the work on this thread.
   *
   * @param purpose what needs it, for the exception's message
   * @throws NoTenantException if this thread knows of none, or knows it has none
   */
  public static Tenant require(String purpose) {
    Optional<Tenant> tenant = CURRENT.get();
    if (tenant == null || tenant.isEmpty()) {
      throw new NoTenantException("no tenant on this thread: " + purpose);
    }
    return tenant.get();
  }

  /**
   * Binds {@code tenant} (never null: empty for "no tenant") to this thread; returns what was
   * bound before, for {@link #restore}.
   */
  public static Optional<Tenant> enter(Optional<Tenant> tenant) {
    Optional<Tenant> previous = CURRENT.get();
    CURRENT.set(tenant);
    return previous;
  }

  /** Puts back what {@link #enter} returned. */
  public static void restore(Optional<Tenant> previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
