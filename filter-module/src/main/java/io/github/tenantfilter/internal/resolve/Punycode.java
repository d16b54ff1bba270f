// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import java.util.Arrays;


/** RFC 3492 Punycode with the parameters of IDNA, on one label without its prefix. */
final class Punycode {

  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 0x80;

  private Punycode() {}

  /** Encodes code points; {@code null} on overflow. */
  static String encode(int[] input) {
    StringBuilder output = new StringBuilder(input.length + 8);
    for (int c : input) {
      if (c < 0x80) {
        output.append((char) c);
      }
    }
    int basic = output.length();
    int handled = basic;
    if (basic > 0) {
      output.append('-');
    }
    int n = INITIAL_N;
    int delta = 0;
    int bias = INITIAL_BIAS;
    while (handled < input.length) {
      int m = Integer.MAX_VALUE;
      for (int c : input) {
        if (c >= n && c < m) {
          m = c;
        }
      }
      if ((long) (m - n) * (handled + 1) > Integer.MAX_VALUE - delta) {
        return null;
      }
      delta += (m - n) * (handled + 1);
      n = m;
      for (int c : input) {
        if (c < n && ++delta == 0) {
          return null;
        }
        if (c == n) {
          int q = delta;
          for (int k = BASE; ; k += BASE) {
            int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) {
              break;
            }
            output.append(digit(t + (q - t) % (BASE - t)));
            q = (q - t) / (BASE - t);
          }
          output.append(digit(q));
          bias = adapt(delta, handled + 1, handled == basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return output.toString();
  }

  /** Decodes {@code s} from {@code start} (lower-case LDH); {@code null} if it is not Punycode. */
  static int[] decode(String s, int start) {
    int delimiter = s.lastIndexOf('-');
    int[] output = new int[s.length()];
    int length = 0;
    int i = start;
    if (delimiter >= start) {
      for (; i < delimiter; i++) {
        output[length++] = s.charAt(i);
      }
      i = delimiter + 1;
    }
    int n = INITIAL_N;
    int bias = INITIAL_BIAS;
    int index = 0;
    while (i < s.length()) {
      int oldIndex = index;
      int w = 1;
      for (int k = BASE; ; k += BASE) {
        if (i >= s.length()) {
          return null;
        }
        int digit = digitValue(s.charAt(i++));
        if (digit < 0 || digit > (Integer.MAX_VALUE - index) / w) {
          return null;
        }
        index += digit * w;
        int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (digit < t) {
          break;
        }
        if ((long) w * (BASE - t) > Integer.MAX_VALUE) {
          return null;
        }
        w *= BASE - t;
      }
      bias = adapt(index - oldIndex, length + 1, oldIndex == 0);
      if (index / (length + 1) > Integer.MAX_VALUE - n) {
        return null;
      }
      n += index / (length + 1);
      index %= length + 1;
      if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF) || n < INITIAL_N) {
        return null;
      }
      System.arraycopy(output, index, output, index + 1, length - index);
      output[index++] = n;
      length++;
    }
    return Arrays.copyOf(output, length);
  }

  private static int adapt(int delta, int numPoints, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numPoints;
    int k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
      delta /= BASE - TMIN;
      k += BASE;
    }
    return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
  }

  private static char digit(int d) {
    return (char) (d < 26 ? 'a' + d : '0' + d - 26);
  }

  private static int digitValue(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 26;
    }
    return -1;
  }
}
