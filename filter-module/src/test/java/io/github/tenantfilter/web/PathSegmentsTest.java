// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {

  @Test
  void encode_plainPath_isUnchanged() {
    assertThat(PathSegments.encode("/orders/7/items-a_b.c~d")).isEqualTo("/orders/7/items-a_b.c~d");
  }

  @Test
  void encode_charactersThatWouldStartAQueryFragmentOrParameters_stayInThePath() {
    assertThat(PathSegments.encode("/a?admin=1")).isEqualTo("/a%3Fadmin=1");
    assertThat(PathSegments.encode("/a#b;c%d e")).isEqualTo("/a%23b%3Bc%25d%20e");
    assertThat(PathSegments.encode("/caf\u00e9")).isEqualTo("/caf%C3%A9");
  }

  /** Whatever the decoded path, decoding the encoding gives it back. Replay with -Dtf.seed. */
  @Test
  void encode_random_decodesBackToThePath() {
    long seed = Long.getLong("tf.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    String alphabet = "a/?#;%& +=:@\u00e9\u4e2d.";
    for (int i = 0; i < 10_000; i++) {
      StringBuilder path = new StringBuilder("/");
      for (int c = random.nextInt(10); c > 0; c--) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String encoded = PathSegments.encode(path.toString());
      URI uri = URI.create("http://h" + encoded);
      assertThat(uri.getRawQuery()).as("seed %d", seed).isNull();
      assertThat(uri.getRawFragment()).as("seed %d", seed).isNull();
      assertThat(encoded).as("seed %d", seed).doesNotContain(";");
      assertThat(uri.getPath()).as("seed %d", seed).isEqualTo(path.toString());
    }
  }
}
