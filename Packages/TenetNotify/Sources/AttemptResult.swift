/// What one try at delivering a notification came to.
public enum AttemptResult: Hashable, Sendable {
    /// Delivered (a 2xx answer, exit status 0, a line written and synced). `detail` says what
    /// the receiver answered (`HTTP 200`, the command's output), for the journal.
    case delivered(detail: String)
    /// Failed in a way another try may cure (connection refused, timeout, 5xx, 429, a nonzero
    /// exit). `retryAfter` is the delay the receiver asked for (`Retry-After`), if any.
    case retryable(NotifyError, retryAfter: Duration?)
    /// Failed in a way no retry cures (a 4xx other than 408 and 429, a bad URL): the
    /// notification goes to the dead letters at once.
    case permanent(NotifyError)
}
