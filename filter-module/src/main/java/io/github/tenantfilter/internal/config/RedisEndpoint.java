// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code tenant-filter.redis.url} says: TLS or not, the credentials, one or more {@code
 * host[:port]} (comma-separated, as in {@code redis://:pw@10.0.0.1:7000,10.0.0.2:7000}) and the
 * database. {@link #toString()} never shows the password.
 *
 * @param tls {@code rediss://}
 * @param user the ACL user, or {@code null} for the default user
 * @param password the password, or {@code null}
 * @param nodes the hosts, in the order written
 * @param database the database index, or -1 when the URL names none
 */
public record RedisEndpoint(
    boolean tls, String user, String password, List<Node> nodes, int database) {

  private static final Pattern COMMA = Pattern.compile(",");
  private static final Pattern NODE =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

  /**
   * One host of the URL.
   *
   * @param host a name or an IP address (IPv6 without brackets)
   * @param port the port, or -1 when the URL gives none (then the mode's default applies)
   */
  public record Node(String host, int port) {
    /** The port, or {@code defaultPort} when the URL gives none. */
    public int port(int defaultPort) {
      return port < 0 ? defaultPort : port;
    }
  }

  public RedisEndpoint {
    nodes = List.copyOf(nodes);
  }

  /**
   * Reads a URL that {@code Parsers.redisUrl} accepted.
   *
   * @throws IllegalArgumentException when a host is not {@code host[:port]}
   */
  public static RedisEndpoint of(URI url) {
    String authority = url.getRawAuthority();
    if (authority == null) {
      throw new IllegalArgumentException("no host");
    }
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("the user info must be user:password or :password");
      }
      user = colon == 0 ? null : decode(userInfo.substring(0, colon));
      password = decode(userInfo.substring(colon + 1));
      authority = authority.substring(at + 1);
    }
    List<Node> nodes = new ArrayList<>();
    for (String item : COMMA.split(authority, -1)) {
      Matcher matcher = NODE.matcher(item);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not host[:port]: " + item);
      }
      String host = matcher.group(1);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = matcher.group(2) == null ? -1 : Integer.parseInt(matcher.group(2));
      if (port == 0 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      nodes.add(new Node(host, port));
    }
    String path = url.getPath();
    int database = path == null || path.length() <= 1 ? -1 : Integer.parseInt(path.substring(1));
    return new RedisEndpoint("rediss".equals(url.getScheme()), user, password, nodes, database);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisEndpoint[tls=" + tls + ", user=" + user + ", password="
        + (password == null ? "none" : "****") + ", nodes=" + nodes + ", database=" + database
        + "]";
  }
}
