import AsyncHTTPClient
import TenetModels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The webhook notifier: POSTs the notification as JSON, signed, to a URL (http or https).
///
/// Headers: `Content-Type: application/json`, `User-Agent: tenet-notify/1`, `Tenet-Timestamp`
/// (Unix seconds), `Tenet-Signature: v1=<hex>` (``WebhookSignature``; left out when there is no
/// secret), `Idempotency-Key` (the notification's id, the same on every try) and
/// `Tenet-Attempt` (the try's number, from 1). Each try is signed anew with the current time.
///
/// A 2xx answer delivers. 5xx, 408, 429, a connection failure or the timeout are retried
/// (`Retry-After` on 429 and 503, in seconds or as an HTTP date, is passed on to the retry
/// policy); any other status, and a URL the client refuses, fail permanently.
public struct WebhookSender: NotificationSender {
    /// The notifier's name.
    public var name: String
    /// Where to POST.
    public var url: String
    /// The shared secret (`nil`: requests go unsigned).
    public var secret: [UInt8]?
    /// How long one try may take, connection included.
    public var timeout: Duration
    /// How many tries a notification gets.
    public var attempts: Int
    private let client: HTTPClient
    private let now: @Sendable () -> Timestamp

    /// The most of a receiver's answer kept for the journal.
    public static let answerLimit = 1024

    /// Creates a webhook sender.
    ///
    /// - Parameters:
    ///   - client: the HTTP client (the process-wide shared one by default).
    ///   - now: the clock `Tenet-Timestamp` is read from.
    public init(
        name: String, url: String, secret: [UInt8]?, timeout: Duration = .seconds(5), attempts: Int = 6,
        client: HTTPClient = .shared, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.name = name
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.attempts = attempts
        self.client = client
        self.now = now
    }

    /// Makes one POST.
    public func send(_ notification: Notification, attempt: Int) async -> AttemptResult {
        let body = notification.jsonBytes
        let timestamp = Self.unixSeconds(now())
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "tenet-notify/1")
        request.headers.add(name: "Tenet-Timestamp", value: String(timestamp))
        if let secret {
            request.headers.add(name: "Tenet-Signature", value: WebhookSignature.header(body: body, timestamp: timestamp, secret: secret))
        }
        request.headers.add(name: "Idempotency-Key", value: notification.id)
        request.headers.add(name: "Tenet-Attempt", value: String(attempt))
        request.body = .bytes(body)
        let operation = "webhook \(name): POST \(url)"
        let (seconds, attoseconds) = timeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        do {
            let response = try await client.execute(request, timeout: .milliseconds(milliseconds))
            var answer: [UInt8] = []
            for try await chunk in response.body where answer.count < Self.answerLimit {
                answer.append(contentsOf: chunk.readableBytesView.prefix(Self.answerLimit - answer.count))
            }
            let code = Int(response.status.code)
            let answerText = String(decoding: answer, as: UTF8.self)
            let detail = "HTTP \(code)" + (answerText.isEmpty ? "" : ": \(answerText)")
            switch code {
            case 200..<300:
                return .delivered(detail: detail)
            case 408, 429, 500..<600:
                let retryAfter = response.headers.first(name: "Retry-After").flatMap { Self.retryAfter($0, now: now()) }
                return .retryable(NotifyError(.httpStatus, "\(operation): \(detail)"), retryAfter: retryAfter)
            default:
                return .permanent(NotifyError(.httpStatus, "\(operation): \(detail)"))
            }
        } catch let error as HTTPClientError {
            switch error {
            case .invalidURL, .emptyHost, .emptyScheme:
                return .permanent(NotifyError(.configuration, "\(operation): \(error)"))
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout:
                return .retryable(NotifyError(.timeout, "\(operation): no answer within \(DurationText.format(timeout)) (\(error))"), retryAfter: nil)
            default:
                if String(describing: error).contains("unsupportedScheme") {
                    return .permanent(NotifyError(.configuration, "\(operation): \(error)"))
                }
                return .retryable(NotifyError(.connection, "\(operation): \(error)"), retryAfter: nil)
            }
        } catch {
            return .retryable(NotifyError(.connection, "\(operation): \(error)"), retryAfter: nil)
        }
    }

    /// Reads a `Retry-After` value: whole seconds (`120`) or an HTTP date
    /// (`Fri, 27 Nov 2026 13:20:00 GMT`, counted from `now`). `nil` for anything else.
    public static func retryAfter(_ text: String, now: Timestamp) -> Duration? {
        let trimmed = text.trimmingSpaces
        if let seconds = Int64(trimmed), seconds >= 0 { return .seconds(seconds) }
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        let parts = trimmed.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "GMT", let day = Int32(parts[1]), let month = months.firstIndex(of: String(parts[2])),
            let year = Int32(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int32($0) }
        guard clock.count == 3 else { return nil }
        var fields = tm()
        fields.tm_year = year - 1900
        fields.tm_mon = Int32(month)
        fields.tm_mday = day
        fields.tm_hour = clock[0]
        fields.tm_min = clock[1]
        fields.tm_sec = clock[2]
        let instant = Int64(timegm(&fields))
        let nowSeconds = unixSeconds(now)
        return .seconds(max(instant - nowSeconds, 0))
    }

    /// Whole seconds since 1970 (rounded down) of `instant`: the `Tenet-Timestamp` value.
    public static func unixSeconds(_ instant: Timestamp) -> Int64 {
        let nanoseconds = instant.nanosecondsSinceEpoch
        let seconds = nanoseconds / 1_000_000_000
        return nanoseconds % 1_000_000_000 < 0 ? seconds - 1 : seconds
    }
}
