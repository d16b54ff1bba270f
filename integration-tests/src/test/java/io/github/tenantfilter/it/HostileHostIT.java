// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.HostileHostCorpus.Case;
import io.github.tenantfilter.payara.HostGuardFilter;
import io.github.tenantfilter.testing.RedisCommands;
import io.github.tenantfilter.testing.RedisProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile-host corpus ({@link HostileHostCorpus}, over 10,000 requests checked into {@code
 * src/test/resources/security/hostile-hosts.tsv}) through the real server: every request gets a
 * status of its expected class, none a 5xx, none a tenant other than the expected one, and the
 * malformed ones (class {@code 400}) reach neither Redis nor PostgreSQL.
 *
 * <p>The deployment has a Redis of its own, so that every command Redis counts is this
 * deployment's. The servers answer some malformed requests themselves, before any filter; which
 * ones and with what is written to {@code target/hostile-hosts-<server>.tsv}. Where a server's
 * answer falls outside a case's class, the case is listed in {@code
 * src/test/resources/security/server-deviations.tsv} with the exact outcome that server gives
 * (status, and the tenant where one is named), so that any change is noticed: a listed case
 * that behaves otherwise fails the test, as does an unlisted case outside its class.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class HostileHostIT {

  private static final int THREADS = 4;
  private static final Pattern TENANT = Pattern.compile("tenant=(\\S+)(?: cdi=(\\S+))?");

  /** Where the known server-level deviations are listed, per server. */
  static final String DEVIATIONS = "security/server-deviations.tsv";

  private static RedisProcess redis;

  @Deployment(testable = false)
  static WebArchive deployment() {
    redis = RedisProcess.start();
    return Deployments.war("hostile",
        contextParam("tenant-filter.redis.url", redis.url())
            // the probe's own tenant stays in the heap tier for the whole test
            + contextParam("tenant-filter.local-cache.ttl", "600"));
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @ArquillianResource URL url;

  /** What one request got. */
  record Outcome(Case c, int status, String tenant, String cdi, String answeredBy, String body) {}

  @Test
  void corpus_isWhatTheGeneratorWrites() throws IOException {
    List<Case> generated = HostileHostCorpus.generate();
    assertThat(HostileHostCorpus.load()).as("regenerate: see HostileHostCorpus")
        .isEqualTo(generated);
    assertThat(generated).hasSizeGreaterThanOrEqualTo(10_000);
  }

  @Test
  void corpus_everyRequestInItsClass_noneA5xx_noWrongTenant_malformedReachNoStore()
      throws Exception {
    List<Case> corpus = HostileHostCorpus.load();
    String server = ItServices.server();
    Map<String, String> deviations = deviations(server);
    // malformed: expected 400, and not a case the server is known to pass on to a lookup (its
    // tenant, or a 404 for a name it took from elsewhere)
    Predicate<Case> malformedCase = c -> c.expect().equals("400")
        && !deviations.getOrDefault(key(c), "").contains("tenant=")
        && !deviations.getOrDefault(key(c), "").startsWith("404");
    List<Case> malformed = corpus.stream().filter(malformedCase).toList();
    List<Case> rest = corpus.stream().filter(malformedCase.negate()).toList();
    Http http = new Http(url);

    try (RedisCommands commands = new RedisCommands(redis.url())) {
      // the probe's tenant in the heap tier, then counters once the store has reported
      assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
          .isEqualTo("tenant=acme cdi=acme");
      long scans0 = StoreScans.settled();
      long redis0 = commands.total();
      long lookups0 = http.lookups();

      long start = System.nanoTime();
      List<Outcome> outcomes = new ArrayList<>(send(http, malformed));
      long malformedMillis = (System.nanoTime() - start) / 1_000_000;

      long lookups1 = http.lookups();
      long redis1 = commands.total();
      long scans1 = StoreScans.settled();
      System.out.printf("%s: %d malformed requests in %d ms: lookups %d -> %d, Redis commands"
              + " %d -> %d, table scans %d -> %d%n", server, malformed.size(), malformedMillis,
          lookups0, lookups1, redis0, redis1, scans0, scans1);

      start = System.nanoTime();
      outcomes.addAll(send(http, rest));
      long restMillis = (System.nanoTime() - start) / 1_000_000;
      long redis2 = commands.total();
      long scans2 = StoreScans.settled();
      System.out.printf("%s: %d other requests in %d ms: Redis commands %d -> %d, table scans"
          + " %d -> %d%n", server, rest.size(), restMillis, redis1, redis2, scans1, scans2);

      report(server, outcomes, deviations);

      // the stats request that reads the counter is the one lookup between the two readings
      assertThat(lookups1 - lookups0).as("lookups caused by malformed requests + 1").isEqualTo(1);
      assertThat(redis1).as("Redis commands caused by malformed requests").isEqualTo(redis0);
      assertThat(scans1).as("PostgreSQL table scans caused by malformed requests")
          .isEqualTo(scans0);
      // the same counters do see the unknown hosts that follow: the measurement is live
      assertThat(redis2).as("Redis commands caused by unknown hosts").isGreaterThan(redis1);
      assertThat(scans2).as("PostgreSQL table scans caused by unknown hosts")
          .isGreaterThan(scans1);
    }
  }

  private List<Outcome> send(Http http, List<Case> cases) throws Exception {
    String path = http.path("/probe/whoami");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<List<Outcome>>> parts = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        parts.add(pool.submit(() -> {
          List<Outcome> outcomes = new ArrayList<>();
          try (KeepAliveClient client = new KeepAliveClient(http.port())) {
            for (int i = thread; i < cases.size(); i += THREADS) {
              outcomes.add(exchange(client, cases.get(i), path));
            }
          }
          return outcomes;
        }));
      }
      List<Outcome> all = new ArrayList<>();
      for (Future<List<Outcome>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome exchange(KeepAliveClient client, Case c, String path) {
    KeepAliveClient.Response response;
    try {
      response = client.exchange(c.request(path));
    } catch (IOException e) {
      client.close();
      return new Outcome(c, -1, null, null, "none", e.getClass().getSimpleName());
    }
    String body = response.body();
    Matcher m = TENANT.matcher(body);
    String tenant = m.find() ? m.group(1) : null;
    String cdi = tenant == null ? null : m.group(2);
    String by;
    if (body.startsWith("Bad Request: ") || body.equals("Not Found: unknown tenant\n")) {
      by = "filter";
    } else if (body.equals(HostGuardFilter.BODY_TEXT)
        || body.equals(HostGuardFilter.TARGET_BODY_TEXT)) {
      by = "guard";
    } else if (body.startsWith("tenant=")) {
      by = "application";
    } else {
      by = "server";
    }
    return new Outcome(c, response.status(), tenant, cdi, by, body);
  }

  /** A case's key in the deviation list: kind and escaped value. */
  private static String key(Case c) {
    return c.kind() + "\t" + HostileHostCorpus.escape(c.value());
  }

  /**
   * The listed deviations of {@code server}: case key → outcome ("200", "200 tenant=acme"). A
   * line's first column names one server or several, comma-separated ({@code payara} is Payara
   * Micro as it comes, {@code payara-guarded} the same with the host guard).
   */
  static Map<String, String> deviations(String server) {
    Map<String, String> deviations = new HashMap<>();
    try (InputStream in =
        HostileHostIT.class.getClassLoader().getResourceAsStream(DEVIATIONS)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 5);
        if (List.of(f[0].split(",")).contains(server)) {
          deviations.put(f[3] + "\t" + f[4], f[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deviations;
  }

  private static void report(String server, List<Outcome> outcomes, Map<String, String> deviations)
      throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    StringBuilder file = new StringBuilder("# status\tanswered by\texpect\tcategory\tvalue\tbody\n");
    int deviating = 0;
    for (Outcome o : outcomes) {
      Case c = o.c();
      String key = HostileHostCorpus.escape(c.value());
      String outcome = o.status() + (o.tenant() == null ? "" : " tenant=" + o.tenant());
      counts.merge(c.category() + " " + c.expect() + " -> " + o.status() + " by "
          + o.answeredBy(), 1, Integer::sum);
      file.append(o.status()).append('\t').append(o.answeredBy()).append('\t')
          .append(c.expect()).append('\t').append(c.category()).append('\t').append(key)
          .append('\t').append(HostileHostCorpus.escape(
              new String(o.body().getBytes(StandardCharsets.UTF_8),
                  StandardCharsets.ISO_8859_1)
                  .substring(0, Math.min(80, o.body().length()))))
          .append('\n');
      boolean cdiAgrees = o.tenant() == null || o.tenant().equals(o.cdi());
      boolean ok = c.accepts(o.status(), o.tenant()) && cdiAgrees;
      String known = deviations.get(key(c));
      if (known != null) {
        deviating++;
        if (!outcome.equals(known)) {
          gone.add(c.category() + " " + key + ": listed as " + known + ", got " + outcome);
        }
      } else if (!ok) {
        failures.add(c.expect() + " " + c.category() + " " + c.kind() + " " + key + " -> "
            + o.status() + " by " + o.answeredBy() + " tenant=" + o.tenant() + " cdi=" + o.cdi());
      }
    }
    Path out = Path.of(System.getProperty("tf.build.dir", "target"),
        "hostile-hosts-" + server + ".tsv");
    Files.writeString(out, file, StandardCharsets.ISO_8859_1);
    System.out.printf("%s: %d requests; by category, expected class, status and who answered:%n",
        server, outcomes.size());
    counts.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
    System.out.printf("%s: %d known server-level deviations (%d listed); %d failures (all in %s)%n",
        server, deviating, deviations.size(), failures.size(), out);
    failures.stream().limit(200).forEach(f -> System.out.println("  FAIL " + f));

    assertThat(outcomes).as("5xx responses")
        .noneMatch(o -> o.status() >= 500 && !deviations.containsKey(key(o.c())));
    assertThat(gone).as("listed deviations that changed").isEmpty();
    assertThat(deviating).as("listed deviations found in the corpus").isEqualTo(deviations.size());
    assertThat(failures).as("requests outside their class").isEmpty();
  }
}
