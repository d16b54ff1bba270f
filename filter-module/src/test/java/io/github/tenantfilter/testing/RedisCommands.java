package io.github.tenantfilter.testing;

import redis.clients.jedis.RedisClient;

/** Counts the commands a Redis server has executed, from {@code INFO commandstats}. */
public final class RedisCommands implements AutoCloseable {

  private final RedisClient client;

  public RedisCommands(String url) {
    this.client = RedisClient.create(url);
  }

  /** Commands executed so far, not counting the {@code INFO} calls made to count them. */
  public long total() {
    long total = 0;
    for (String line : client.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
        int start = line.indexOf("calls=") + 6;
        int end = line.indexOf(',', start);
        total += Long.parseLong(line.substring(start, end));
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

  public RedisClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
