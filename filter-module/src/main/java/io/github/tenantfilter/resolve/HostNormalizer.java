package io.github.tenantfilter.resolve;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a {@code Host} header value into the canonical host name that keys the caches, or says
 * it is malformed.
 *
 * <p>Canonical form: lower-case ASCII (IDN U-labels converted to their punycode A-labels), no
 * port, no trailing dot, at most 253 characters, labels of 1 to 63 letters, digits and hyphens
 * that neither start nor end with a hyphen (RFC 1123). A name whose last label is all digits is
 * accepted only as a dotted-quad IPv4 address ({@code 127.0.0.1}, never {@code 127.1} or {@code
 * 0177.0.0.1}). IPv6 literals keep their brackets, in RFC 5952 text ({@code [::1]}). Both are
 * recognised by {@link #isIpLiteral(String)}.
 *
 * <p>Internationalised names follow UTS #46 non-transitional processing (the IDNA2008 form that
 * browsers send), restricted so that no name depends on the processing mode: a label is accepted
 * only if all its code points are valid in both IDNA2008 and UTS #46 (deviation characters
 * {@code ß ς ZWJ ZWNJ} and symbols are not); the only mappings applied are upper to lower case,
 * Unicode NFC and the ideographic full stops to {@code '.'}. A U-label and its A-label give the
 * same result; an A-label must decode to such a label and encode back to itself. Anything else is
 * malformed. The rule, and how it is tested against the Unicode conformance data, is in {@code
 * docs/idn.md}.
 *
 * <pre>{@code
 * HostNormalizer.normalize("ACME.App.Example.:8443")  // "acme.app.example"
 * HostNormalizer.normalize("bücher.example")          // "xn--bcher-kva.example"
 * HostNormalizer.normalize("faß.example")             // null: ß is a deviation character
 * HostNormalizer.normalize("evil.com/x")              // null: malformed
 * }</pre>
 */
public final class HostNormalizer {

  /** Longest host name accepted (RFC 1123 with the trailing dot removed). */
  public static final int MAX_HOST_LENGTH = 253;

  /** Longest label accepted. */
  public static final int MAX_LABEL_LENGTH = 63;

  /** Longest raw header value looked at; longer values are malformed without further work. */
  private static final int MAX_RAW_LENGTH = 1024;

  private static final String ACE_PREFIX = "xn--";

  private HostNormalizer() {}

  /**
   * Returns the canonical form of {@code raw}, or {@code null} when it is not a valid host.
   *
   * @param raw a {@code Host} header value, possibly with a port
   */
  public static String normalize(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH) {
      return null;
    }
    if (raw.charAt(0) == '[') {
      return normalizeIpv6(raw);
    }
    int end = raw.indexOf(':');
    if (end >= 0) {
      if (raw.indexOf(':', end + 1) >= 0 || !isPort(raw, end + 1)) {
        return null;
      }
    } else {
      end = raw.length();
    }
    boolean upper = false;
    for (int i = 0; i < end; i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        return normalizeInternational(raw.substring(0, end));
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (!isLowerLdh(c) && c != '.') {
        return null;
      }
    }
    if (end > 0 && raw.charAt(end - 1) == '.') {
      end--;
    }
    String host = end == raw.length() ? raw : raw.substring(0, end);
    if (upper) {
      host = host.toLowerCase(Locale.ROOT);
    }
    switch (checkAsciiHost(host)) {
      case VALID:
        return host;
      case HAS_A_LABEL:
        return normalizeALabels(host);
      default:
        return null;
    }
  }

  /**
   * Tells whether {@code host} is a canonical host name: lower-case LDH labels separated by
   * dots, RFC 1123 lengths, no trailing dot.
   */
  public static boolean isHostName(String host) {
    int length = host.length();
    if (length == 0 || length > MAX_HOST_LENGTH) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      if (i == length || host.charAt(i) == '.') {
        if (!isLabel(host, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
      } else if (!isLowerLdh(host.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether {@code label} is one canonical DNS label. */
  public static boolean isLabel(String label) {
    if (label.indexOf('.') >= 0) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      if (!isLowerLdh(label.charAt(i))) {
        return false;
      }
    }
    return isLabel(label, 0, label.length());
  }

  /**
   * Tells whether a canonical host is an IP literal: a bracketed IPv6 address or a dotted IPv4
   * address (a name whose last label is all digits can only be an address).
   */
  public static boolean isIpLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    int lastDot = host.lastIndexOf('.');
    for (int i = lastDot + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabel(String host, int start, int end) {
    int length = end - start;
    return length >= 1
        && length <= MAX_LABEL_LENGTH
        && host.charAt(start) != '-'
        && host.charAt(end - 1) != '-';
  }

  private static boolean isLowerLdh(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isPort(String raw, int start) {
    int digits = raw.length() - start;
    if (digits > 5) {
      return false;
    }
    int port = 0;
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!isDigit(c)) {
        return false;
      }
      port = port * 10 + (c - '0');
    }
    // an empty port is allowed by RFC 3986 (port = *DIGIT)
    return port <= 65535;
  }

  // ---------------------------------------------------------------- ASCII names

  private enum AsciiCheck {
    VALID,
    INVALID,
    HAS_A_LABEL
  }

  /**
   * Checks a lower-case LDH name in one pass: RFC 1123 lengths and hyphens, UTS #46
   * CheckHyphens ({@code "--"} in positions 3 and 4 only in an A-label) and the last label.
   */
  private static AsciiCheck checkAsciiHost(String host) {
    int length = host.length();
    if (length == 0 || length > MAX_HOST_LENGTH) {
      return AsciiCheck.INVALID;
    }
    boolean aLabel = false;
    int labelStart = 0;
    for (int i = 0; i <= length; i++) {
      if (i < length && host.charAt(i) != '.') {
        continue;
      }
      if (!isLabel(host, labelStart, i)) {
        return AsciiCheck.INVALID;
      }
      if (i - labelStart >= 4
          && host.charAt(labelStart + 2) == '-'
          && host.charAt(labelStart + 3) == '-') {
        if (!host.startsWith("xn", labelStart)) {
          return AsciiCheck.INVALID;
        }
        aLabel = true;
      }
      labelStart = i + 1;
    }
    if (!isValidLastLabel(host)) {
      return AsciiCheck.INVALID;
    }
    return aLabel ? AsciiCheck.HAS_A_LABEL : AsciiCheck.VALID;
  }

  /**
   * A last label of digits only, or {@code 0x} and hex digits, makes the name a number to every
   * URL parser (WHATWG "ends in a number"): only the canonical dotted quad is accepted, as an
   * address; {@code 127.1}, {@code 0x7f.0.0.1} or {@code 0177.0.0.1} are malformed, never a
   * name.
   */
  private static boolean isValidLastLabel(String host) {
    int start = host.lastIndexOf('.') + 1;
    boolean digits = true;
    for (int i = start; i < host.length() && digits; i++) {
      digits = isDigit(host.charAt(i));
    }
    if (digits) {
      return isDottedQuad(host);
    }
    if (host.length() - start >= 2 && host.charAt(start) == '0' && host.charAt(start + 1) == 'x') {
      for (int i = start + 2; i < host.length(); i++) {
        char c = host.charAt(i);
        if (!isDigit(c) && (c < 'a' || c > 'f')) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  /** Four decimal octets 0 to 255 without leading zeros (RFC 3986 IPv4address). */
  private static boolean isDottedQuad(String s) {
    return dottedQuad(s, 0, s.length()) >= 0;
  }

  /** Returns the address {@code s[start, end)} spells as a dotted quad, or -1. */
  private static long dottedQuad(String s, int start, int end) {
    long address = 0;
    int octets = 0;
    int i = start;
    while (octets < 4) {
      int digitsStart = i;
      int value = 0;
      while (i < end && isDigit(s.charAt(i)) && i - digitsStart < 3) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - digitsStart;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(digitsStart) == '0')) {
        return -1;
      }
      address = (address << 8) | value;
      octets++;
      if (octets < 4) {
        if (i >= end || s.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == end ? address : -1;
  }

  // ---------------------------------------------------------------- international names

  /**
   * An ASCII name that {@link #checkAsciiHost} accepted and that holds A-labels: what browsers
   * send for an international name, so the common IDN case. The same rule as {@link
   * #normalizeInternational}, without its copies: every other label is already valid, so only
   * the A-labels are decoded and checked (and the Bidi Rule applied when one is right-to-left),
   * and the result is {@code host} itself.
   */
  private static String normalizeALabels(String host) {
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
        bidiDomain |= hasRtl(decoded);
      }
      start = end + 1;
    }
    return bidiDomain ? normalizeInternational(host) : host;
  }

  /**
   * The slow path, for a name (no port) with a non-ASCII character or an A-label. See the class
   * comment for the rule.
   */
  private static String normalizeInternational(String name) {
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
      bidiDomain |= hasRtl(unicode[i]);
    }
    if (bidiDomain) {
      for (String label : unicode) {
        if (!satisfiesBidiRule(label)) {
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
   * The letter a cased letter {@code c} maps to, or -1. Only a one-to-one mapping between two
   * letters that NFKC leaves alone, whose target is valid: that is where UTS #46 (NFKC_Casefold)
   * maps {@code c} the same way. Upper case maps to lower case, except that Cherokee small
   * letters map to capitals (Cherokee folds to upper case). {@code İ} (to {@code i̇}), {@code ẞ}
   * (to {@code ß}) and the Kelvin sign (NFKC: {@code K}) are not mapped, hence rejected.
   */
  private static int caseMapping(int c) {
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

  private static boolean isConjoiningJamo(int c) {
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

  private static boolean hasRtl(String label) {
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
  private static boolean satisfiesBidiRule(String label) {
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

  // ---------------------------------------------------------------- IPv6

  /**
   * An RFC 3986 {@code IPv6address} in brackets (no IPvFuture, no zone id), with an optional
   * port, in RFC 5952 text: lower-case hex without leading zeros, the longest run of two or more
   * zero groups (the first of equal runs) as {@code ::}, and IPv4-mapped addresses as {@code
   * ::ffff:a.b.c.d}.
   */
  private static String normalizeIpv6(String raw) {
    int close = raw.indexOf(']');
    if (close < 0) {
      return null;
    }
    if (close + 1 < raw.length() && (raw.charAt(close + 1) != ':' || !isPort(raw, close + 2))) {
      return null;
    }
    if (close - 1 > 45) {
      return null;
    }
    int[] groups = parseIpv6(raw, 1, close);
    return groups == null ? null : formatIpv6(groups);
  }

  /** Parses {@code s[start, end)} as an RFC 3986 IPv6address into 8 groups, or {@code null}. */
  private static int[] parseIpv6(String s, int start, int end) {
    int[] groups = new int[8];
    int count = 0;
    int compressAt = -1;
    int i = start;
    if (s.startsWith("::", i)) {
      compressAt = 0;
      i += 2;
      if (i == end) {
        return groups;
      }
    }
    while (true) {
      if (count == 8) {
        return null;
      }
      int groupStart = i;
      int value = 0;
      while (i < end && i - groupStart < 4 && hexValue(s.charAt(i)) >= 0) {
        value = (value << 4) | hexValue(s.charAt(i));
        i++;
      }
      if (i == groupStart) {
        return null;
      }
      if (i < end && s.charAt(i) == '.') {
        // the last 32 bits as a dotted quad (ls32)
        long address = dottedQuad(s, groupStart, end);
        if (address < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (address >>> 16);
        groups[count++] = (int) (address & 0xFFFF);
        i = end;
        break;
      }
      groups[count++] = value;
      if (i == end) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < end && s.charAt(i) == ':') {
        if (compressAt >= 0) {
          return null;
        }
        compressAt = count;
        i++;
        if (i == end) {
          break;
        }
      } else if (i == end) {
        return null;
      }
    }
    if (compressAt < 0) {
      return count == 8 ? groups : null;
    }
    if (count > 7) {
      return null;
    }
    int tail = count - compressAt;
    System.arraycopy(groups, compressAt, groups, 8 - tail, tail);
    Arrays.fill(groups, compressAt, 8 - tail, 0);
    return groups;
  }

  private static int hexValue(char c) {
    if (isDigit(c)) {
      return c - '0';
    }
    char lower = (char) (c | 0x20);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static String formatIpv6(int[] groups) {
    StringBuilder text = new StringBuilder(47).append('[');
    boolean mapped = true;
    for (int i = 0; i < 5; i++) {
      mapped &= groups[i] == 0;
    }
    if (mapped && groups[5] == 0xFFFF) {
      return text.append("::ffff:")
          .append(groups[6] >>> 8)
          .append('.')
          .append(groups[6] & 0xFF)
          .append('.')
          .append(groups[7] >>> 8)
          .append('.')
          .append(groups[7] & 0xFF)
          .append(']')
          .toString();
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int runStart = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - runStart > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLength) {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.append(']').toString();
  }

  // ---------------------------------------------------------------- Punycode

  /** RFC 3492 Punycode with the parameters of IDNA, on one label without its prefix. */
  static final class Punycode {

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
}
