// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.util.BackgroundThreads;
import io.github.tenantfilter.internal.util.ReconnectWait;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPubSub;

// Above 300 lines on purpose: subscription, watchdog and reconnect share one connection's state
// and one thread; split, each part would need the others' fields.
/**
 * How the nodes tell each other to drop a tenant from their heap tiers: Redis pub/sub on {@code
 * <prefix>tenant:invalidations}, on a connection of its own that a background thread keeps
 * subscribed (the server's managed thread where it offers them, {@link BackgroundThreads}, made
 * by {@link #start}; it reconnects itself, no thread is made later). Messages are {@code <node> t
 * <tenant id>} or {@code <node> *}, and for the named
 * cache regions {@code <node> r <region> <key>} or {@code <node> R <region>}; a node ignores its
 * own.
 *
 * <p>Messages can be lost (Redis down, connection cut), or sent before the first subscription.
 * So the node is told when it stops hearing and every time the subscription is made (the first
 * time too), and resynchronises then; the heap TTL bounds staleness if a loss goes unnoticed. A
 * watchdog pings the subscription every few seconds and reconnects when no answer comes: a
 * connection that died silently is noticed too. While the circuit breaker
 * around Redis is open the bus sends nothing (no reconnect, no ping): no command of ours reaches
 * Redis until the breaker's probe succeeds.
 *
 * <p>Where it subscribes comes from {@link RedisClients#pubSubNode}: the one server; with
 * Sentinel the current master, asked again at every reconnect, so that after a failover the
 * subscription moves to the new master; in a cluster one node after the other (every node
 * receives every PUBLISH of the cluster), so that a node that died is left for the next.
 */
final class InvalidationBus implements AutoCloseable {

  /**
   * The longest wait between two reconnect attempts: while the channel is down the node does not
   * trust Redis, so it should be back soon after the server is; an attempt a second is cheap.
   */
  private static final long MAX_BACKOFF_MILLIS = 1_000;
  private static final Logger LOG = Logger.getLogger(InvalidationBus.class.getName());
  private static final long PING_EVERY_MILLIS = 2_000;
  private static final long DEAD_AFTER_MILLIS = 6_000;

  /** What the bus asks of the node. */
  interface Receiver {
    /** Another node invalidated {@code tenantId}. */
    void tenantInvalidated(String tenantId);

    /** Another node invalidated everything: drop the heap tier. */
    void everythingInvalidated();

    /**
     * Subscribed, the first time or again after a break: messages sent before may have been
     * missed. Called on the bus's thread before any message that follows.
     *
     * @param again whether this node was subscribed before (a break, not the start)
     */
    void subscribed(boolean again);

    /** The subscription ended or broke: messages are missed until {@link #subscribed}. */
    void unsubscribed();

    /** Called every few seconds by the bus's watchdog, whatever the subscription's state. */
    default void tick() {}
  }

  private final String nodeId;
  private final RedisClients redis;
  private final String channel;
  private final Receiver receiver;
  /** Where the named regions' messages go; {@code null}: nowhere. */
  private final SharedRedis regions;
  /** False while the circuit around Redis is open: then the bus neither reconnects nor pings. */
  private final BooleanSupplier mayCallRedis;
  private final BackgroundThreads threads;
  /** The subscriber, made by {@link #start}; null before. */
  private volatile Thread thread;
  private final ScheduledExecutorService watchdog;
  private final CountDownLatch firstSubscription = new CountDownLatch(1);
  /** The wait between reconnects, cut short when closing. */
  private final ReconnectWait reconnectWait = new ReconnectWait();
  private volatile Connection connection;
  private volatile JedisPubSub subscription;
  private volatile long lastPong;
  private volatile boolean broken;
  /** Whether the receiver was told of the subscription and not yet of its end. */
  private volatile boolean heard;

  /**
   * Creates a bus; {@link #start()} starts it.
   *
   * @param nodeId this node's id in messages (its own are ignored)
   * @param receiver where the tenant cache's messages go, and the subscription's state
   * @param regions where the named regions' messages go (and the subscription's returns), to
   *     the listener they register; {@code null}: nowhere
   * @param threads where its two threads come from (the subscriber and the watchdog)
   */
  InvalidationBus(
      String nodeId,
      RedisClients redis,
      String channel,
      Receiver receiver,
      SharedRedis regions,
      BooleanSupplier mayCallRedis,
      BackgroundThreads threads) {
    this.nodeId = nodeId;
    this.redis = redis;
    this.mayCallRedis = mayCallRedis;
    this.channel = channel;
    this.receiver = receiver;
    this.regions = regions;
    this.threads = threads;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(
        threads.named("tenant-filter-invalidations-watchdog"));
  }

  /**
   * Starts the subscriber and the watchdog. Their threads are made now, not before: a server
   * keeps every thread its factory made until that thread has run.
   */
  void start() {
    thread = threads.newThread("tenant-filter-invalidations", this::run);
    thread.start();
    watchdog.scheduleWithFixedDelay(
        this::watch, PING_EVERY_MILLIS, PING_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Waits until subscribed the first time; for startup and tests. */
  boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    return firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }


  /** A new node id, for {@link #InvalidationBus} and the messages. */
  static String newNodeId() {
    return UUID.randomUUID().toString();
  }

  /** Node {@code nodeId} invalidated {@code tenantId}: {@code <node> t <tenant id>}. */
  static String message(String nodeId, String tenantId) {
    return nodeId + " t " + tenantId;
  }

  /** Node {@code nodeId} invalidated every tenant: {@code <node> *}. */
  static String messageAll(String nodeId) {
    return nodeId + " *";
  }

  /**
   * Node {@code nodeId} invalidated {@code key} (escaped: no spaces) of cache region {@code
   * region}: {@code <node> r <region> <key>}; {@code key == null}, the whole region: {@code <node>
   * R <region>}.
   */
  static String regionMessage(String nodeId, String region, String key) {
    return key == null ? nodeId + " R " + region : nodeId + " r " + region + " " + key;
  }

  /** The regions' listener, if they registered one. */
  private SharedRedis.RegionListener regionListener() {
    return regions == null ? null : regions.listener();
  }

  private void run() {
    long backoff = 100;
    boolean subscribedBefore = false;
    int attempt = 0;
    while (!reconnectWait.closed()) {
      if (!mayCallRedis.getAsBoolean()) {
        reconnectWait.sleep(100); // the circuit is open: nothing of ours calls Redis, this neither
        continue;
      }
      try (Connection conn = new Connection(node(attempt++), redis.pubSubConfig())) {
        connection = conn;
        boolean again = subscribedBefore;
        JedisPubSub pubSub = new JedisPubSub() {
          @Override
          public void onSubscribe(String name, int count) {
            lastPong = System.currentTimeMillis();
            // messages may have been published while we were away (or before we came)
            receiver.subscribed(again);
            SharedRedis.RegionListener regionListener = regionListener();
            if (regionListener != null) {
              regionListener.resubscribed();
            }
            heard = true;
            if (again) {
              LOG.info("tenant-filter: invalidation channel subscribed again; the heap tier was"
                  + " dropped, and Redis's tenant values, in case a message was lost");
            }
            if (broken) {
              broken = false;
            }
            firstSubscription.countDown();
          }

          @Override
          public void onMessage(String name, String message) {
            handle(message);
          }

          @Override
          public void onPong(String pattern) {
            lastPong = System.currentTimeMillis();
          }
        };
        subscription = pubSub;
        subscribedBefore = true;
        backoff = 100;
        pubSub.proceed(conn, channel); // blocks until unsubscribed or the connection breaks
      } catch (RuntimeException e) {
        if (!reconnectWait.closed() && !broken) {
          broken = true;
          // INFO: when Redis is down, the Redis tier already said so at WARNING
          LOG.info("tenant-filter: the invalidation channel on Redis is not reachable ("
              + e.getMessage() + "); reconnecting in the background");
        }
      } finally {
        subscription = null;
        connection = null;
        if (heard) {
          heard = false;
          receiver.unsubscribed();
        }
      }
      if (!reconnectWait.closed()) {
        reconnectWait.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private void handle(String message) {
    String[] parts = message.split(" ", 3);
    if (parts.length < 2 || parts[0].equals(nodeId)) {
      return; // malformed, or our own
    }
    if (parts[1].equals("*")) {
      receiver.everythingInvalidated();
    } else if (parts[1].equals("t") && parts.length == 3) {
      receiver.tenantInvalidated(parts[2]);
    } else if (parts.length == 3 && regionListener() != null) {
      SharedRedis.RegionListener regionListener = regionListener();
      int space = parts[2].indexOf(' ');
      if (parts[1].equals("r") && space > 0) {
        regionListener.regionInvalidated(
            parts[2].substring(0, space), parts[2].substring(space + 1));
      } else if (parts[1].equals("R")) {
        regionListener.regionCleared(parts[2]);
      }
    }
  }

  /** Pings the subscription, and cuts it when the last answer is too old. */
  private void watch() {
    try {
      receiver.tick();
    } catch (RuntimeException e) {
      LOG.fine("tenant-filter: the invalidation watchdog's tick failed: " + e);
    }
    JedisPubSub current = subscription;
    Connection conn = connection;
    if (current == null || conn == null || !current.isSubscribed()
        || !mayCallRedis.getAsBoolean()) {
      return; // while the circuit is open, not even a PING
    }
    if (System.currentTimeMillis() - lastPong > DEAD_AFTER_MILLIS) {
      LOG.warning("tenant-filter: the invalidation channel stopped answering; reconnecting");
      conn.close();
      return;
    }
    try {
      current.ping();
    } catch (RuntimeException e) {
      conn.close();
    }
  }

  /** Where to subscribe now; a failure to find out is a failed attempt like any other. */
  private HostAndPort node(int attempt) {
    return redis.pubSubNode(attempt);
  }

  @Override
  public void close() {
    reconnectWait.close();
    watchdog.shutdownNow();
    awaitWatchdog();
    JedisPubSub current = subscription;
    if (current != null && current.isSubscribed()) {
      try {
        current.unsubscribe();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    }
    Connection conn = connection;
    if (conn != null) {
      conn.close();
    }
    try {
      Thread subscriber = thread;
      if (subscriber != null) {
        subscriber.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for a watchdog round under way (a PING): no thread of ours outlives the bus. */
  private void awaitWatchdog() {
    try {
      watchdog.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
