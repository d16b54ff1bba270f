package io.github.tenantfilter.region;

/** Redis could not serve a region's call, or was not called because the circuit is open. */
final class RegionUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean circuitOpen;

  RegionUnavailable(String message, Throwable cause, boolean circuitOpen) {
    super(message, cause);
    this.circuitOpen = circuitOpen;
  }

  /** True when no call was made because the circuit breaker is open. */
  boolean circuitOpen() {
    return circuitOpen;
  }
}
