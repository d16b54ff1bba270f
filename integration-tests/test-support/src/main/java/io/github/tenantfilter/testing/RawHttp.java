// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny HTTP/1.1 client over a plain socket, so that tests control every byte of the request:
 * any {@code Host} (the JDK's HttpClient refuses to set it), several of them, or none.
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.get(8080, "acme.app.localhost", "/api/whoami");
 * }</pre>
 */
public final class RawHttp {

  private RawHttp() {}

  /** A response: status, headers (names lower case) and body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** GET {@code path} on 127.0.0.1:{@code port} with one {@code Host} header. */
  public static Response get(int port, String host, String path) {
    return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  /** POST with an empty body. */
  public static Response post(int port, String host, String path) {
    return send(port, "POST " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** POST with an empty body and more header lines ({@code "Authorization: Basic ..."}). */
  public static Response post(int port, String host, String path, String... headers) {
    StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return send(port, head + "Content-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** GET with more header lines. */
  public static Response get(int port, String host, String path, String... headers) {
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    return send(port, head + "Connection: close\r\n\r\n");
  }

  /** An {@code Authorization} header line for HTTP Basic. */
  public static String basic(String user, String password) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code request} as is and reads the whole response (the server closes). */
  public static Response send(int port, String request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("HTTP request to port " + port + " failed", e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toByteArray();
  }

  private static Response parse(byte[] raw) {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headerEnd < 0) {
      throw new IllegalStateException(
          "no complete HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOf(body, crlf, at);
      if (lineEnd < 0) {
        break;
      }
      String sizeText =
          new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
