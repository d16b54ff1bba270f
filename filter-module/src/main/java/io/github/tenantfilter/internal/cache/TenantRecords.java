// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.internal.resolve.HostNormalizer;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.internal.resolve.TenantIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Checks a tenant record before it is cached or served, whether it came from the store or from
 * Redis: a well-formed id, a valid subdomain label, JSON-object settings, and above all that the
 * record belongs to the key it was found under: its id, its subdomain, or a custom domain it
 * lists. Custom domains that are not valid hosts are dropped (with a warning) rather than failing
 * the tenant; IP literals are kept (with {@code ip-hosts=lookup} they are keys like any domain).
 *
 * <p>The one exception: a store asked for a domain may answer with a record that lists no custom
 * domains (an application's store that does not load them); the store is the source of truth,
 * so the domain is added to the record before it is cached. A value from Redis gets no such
 * credit: it must list the domain.
 */
final class TenantRecords {

  private static final Logger LOG = Logger.getLogger(TenantRecords.class.getName());

  /** A record that cannot be served. */
  static final class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRecordException(String message) {
      super(message, null, false, false);
    }
  }

  private final TenantCodec codec;

  TenantRecords(TenantCodec codec) {
    this.codec = codec;
  }

  /**
   * Returns {@code tenant} in canonical form.
   *
   * @param fromStore whether the store returned it for {@code key} (else Redis held it)
   * @throws InvalidRecordException if the record cannot be served for {@code key}
   */
  Tenant check(LookupKey key, Tenant tenant, boolean fromStore) throws InvalidRecordException {
    if (!TenantIds.isValid(tenant.id())) {
      throw new InvalidRecordException("the record's id is not a valid tenant id");
    }
    String subdomain = tenant.subdomain();
    if (subdomain != null) {
      subdomain = subdomain.toLowerCase(Locale.ROOT);
      if (!HostNormalizer.isLabel(subdomain)) {
        throw new InvalidRecordException(
            "tenant " + tenant.id() + " has a subdomain that is not a DNS label");
      }
    }
    List<String> domains = canonicalDomains(tenant);
    if (!codec.isJsonObject(tenant.settings())) {
      throw new InvalidRecordException(
          "tenant " + tenant.id() + " has settings that are not a JSON object");
    }
    switch (key.kind()) {
      case ID -> require(tenant.id().equals(key.value()), tenant, key);
      case SUBDOMAIN -> require(key.value().equals(subdomain), tenant, key);
      case DOMAIN -> {
        if (fromStore && domains.isEmpty()) {
          domains = List.of(key.value()); // the store's word, written down for Redis
        }
        require(domains.contains(key.value()), tenant, key);
      }
    }
    boolean same = Objects.equals(subdomain, tenant.subdomain())
        && domains.equals(tenant.customDomains());
    return same
        ? tenant
        : new Tenant(
            tenant.id(),
            tenant.name(),
            subdomain,
            domains,
            tenant.plan(),
            tenant.status(),
            tenant.settings(),
            tenant.updatedAt());
  }

  private static void require(boolean belongs, Tenant tenant, LookupKey key)
      throws InvalidRecordException {
    if (!belongs) {
      throw new InvalidRecordException(
          "tenant " + tenant.id() + " was returned for " + key + " but does not own it");
    }
  }

  private static List<String> canonicalDomains(Tenant tenant) {
    List<String> domains = new ArrayList<>(tenant.customDomains().size());
    for (String domain : tenant.customDomains()) {
      String host = domain == null ? null : HostNormalizer.normalize(domain);
      if (host == null) {
        LOG.warning(
            () -> "tenant-filter: tenant " + tenant.id() + " lists a custom domain that is not a"
                + " host name; it is ignored: " + domain);
      } else if (!domains.contains(host)) {
        domains.add(host);
      }
    }
    return domains;
  }
}
