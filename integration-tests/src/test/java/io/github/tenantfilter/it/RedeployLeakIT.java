// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.app.JmxProbeServlet;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.ProcessSockets;
import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.testing.RedisProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Deploys and undeploys a WAR holding the real tenant-filter JAR {@value #CYCLES} times on one
 * WildFly, with every background part of the filter started (Redis tier and its pool, the pub/sub
 * invalidation thread and its watchdog, PostgreSQL {@code LISTEN}, refresh-ahead, the JMX bean,
 * the stats page's sampling thread, all of them threads of the server's ManagedThreadFactory,
 * checked in every cycle), and measures from the server after each undeploy and a GC: its threads (and those named {@code
 * tenant-filter*}), heap, loaded and unloaded classes, MBeans of {@code io.github.tenantfilter},
 * the Redis connections (a Redis of this test's own, so that {@code CLIENT LIST} shows only this
 * server's) and the server's PostgreSQL connections and their last statement.
 *
 * <p>WildFly only: the payara execution leaves this class out, because Payara Micro's Arquillian
 * connector boots a new Payara Micro JVM for every deployment, so an undeploy there ends the JVM
 * and a redeploy test measures nothing; the wildfly-plain execution skips it (no Fault
 * Tolerance, so a Redis setting fails the deployment).
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class RedeployLeakIT {

  static final int CYCLES = 20;
  private static final String APP = "leakapp";
  /** A channel of this run's own: no other LISTEN on the shared PostgreSQL is counted. */
  private static final String CHANNEL =
      "tf_leak_" + UUID.randomUUID().toString().substring(0, 8);
  /** This test's own Redis: every client in CLIENT LIST is the server's (or this test's). */
  private static RedisProcess redis;

  @ArquillianResource Deployer deployer;
  @ArquillianResource ManagementClient management;

  private static synchronized RedisProcess redis() {
    if (redis == null) {
      redis = RedisProcess.start();
    }
    return redis;
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  /** The application that is redeployed: every background part of the filter on. */
  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive app() {
    return Deployments.war(APP,
        contextParam("tenant-filter.redis.url", redis().url())
            + contextParam("tenant-filter.store.notify-channel", CHANNEL)
            + contextParam("tenant-filter.local-cache.ttl", "2")
            + contextParam("tenant-filter.local-cache.refresh-ahead", "50")
            + contextParam("tenant-filter.jmx", "true")
            + contextParam("tenant-filter.stats.enabled", "true"));
  }

  /** Stays deployed and reports the MBeans of the domain; holds no tenant-filter. */
  @Deployment(name = "observer", testable = false)
  static WebArchive observer() {
    return ShrinkWrap.create(WebArchive.class, "leakobserver.war").addClass(JmxProbeServlet.class);
  }

  /** One line of the table in docs/operations.md. */
  record Figures(int cycle, int threads, List<String> names, List<String> ours, long heapUsed, long loaded,
      long unloaded, int redisClients, int postgresConnections, List<String> postgresListening,
      String mbeans) {

    String row() {
      return String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %d | %d | %d | %d | %d | %s |",
          cycle, threads, ours.size(), heapUsed / 1048576.0, loaded, unloaded, redisClients,
          postgresConnections, postgresListening.size(), mbeans);
    }
  }

  @Test
  void redeployTwentyTimes_leavesNoThreadsConnectionsBeansOrClassLoaders() throws Exception {
    List<Figures> table = new ArrayList<>();
    // cycle 0 warms the server up (subsystems start lazily, the DataSource pool fills)
    cycle(0, true);
    Figures baseline = measure(0);
    table.add(baseline);
    List<Long> rises = new ArrayList<>();
    long loadedBefore = baseline.loaded();
    Figures fifth = null;
    for (int i = 1; i <= CYCLES; i++) {
      long loadedWhileDeployed = cycle(i, false);
      // classes one deployment adds: the median rise over the count before it (one cycle can
      // show less, even a drop, when an earlier deployment is unloaded meanwhile, or more when
      // the server loads classes of its own)
      rises.add(loadedWhileDeployed - loadedBefore);
      Figures after = measure(i);
      loadedBefore = after.loaded();
      table.add(after);
      if (i == 5) {
        fifth = after;
      }
      // nothing of ours survives an undeploy, at any cycle
      assertThat(after.ours()).as("tenant-filter threads after undeploy %d", i).isEmpty();
      assertThat(after.mbeans()).as("MBeans after undeploy %d", i).isEqualTo("names=[]");
      assertThat(after.redisClients()).as("Redis clients after undeploy %d", i).isZero();
      assertThat(after.postgresListening()).as("sessions still listening after undeploy %d", i)
          .isEmpty();
    }
    long perDeployment = rises.stream().sorted().toList().get(rises.size() / 2);
    Figures last = table.get(table.size() - 1);
    Path log = ItServices.wildflyHome().resolve("standalone/log/server.log");
    assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains(CHANNEL))
        .noneMatch(line -> line.contains("failed"));
    report(table, perDeployment, baseline, fifth, last);

    // the server's own pools may start a thread or two more (ours are proven gone by name
    // above), but no kind of thread that was not there before: a leaked executor or evictor
    assertThat(kinds(last.names())).isSubsetOf(kinds(baseline.names()));
    assertThat(last.threads()).isLessThanOrEqualTo(baseline.threads() + 5);
    assertThat(last.postgresConnections()).isLessThanOrEqualTo(baseline.postgresConnections() + 2);
    // a deployment loads about perDeployment classes: a leaked class loader per cycle would
    // keep CYCLES times that many loaded; collected ones are counted as unloaded
    assertThat(perDeployment).isGreaterThan(500);
    assertThat(last.loaded() - baseline.loaded()).isLessThan(2 * perDeployment);
    assertThat(last.unloaded() - baseline.unloaded()).isGreaterThan((CYCLES - 2) * perDeployment);
    // heap after GC, flat between cycle 5 and cycle 20: anything kept at 1.1 MiB or more per
    // cycle fails (measured: +0.3 MiB in all). The class counts above are the sharper check
    // that whole deployments go; this one catches what a live class loader would not show.
    assertThat(last.heapUsed() - fifth.heapUsed()).isLessThan(16L * 1024 * 1024);
  }

  /**
   * Deploys, sends requests so that every part opens its connections and threads, checks they
   * did, undeploys.
   *
   * @return the loaded class count while deployed
   */
  private long cycle(int cycle, boolean warmUp) throws Exception {
    deployer.deploy(APP);
    long loaded;
    try {
      int port = management.getWebUri().getPort();
      String path = "/" + APP + "/probe/whoami";
      for (String tenant : List.of("acme", "globex", "initech")) {
        assertThat(RawHttp.get(port, tenant + ".app.localhost", path).body())
            .isEqualTo("tenant=" + tenant + " cdi=" + tenant);
      }
      assertThat(RawHttp.get(port, "nobody.app.localhost", path).status()).isEqualTo(404);
      // past half of the 2 s heap TTL: the next request refreshes ahead in the background
      Thread.sleep(1_200);
      assertThat(RawHttp.get(port, "acme.app.localhost", path).status()).isEqualTo(200);
      Set<String> running = waitForThreads(Set.of("tenant-filter-invalidations",
          "tenant-filter-invalidations-watchdog", "tenant-filter-pg-listener",
          "tenant-filter-stats"));
      assertThat(running).as("cycle %d", cycle).contains("tenant-filter-invalidations",
          "tenant-filter-invalidations-watchdog", "tenant-filter-pg-listener",
          "tenant-filter-stats");
      // the server's threads (ManagedThreadFactory), which must end with the undeploy all the same
      assertThat(ManagedThreadsIT.threads(port, "/" + APP + "/threadprobe"))
          .as("cycle %d: the server's managed threads", cycle).isNotEmpty()
          .allMatch(line -> line.contains(" managed=true loader=app "));
      // the pool's connection and the subscription's, which its thread opens by itself
      int clients = redisClients();
      for (int i = 0; i < 300 && clients < 2; i++) {
        Thread.sleep(100);
        clients = redisClients();
      }
      assertThat(clients).as("cycle %d: Redis clients", cycle).isGreaterThanOrEqualTo(2);
      assertThat(waitForListening()).as("cycle %d: a server session LISTENs", cycle).isNotEmpty();
      assertThat(observe()).contains("application=\"/" + APP + "\"");
      loaded = classLoading().get("loaded-class-count").asLong();
    } finally {
      deployer.undeploy(APP);
    }
    return loaded;
  }

  private Set<String> waitForThreads(Set<String> wanted) throws Exception {
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < 300; i++) {
      names = new TreeSet<>(ourThreads());
      if (names.containsAll(wanted)) {
        break;
      }
      Thread.sleep(100);
    }
    return names;
  }

  private List<String> waitForListening() throws Exception {
    List<String> sessions = listening();
    for (int i = 0; i < 300 && sessions.isEmpty(); i++) {
      Thread.sleep(100);
      sessions = listening();
    }
    return sessions;
  }

  private Figures measure(int cycle) throws Exception {
    // the listener's thread ends within a second of the undeploy (its poll timeout)
    List<String> ours = ourThreads();
    for (int i = 0; i < 30 && !ours.isEmpty(); i++) {
      Thread.sleep(100);
      ours = ourThreads();
    }
    op("/core-service=platform-mbean/type=memory", "gc");
    op("/core-service=platform-mbean/type=memory", "gc");
    ModelNode heap = read("/core-service=platform-mbean/type=memory", "heap-memory-usage");
    ModelNode classes = classLoading();
    int threads = read("/core-service=platform-mbean/type=threading", "thread-count").asInt();
    return new Figures(cycle, threads, threadNames(), ours, heap.get("used").asLong(),
        classes.get("loaded-class-count").asLong(), classes.get("unloaded-class-count").asLong(),
        redisClients(), serverConnectionsTo(postgresPort()).size(), listening(), observe());
  }

  private String observe() {
    return RawHttp.get(management.getWebUri().getPort(), "localhost", "/leakobserver/jmxprobe")
        .body();
  }

  private ModelNode classLoading() throws IOException {
    return op("/core-service=platform-mbean/type=class-loading", "read-resource",
        "include-runtime", "true");
  }

  /** Thread names of the server that contain tenant-filter. */
  private List<String> ourThreads() throws IOException {
    return threadNames().stream()
        .filter(name -> name.toLowerCase(Locale.ROOT).contains("tenant-filter"))
        .toList();
  }

  /** Every thread name of the server. */
  private List<String> threadNames() throws IOException {
    ModelNode dump = op("/core-service=platform-mbean/type=threading", "dump-all-threads",
        "locked-monitors", "false", "locked-synchronizers", "false");
    List<String> names = new ArrayList<>();
    for (ModelNode thread : dump.asList()) {
      names.add(thread.get("thread-name").asString());
    }
    return names;
  }

  /** Clients of this test's Redis named by the filter (RedisTier names its connections). */
  private static int redisClients() {
    try (RedisClient client = redis().client()) {
      String list = SafeEncoder.encode((byte[]) client.sendCommand(Protocol.Command.CLIENT,
          "LIST"));
      int count = 0;
      for (String line : list.split("\n")) {
        if (line.contains(" name=tenant-filter ")) {
          count++;
        }
      }
      return count;
    }
  }

  private static int postgresPort() {
    URI db = URI.create(LocalPostgres.get().jdbcUrl().substring("jdbc:".length()));
    return db.getPort() < 0 ? 5432 : db.getPort();
  }

  /**
   * The server process's TCP connections to {@code port}, as their local ports: read from {@code
   * /proc} (the server runs on this machine, as this user).
   */
  private Set<Integer> serverConnectionsTo(int port) throws IOException {
    String name = read("/core-service=platform-mbean/type=runtime", "name").asString();
    return ProcessSockets.localPortsTo(Long.parseLong(name.substring(0, name.indexOf('@'))), port);
  }

  /** The server's PostgreSQL sessions whose last statement was a LISTEN on our channel. */
  private List<String> listening() throws IOException, SQLException {
    Set<Integer> ports = serverConnectionsTo(postgresPort());
    List<String> sessions = new ArrayList<>();
    try (Connection connection = LocalPostgres.get().connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT client_port, state, query FROM pg_stat_activity WHERE query ILIKE ?")) {
      query.setString(1, "%LISTEN " + CHANNEL + "%");
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (ports.contains(rows.getInt(1))) {
            sessions.add(rows.getInt(1) + " " + rows.getString(2) + " " + rows.getString(3));
          }
        }
      }
    }
    return sessions;
  }

  /** Thread names with their numbers left out: "default task-#". */
  static Set<String> kinds(List<String> names) {
    Set<String> kinds = new TreeSet<>();
    names.forEach(name -> kinds.add(name.replaceAll("[0-9]+", "#")));
    return kinds;
  }

  private static void report(List<Figures> table, long perDeployment, Figures baseline,
      Figures fifth, Figures last) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("classes loaded by one deployment: ").append(perDeployment).append('\n');
    text.append("| cycle | threads | tenant-filter threads | heap used after GC (MiB) | loaded"
        + " classes | unloaded classes (total) | Redis clients | server PG connections |"
        + " PG sessions listening | MBeans |\n");
    text.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Figures f : table) {
      text.append(f.row()).append('\n');
    }
    text.append(String.format(Locale.ROOT,
        "threads %d -> %d, loaded classes %+d, unloaded %+d, heap cycle 5 -> 20: %+.1f MiB%n",
        baseline.threads(), last.threads(), last.loaded() - baseline.loaded(),
        last.unloaded() - baseline.unloaded(),
        (last.heapUsed() - fifth.heapUsed()) / 1048576.0));
    List<String> added = new ArrayList<>(last.names());
    baseline.names().forEach(added::remove);
    List<String> gone = new ArrayList<>(baseline.names());
    last.names().forEach(gone::remove);
    text.append("threads after cycle ").append(last.cycle()).append(" not there at cycle 0: ")
        .append(added).append("; gone since: ").append(gone).append('\n');
    text.append("kinds of server threads at cycle 0: ").append(kinds(baseline.names()))
        .append('\n');
    System.out.print(text);
    Files.writeString(Path.of(System.getProperty("tf.build.dir"), "redeploy-leak.md"),
        text.toString());
  }

  private ModelNode read(String address, String attribute) throws IOException {
    return op(address, "read-attribute", "name", attribute);
  }

  private ModelNode op(String address, String operation, String... parameters)
      throws IOException {
    ModelNode op = new ModelNode();
    op.get("operation").set(operation);
    ModelNode path = op.get("address").setEmptyList();
    for (String part : address.substring(1).split("/")) {
      String[] pair = part.split("=");
      path.add(pair[0], pair[1]);
    }
    for (int i = 0; i < parameters.length; i += 2) {
      op.get(parameters[i]).set(parameters[i + 1]);
    }
    ModelNode result = management.getControllerClient().execute(op);
    if (!"success".equals(result.get("outcome").asString())) {
      throw new IllegalStateException(operation + " on " + address + " failed: " + result);
    }
    return result.get("result");
  }
}
