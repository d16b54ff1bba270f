// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over one keep-alive socket to 127.0.0.1 that sends requests as raw bytes
 * (any {@code Host}, several, none, control bytes...) and reads responses by their framing, so
 * that thousands of requests share a few connections. Not thread-safe: one per client thread.
 *
 * <p>When the server closes the connection (after {@code Connection: close}, an error it answers
 * itself, or its keep-alive limit), the next request opens a new one; requests that were sent
 * but not answered before a close are sent again on the new connection (every request these
 * tests send is an idempotent GET).
 */
final class KeepAliveClient implements AutoCloseable {

  /** A response: status, headers (names lower case, repeated ones joined by a comma), body. */
  record Response(int status, Map<String, String> headers, String body, boolean closes) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final int port;
  private Socket socket;
  private OutputStream out;
  private InputStream in;
  private long connections;

  KeepAliveClient(int port) {
    this.port = port;
  }

  /** Connections opened so far. */
  long connections() {
    return connections;
  }

  /** Sends {@code request} and returns its response. */
  Response exchange(byte[] request) throws IOException {
    return pipeline(List.of(request)).get(0);
  }

  /**
   * Sends every request at once (HTTP/1.1 pipelining) and returns their responses in order.
   * Requests left unanswered when the server closes the connection are sent again on a new one;
   * a request that gets no response on two fresh connections in a row fails.
   */
  List<Response> pipeline(List<byte[]> requests) throws IOException {
    Response[] responses = new Response[requests.size()];
    int answered = 0;
    int freshFailures = 0;
    while (answered < requests.size()) {
      boolean fresh = ensureOpen();
      try {
        for (int i = answered; i < requests.size(); i++) {
          out.write(requests.get(i));
        }
        out.flush();
        while (answered < requests.size()) {
          Response response = read();
          responses[answered++] = response;
          if (response.closes()) {
            close();
            break;
          }
        }
      } catch (IOException e) {
        close();
        if (fresh && ++freshFailures >= 2) {
          throw e;
        }
      }
    }
    return List.of(responses);
  }

  private boolean ensureOpen() throws IOException {
    if (socket != null) {
      return false;
    }
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    connections++;
    return true;
  }

  private Response read() throws IOException {
    String statusLine = line();
    while (statusLine.isEmpty()) {
      statusLine = line(); // tolerate a stray CRLF between responses
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
    }
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean closes = connection.contains("close")
        || (parts[0].equals("HTTP/1.0") && !connection.contains("keep-alive"));
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if (status == 204 || status == 304 || status < 200) {
      body = new byte[0];
    } else {
      body = in.readAllBytes(); // delimited by the close
      closes = true;
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8), closes);
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line().split(";")[0].trim();
      int length = Integer.parseInt(size, 16);
      if (length == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line();
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
