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
 * keeps nothing of the work it ran. The thread keeps one thing across requests, its slot: a
 * one-element {@code Object[]}, a JDK type holding {@code null} between requests, so that no
 * thread of the server holds the application's classes after undeploy, and a request sets and
 * clears the slot without allocating (a {@code ThreadLocal.remove} and {@code set} per request
 * would make a new map entry each time).
 *
 * <p><b>Not API</b>: the application reads the tenant through {@code CurrentTenant}.
 */
public final class TenantThreadContext {

  /** This thread's slot: element 0 is what it knows of its tenant (see the class comment). */
  private static final ThreadLocal<Object[]> CURRENT = new ThreadLocal<>();

  private TenantThreadContext() {}

  /** {@return what this thread knows of its tenant: null (nothing), empty (none), a tenant} */
  public static Optional<Tenant> current() {
    Object[] slot = CURRENT.get();
    return slot == null ? null : bound(slot);
  }

  @SuppressWarnings("unchecked")
  private static Optional<Tenant> bound(Object[] slot) {
    return (Optional<Tenant>) slot[0];
  }

  /**
   * The tenant of the work on this thread.
   *
   * @param purpose what needs it, for the exception's message
   * @throws NoTenantException if this thread knows of none, or knows it has none
   */
  public static Tenant require(String purpose) {
    Optional<Tenant> tenant = current();
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
    Object[] slot = CURRENT.get();
    if (slot == null) {
      slot = new Object[1];
      CURRENT.set(slot);
    }
    Optional<Tenant> previous = bound(slot);
    slot[0] = tenant;
    return previous;
  }

  /** Puts back what {@link #enter} returned. */
  public static void restore(Optional<Tenant> previous) {
    Object[] slot = CURRENT.get();
    if (slot != null) {
      slot[0] = previous;
    } else if (previous != null) {
      enter(previous);
    }
  }
}
