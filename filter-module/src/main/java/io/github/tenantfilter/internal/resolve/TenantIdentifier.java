// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import io.github.tenantfilter.api.InvalidTenantKeyException;
import io.github.tenantfilter.api.TenantKey;
import io.github.tenantfilter.api.TenantKeyResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which tenant a request asks for.
 *
 * <ol>
 *   <li>If a tenant-id header is configured, the request carries it, and it comes from an allowed
 *       source (any, unless {@code header.sources} limits them), the tenant with that id.
 *   <li>Otherwise, with a well-formed {@code Host} (below), the path segment after the
 *       configured prefix ({@code /t/acme/...}: tenant id {@code acme}), as the container
 *       decoded and normalised the path the application's mapping sees. Where the host names a
 *       tenant too, its key rides along ({@link Identification#hostKey()}) and the filter
 *       serves the request only if both are the same tenant.
 *   <li>Otherwise the application's {@link TenantKeyResolver}s, in order.
 *   <li>Otherwise the host the client asked for: the {@code Host} header, or, when the direct
 *       peer is a trusted proxy, what the header those proxies write ({@code Forwarded} or
 *       {@code X-Forwarded-Host}, as configured) says it received (see {@link
 *       ForwardedHeaders}). A one-label subdomain of a base domain ({@code
 *       acme.app.example} with base {@code app.example}) is looked up by subdomain; the base
 *       domain itself and deeper names under it name no tenant; IP addresses follow {@link
 *       IpHostPolicy}; any other host is looked up as a custom domain (unless custom domains are
 *       off).
 *   <li>Where none of these names a tenant, the default tenant, if one is configured.
 * </ol>
 *
 * <p>{@link Identification.Outcome#MALFORMED} (400): a missing, repeated or malformed {@code
 * Host}; a {@code Host} that differs from the host the server took from the request target (an
 * absolute-form request line, HTTP/2 {@code :authority}; RFC 9112 section 3.2.2 and RFC 9113
 * section 8.3.1); a malformed id header; malformed or ambiguous forwarded headers from a trusted
 * proxy; an IP address under {@link IpHostPolicy#REJECT}.
 */
public final class TenantIdentifier {

  /** Hosts whose identification is remembered, at most; some 1 MB with 64-character hosts. */
  static final int HOSTS_REMEMBERED = 4096;

  private final List<String> baseDomains;
  private final boolean customDomains;
  private final String idHeader;
  private final AddressRanges headerSources;
  private final AddressRanges trustedProxies;
  private final ForwardedHostHeader forwardedHost;
  private final IpHostPolicy ipHosts;
  private final String pathPrefix;
  private final boolean pathForward;
  private final List<TenantKeyResolver> resolvers;
  private final Identification defaultTenant;
  /** The hosts seen lately, as normalised and what they name ({@link #hostName}). */
  private final ConcurrentHashMap<String, HostName> knownHosts = new ConcurrentHashMap<>();

  /**
   * Creates an identifier with no trusted proxy, the header accepted from anyone, and IP hosts
   * naming no tenant.
   */
  public TenantIdentifier(List<String> baseDomains, boolean customDomains, String idHeader) {
    this(baseDomains, customDomains, idHeader, AddressRanges.none(), AddressRanges.none(),
        ForwardedHostHeader.NONE, IpHostPolicy.UNKNOWN);
  }

  /**
   * Creates an identifier.
   *
   * @param baseDomains canonical base domains (see {@link HostNormalizer})
   * @param customDomains whether hosts outside the base domains are looked up as custom domains
   * @param idHeader name of the header that carries a tenant id, or {@code null} for none
   * @param headerSources peers the id header is accepted from; empty: any
   * @param trustedProxies peers whose forwarded host header is believed; empty: none
   * @param forwardedHost the header those peers write the client's host into
   * @param ipHosts what an IP address as host gets
   */
  public TenantIdentifier(List<String> baseDomains, boolean customDomains, String idHeader,
      AddressRanges headerSources, AddressRanges trustedProxies,
      ForwardedHostHeader forwardedHost, IpHostPolicy ipHosts) {
    this(baseDomains, customDomains, idHeader, headerSources, trustedProxies, forwardedHost,
        ipHosts, null, false, List.of(), null);
  }

  /**
   * Creates an identifier with every strategy.
   *
   * @param pathPrefix the path prefix whose next segment is a tenant id, or {@code null}
   * @param pathForward whether such a request is forwarded to the rest of its path
   * @param resolvers the application's strategies, in the order to ask them
   * @param defaultTenant the id of the tenant of requests that name none, or {@code null}
   */
  public TenantIdentifier(List<String> baseDomains, boolean customDomains, String idHeader,
      AddressRanges headerSources, AddressRanges trustedProxies,
      ForwardedHostHeader forwardedHost, IpHostPolicy ipHosts, String pathPrefix,
      boolean pathForward, List<TenantKeyResolver> resolvers, String defaultTenant) {
    this.pathPrefix = pathPrefix;
    this.pathForward = pathForward;
    this.resolvers = List.copyOf(resolvers);
    this.defaultTenant =
        defaultTenant == null ? null : Identification.of(LookupKey.id(defaultTenant));
    // the longest base first, so that a base nested in another one is matched as itself
    this.baseDomains =
        baseDomains.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    this.customDomains = customDomains;
    this.idHeader = idHeader;
    this.headerSources = headerSources;
    this.trustedProxies = trustedProxies;
    this.forwardedHost = forwardedHost;
    this.ipHosts = ipHosts;
  }

  /** Identifies the tenant {@code request} asks for. */
  public Identification identify(HttpServletRequest request) {
    if (idHeader != null
        && (headerSources.isEmpty() || headerSources.contains(request.getRemoteAddr()))) {
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
    String raw = trimOws(hosts.nextElement());
    if (hosts.hasMoreElements()) {
      return Identification.malformed("repeated Host header");
    }
    HostName name = hostName(raw);
    if (name == null) {
      return Identification.malformed("invalid Host header");
    }
    if (!matchesServerName(raw, name.host(), trimOws(request.getServerName()))) {
      return Identification.malformed("Host does not match the request target");
    }
    if (forwardedHost != ForwardedHostHeader.NONE && !trustedProxies.isEmpty()
        && trustedProxies.contains(request.getRemoteAddr())) {
      ForwardedHeaders.Result forwarded =
          ForwardedHeaders.clientHost(request, trustedProxies, forwardedHost);
      if (forwarded.error() != null) {
        return Identification.malformed(forwarded.error());
      }
      if (forwarded.host() != null) {
        name = hostName(forwarded.host());
        if (name == null) {
          return Identification.malformed("invalid forwarded host");
        }
      }
    }
    if (pathPrefix != null) {
      Identification path = identifyPath(request);
      if (path != null) {
        // acme.app.example/t/globex/...: a session of acme's host must not reach globex
        Identification byHost = path.outcome() == Identification.Outcome.KEY
            ? name.named() : null;
        return byHost != null && byHost.outcome() == Identification.Outcome.KEY
            ? path.withHostKey(byHost.key()) : path;
      }
    }
    // indexed: no iterator made per request (almost always there is no resolver at all)
    for (int i = 0; i < resolvers.size(); i++) {
      TenantKeyResolver resolver = resolvers.get(i);
      Optional<TenantKey> key;
      try {
        key = resolver.resolve(request);
      } catch (InvalidTenantKeyException e) {
        return Identification.malformed("invalid tenant key");
      }
      if (key != null && key.isPresent()) {
        return key.get().kind() == TenantKey.Kind.ID
            ? Identification.of(LookupKey.id(key.get().value()))
            : identifyHost(key.get().value());
      }
    }
    return withDefault(name.named());
  }

  /**
   * The tenant id in the path segment after the prefix, or {@code null} if the path is not under
   * the prefix. The path is the one the container mapped (servlet path and path info: decoded,
   * dot segments resolved), so the tenant is read from the very path the application routes on.
   */
  private Identification identifyPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = servletPath == null ? pathInfo
        : pathInfo == null ? servletPath : servletPath + pathInfo;
    int prefix = pathPrefix.length();
    if (path == null || !path.startsWith(pathPrefix) || path.length() == prefix
        || path.charAt(prefix) != '/') {
      return null;
    }
    int end = path.indexOf('/', prefix + 1);
    String segment = path.substring(prefix + 1, end < 0 ? path.length() : end);
    if (!TenantIds.isValid(segment)) {
      return Identification.malformed("invalid tenant path segment");
    }
    return Identification.of(LookupKey.id(segment),
        pathForward ? (end < 0 ? "/" : path.substring(end)) : null);
  }

  /**
   * The field value without the spaces and tabs around it (RFC 9110 section 5.5: they are not
   * part of it). Some servers (Payara's Grizzly) pass tabs on.
   */
  static String trimOws(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    int start = 0;
    int end = value.length();
    while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  /**
   * Tells whether the server's idea of the requested host (from the request target's authority
   * when there is one, else from Host) is the Host header's. {@code null} or empty: the server
   * does not say.
   */
  static boolean matchesServerName(String raw, String host, String serverName) {
    if (serverName == null || serverName.isEmpty()) {
      return true;
    }
    int length = serverName.length();
    // the usual case costs a comparison: Host "acme.app.example:8080", server name "acme.app.example"
    if (raw.startsWith(serverName) && (raw.length() == length || raw.charAt(length) == ':')) {
      return true;
    }
    String name = serverName.indexOf(':') >= 0 && serverName.charAt(0) != '['
        ? "[" + serverName + "]" // an IPv6 address without its brackets
        : serverName;
    String normalized = HostNormalizer.normalize(name);
    if (host.equals(normalized)) {
      return true;
    }
    // one address, two spellings: [::1] and 0:0:0:0:0:0:0:1
    byte[] a = host.startsWith("[") ? AddressRanges.literal(host) : null;
    return a != null && Arrays.equals(a, AddressRanges.literal(name));
  }

  /** Whether {@code identification} is the default tenant's, given where nothing named one. */
  public boolean isDefault(Identification identification) {
    return identification != null && identification == defaultTenant;
  }

  /**
   * Identifies the tenant a canonical host names; where it names none, the default tenant if
   * there is one.
   */
  public Identification identifyHost(String host) {
    return withDefault(nameOf(host));
  }

  private Identification withDefault(Identification named) {
    return defaultTenant != null && named.outcome() == Identification.Outcome.NONE
        ? defaultTenant : named;
  }

  /**
   * A Host header's value (or a forwarded host) normalised, and what it names: remembered per
   * value ({@link #HOSTS_REMEMBERED} at most, then all forgotten at once), since both depend on
   * nothing but the value and this identifier's settings, so that a request for a host seen
   * before is neither normalised again nor makes a label, key or identification.
   *
   * @return {@code null} if the value is no valid host (not remembered)
   */
  private HostName hostName(String raw) {
    HostName known = knownHosts.get(raw);
    if (known != null) {
      return known;
    }
    String host = HostNormalizer.normalize(raw);
    if (host == null) {
      return null;
    }
    HostName name = new HostName(host, nameOf(host));
    if (knownHosts.size() >= HOSTS_REMEMBERED) {
      knownHosts.clear();
    }
    knownHosts.put(raw, name);
    return name;
  }

  /** A host as normalised, and what it names (without the default tenant). */
  private record HostName(String host, Identification named) {}

  private Identification nameOf(String host) {
    if (HostNormalizer.isIpLiteral(host)) {
      return switch (ipHosts) {
        case UNKNOWN -> Identification.none();
        case REJECT -> Identification.malformed("IP address as Host");
        case LOOKUP -> Identification.of(LookupKey.domain(host));
      };
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
