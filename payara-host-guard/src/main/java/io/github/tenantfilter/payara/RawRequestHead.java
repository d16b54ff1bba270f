// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.payara;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * A request head as the client sent it, read from the bytes Grizzly parsed it from.
 *
 * <p>Grizzly parses a request head in place and keeps the bytes it was parsed from with the
 * request until the request is done ({@code HttpHeader.headerBuffer}, set by the codec just before
 * it passes the request on: the head from its first byte to the end of its empty line, however
 * many reads it took). When the target is in absolute form ({@code GET http://host/path}),
 * Grizzly's codec writes the target's authority over the first {@code Host} and drops any other,
 * so the parsed request no longer shows what the client sent; these bytes still do. The field is
 * package-private: it is read by reflection, and where that fails (another Grizzly) {@link #of}
 * returns {@code null}.
 */
final class RawRequestHead {

  private static final Logger LOG = Logger.getLogger(RawRequestHead.class.getName());
  private static final Field HEADER_BUFFER = headerBufferField();
  private static final byte[] HTTP = {'h', 't', 't', 'p'};

  private final Buffer buffer;
  private final int start;
  private final int limit;

  private RawRequestHead(Buffer buffer) {
    this.buffer = buffer;
    this.limit = buffer.limit();
    int i = 0;
    while (at(i) == '\r' || at(i) == '\n') {
      i++; // empty lines before the request line, which Grizzly skips too
    }
    this.start = i;
  }

  private static Field headerBufferField() {
    try {
      Field field = HttpHeader.class.getDeclaredField("headerBuffer");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Host guard: Grizzly''s HttpHeader.headerBuffer is not readable ({0});"
          + " absolute-form requests are passed on unchecked", e.toString());
      return null;
    }
  }

  /** The head of {@code request} as read, or {@code null} where it is not available. */
  static RawRequestHead of(HttpRequestPacket request) {
    if (HEADER_BUFFER == null) {
      return null;
    }
    try {
      Buffer head = (Buffer) HEADER_BUFFER.get(request);
      return head == null ? null : new RawRequestHead(head);
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  /** The byte at {@code i}, or -1 past the end. */
  private int at(int i) {
    if (i < 0 || i >= limit) {
      return -1;
    }
    return buffer.get(i) & 0xFF;
  }

  private String text(int from, int to) {
    byte[] bytes = new byte[to - from];
    for (int i = from; i < to; i++) {
      bytes[i - from] = (byte) at(i);
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private int skipBlanks(int i) {
    while (at(i) == ' ' || at(i) == '\t') {
      i++;
    }
    return i;
  }

  private int lineEnd(int i) {
    while (at(i) != '\n' && at(i) != -1) {
      i++;
    }
    return i;
  }

  /**
   * Whether the request target is one Grizzly's codec treats as absolute form: it starts with
   * {@code http} in any letter case and holds {@code ://} after that (the codec's own test, in
   * {@code HttpServerFilter.prepareRequest}). Reads a few bytes when it is not.
   */
  boolean absoluteFormTarget() {
    int i = start;
    while (at(i) > ' ') {
      i++; // the method
    }
    i = skipBlanks(i);
    for (byte c : HTTP) {
      if ((at(i++) | 0x20) != c) {
        return false;
      }
    }
    for (; at(i) > ' '; i++) {
      if (at(i) == ':' && at(i + 1) == '/' && at(i + 2) == '/') {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code Host} fields as sent: their values without surrounding blanks, or {@code null}
   * where the head cannot be read to its end or a {@code Host} value is continued on a folded
   * line (obs-fold), which leaves it without one reading.
   */
  List<String> hostValues() {
    int i = lineEnd(start); // past the request line
    List<String> values = new ArrayList<>(1);
    boolean inHost = false;
    while (at(i) == '\n') {
      int from = i + 1;
      int end = lineEnd(from);
      if (at(end) == -1) {
        return null; // no end of the head within reach
      }
      int to = at(end - 1) == '\r' && end - 1 >= from ? end - 1 : end;
      if (to == from) {
        return values; // the empty line: end of the head
      }
      int first = at(from);
      if (first == ' ' || first == '\t') {
        if (inHost) {
          return null;
        }
      } else {
        int colon = from;
        while (colon < to && at(colon) != ':') {
          colon++;
        }
        inHost = colon < to && text(from, colon).equalsIgnoreCase("host");
        if (inHost) {
          int v = skipBlanks(colon + 1);
          int w = to;
          while (w > v && (at(w - 1) == ' ' || at(w - 1) == '\t')) {
            w--;
          }
          values.add(text(v, w));
        }
      }
      i = end;
    }
    return null;
  }
}
