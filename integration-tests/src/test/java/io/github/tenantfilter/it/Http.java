// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to a deployment, over a plain socket to 127.0.0.1 (Payara Micro reports the machine's
 * other address as the deployment URL; it listens on all of them) with any {@code Host}.
 */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final int port;
  private final String contextPath;

  public Http(URL deployment) {
    this.port = deployment.getPort();
    String path = deployment.getPath();
    this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The port the deployment listens on. */
  public int port() {
    return port;
  }

  /** {@code path} under the deployment's context path. */
  public String path(String path) {
    return contextPath + path;
  }

  /**
   * Waits (up to 30 s) until the deployment hears invalidations: Redis pub/sub, and PostgreSQL
   * LISTEN where it is set. A channel that comes up drops the heap tier (what was loaded before
   * may have missed an invalidation), so a test that wants a tenant to stay cached from its first
   * request on calls this first.
   */
  public void awaitInvalidationChannels() {
    assertThat(get("acme.app.localhost", "/probe/channels").body())
        .as("the invalidation channels are up").isEqualTo("true");
  }

  /**
   * Asks for {@code path} of {@code host} every 5 ms until it answers {@code next}, and returns
   * the milliseconds since {@code startNanos}; fails when it answers anything but {@code next}
   * or {@code old}, or still {@code old} 5 s after {@code startNanos}.
   */
  public long millisUntil(String host, String path, String next, String old, long startNanos,
      String what) throws InterruptedException {
    String seen;
    while (!(seen = get(host, path).body()).equals(next)) {
      assertThat(seen).as("the old or the new answer, nothing else").isEqualTo(old);
      assertThat(System.nanoTime() - startNanos).as(what).isLessThan(5_000_000_000L);
      Thread.sleep(5);
    }
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  public RawHttp.Response get(String host, String path) {
    return RawHttp.get(port, host, contextPath + path);
  }

  public RawHttp.Response get(String host, String path, String header, String value) {
    return RawHttp.send(port, "GET " + contextPath + path + " HTTP/1.1\r\nHost: " + host
        + "\r\n" + header + ": " + value + "\r\nConnection: close\r\n\r\n");
  }

  /**
   * The lookups counted by the filter so far, read through the probe's injected TenantCache. The
   * request that reads them is itself one lookup, counted in the value returned.
   */
  public long lookups() {
    String stats = get("acme.app.localhost", "/probe/stats").body();
    for (String part : stats.split(" ")) {
      if (part.startsWith("lookups=")) {
        return Long.parseLong(part.substring("lookups=".length()));
      }
    }
    throw new IllegalStateException("no lookups in " + stats);
  }

  /**
   * A GET of one of the server's own endpoints ({@code /health/ready}, {@code /metrics}, ...) on
   * {@code port} of 127.0.0.1, with the JDK's client (it reads chunked and large answers).
   */
  public static HttpResponse<String> server(int port, String path) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
