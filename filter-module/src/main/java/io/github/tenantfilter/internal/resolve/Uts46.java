// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import static io.github.tenantfilter.internal.resolve.CodePoints.caseMapping;
import static io.github.tenantfilter.internal.resolve.CodePoints.isConjoiningJamo;
import static io.github.tenantfilter.internal.resolve.CodePoints.isValidCodePoint;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.ACE_PREFIX;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.MAX_LABEL_LENGTH;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.isHostName;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.isLabel;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.isLowerLdh;
import static io.github.tenantfilter.internal.resolve.HostNormalizer.isValidLastLabel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

// Above 300 lines on purpose: one algorithm of the standard (mapping, validity, contextual
// rules, A-label round trip), step by step as UTS #46 section 4 lists them.
/**
 * UTS #46 non-transitional processing of international labels, restricted so that no name
 * depends on the processing mode (see {@link HostNormalizer} and {@code docs/idn.md}): the
 * mapping (case, NFC), the validity of code points (IDNA2008 and UTS #46 both), the contextual
 * rules, and A-labels decoded and encoded back.
 */
final class Uts46 {

  private Uts46() {}


  /**
   * An ASCII name that {@code HostNormalizer.checkAsciiHost} accepted and that holds A-labels: what browsers
   * send for an international name, so the common IDN case. The same rule as {@link
   * #normalize}, without its copies: every other label is already valid, so only
   * the A-labels are decoded and checked (and the Bidi Rule applied when one is right-to-left),
   * and the result is {@code host} itself.
   */
  static String normalizeALabels(String host) {
    int length = host.length();
    boolean bidiDomain = false;
    for (int start = 0; start < length; ) {
      int end = host.indexOf('.', start);
      end = end < 0 ? length : end;
      if (host.startsWith(ACE_PREFIX, start)) {
        String decoded = decodeALabel(host.substring(start, end));
        if (decoded == null) {
          return null;
        }
        bidiDomain |= BidiRule.hasRtl(decoded);
      }
      start = end + 1;
    }
    return bidiDomain ? normalize(host) : host;
  }

  /**
   * The slow path, for a name (no port) with a non-ASCII character or an A-label. See the class
   * comment for the rule.
   */
  static String normalize(String name) {
    String host = asSentBytes(name);
    host = host.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    String[] unicode = host.split("\\.", -1);
    String[] ascii = new String[unicode.length];
    boolean bidiDomain = false;
    for (int i = 0; i < unicode.length; i++) {
      String label = unicode[i];
      if (label.isEmpty()) {
        return null;
      }
      if (isAscii(label)) {
        label = label.toLowerCase(Locale.ROOT);
        if (label.startsWith(ACE_PREFIX)) {
          String decoded = decodeALabel(label);
          if (decoded == null) {
            return null;
          }
          ascii[i] = label;
          unicode[i] = decoded;
        } else {
          if (!isAsciiULabel(label)) {
            return null;
          }
          ascii[i] = label;
          unicode[i] = label;
        }
      } else {
        String mapped = mapLabel(label);
        if (mapped == null || !isValidULabel(mapped)) {
          return null;
        }
        int[] codePoints = mapped.codePoints().toArray();
        if (codePoints.length > MAX_LABEL_LENGTH - ACE_PREFIX.length()) {
          return null; // its A-label would be too long: no need to encode it
        }
        String encoded = Punycode.encode(codePoints);
        if (encoded == null) {
          return null;
        }
        ascii[i] = ACE_PREFIX + encoded;
        unicode[i] = mapped;
      }
      bidiDomain |= BidiRule.hasRtl(unicode[i]);
    }
    if (bidiDomain) {
      for (String label : unicode) {
        if (!BidiRule.satisfies(label)) {
          return null;
        }
      }
    }
    String result = String.join(".", ascii);
    return isHostName(result) && isValidLastLabel(result) ? result : null;
  }

  /**
   * Servlet containers turn header bytes into characters as ISO-8859-1, so a host sent in UTF-8
   * arrives as one character per byte ({@code "bÃ¼cher"}). When every character fits a byte and
   * those bytes are valid UTF-8, the UTF-8 reading is taken. Otherwise the characters are taken
   * as they are (a name read from configuration or from the database). The two readings cannot
   * both give a valid host: a multi-byte UTF-8 sequence read as ISO-8859-1 always holds a
   * character from U+0080 to U+00BF (a continuation byte), and none of those is valid in a label
   * there (the only valid one, U+00B7, must stand between two {@code l}).
   */
  private static String asSentBytes(String name) {
    boolean high = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c > 0xFF) {
        return name;
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return name;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return name;
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** An ASCII label (already lower case) that is not an A-label: LDH and CheckHyphens. */
  private static boolean isAsciiULabel(String label) {
    for (int i = 0; i < label.length(); i++) {
      if (!isLowerLdh(label.charAt(i))) {
        return false;
      }
    }
    return label.length() <= MAX_LABEL_LENGTH
        && isLabel(label, 0, label.length())
        && !hasHyphensAt3And4(label);
  }

  private static boolean hasHyphensAt3And4(String label) {
    return label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-';
  }

  /**
   * Decodes an A-label (lower case, with its prefix). It must decode to a valid U-label that
   * encodes back to exactly this A-label; otherwise {@code null}.
   */
  private static String decodeALabel(String label) {
    if (label.length() > MAX_LABEL_LENGTH) {
      return null;
    }
    for (int i = 0; i < label.length(); i++) {
      if (!isLowerLdh(label.charAt(i))) {
        return null;
      }
    }
    int[] codePoints = Punycode.decode(label, ACE_PREFIX.length());
    if (codePoints == null) {
      return null;
    }
    String decoded = new String(codePoints, 0, codePoints.length);
    if (isAscii(decoded) || !Normalizer.isNormalized(decoded, Normalizer.Form.NFC)) {
      return null;
    }
    for (int c : codePoints) {
      if (c < 0x80 ? !isLowerLdh((char) c) : !isValidCodePoint(c)) {
        return null;
      }
    }
    if (!isValidULabel(decoded)) {
      return null;
    }
    String encoded = Punycode.encode(codePoints);
    return encoded != null && label.regionMatches(ACE_PREFIX.length(), encoded, 0, encoded.length())
            && label.length() == ACE_PREFIX.length() + encoded.length()
        ? decoded
        : null;
  }

  /**
   * Maps a label that has a non-ASCII character: ASCII and other upper-case letters to lower
   * case (only where UTS #46 maps them the same way), then NFC. Returns {@code null} when a code
   * point is neither valid nor so mapped.
   */
  private static String mapLabel(String label) {
    StringBuilder mapped = new StringBuilder(label.length());
    boolean recheck = false;
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
          mapped.append((char) (c + ('a' - 'A')));
        } else if (isLowerLdh((char) c)) {
          mapped.append((char) c);
        } else {
          return null;
        }
      } else if (isValidCodePoint(c)) {
        mapped.appendCodePoint(c);
      } else if (isConjoiningJamo(c)) {
        // valid in UTS #46 (not in IDNA2008): accepted only if NFC makes a syllable of it
        mapped.appendCodePoint(c);
        recheck = true;
      } else {
        int other = caseMapping(c);
        if (other < 0) {
          return null;
        }
        mapped.appendCodePoint(other);
      }
    }
    String result = mapped.toString();
    if (!Normalizer.isNormalized(result, Normalizer.Form.NFC)) {
      result = Normalizer.normalize(result, Normalizer.Form.NFC);
      recheck = true;
    }
    if (recheck) {
      for (int i = 0; i < result.length(); ) {
        int c = result.codePointAt(i);
        i += Character.charCount(c);
        if (c < 0x80 ? !isLowerLdh((char) c) : !isValidCodePoint(c)) {
          return null;
        }
      }
    }
    return result;
  }

  /**
   * UTS #46 validity criteria on a mapped label (NFC, valid code points): CheckHyphens, no
   * leading combining mark, and the IDNA2008 CONTEXTO rules. Lengths are checked on the A-label.
   */
  private static boolean isValidULabel(String label) {
    if (label.isEmpty()
        || label.charAt(0) == '-'
        || label.charAt(label.length() - 1) == '-'
        || hasHyphensAt3And4(label)) {
      return false;
    }
    int first = label.codePointAt(0);
    int firstType = Character.getType(first);
    if (firstType == Character.NON_SPACING_MARK
        || firstType == Character.COMBINING_SPACING_MARK
        || firstType == Character.ENCLOSING_MARK) {
      return false;
    }
    boolean arabicIndic = false;
    boolean extendedArabicIndic = false;
    boolean katakanaMiddleDot = false;
    boolean hiraganaKatakanaHan = false;
    int previous = -1;
    for (int i = 0; i < label.length(); ) {
      int c = label.codePointAt(i);
      i += Character.charCount(c);
      int next = i < label.length() ? label.codePointAt(i) : -1;
      switch (c) {
        case 0x00B7: // MIDDLE DOT: between two l (Catalan l·l)
          if (previous != 'l' || next != 'l') {
            return false;
          }
          break;
        case 0x0375: // GREEK LOWER NUMERAL SIGN: before a Greek character
          if (next < 0 || Character.UnicodeScript.of(next) != Character.UnicodeScript.GREEK) {
            return false;
          }
          break;
        case 0x05F3: // HEBREW PUNCTUATION GERESH and GERSHAYIM: after a Hebrew character
        case 0x05F4:
          if (previous < 0
              || Character.UnicodeScript.of(previous) != Character.UnicodeScript.HEBREW) {
            return false;
          }
          break;
        case 0x30FB:
          katakanaMiddleDot = true;
          break;
        default:
          if (c >= 0x0660 && c <= 0x0669) {
            arabicIndic = true;
          } else if (c >= 0x06F0 && c <= 0x06F9) {
            extendedArabicIndic = true;
          } else if (c >= 0x80) {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            hiraganaKatakanaHan |=
                script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.HAN;
          }
          break;
      }
      previous = c;
    }
    return !(arabicIndic && extendedArabicIndic) && (!katakanaMiddleDot || hiraganaKatakanaHan);
  }
}
