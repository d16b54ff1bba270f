// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

/** The Bidi Rule of IDNA2008 (RFC 5893), for the labels of a domain that has a right-to-left one. */
final class BidiRule {

  private BidiRule() {}

  /** Whether {@code label} has a right-to-left character: its domain is then a Bidi domain. */
  static boolean hasRtl(String label) {
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      if (c >= 0x0590) {
        byte d = Character.getDirectionality(c);
        if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
            || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
            || d == Character.DIRECTIONALITY_ARABIC_NUMBER) {
          return true;
        }
      }
    }
    return false;
  }

  /** The six conditions of the Bidi Rule (RFC 5893, section 2), on one label. */
  static boolean satisfies(String label) {
    int[] codePoints = label.codePoints().toArray();
    byte first = Character.getDirectionality(codePoints[0]);
    boolean rtl;
    if (first == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || first == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
      rtl = true;
    } else if (first == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
      rtl = false;
    } else {
      return false; // condition 1
    }
    boolean europeanNumber = false;
    boolean arabicNumber = false;
    for (int c : codePoints) {
      byte d = Character.getDirectionality(c);
      switch (d) {
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER:
          europeanNumber = true;
          break;
        case Character.DIRECTIONALITY_ARABIC_NUMBER:
          arabicNumber = true;
          if (!rtl) {
            return false; // condition 5
          }
          break;
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT:
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC:
          if (!rtl) {
            return false; // condition 5
          }
          break;
        case Character.DIRECTIONALITY_LEFT_TO_RIGHT:
          if (rtl) {
            return false; // condition 2
          }
          break;
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR:
        case Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR:
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR:
        case Character.DIRECTIONALITY_OTHER_NEUTRALS:
        case Character.DIRECTIONALITY_BOUNDARY_NEUTRAL:
        case Character.DIRECTIONALITY_NONSPACING_MARK:
          break;
        default:
          return false; // conditions 2 and 5
      }
    }
    if (rtl && europeanNumber && arabicNumber) {
      return false; // condition 4
    }
    int last = codePoints.length - 1;
    while (last > 0
        && Character.getDirectionality(codePoints[last])
            == Character.DIRECTIONALITY_NONSPACING_MARK) {
      last--;
    }
    byte end = Character.getDirectionality(codePoints[last]);
    if (rtl) {
      return end == Character.DIRECTIONALITY_RIGHT_TO_LEFT // condition 3
          || end == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
          || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER
          || end == Character.DIRECTIONALITY_ARABIC_NUMBER;
    }
    return end == Character.DIRECTIONALITY_LEFT_TO_RIGHT // condition 6
        || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
  }
}
