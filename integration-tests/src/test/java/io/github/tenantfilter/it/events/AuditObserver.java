// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.events;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.TenantRefused;
import io.github.tenantfilter.api.TenantResolved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TenantEventsIT's application: an auditing observer of the filter's events, as an application
 * would write one. It records what it saw, with the tenant {@link CurrentTenant} gives it there.
 */
@ApplicationScoped
public class AuditObserver {

  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Inject CurrentTenant current;

  void resolved(@Observes TenantResolved event) {
    seen.add("resolved " + event.tenant().id() + " bound=" + current.require().id() + " "
        + event.request().getRequestURI());
  }

  void refused(@Observes TenantRefused event) {
    seen.add("refused " + event.status() + " " + event.tenantId().orElse("-") + " "
        + event.reason());
  }

  /** What it saw, oldest first. */
  public List<String> seen() {
    return List.copyOf(seen);
  }
}
