// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.util.logging.Logger;

/**
 * The Redis that tests share: the one on 127.0.0.1:6379 when it answers, otherwise a {@link
 * RedisProcess} started once per JVM. Tests that need to hurt Redis start their own {@link
 * RedisProcess} instead. {@code -Dtf.test.redis=own} ignores the one on 6379.
 */
public final class LocalRedis {

  private static final Logger LOG = Logger.getLogger(LocalRedis.class.getName());
  private static String url;

  private LocalRedis() {}

  /** URL of the shared Redis ({@code redis://127.0.0.1:<port>}). */
  public static synchronized String url() {
    if (url == null) {
      String configured = System.getProperty("tf.test.redis.url");
      if (configured != null) {
        url = configured;
      } else if (!"own".equals(System.getProperty("tf.test.redis")) && Ports.answers(6379)) {
        url = "redis://127.0.0.1:6379";
      } else {
        RedisProcess own = RedisProcess.start();
        Runtime.getRuntime().addShutdownHook(new Thread(own::close));
        url = own.url();
      }
      LOG.info(() -> "Redis for tests: " + url);
    }
    return url;
  }

  /** Tells whether a Redis answers on the default port 6379. */
  public static boolean onDefaultPort() {
    return Ports.answers(6379);
  }
}
