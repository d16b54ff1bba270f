// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The smallest HTTP/2 cleartext client that lets a test choose {@code :authority} and {@code
 * host} independently (real clients refuse to): the connection is upgraded from HTTP/1.1 ({@code
 * Upgrade: h2c}, whose first request is answered on stream 1), then one request goes out as a
 * HEADERS frame on stream 3, HPACK literals without Huffman coding. Only the response's DATA
 * frames are read (its HPACK-coded headers are skipped): the body tells what the server did.
 */
public final class H2c {

  /** The body of the HTTP/2 request and the body of the HTTP/1.1 request that upgraded. */
  public record Response(String upgradeBody, String body, boolean upgraded) {}

  private H2c() {}

  /**
   * Upgrades with {@code GET path} on Host {@code upgradeHost}, then sends {@code GET path} with
   * {@code :authority} and, unless {@code null}, a {@code host} header field.
   */
  public static Response get(int port, String upgradeHost, String path, String authority,
      String host) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + upgradeHost + "\r\n"
          + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
          + "HTTP2-Settings: AAMAAABkAARAAAAA\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String statusLine = readLine(in);
      while (!readLine(in).isEmpty()) {
        // headers of the 101 (or of a plain HTTP/1.1 answer)
      }
      if (!statusLine.contains(" 101 ")) {
        return new Response(statusLine, null, false);
      }
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      frame(out, 0x4, 0, 0, new byte[0]); // SETTINGS
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      literal(block, ":method", "GET");
      literal(block, ":scheme", "http");
      literal(block, ":path", path);
      literal(block, ":authority", authority);
      if (host != null) {
        literal(block, "host", host);
      }
      frame(out, 0x1, 0x4 | 0x1, 3, block.toByteArray()); // HEADERS, END_HEADERS|END_STREAM
      out.flush();
      ByteArrayOutputStream[] bodies = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
      boolean[] ended = new boolean[2];
      while (!(ended[0] && ended[1])) {
        int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
            | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = in.readNBytes(length);
        int index = stream == 1 ? 0 : stream == 3 ? 1 : -1;
        if (type == 0x4 && (flags & 0x1) == 0) {
          frame(out, 0x4, 0x1, 0, new byte[0]); // ACK their SETTINGS
          out.flush();
        } else if (type == 0x0 && index >= 0) {
          int pad = (flags & 0x8) != 0 ? payload[0] & 0xff : 0;
          int start = (flags & 0x8) != 0 ? 1 : 0;
          bodies[index].write(payload, start, payload.length - start - pad);
        } else if (type == 0x3 && index >= 0) { // RST_STREAM
          bodies[index].write(("<reset " + (payload.length == 4 ? payload[3] : -1) + ">")
              .getBytes(StandardCharsets.ISO_8859_1));
          ended[index] = true;
          continue;
        } else if (type == 0x7) { // GOAWAY
          bodies[1].write("<goaway>".getBytes(StandardCharsets.ISO_8859_1));
          break;
        }
        if (index >= 0 && (flags & 0x1) != 0 && (type == 0x0 || type == 0x1)) {
          ended[index] = true;
        }
      }
      return new Response(bodies[0].toString(StandardCharsets.UTF_8),
          bodies[1].toString(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException("h2c request to port " + port + " failed", e);
    }
  }

  private static void literal(ByteArrayOutputStream block, String name, String value) {
    block.write(0x00); // literal header field without indexing, new name
    string(block, name);
    string(block, value);
  }

  private static void string(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length >= 127) {
      throw new IllegalArgumentException("longer than this client codes: " + text);
    }
    block.write(bytes.length);
    block.writeBytes(bytes);
  }

  private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload)
      throws IOException {
    out.write(new byte[] {
      (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
      (byte) type, (byte) flags,
      (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
    out.write(payload);
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
