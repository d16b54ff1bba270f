// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant as the filter resolved it: immutable, safe to share between threads and requests.
 *
 * <pre>{@code
 * Tenant tenant = currentTenant.require();
 * if ("enterprise".equals(tenant.plan())) { ... }
 * // JSON: a JsonProvider looked up once (Json.createReader looks one up on every call)
 * static final JsonProvider JSON = JsonProvider.provider();
 * JsonObject settings = JSON.createReader(new StringReader(tenant.settings())).readObject();
 * }</pre>
 *
 * @param id the tenant's stable identifier (letters, digits, {@code _ . -}, at most 64)
 * @param name display name, never {@code null} (empty when the store has none)
 * @param subdomain the label under the base domain ({@code acme} for {@code acme.app.example}),
 *     or {@code null}
 * @param customDomains the tenant's own host names, normalised to lower-case ASCII; never {@code
 *     null}
 * @param plan the tenant's plan, never {@code null} (empty when the store has none)
 * @param status the tenant's status, never {@code null} ({@code active} when the store has none)
 * @param settings the tenant's settings as JSON object text, never {@code null} ({@code {}} when
 *     the store has none)
 * @param updatedAt when the record last changed, or {@code null} when the store does not say
 * @serial exclude (the serialized form is the components above; without this, the javadoc of
 *     Java 17 asks a comment of each component's field)
 */
public record Tenant(
    String id,
    String name,
    String subdomain,
    List<String> customDomains,
    String plan,
    String status,
    String settings,
    Instant updatedAt)
    implements Serializable {

  /** Status a tenant has when its store gives none. */
  public static final String STATUS_ACTIVE = "active";

  /**
   * Creates a tenant record; {@code null} for any component but {@code id} takes the default
   * named above.
   *
   * @param id the tenant's stable identifier
   * @param name display name, or {@code null}
   * @param subdomain the label under the base domain, or {@code null}
   * @param customDomains the tenant's own host names, or {@code null}
   * @param plan the tenant's plan, or {@code null}
   * @param status the tenant's status, or {@code null}
   * @param settings the tenant's settings as JSON object text, or {@code null}
   * @param updatedAt when the record last changed, or {@code null}
   * @throws NullPointerException if {@code id} is {@code null}
   * @throws IllegalArgumentException if {@code id} is empty
   */
  public Tenant {
    Objects.requireNonNull(id, "tenant id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("tenant id must not be empty");
    }
    name = name == null ? "" : name;
    customDomains = customDomains == null ? List.of() : List.copyOf(customDomains);
    plan = plan == null ? "" : plan;
    status = status == null ? STATUS_ACTIVE : status;
    settings = settings == null ? "{}" : settings;
  }

  /**
   * Returns a copy of this record with other custom domains.
   *
   * @param domains the custom domains of the copy
   * @return the copy
   */
  public Tenant withCustomDomains(List<String> domains) {
    return new Tenant(id, name, subdomain, domains, plan, status, settings, updatedAt);
  }
}
