// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.resolve.HostNormalizer;
import io.github.tenantfilter.internal.resolve.Identification;
import io.github.tenantfilter.internal.resolve.LookupKey;
import io.github.tenantfilter.internal.resolve.TenantIdentifier;
import io.github.tenantfilter.testing.FakeHttp;
import io.github.tenantfilter.web.StandaloneFilter;
import jakarta.servlet.FilterChain;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot path: a request whose tenant is in the heap tier (L1), on the default settings (base
 * domain {@code app.example}, no Redis, L1 of 1,000 holding 502 tenants; the TTL is an hour so
 * that nothing expires during a run). {@link HotPath} runs
 * it on one thread, {@link HotPath2T} on two.
 *
 * <ul>
 *   <li>{@code filter}: the whole {@code TenantFilter.doFilter}, as the container calls it, with
 *       a hand-made request ({@link FakeHttp}, allocation-free when reused) and an empty chain;
 *   <li>{@code identifyAndFind}: {@code TenantIdentifier.identify} (Host normalised and matched
 *       to the base domain) and {@code TenantLookup.find};
 *   <li>{@code find}: {@code TenantLookup.find} of a key made once;
 *   <li>{@code normalize}: {@code HostNormalizer.normalize} of the Host header alone;
 *   <li>{@code chmGet}, {@code ehcacheGet}: the floor, a {@code ConcurrentHashMap.get} and an
 *       Ehcache heap {@code get} (configured as {@code LocalTier} configures it) of the same key.
 * </ul>
 *
 * <p>The {@code host} parameter takes the three paths of {@code HostNormalizer}: plain
 * lower-case, upper case with a port (copy, lower-case, strip the port), and a punycode A-label
 * (decoded, checked and encoded again). Run: {@code java -jar
 * performance/jmh/target/benchmarks.jar HotPath -prof gc} (docs/jmh.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class HotPathBench {

  /** Tenants in L1 besides the two the benchmarks ask for. */
  static final int OTHER_TENANTS = 500;
  static final String BASE = "app.example";
  static final String KEY = "subdomain:acme";
  /** The servlet path of every request. */
  static final String PATH = "/api/orders";

  /** The filter and the tiers, shared by the threads as in a server. */
  @State(Scope.Benchmark)
  public static class Tiers {
    MapStore store;
    StandaloneFilter running;
    TenantLookup lookup;
    TenantIdentifier identifier;
    LookupKey acme;

    @Setup(Level.Trial)
    public void start() throws Exception {
      store = new MapStore()
          .put(MapStore.tenant("acme", "acme"))
          .put(MapStore.tenant("bucher", "xn--bcher-kva"));
      for (int i = 0; i < OTHER_TENANTS; i++) {
        String id = String.format("t%05d", i);
        store.put(MapStore.tenant(id, id));
      }
      Map<String, String> settings = Map.of("tenant-filter.base-domains", BASE,
          // an hour, so that no entry expires during a long run; a hit costs the same
          "tenant-filter.local-cache.ttl", "3600");
      running = StandaloneFilter.start(settings, store, Clock.systemUTC());
      TenantFilterConfig config = TenantFilterConfig.of(settings);
      lookup = TenantLookup.create(config, store, Clock.systemUTC(), null);
      identifier = new TenantIdentifier(config.baseDomains(), config.customDomains(),
          config.idHeader(), config.headerSources(), config.trustedProxies(),
          config.trustedProxiesHostHeader(), config.ipHosts());
      acme = LookupKey.subdomain("acme");
      FilterChain chain = (req, res) -> { };
      for (int i = 0; i < OTHER_TENANTS; i++) {
        String host = String.format("t%05d.%s", i, BASE);
        running.filter().doFilter(FakeHttp.request(host, PATH), new FakeHttp.Response(), chain);
        lookup.find(LookupKey.subdomain(String.format("t%05d", i)));
      }
      // fill L1 with the two tenants asked for, and check that every host finds its tenant
      for (String host : new String[] {"acme.app.example", "ACME.App.Example:8443",
          "xn--bcher-kva.app.example"}) {
        String expected = host.startsWith("xn--") ? "bucher" : "acme";
        Request request = new Request();
        request.host = host;
        request.start();
        Object found = doFilter(this, request);
        Optional<Tenant> looked = lookup(this, request);
        if (!(found instanceof Tenant t) || !t.id().equals(expected)
            || looked.map(Tenant::id).filter(expected::equals).isEmpty()) {
          throw new IllegalStateException("setup: " + host + " did not resolve to " + expected
              + " (status " + request.response.status() + ")");
        }
      }
    }

    /** Checks that the measured operations were all L1 hits: no store query since the fill. */
    @TearDown(Level.Trial)
    public void stop() {
      long queries = store.queries.sum();
      running.close();
      lookup.close();
      if (queries != 2L * (OTHER_TENANTS + 2)) {
        throw new IllegalStateException("the store was asked " + queries
            + " times: some operations were not L1 hits");
      }
    }
  }

  /** One request per thread, rewound for every operation. */
  @State(Scope.Thread)
  public static class Request {
    @Param({"acme.app.example", "ACME.App.Example:8443", "xn--bcher-kva.app.example"})
    public String host;

    FakeHttp.Request request;
    FakeHttp.Response response;
    FilterChain chain;

    @Setup(Level.Trial)
    public void start() {
      request = FakeHttp.request(host, PATH);
      response = new FakeHttp.Response();
      chain = (req, res) -> { };
    }
  }

  /** A map and an Ehcache holding the same keys as L1, for the floor. */
  @State(Scope.Benchmark)
  public static class Baselines {
    ConcurrentHashMap<String, Object> map;
    CacheManager manager;
    Cache<String, Object> ehcache;

    @Setup(Level.Trial)
    public void start() {
      // LocalTier's configuration: heap(size), time to live of TTL + stale-if-error (defaults)
      manager = CacheManagerBuilder.newCacheManagerBuilder()
          .withCache("tenants", CacheConfigurationBuilder.newCacheConfigurationBuilder(
                  String.class, Object.class, ResourcePoolsBuilder.heap(1000))
              .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(
                  Duration.ofSeconds(3600).plus(Duration.ofSeconds(300)))))
          .build(true);
      ehcache = manager.getCache("tenants", String.class, Object.class);
      map = new ConcurrentHashMap<>();
      put(KEY, MapStore.tenant("acme", "acme"));
      put("subdomain:xn--bcher-kva", MapStore.tenant("bucher", "xn--bcher-kva"));
      for (int i = 0; i < OTHER_TENANTS; i++) {
        String id = String.format("t%05d", i);
        put("subdomain:" + id, MapStore.tenant(id, id));
      }
    }

    private void put(String key, Object value) {
      map.put(key, value);
      ehcache.put(key, value);
    }

    @TearDown(Level.Trial)
    public void stop() {
      manager.close();
    }
  }

  /** The whole filter on an L1 hit; returns the tenant it bound. */
  @Benchmark
  public Object filter(Tiers tiers, Request request) throws Exception {
    return doFilter(tiers, request);
  }

  static Object doFilter(Tiers tiers, Request request) throws Exception {
    request.request.reset();
    tiers.running.filter().doFilter(request.request, request.response, request.chain);
    return request.request.getAttribute(CurrentTenant.REQUEST_ATTRIBUTE);
  }

  /** Host to key, key to tenant, without the servlet parts. */
  @Benchmark
  public Optional<Tenant> identifyAndFind(Tiers tiers, Request request) {
    return lookup(tiers, request);
  }

  static Optional<Tenant> lookup(Tiers tiers, Request request) {
    Identification identification = tiers.identifier.identify(request.request);
    return tiers.lookup.find(identification.key());
  }

  /** The lookup alone, of a key made once. */
  @Benchmark
  public Optional<Tenant> find(Tiers tiers) {
    return tiers.lookup.find(tiers.acme);
  }

  /** The Host header's normalisation alone. */
  @Benchmark
  public String normalize(Request request) {
    return HostNormalizer.normalize(request.host);
  }

  /** Floor: a ConcurrentHashMap hit of the same key. */
  @Benchmark
  public Object chmGet(Baselines baselines) {
    return baselines.map.get(KEY);
  }

  /** Floor: an Ehcache heap hit of the same key, configured as L1. */
  @Benchmark
  public Object ehcacheGet(Baselines baselines) {
    return baselines.ehcache.get(KEY);
  }
}
