// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * The checks of settings against each other, made once all are read: a value that parses can
 * still clash with another (a DataSource and a JDBC URL, a cluster URL with a database, a
 * certificate without its key). Also the warnings about combinations that work but are unsafe.
 */
final class CrossSettingChecks {

  // the warnings keep the logger they always had
  private static final Logger LOG = Logger.getLogger(TenantFilterConfig.class.getName());

  private CrossSettingChecks() {}

  /**
   * Checks {@code config}, read from {@code reader} (which says where each value came from).
   *
   * @throws InvalidSettingException if two settings clash
   */
  static void check(TenantFilterConfig config, SettingsReader reader) {
    if (config.dataSource() != null && config.jdbcUrl() != null) {
      throw new InvalidSettingException(
          Settings.DATASOURCE.name(),
          "set either "
              + Settings.DATASOURCE.name()
              + " (\""
              + config.dataSource()
              + "\", from "
              + reader.origin(Settings.DATASOURCE)
              + ") or "
              + Settings.JDBC_URL.name()
              + " (from "
              + reader.origin(Settings.JDBC_URL)
              + "), not both");
    }
    if (config.jdbcUrl() != null && config.storeNotifyChannel() != null
        && config.jdbcPoolSize() < 2) {
      throw new InvalidSettingException(
          Settings.JDBC_POOL_SIZE.name(), Integer.toString(config.jdbcPoolSize()),
          reader.origin(Settings.JDBC_POOL_SIZE),
          "the LISTEN of " + Settings.STORE_NOTIFY_CHANNEL.name() + " holds one connection of "
              + Settings.JDBC_URL.name() + "'s pool for good, which leaves none for lookups: set"
              + " it to 2 or more");
    }
    checkRedisTopology(config, reader);
    checkRedisTls(config, reader);
    if (config.idHeader() != null && config.headerSources().isEmpty()) {
      LOG.warning("tenant-filter: any client can choose its tenant with the header "
          + config.idHeader() + "; if only a gateway should, list it in "
          + Settings.HEADER_SOURCES.name());
    }
    if (config.baseDomains().isEmpty() && !config.customDomains() && config.idHeader() == null) {
      LOG.warning(
          "tenant-filter: no base domains, custom domains off and no tenant header:"
              + " no request can name a tenant");
    }
  }

  /** The URL, the mode and the master's name agree. */
  private static void checkRedisTopology(TenantFilterConfig config, SettingsReader reader) {
    RedisMode mode = config.redisMode();
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (config.redisUrl() == null) {
      if (mode != RedisMode.STANDALONE) {
        throw new InvalidSettingException(Settings.REDIS_MODE.name(), modeName,
            reader.origin(Settings.REDIS_MODE),
            Settings.REDIS_URL.name() + " is empty: name the "
                + (mode == RedisMode.SENTINEL ? "sentinels" : "cluster's nodes") + " there");
      }
    } else {
      RedisEndpoint endpoint = config.redisEndpoint();
      if (mode == RedisMode.STANDALONE && endpoint.nodes().size() > 1) {
        throw new InvalidSettingException(Settings.REDIS_URL.name(), config.redisUrlForDisplay(),
            reader.origin(Settings.REDIS_URL),
            "names " + endpoint.nodes().size() + " hosts, but " + Settings.REDIS_MODE.name()
                + " is standalone: set it to sentinel or cluster, or name one host");
      }
      if (mode == RedisMode.CLUSTER && endpoint.database() > 0) {
        throw new InvalidSettingException(Settings.REDIS_URL.name(), config.redisUrlForDisplay(),
            reader.origin(Settings.REDIS_URL),
            "names database " + endpoint.database() + ", but a Redis Cluster has only database 0");
      }
    }
    if (mode == RedisMode.SENTINEL && config.redisSentinelMaster() == null) {
      throw new InvalidSettingException(Settings.REDIS_SENTINEL_MASTER.name(),
          Settings.REDIS_MODE.name() + " is sentinel (from " + reader.origin(Settings.REDIS_MODE)
              + "), but " + Settings.REDIS_SENTINEL_MASTER.name() + " is empty: name the master"
              + " the sentinels monitor");
    }
    if (mode != RedisMode.SENTINEL && config.redisSentinelMaster() != null) {
      throw new InvalidSettingException(Settings.REDIS_SENTINEL_MASTER.name(),
          config.redisSentinelMaster(), reader.origin(Settings.REDIS_SENTINEL_MASTER),
          "only used when " + Settings.REDIS_MODE.name() + " is sentinel, but it is " + modeName);
    }
  }

  /** The TLS files go together, with each other and with a rediss:// URL. */
  private static void checkRedisTls(TenantFilterConfig config, SettingsReader reader) {
    if ((config.redisTlsCertFile() == null) != (config.redisTlsKeyFile() == null)) {
      Setting<?> set = config.redisTlsCertFile() != null
          ? Settings.REDIS_TLS_CERT_FILE : Settings.REDIS_TLS_KEY_FILE;
      throw new InvalidSettingException(set.name(),
          set.name() + " is set (from " + reader.origin(set) + ") without the other of "
              + Settings.REDIS_TLS_CERT_FILE.name() + " and " + Settings.REDIS_TLS_KEY_FILE.name()
              + ": a client certificate needs both");
    }
    if (config.redisTlsCertFile() != null
        && !RedisTls.matches(RedisTls.privateKey(config.redisTlsKeyFile()),
            RedisTls.certificates(config.redisTlsCertFile()).get(0))) {
      throw new InvalidSettingException(Settings.REDIS_TLS_KEY_FILE.name(),
          Settings.REDIS_TLS_KEY_FILE.name() + " (\"" + config.redisTlsKeyFile() + "\", from "
              + reader.origin(Settings.REDIS_TLS_KEY_FILE) + ") is not the key of the first"
              + " certificate in " + Settings.REDIS_TLS_CERT_FILE.name() + " (\""
              + config.redisTlsCertFile() + "\")");
    }
    boolean files = config.redisTlsCaFile() != null || config.redisTlsCertFile() != null;
    if (files && config.redisUrl() != null && !"rediss".equals(config.redisUrl().getScheme())) {
      Setting<?> set = config.redisTlsCaFile() != null
          ? Settings.REDIS_TLS_CA_FILE : Settings.REDIS_TLS_CERT_FILE;
      throw new InvalidSettingException(set.name(),
          set.name() + " is set (from " + reader.origin(set) + "), but "
              + Settings.REDIS_URL.name() + " is a redis:// URL, which does not use TLS: write"
              + " rediss://");
    }
  }
}
