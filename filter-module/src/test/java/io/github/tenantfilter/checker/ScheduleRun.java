// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TcpProxy;
import io.github.tenantfilter.testing.TenantSchema;
import io.github.tenantfilter.web.IsolatedNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Runs one {@link Schedule} against real servers and records its {@link History}: {@link #NODES}
 * full filter stacks ({@link IsolatedNode}: Weld, SmallRye Fault Tolerance, Ehcache, Jedis, the
 * JDBC store, each in a class loader of its own) sharing a Redis of the run's own (so that it
 * can be killed and hung) and a PostgreSQL schema of the run's own with the notification
 * trigger. Each node reaches both through TCP proxies of its own, so that one node, or all, can
 * be cut off while the servers keep their data and the writer (direct) goes on. Lookup threads ask every node for every host all the time; the schedule's thread
 * commits the writes and announces them; faults that last run on threads of their own.
 */
final class ScheduleRun implements AutoCloseable {

  static final int NODES = 3;
  private static final int LOOKUP_THREADS = 3;
  private static final String BASE_DOMAIN = "app.example";

  private final Schedule schedule;
  private final String application = "checker-" + System.nanoTime();
  private final LocalPostgres.Schema schema;
  private final RedisProcess redis;
  private final Map<String, String> settings = new HashMap<>();
  private final List<Map<String, Object>> storeFaults = new ArrayList<>();
  private final List<Map<String, String>> nodeSettings = new ArrayList<>();
  private final List<TcpProxy> redisProxies = new ArrayList<>();
  private final List<TcpProxy> databaseProxies = new ArrayList<>();
  private final AtomicReferenceArray<IsolatedNode> nodes = new AtomicReferenceArray<>(NODES);
  private final ExecutorService background = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "checker-fault");
    thread.setDaemon(true);
    return thread;
  });
  /** One Redis fault at a time: a hang of a killed Redis means nothing. */
  private final AtomicBoolean redisFault = new AtomicBoolean();
  private final History history;

  ScheduleRun(Schedule schedule) {
    this.schedule = schedule;
    this.history = new History(schedule.initial());
    this.schema = TenantSchema.create("checker");
    schema.executeResource(LocalPostgres.NOTIFY_SQL);
    Model initial = schedule.initial();
    for (Model.Row row : initial.tenants().values()) {
      schema.execute(initial.sql(new Write(Write.Kind.INSERT, row.id(), row.subdomain()))
          .replace("'" + row.id() + "@0'", "'" + row.name() + "'"));
    }
    Model empty = new Model(initial.tenants(), Map.of());
    initial.domains().forEach((domain, owner) ->
        schema.execute(empty.sql(new Write(Write.Kind.DOMAIN, domain, owner))));
    this.redis = RedisProcess.start();
    settings.put("tenant-filter.base-domains", BASE_DOMAIN);
    settings.put("tenant-filter.custom-domains", "true");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl() + "&ApplicationName=" + application);
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", redis.url());
    settings.put("tenant-filter.redis.timeout", "100ms");
    settings.put("tenant-filter.redis.ttl", "3600");
    settings.put("tenant-filter.redis.circuit.threshold", "3");
    settings.put("tenant-filter.local-cache.ttl", Integer.toString(Bounds.HEAP_TTL_SECONDS));
    settings.put("tenant-filter.negative-cache.ttl", Integer.toString(Bounds.HEAP_TTL_SECONDS));
    settings.put("tenant-filter.stale-if-error", Integer.toString(Bounds.STALE_IF_ERROR_SECONDS));
    settings.put("tenant-filter.status-outcomes", "active=serve,*=403");
    if (schedule.listen()) {
      settings.put("tenant-filter.store.notify-channel", "tenant_filter");
    }
    if (schedule.seed() % 2 != 0) {
      // a heap tier smaller than the keys asked for: eviction and the frequency admission
      // decide every few lookups (odd seeds; even ones keep the default size)
      settings.put("tenant-filter.local-cache.size", "3");
    }
    Matcher database =
        Pattern.compile("//([^/:]+):(\\d+)/").matcher(schema.jdbcUrl());
    if (!database.find()) {
      throw new IllegalStateException("no host:port in " + schema.jdbcUrl());
    }
    for (int i = 0; i < NODES; i++) {
      storeFaults.add(new ConcurrentHashMap<>());
      TcpProxy toRedis = TcpProxy.start(redis.port());
      TcpProxy toDatabase = TcpProxy.start(Integer.parseInt(database.group(2)));
      redisProxies.add(toRedis);
      databaseProxies.add(toDatabase);
      Map<String, String> own = new HashMap<>(settings);
      own.put("tenant-filter.redis.url", "redis://127.0.0.1:" + toRedis.port());
      own.put("tenant-filter.jdbc.url", settings.get("tenant-filter.jdbc.url")
          .replace(database.group(0), "//127.0.0.1:" + toDatabase.port() + "/"));
      nodeSettings.add(own);
      nodes.set(i, startNode(i));
    }
  }

  private IsolatedNode startNode(int index) {
    IsolatedNode node = new IsolatedNode(nodeSettings.get(index), storeFaults.get(index));
    // Redis may be down (a fault): then the node subscribes later, and serves meanwhile
    node.awaitInvalidationChannel(10_000);
    // one lookup before the node takes part, not recorded: the timeout bound is about a node's
    // requests, not about its first one loading the classes and JIT-compiling the path (on a
    // busy machine, over 2 s); what it puts in the heap tier is checked like any value
    try {
      node.lookup(Schedule.hosts().get(0));
    } catch (RuntimeException e) {
      // a fault under way: the recorded lookups will meet it
    }
    return node;
  }

  /**
   * Runs the schedule, then {@code quietMillis} of lookups more with no write and no fault (every
   * bound has passed by then: what is still stale stays stale), and returns what happened.
   */
  History run(long quietMillis) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<String> hosts = Schedule.hosts();
    List<Thread> lookups = new ArrayList<>();
    for (int t = 0; t < LOOKUP_THREADS; t++) {
      SplittableRandom random = new SplittableRandom(schedule.seed() * 31 + t);
      Thread thread = new Thread(() -> {
        List<History.Lookup> mine = new ArrayList<>();
        while (!stop.get()) {
          int index = random.nextInt(NODES);
          IsolatedNode node = nodes.get(index);
          if (node == null) {
            continue; // restarting
          }
          String host = hosts.get(random.nextInt(hosts.size()));
          long start = System.nanoTime();
          String answer;
          try {
            answer = node.lookup(host);
          } catch (RuntimeException e) {
            answer = "500 " + e.getCause();
          }
          mine.add(new History.Lookup(index, host, start, System.nanoTime(), answer));
          LockSupport.parkNanos(200_000);
        }
        history.lookups.addAll(mine);
      }, "checker-lookups-" + t);
      thread.setDaemon(true);
      lookups.add(thread);
      thread.start();
    }
    long zero = System.nanoTime();
    history.zero = zero;
    Model model = schedule.initial();
    for (Step step : schedule.steps()) {
      long due = zero + TimeUnit.MILLISECONDS.toNanos(step.at());
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      if (step instanceof Step.Change change) {
        if (model.allows(change.write())) {
          model = commit(change, model);
        }
      } else {
        inject((Step.Fault) step);
      }
    }
    background.shutdown();
    if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
      history.hangs.add("a fault did not end within 60 s");
    }
    Thread.sleep(quietMillis);
    stop.set(true);
    for (Thread thread : lookups) {
      thread.join(30_000);
      if (thread.isAlive()) {
        history.hangs.add(thread.getName() + " still in a lookup after 30 s:\n"
            + Arrays.stream(thread.getStackTrace()).map(frame -> "    at " + frame)
                .reduce("", (a, b) -> a + b + "\n"));
      }
    }
    return history;
  }

  private Model commit(Step.Change change, Model model) {
    Write write = change.write();
    List<String> touched = model.touched(write);
    String sql = model.sql(write);
    Model after = model.apply(write);
    long start = System.nanoTime();
    schema.execute(sql);
    long end = System.nanoTime();
    boolean failed = false;
    int announcer = -1;
    if (change.announce() != Step.Announce.NONE) {
      announcer = liveNode(change.node());
      IsolatedNode node = nodes.get(announcer);
      try {
        if (change.announce() == Step.Announce.ALL) {
          node.invalidateAll();
        } else {
          for (String tenant : touched) {
            node.invalidate(tenant);
          }
        }
      } catch (RuntimeException e) {
        failed = true;
      }
    }
    history.writes.add(
        new History.Committed(change, start, end, after, announcer, System.nanoTime(), failed));
    return after;
  }

  /** {@code preferred}, or the next node that is not restarting. */
  private int liveNode(int preferred) {
    for (int i = 0; ; i = (i + 1) % NODES) {
      if (nodes.get((preferred + i) % NODES) != null) {
        return (preferred + i) % NODES;
      }
    }
  }

  private void inject(Step.Fault fault) {
    switch (fault.kind()) {
      case REDIS_KILL -> {
        if (redisFault.compareAndSet(false, true)) {
          long start = System.nanoTime();
          redis.kill();
          background.execute(() -> {
            sleep(fault.millis());
            redis.restart();
            redisFault.set(false);
            record(fault, start, System.nanoTime());
          });
        }
      }
      case REDIS_HANG -> {
        if (redisFault.compareAndSet(false, true)) {
          background.execute(() -> {
            long start = System.nanoTime();
            try (Jedis admin = redis.jedis()) {
              admin.getConnection().setSoTimeout((int) fault.millis() + 5_000);
              admin.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "SLEEP",
                  String.format(Locale.ROOT, "%.3f", fault.millis() / 1000.0));
            } catch (RuntimeException e) {
              // Redis not there: nothing hung
            } finally {
              redisFault.set(false);
              record(fault, start, System.nanoTime());
            }
          });
        }
      }
      case PUBSUB_CUT -> {
        long start = System.nanoTime();
        try (Jedis admin = redis.jedis()) {
          admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
        } catch (RuntimeException e) {
          // Redis not there: the subscriptions are broken anyway
        }
        record(fault, start, start + TimeUnit.SECONDS.toNanos(1));
      }
      case DB_CUT -> {
        long start = System.nanoTime();
        try (Connection connection = LocalPostgres.get().connect();
            Statement statement = connection.createStatement()) {
          statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = '" + application + "' AND pid <> pg_backend_pid()");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        record(fault, start, start + TimeUnit.SECONDS.toNanos(2));
      }
      case REDIS_PARTITION, DB_PARTITION -> {
        List<TcpProxy> proxies = fault.kind() == Step.Kind.REDIS_PARTITION
            ? redisProxies : databaseProxies;
        List<TcpProxy> cut = fault.node() < 0 ? proxies : List.of(proxies.get(fault.node()));
        TcpProxy.Mode mode =
            "blackhole".equals(fault.mode()) ? TcpProxy.Mode.BLACKHOLE : TcpProxy.Mode.REFUSE;
        long start = System.nanoTime();
        cut.forEach(proxy -> proxy.mode(mode));
        background.execute(() -> {
          sleep(fault.millis());
          cut.forEach(proxy -> proxy.mode(TcpProxy.Mode.PASS));
          record(fault, start, System.nanoTime());
        });
      }
      case STORE_SLOW, STORE_FAIL, STORE_ERROR -> {
        Map<String, Object> faults = storeFaults.get(fault.node());
        if (faults.putIfAbsent("mode", fault.mode()) == null) {
          long start = System.nanoTime();
          background.execute(() -> {
            sleep(fault.millis());
            faults.remove("mode");
            record(fault, start, System.nanoTime());
          });
        }
      }
      case RESTART -> {
        IsolatedNode node = nodes.getAndSet(fault.node(), null);
        if (node != null) {
          long start = System.nanoTime();
          background.execute(() -> {
            try {
              node.close();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            nodes.set(fault.node(), startNode(fault.node()));
            record(fault, start, System.nanoTime());
          });
        }
      }
    }
  }

  private void record(Step.Fault fault, long start, long end) {
    history.faults.add(new History.Fault(fault.kind(), fault.node(), fault.mode(), start, end));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws Exception {
    background.shutdownNow();
    for (int i = 0; i < NODES; i++) {
      IsolatedNode node = nodes.getAndSet(i, null);
      if (node != null) {
        node.close();
      }
    }
    redisProxies.forEach(TcpProxy::close);
    databaseProxies.forEach(TcpProxy::close);
    redis.close();
    schema.close();
  }
}
