// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forwarded-header spoofing with the default settings (no trusted proxies, no tenant-id header):
 * 10,000 requests whose {@code Host} names a tenant (or nothing) and whose other headers name
 * other tenants and hosts in every way a proxy or a client might ({@code X-Forwarded-Host},
 * {@code Forwarded: host=} in its forms, {@code X-Forwarded-Server}, {@code X-Host}, {@code
 * X-Original-Host}, {@code X-Forwarded-For}, {@code X-Real-IP}, {@code X-Original-URL}, {@code
 * X-Rewrite-URL}, {@code X-Tenant-Id}...), repeated and comma-separated. The tenant is always
 * the Host's: never the one a spoofing header names.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class ForwardedHeaderSpoofingIT {

  private static final int REQUESTS = Integer.getInteger("tf.spoofing.requests", 10_000);
  private static final int THREADS = 4;
  private static final long SEED = 0x5900f;

  /** Host → the tenant it names ("404" when none). */
  private static final Map<String, String> HOSTS = new TreeMap<>(Map.of(
      "acme.app.localhost", "acme",
      "globex.app.localhost", "globex",
      "initech.app.localhost", "initech",
      "acme-corp.localhost", "acme",
      "GLOBEX.App.Localhost.", "globex",
      "initech.app.localhost:8080", "initech",
      "nobody.app.localhost", "404",
      "app.localhost", "404",
      "127.0.0.1", "404",
      "evil.example", "404"));

  private static final List<String> NAMES = List.of("acme", "globex", "initech", "nobody");
  private static final List<String> SPOOFED_HOSTS = List.of("acme.app.localhost",
      "globex.app.localhost", "initech.app.localhost", "acme-corp.localhost",
      "GLOBEX.APP.LOCALHOST", "globex.app.localhost:443", "app.localhost", "127.0.0.1",
      "[::1]", "evil.example", "nobody.app.localhost", "globex.app.localhost.");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war("spoofing"); // the defaults: no trusted proxies, no id header
  }

  @ArquillianResource URL url;

  /** One request: its bytes and the body expected. */
  record Spoof(String host, String expected, byte[] request, String headers) {}

  @Test
  void spoofingHeaders_withoutTrustedProxies_tenantIsAlwaysTheHosts() throws Exception {
    Http http = new Http(url);
    List<Spoof> spoofs = generate(http.path("/probe/whoami"));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<String> failures = new ArrayList<>();
    Map<String, Integer> counts = new TreeMap<>();
    try {
      List<Future<List<String[]>>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        parts.add(pool.submit(() -> {
          List<String[]> results = new ArrayList<>();
          try (KeepAliveClient client = new KeepAliveClient(http.port())) {
            for (int i = thread; i < spoofs.size(); i += THREADS) {
              KeepAliveClient.Response r = client.exchange(spoofs.get(i).request());
              results.add(new String[] {Integer.toString(i), Integer.toString(r.status()),
                  r.body()});
            }
          }
          return results;
        }));
      }
      for (Future<List<String[]>> part : parts) {
        for (String[] result : part.get()) {
          Spoof spoof = spoofs.get(Integer.parseInt(result[0]));
          int status = Integer.parseInt(result[1]);
          String body = result[2];
          boolean ok = spoof.expected().equals("404")
              ? status == 404 && !body.contains("tenant=")
              : status == 200
                  && body.equals("tenant=" + spoof.expected() + " cdi=" + spoof.expected());
          counts.merge(spoof.expected() + " -> " + status, 1, Integer::sum);
          if (!ok) {
            failures.add(spoof.host() + " expected " + spoof.expected() + ", got " + status + " "
                + body.strip() + " with " + spoof.headers());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: %d spoofing requests in %d ms (%.0f/s): %s; %d failures%n",
        ItServices.server(), spoofs.size(), millis, spoofs.size() * 1000.0 / millis, counts,
        failures.size());
    failures.stream().limit(50).forEach(f -> System.out.println("  FAIL " + f));
    assertThat(spoofs).hasSize(REQUESTS);
    assertThat(failures).isEmpty();
  }

  /** The requests, from a fixed seed: a Host and one to six spoofing headers. */
  static List<Spoof> generate(String path) {
    Random random = new Random(SEED);
    List<String> hosts = new ArrayList<>(HOSTS.keySet());
    List<Spoof> spoofs = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String host = hosts.get(random.nextInt(hosts.size()));
      StringBuilder headers = new StringBuilder();
      int count = 1 + random.nextInt(6);
      for (int h = 0; h < count; h++) {
        headers.append(spoofingHeader(random, host)).append("\r\n");
      }
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "\r\n";
      spoofs.add(new Spoof(host, HOSTS.get(host),
          request.getBytes(StandardCharsets.ISO_8859_1), headers.toString().replace("\r\n", " | ")));
    }
    return spoofs;
  }

  private static String spoofingHeader(Random random, String host) {
    String other = other(random, host);
    String name = NAMES.get(random.nextInt(NAMES.size()));
    String ip = "10.0." + random.nextInt(256) + "." + random.nextInt(256);
    return switch (random.nextInt(22)) {
      case 0 -> "X-Forwarded-Host: " + other;
      case 1 -> "X-Forwarded-Host: " + other + ", " + other(random, host);
      case 2 -> "Forwarded: host=" + other;
      case 3 -> "Forwarded: host=\"" + other + "\"";
      case 4 -> "Forwarded: for=" + ip + ";host=" + other + ";proto=https";
      case 5 -> "Forwarded: for=\"[2001:db8::1]\";host=\"" + other + "\", for=" + ip + ";host="
          + other(random, host);
      case 6 -> "Forwarded: by=" + ip + ";Host=" + other.toUpperCase(Locale.ROOT);
      case 7 -> "X-Forwarded-Server: " + other;
      case 8 -> "X-Host: " + other;
      case 9 -> "X-Original-Host: " + other;
      case 10 -> "X-Forwarded-For: " + ip + ", " + other;
      case 11 -> "X-Real-IP: " + ip;
      case 12 -> "X-Original-URL: http://" + other + "/probe/whoami";
      case 13 -> "X-Rewrite-URL: /" + name + "/probe/whoami";
      case 14 -> "X-Tenant-Id: " + name;
      case 15 -> "X-Tenant-Id: " + name + ", " + NAMES.get(random.nextInt(NAMES.size()));
      case 16 -> "X-Tenant: " + name;
      case 17 -> "X-Forwarded-Proto: https";
      case 18 -> "X-Forwarded-Port: " + (random.nextBoolean() ? "443" : "6379");
      case 19 -> "X-Forwarded-Prefix: /" + name;
      case 20 -> "X-HTTP-Host-Override: " + other;
      default -> "X-Forwarded-Host: " + other + ":" + (1 + random.nextInt(65535));
    };
  }

  private static String other(Random random, String host) {
    while (true) {
      String other = SPOOFED_HOSTS.get(random.nextInt(SPOOFED_HOSTS.size()));
      if (!other.equalsIgnoreCase(host)) {
        return other;
      }
    }
  }
}
