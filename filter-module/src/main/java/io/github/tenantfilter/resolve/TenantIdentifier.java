package io.github.tenantfilter.resolve;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;

/**
 * Decides which tenant a request asks for.
 *
 * <ol>
 *   <li>If a tenant-id header is configured and the request carries it, the tenant with that id.
 *   <li>Otherwise the {@code Host}: a one-label subdomain of a base domain ({@code
 *       acme.app.example} with base {@code app.example}) is looked up by subdomain; the base
 *       domain itself, deeper names under it and IP addresses name no tenant; any other host is
 *       looked up as a custom domain (unless custom domains are off).
 * </ol>
 *
 * <p>A missing, repeated or malformed {@code Host}, or a malformed id header, is {@link
 * Identification.Outcome#MALFORMED}.
 */
public final class TenantIdentifier {

  private final List<String> baseDomains;
  private final boolean customDomains;
  private final String idHeader;

  /**
   * Creates an identifier.
   *
   * @param baseDomains canonical base domains (see {@link HostNormalizer})
   * @param customDomains whether hosts outside the base domains are looked up as custom domains
   * @param idHeader name of the header that carries a tenant id, or {@code null} for none
   */
  public TenantIdentifier(List<String> baseDomains, boolean customDomains, String idHeader) {
    // the longest base first, so that a base nested in another one is matched as itself
    this.baseDomains =
        baseDomains.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.customDomains = customDomains;
    this.idHeader = idHeader;
  }

  /** Identifies the tenant {@code request} asks for. */
  public Identification identify(HttpServletRequest request) {
    if (idHeader != null) {
      Enumeration<String> ids = request.getHeaders(idHeader);
      if (ids != null && ids.hasMoreElements()) {
        String id = ids.nextElement();
        if (ids.hasMoreElements()) {
          return Identification.malformed("repeated tenant header");
        }
        return TenantIds.isValid(id)
            ? Identification.of(LookupKey.id(id))
            : Identification.malformed("invalid tenant header");
      }
    }
    Enumeration<String> hosts = request.getHeaders("Host");
    if (hosts == null || !hosts.hasMoreElements()) {
      return Identification.malformed("missing Host header");
    }
    String raw = hosts.nextElement();
    if (hosts.hasMoreElements()) {
      return Identification.malformed("repeated Host header");
    }
    String host = HostNormalizer.normalize(raw);
    return host == null ? Identification.malformed("invalid Host header") : identifyHost(host);
  }

  /** Identifies the tenant a canonical host names. */
  public Identification identifyHost(String host) {
    if (HostNormalizer.isIpLiteral(host)) {
      return Identification.none();
    }
    for (String base : baseDomains) {
      if (host.equals(base)) {
        return Identification.none();
      }
      int labelEnd = host.length() - base.length() - 1;
      if (labelEnd > 0 && host.endsWith(base) && host.charAt(labelEnd) == '.') {
        String label = host.substring(0, labelEnd);
        return label.indexOf('.') < 0
            ? Identification.of(LookupKey.subdomain(label))
            : Identification.none();
      }
    }
    return customDomains ? Identification.of(LookupKey.domain(host)) : Identification.none();
  }
}
