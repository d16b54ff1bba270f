package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.resolve.HostNormalizer;
import io.github.tenantfilter.resolve.LookupKey;
import io.github.tenantfilter.resolve.TenantIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Checks a tenant record before it is cached or served, whether it came from the store or from
 * Redis: a well-formed id, a valid subdomain label, JSON-object settings, and above all that the
 * record belongs to the key it was found under. Custom domains that are not valid host names are
 * dropped (with a warning) rather than failing the tenant.
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
   * @throws InvalidRecordException if the record cannot be served for {@code key}
   */
  Tenant check(LookupKey key, Tenant tenant) throws InvalidRecordException {
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
      case DOMAIN -> require(domains.isEmpty() || domains.contains(key.value()), tenant, key);
    }
    boolean same = java.util.Objects.equals(subdomain, tenant.subdomain())
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
      if (host == null || HostNormalizer.isIpLiteral(host)) {
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
