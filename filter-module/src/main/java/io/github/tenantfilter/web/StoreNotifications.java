// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.internal.store.DataSources;
import io.github.tenantfilter.internal.store.PostgresNotificationListener;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * PostgreSQL {@code LISTEN} on the store's notification channel, wired to the tenant cache: a
 * notification invalidates its tenant, and the listener's ups and downs tell the cache when it
 * may have missed one.
 */
final class StoreNotifications {

  private static final Logger LOG = Logger.getLogger(StoreNotifications.class.getName());

  private StoreNotifications() {}

  /**
   * Starts listening for {@code engine}'s cache; stopped with the engine.
   *
   * @param storeSource the store's DataSource, or null: then one is opened from the settings for
   *     the listener alone, and closed with it
   * @throws InvalidSettingException when there is no database to listen to
   */
  static void start(
      Engine engine, TenantFilterConfig config, DataSource storeSource, ClassLoader loader) {
    DataSource source = storeSource != null ? storeSource : DataSources.of(config, loader);
    if (source == null) {
      throw new InvalidSettingException(
          Settings.STORE_NOTIFY_CHANNEL.name(),
          Settings.STORE_NOTIFY_CHANNEL.name() + " is set, but there is no database to listen"
              + " to: set " + Settings.DATASOURCE.name() + " or " + Settings.JDBC_URL.name());
    }
    TenantLookup lookup = engine.lookup;
    PostgresNotificationListener listener =
        new PostgresNotificationListener(
            source, config.storeNotifyChannel(), lookup::invalidateFromStore,
            lookup::storeListenerListening, lookup::storeListenerLost, engine.threads);
    engine.storeListener = listener;
    engine.stopFirst(() -> {
      listener.close();
      if (source != storeSource && source instanceof AutoCloseable own) {
        own.close(); // opened for the listener alone (the application has its own store)
      }
    });
    listener.start();
    LOG.info("tenant-filter: listening on PostgreSQL channel " + config.storeNotifyChannel()
        + " for tenant changes");
  }
}
