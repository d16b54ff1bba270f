// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.util.Set;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * Counts the data commands a Redis server has executed, from {@code INFO commandstats}: reads,
 * writes and scripts. Connection housekeeping is left out (the handshake of a new connection,
 * the invalidation subscription and its keepalive PING every 2 s, and the INFO calls that count):
 * it is not traffic caused by requests.
 */
public final class RedisCommands implements AutoCloseable {

  private final RedisClient client;

  public RedisCommands(String url) {
    this.client = RedisClient.create(url);
  }

  private static final Set<String> HOUSEKEEPING =
      Set.of("info", "ping", "hello", "client", "subscribe", "unsubscribe", "auth",
          "select", "command");

  /** Data commands executed so far. */
  public long total() {
    long total = 0;
    for (String line : client.info("commandstats").split("\r?\n")) {
      String name = line.startsWith("cmdstat_") ? line.substring(8, line.indexOf(':')) : null;
      // "client|setname" and the like: the part before the bar names the command
      if (name != null && !HOUSEKEEPING.contains(name.split("\\|")[0])) {
        int start = line.indexOf("calls=") + 6;
        int end = line.indexOf(',', start);
        total += Long.parseLong(line.substring(start, end));
      }
    }
    return total;
  }

  /** Every command executed so far, housekeeping included; only the counting INFO left out. */
  public long everything() {
    long total = 0;
    for (String line : client.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
        int start = line.indexOf("calls=") + 6;
        total += Long.parseLong(line.substring(start, line.indexOf(',', start)));
      }
    }
    return total;
  }

  /** How often the server has executed {@code command} (lower case, such as {@code mget}). */
  public long calls(String command) {
    for (String line : client.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        int start = line.indexOf("calls=") + 6;
        return Long.parseLong(line.substring(start, line.indexOf(',', start)));
      }
    }
    return 0;
  }

  /**
   * Starts counting from zero ({@code CONFIG RESETSTAT}): what nodes did while they started
   * (their first subscription prepares the tier) is not what a test measures.
   */
  public void reset() {
    client.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
  }

  public RedisClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
