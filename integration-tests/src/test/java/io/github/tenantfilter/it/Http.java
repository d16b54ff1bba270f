package io.github.tenantfilter.it;

import io.github.tenantfilter.testing.RawHttp;
import java.net.URL;

/**
 * Requests to a deployment, over a plain socket to 127.0.0.1 (Payara Micro reports the machine's
 * other address as the deployment URL; it listens on all of them) with any {@code Host}.
 */
public final class Http {

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
}
