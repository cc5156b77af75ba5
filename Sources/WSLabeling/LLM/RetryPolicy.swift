/// When a failed LLM call is tried again: after HTTP 429 and 5xx, timeouts, dropped
/// connections and unreadable responses, up to ``maxRetries`` times, waiting an exponentially
/// growing, jittered delay — or as long as the server's `Retry-After` asks, when it says.
///
/// Attempt `n` (0 for the first retry) waits a uniformly random time between half and all of
/// `min(maxDelay, initialDelay × 2ⁿ)` ("equal jitter", so many clients that failed together do
/// not retry together), or `Retry-After` when that is longer, capped at ``maxRetryAfter``.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// Seconds before the first retry (before jitter).
    public var initialDelay: Double
    /// The longest backoff delay, in seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, in seconds: a server asking for more gets this.
    public var maxRetryAfter: Double

    public init(maxRetries: Int = 4, initialDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 120) {
        precondition(maxRetries >= 0 && initialDelay >= 0 && maxDelay >= 0 && maxRetryAfter >= 0, "retry settings must not be negative")
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Seconds to wait before retry `retry` (0-based), given the server's `Retry-After`.
    /// - Parameter unit: a number in 0..<1 that picks the point of the jitter range.
    public func delay(beforeRetry retry: Int, retryAfter: Double?, unit: Double) -> Double {
        var backoff = initialDelay
        for _ in 0..<min(retry, 62) where backoff < maxDelay { backoff *= 2 }
        backoff = min(backoff, maxDelay)
        let jittered = backoff / 2 + backoff / 2 * unit
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, maxRetryAfter))
    }
}
