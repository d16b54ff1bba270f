// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenant isolation as a property: a million requests (system property {@code
 * tf.isolation.requests}) over a few keep-alive connections, pipelined, each request a seeded
 * random choice of host (three tenants by subdomain or custom domain, in any case and with a
 * port, or an unknown host) and of servlet variant (sync, async dispatch, async worker thread,
 * forward, include). Every answer names exactly the expected tenant, by request attribute and by
 * CDI.
 *
 * <p>"No tenant visible after the request": a fifth of the requests go to {@code /leak/*},
 * excluded from resolution, and unknown hosts pass through without a tenant ({@code
 * unknown-tenant=pass}); both are served by the same pooled threads and connections that just
 * served tenants, and {@link io.github.tenantfilter.it.app.LeakProbeServlet} reports what it
 * can see there (request attribute, {@code CurrentTenant}, a request-scoped bean that must be
 * new, request and context attributes holding a tenant, a session): nothing, every time.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class IsolationPropertyIT {

  private static final long REQUESTS = Long.getLong("tf.isolation.requests", 1_000_000);
  private static final int THREADS = Integer.getInteger("tf.isolation.threads", 4);
  private static final int PIPELINE = Integer.getInteger("tf.isolation.pipeline", 16);
  private static final long SEED = Long.getLong("tf.isolation.seed", 0x150_1a7eL);

  private static final String[][] TENANT_HOSTS = {
      {"acme.app.localhost", "acme"}, {"globex.app.localhost", "globex"},
      {"initech.app.localhost", "initech"}, {"acme-corp.localhost", "acme"},
      {"Globex.App.Localhost.", "globex"}, {"initech.app.localhost:8080", "initech"},
      {"ACME-CORP.localhost:443", "acme"}};
  private static final String[] UNKNOWN_HOSTS = {"nobody.app.localhost", "unknown.app.localhost",
      "other-corp.localhost", "app.localhost", "127.0.0.1", "x1.app.localhost"};

  private static final String NONE = "tenant=none cdi=none marker=fresh attrs=0 ctx=0 session=none";
  /** On a worker thread CDI's request context is normally inactive; an active one must be new. */
  private static final List<String> NONE_ON_WORKER = List.of(
      "tenant=none cdi=inactive marker=inactive attrs=0 ctx=0 session=none thread=worker",
      NONE + " thread=worker");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("isolation",
        contextParam("tenant-filter.unknown-tenant", "pass")
            + contextParam("tenant-filter.exclude-paths", "/leak/*"));
  }

  @ArquillianResource URL url;

  /** One request and the bodies it may get. */
  record Probe(String kind, byte[] request, List<String> expected) {}

  @Test
  void millionRequests_alternatingHostsAndDispatches_tenantAlwaysExpected_noneLeaks()
      throws Exception {
    Http http = new Http(url);
    AtomicLong failures = new AtomicLong();
    List<String> examples = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> kinds = new ConcurrentHashMap<>();
    AtomicLong connections = new AtomicLong();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long share = REQUESTS / THREADS + (t < REQUESTS % THREADS ? 1 : 0);
        SplittableRandom random = new SplittableRandom(SEED + t);
        parts.add(pool.submit(() -> {
          try (KeepAliveClient client = new KeepAliveClient(http.port())) {
            long sent = 0;
            while (sent < share) {
              int batch = (int) Math.min(PIPELINE, share - sent);
              List<Probe> probes = new ArrayList<>(batch);
              List<byte[]> requests = new ArrayList<>(batch);
              for (int i = 0; i < batch; i++) {
                Probe probe = probe(random, http);
                probes.add(probe);
                requests.add(probe.request());
              }
              List<KeepAliveClient.Response> responses = client.pipeline(requests);
              for (int i = 0; i < batch; i++) {
                Probe probe = probes.get(i);
                KeepAliveClient.Response response = responses.get(i);
                kinds.merge(probe.kind(), 1L, Long::sum);
                if (response.status() != 200 || !probe.expected().contains(response.body())) {
                  failures.incrementAndGet();
                  if (examples.size() < 20) {
                    examples.add(probe.kind() + " " + new String(probe.request(),
                        StandardCharsets.ISO_8859_1).split("\r\n")[0] + " expected "
                        + probe.expected() + ", got " + response.status() + " "
                        + response.body());
                  }
                }
              }
              sent += batch;
            }
            connections.addAndGet(client.connections());
          }
          return null;
        }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %d requests in %.1f s (%.0f requests/s), %d threads, pipeline %d,"
            + " %d connections; %d failures; by kind: %s%n",
        ItServices.server(), REQUESTS, seconds, REQUESTS / seconds, THREADS, PIPELINE,
        connections.get(), failures.get(), new TreeMap<>(kinds));
    examples.forEach(e -> System.out.println("  FAIL " + e));
    assertThat(kinds.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(REQUESTS);
    assertThat(failures.get()).as("requests that saw another tenant or a leftover").isZero();
  }

  private static Probe probe(SplittableRandom random, Http http) {
    int roll = random.nextInt(100);
    if (roll < 65) {
      String[] host = TENANT_HOSTS[random.nextInt(TENANT_HOSTS.length)];
      String id = host[1];
      String both = "tenant=" + id + " cdi=" + id;
      int variant = random.nextInt(100);
      if (variant < 35) {
        return probe("tenant-sync", host[0], http.path("/probe/whoami"), both);
      } else if (variant < 55) {
        return probe("tenant-async", host[0], http.path("/probe/async"), both);
      } else if (variant < 70) {
        return probe("tenant-worker", host[0], http.path("/probe/async-thread"),
            "tenant=" + id + " thread=worker");
      } else if (variant < 85) {
        return probe("tenant-forward", host[0], http.path("/probe/forward"), both);
      } else {
        return probe("tenant-include", host[0], http.path("/probe/include"),
            "included:" + both);
      }
    }
    String host = random.nextBoolean()
        ? TENANT_HOSTS[random.nextInt(TENANT_HOSTS.length)][0]
        : UNKNOWN_HOSTS[random.nextInt(UNKNOWN_HOSTS.length)];
    if (roll < 85) {
      return switch (random.nextInt(3)) {
        case 0 -> probe("leak-sync", host, http.path("/leak/sync"), NONE);
        case 1 -> probe("leak-async", host, http.path("/leak/async"), NONE);
        default -> new Probe("leak-worker", request(host, http.path("/leak/thread")),
            NONE_ON_WORKER);
      };
    }
    String unknown = UNKNOWN_HOSTS[random.nextInt(UNKNOWN_HOSTS.length)];
    return switch (random.nextInt(3)) {
      case 0 -> probe("unknown-sync", unknown, http.path("/probe/whoami"),
          "tenant=none cdi=none");
      case 1 -> probe("unknown-async", unknown, http.path("/probe/async"),
          "tenant=none cdi=none");
      default -> probe("unknown-worker", unknown, http.path("/probe/async-thread"),
          "tenant=none thread=worker");
    };
  }

  private static Probe probe(String kind, String host, String path, String expected) {
    return new Probe(kind, request(host, path), List.of(expected));
  }

  private static byte[] request(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
