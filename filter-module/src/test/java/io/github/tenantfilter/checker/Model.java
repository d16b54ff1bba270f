// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tenant tables as the checker models them: each tenant's name (its version), subdomain and
 * status, and which tenant owns each custom domain. From a state it tells what a request for a
 * host must get; from a write, which tenants it touched. Immutable: each write makes a new one.
 */
final class Model {

  /** The base domain of every subdomain host. */
  static final String BASE = ".app.example";

  /** A tenant row. */
  record Row(String id, String name, String subdomain, String status) {}

  private final Map<String, Row> tenants;
  private final Map<String, String> domains;

  Model(Map<String, Row> tenants, Map<String, String> domains) {
    this.tenants = new TreeMap<>(tenants);
    this.domains = new TreeMap<>(domains);
  }

  Map<String, Row> tenants() {
    return tenants;
  }

  Map<String, String> domains() {
    return domains;
  }

  /** The tenant a host names in this state, or {@code null}. */
  String owner(String host) {
    if (host.endsWith(BASE)) {
      String label = host.substring(0, host.length() - BASE.length());
      return tenants.values().stream().filter(t -> label.equals(t.subdomain())).map(Row::id)
          .findFirst().orElse(null);
    }
    return domains.get(host);
  }

  /**
   * What a request for {@code host} must get in this state: {@code 200 <id> <name>} for an
   * active tenant, {@code 403} for another status (the nodes' {@code status-outcomes}), {@code
   * 404} for none.
   */
  String answer(String host) {
    String id = owner(host);
    if (id == null) {
      return "404";
    }
    Row row = tenants.get(id);
    return "active".equals(row.status()) ? "200 " + id + " " + row.name() : "403";
  }

  /** Whether {@code write} can be made in this state (a shrunk schedule may hold some that cannot). */
  boolean allows(Write write) {
    Row row = tenants.get(write.tenant());
    return switch (write.kind()) {
      case RENAME, STATUS -> row != null;
      case SUBDOMAIN -> row != null && (write.value() == null || labelFree(write.value()));
      case DOMAIN -> write.value() == null ? domains.containsKey(write.tenant())
          : tenants.containsKey(write.value());
      case INSERT -> row == null && labelFree(write.value());
      case DELETE -> row != null;
    };
  }

  private boolean labelFree(String label) {
    return tenants.values().stream().noneMatch(t -> label.equals(t.subdomain()));
  }

  /** The state after {@code write} ({@link #allows} it). */
  Model apply(Write write) {
    Map<String, Row> t = new TreeMap<>(tenants);
    Map<String, String> d = new TreeMap<>(domains);
    Row row = t.get(write.tenant());
    switch (write.kind()) {
      case RENAME -> t.put(row.id(), new Row(row.id(), write.value(), row.subdomain(), row.status()));
      case STATUS -> t.put(row.id(), new Row(row.id(), row.name(), row.subdomain(), write.value()));
      case SUBDOMAIN -> t.put(row.id(), new Row(row.id(), row.name(), write.value(), row.status()));
      case DOMAIN -> {
        if (write.value() == null) {
          d.remove(write.tenant()); // the domain is in tenant(): see Write.domain
        } else {
          d.put(write.tenant(), write.value());
        }
      }
      case INSERT -> t.put(write.tenant(), new Row(write.tenant(), write.tenant() + "@0",
          write.value(), "active"));
      case DELETE -> {
        t.remove(write.tenant());
        d.values().removeIf(write.tenant()::equals);
      }
    }
    return new Model(t, d);
  }

  /** The tenants whose cached keys {@code write} changes (both owners of a moved domain). */
  List<String> touched(Write write) {
    List<String> ids = new ArrayList<>();
    if (write.kind() == Write.Kind.DOMAIN) {
      String before = domains.get(write.tenant());
      if (before != null) {
        ids.add(before);
      }
      if (write.value() != null && !write.value().equals(before)) {
        ids.add(write.value());
      }
    } else {
      ids.add(write.tenant());
    }
    return ids;
  }

  /** The SQL that makes {@code write} in this state. */
  String sql(Write write) {
    String id = q(write.tenant());
    return switch (write.kind()) {
      case RENAME -> "UPDATE tenants SET name = " + q(write.value()) + " WHERE id = " + id;
      case STATUS -> "UPDATE tenants SET status = " + q(write.value()) + " WHERE id = " + id;
      case SUBDOMAIN -> "UPDATE tenants SET subdomain = " + q(write.value()) + " WHERE id = " + id;
      case DOMAIN -> write.value() == null
          ? "DELETE FROM tenant_domains WHERE domain = " + id
          : domains.containsKey(write.tenant())
              ? "UPDATE tenant_domains SET tenant_id = " + q(write.value()) + " WHERE domain = " + id
              : "INSERT INTO tenant_domains (domain, tenant_id) VALUES (" + id + ", "
                  + q(write.value()) + ")";
      case INSERT -> "INSERT INTO tenants (id, name, subdomain, plan, settings) VALUES (" + id + ", "
          + q(write.tenant() + "@0") + ", " + q(write.value()) + ", 'pro', '{}')";
      case DELETE -> "DELETE FROM tenants WHERE id = " + id;
    };
  }

  private static String q(String value) {
    return value == null ? "NULL" : "'" + value + "'";
  }

  @Override
  public String toString() {
    return tenants.values() + " " + domains;
  }
}
