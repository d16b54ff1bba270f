package io.github.tenantfilter.cache;

/**
 * The shared tier failed (unreachable, timed out, a reply that makes no sense), or was not called
 * because its circuit is open.
 */
public final class RemoteTierException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean circuitOpen;
  private final boolean connectionFailed;

  RemoteTierException(String message, Throwable cause) {
    this(message, cause, false, false);
  }

  private RemoteTierException(String message, Throwable cause, boolean circuitOpen,
      boolean connectionFailed) {
    super(message, cause);
    this.circuitOpen = circuitOpen;
    this.connectionFailed = connectionFailed;
  }

  /**
   * The call failed on its connection (broken, or timed out): the connection is discarded, and
   * the pool's idle ones with it, so that the same call again gets a fresh one.
   */
  static RemoteTierException connectionFailed(String message, Throwable cause) {
    return new RemoteTierException(message, cause, false, true);
  }

  /** True when the connection failed: a call made again may get through (a restarted Redis). */
  public boolean connectionFailed() {
    return connectionFailed;
  }

  static RemoteTierException circuitOpen(String where) {
    return new RemoteTierException(
        "the circuit around Redis at " + where + " is open", null, true, false);
  }

  /** True when no call was made because the circuit breaker is open. */
  public boolean circuitOpen() {
    return circuitOpen;
  }
}
