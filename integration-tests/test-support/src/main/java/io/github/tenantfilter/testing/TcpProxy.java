// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port in front of a real server, which a test turns bad: slow,
 * cutting connections, truncating replies, swallowing everything, or refusing to connect.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start(redis.port())) {
 *   String url = "redis://127.0.0.1:" + proxy.port();
 *   proxy.delay(300);           // every reply 300 ms late
 *   proxy.mode(Mode.TRUNCATE);  // replies cut short, then the connection closed
 *   proxy.mode(Mode.REFUSE);    // new connections closed at once, open ones cut
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

  /** What the proxy does with traffic. */
  public enum Mode {
    /** Forward both ways (after the configured delay). */
    PASS,
    /** Forward requests; send back only the first bytes of each reply, then close. */
    TRUNCATE,
    /** Accept and read, forward nothing: the client waits until its own timeout. */
    BLACKHOLE,
    /** Close every open connection and every new one at once. */
    REFUSE
  }

  private final int targetPort;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMillis;
  private volatile boolean closed;

  private TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy to 127.0.0.1:{@code targetPort}. */
  public static TcpProxy start(int targetPort) {
    try {
      return new TcpProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Changes what the proxy does; {@link Mode#REFUSE} also cuts open connections. */
  public void mode(Mode mode) {
    this.mode = mode;
    if (mode == Mode.REFUSE) {
      cutAll();
    }
  }

  /** Delays every chunk of a reply by {@code millis}. */
  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Closes every open connection now (clients see their connections break). */
  public void cutAll() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        if (mode == Mode.REFUSE) {
          closeQuietly(client);
          continue;
        }
        Socket target = new Socket();
        try {
          target.connect(new InetSocketAddress("127.0.0.1", targetPort), 2000);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        sockets.add(target);
        pump(client, target, false);
        pump(target, client, true);
      } catch (IOException e) {
        if (!closed) {
          Await.sleep(10);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean reply) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          Mode now = mode;
          if (now == Mode.BLACKHOLE) {
            continue;
          }
          if (reply && delayMillis > 0) {
            Await.sleep(delayMillis);
          }
          if (reply && now == Mode.TRUNCATE) {
            out.write(buffer, 0, Math.max(1, read / 2));
            out.flush();
            break;
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (SocketException e) {
        // cut by the test or by the other side
      } catch (IOException e) {
        // the connection went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    cutAll();
  }
}
