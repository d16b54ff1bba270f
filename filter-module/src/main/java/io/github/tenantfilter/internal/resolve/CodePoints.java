// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Which code points a U-label may hold under {@link HostNormalizer}'s rule (IDNA2008 PVALID or
 * CONTEXTO, and valid in UTS #46), derived from the JDK's Unicode data and checked against the
 * UTS #46 tables by {@code Uts46ConformanceTest}; and the one-to-one case mappings that both
 * agree on.
 */
final class CodePoints {

  private CodePoints() {}

  /**
   * The letter a cased letter {@code c} maps to, or -1. Only a one-to-one mapping between two
   * letters that NFKC leaves alone, whose target is valid: that is where UTS #46 (NFKC_Casefold)
   * maps {@code c} the same way. Upper case maps to lower case, except that Cherokee small
   * letters map to capitals (Cherokee folds to upper case). {@code İ} (to {@code i̇}), {@code ẞ}
   * (to {@code ß}) and the Kelvin sign (NFKC: {@code K}) are not mapped, hence rejected.
   */
  static int caseMapping(int c) {
    if (isCherokeeSmall(c)) {
      return Character.toUpperCase(c);
    }
    if (c == 0x04C0 || (c >= 0x10A0 && c <= 0x10C5) || c == 0x2132 || c == 0x2183) {
      return -1; // no lower case in Unicode 3.2: UTS #46 keeps them disallowed, as IDNA2003 did
    }
    int type = Character.getType(c);
    if (type != Character.UPPERCASE_LETTER && type != Character.TITLECASE_LETTER) {
      return -1;
    }
    String s = new String(Character.toChars(c));
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.codePointCount(0, lower.length()) != 1) {
      return -1;
    }
    int l = lower.codePointAt(0);
    if (l < 0x80
        || !isValidCodePoint(l)
        || !lower.toUpperCase(Locale.ROOT).equals(s)
        || !Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
      return -1;
    }
    return l;
  }

  static boolean isConjoiningJamo(int c) {
    return (c >= 0x1100 && c <= 0x11FF && c != 0x115F && c != 0x1160)
        || (c >= 0xA960 && c <= 0xA97F)
        || (c >= 0xD7B0 && c <= 0xD7FF);
  }

  private static boolean isCherokeeSmall(int c) {
    return (c >= 0x13F8 && c <= 0x13FD) || (c >= 0xAB70 && c <= 0xABBF);
  }

  /**
   * Tells whether a non-ASCII code point is valid in a U-label under this class's rule: IDNA2008
   * PVALID or CONTEXTO (RFC 5892, derived from the JDK's Unicode data), and valid (not mapped,
   * not a deviation, not disallowed) in UTS #46.
   */
  static boolean isValidCodePoint(int c) {
    if (c >= BMP_VALIDITY.length) {
      return computeValidCodePoint(c);
    }
    byte known = BMP_VALIDITY[c];
    if (known == 0) {
      // a race only computes the same answer twice
      known = computeValidCodePoint(c) ? VALID : INVALID;
      BMP_VALIDITY[c] = known;
    }
    return known == VALID;
  }

  private static final byte VALID = 1;
  private static final byte INVALID = 2;

  /**
   * {@link #isValidCodePoint} of each BMP code point, filled as they are met (0: not yet): the
   * answer is fixed, and computing it costs a few Unicode normalisations. 64 KiB.
   */
  private static final byte[] BMP_VALIDITY = new byte[0x10000];

  private static boolean computeValidCodePoint(int c) {
    switch (c) {
      case 0x00B7: // CONTEXTO, see isValidULabel
      case 0x0375:
      case 0x05F3:
      case 0x05F4:
      case 0x30FB:
      case 0x06FD: // RFC 5892 exceptions: PVALID
      case 0x06FE:
      case 0x0F0B:
      case 0x3007:
        return true;
      case 0x00DF: // deviation characters: their meaning depends on the processing mode
      case 0x03C2:
      case 0x0640: // RFC 5892 exceptions: DISALLOWED
      case 0x07FA:
      case 0x302E:
      case 0x302F:
      case 0x3031:
      case 0x3032:
      case 0x3033:
      case 0x3034:
      case 0x3035:
      case 0x303B:
        return false;
      default:
        break;
    }
    if (!Character.isDefined(c)) {
      return false;
    }
    switch (Character.getType(c)) {
      case Character.LOWERCASE_LETTER:
      case Character.UPPERCASE_LETTER:
      case Character.OTHER_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.NON_SPACING_MARK:
      case Character.COMBINING_SPACING_MARK:
        break;
      default:
        return false;
    }
    if ((c >= 0x20D0 && c <= 0x20FF) // IgnorableBlocks: combining marks for symbols,
        || (c >= 0x1D100 && c <= 0x1D24F) // musical symbols
        || (c >= 0x1100 && c <= 0x11FF) // OldHangulJamo
        || (c >= 0xA960 && c <= 0xA97F)
        || (c >= 0xD7B0 && c <= 0xD7FF)
        || c == 0x034F // Default_Ignorable_Code_Point among letters and marks
        || c == 0x17B4
        || c == 0x17B5
        || (c >= 0x180B && c <= 0x180E)
        || c == 0x3164
        || (c >= 0xFE00 && c <= 0xFE0F)
        || c == 0xFFA0
        || (c >= 0xE0000 && c <= 0xE0FFF)
        || isCherokeeSmall(c)) { // Cherokee folds to capitals
      return false;
    }
    if ((c >= 0x13A0 && c <= 0x13F5) || c == 0x0131) {
      return true; // Cherokee capitals and dotless i: case folding leaves them alone
    }
    // Unstable (RFC 5892): NFKC(casefold(NFKC(c))) != c. The JDK has no case folding; upper
    // then lower case stands in for it. The two differ only on the code points handled above
    // (the exhaustive test against the UTS #46 mapping table checks this).
    String s = new String(Character.toChars(c));
    return Normalizer.isNormalized(s, Normalizer.Form.NFKC)
        && Normalizer.normalize(
                s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC)
            .equals(s);
  }

}
