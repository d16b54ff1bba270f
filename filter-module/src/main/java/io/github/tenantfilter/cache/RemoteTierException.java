package io.github.tenantfilter.cache;

/**
 * The shared tier failed (unreachable, timed out, a reply that makes no sense), or was not called
 * because its circuit is open.
 */
public final class RemoteTierException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean circuitOpen;

  RemoteTierException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RemoteTierException(String message, Throwable cause, boolean circuitOpen) {
    super(message, cause);
    this.circuitOpen = circuitOpen;
  }

  static RemoteTierException circuitOpen(String where) {
    return new RemoteTierException("the circuit around Redis at " + where + " is open", null, true);
  }

  /** True when no call was made because the circuit breaker is open. */
  public boolean circuitOpen() {
    return circuitOpen;
  }
}
