import Foundation
import TenetModels

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
/// policy); any other status (a redirect included: a signed request is never followed
/// elsewhere), and a URL that is not http or https, fail permanently.
///
/// The transport is the toolchain's own `URLSession` (libcurl on Linux), so https needs no
/// extra dependency; no cookies, caches or credentials are kept between requests.
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
    private let now: @Sendable () -> Timestamp

    /// The most of a receiver's answer kept for the journal.
    public static let answerLimit = 1024

    /// Creates a webhook sender.
    ///
    /// - Parameter now: the clock `Tenet-Timestamp` is read from.
    public init(
        name: String, url: String, secret: [UInt8]?, timeout: Duration = .seconds(5), attempts: Int = 6,
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.name = name
        self.url = url
        self.secret = secret
        self.timeout = timeout
        self.attempts = attempts
        self.now = now
    }

    /// Makes one POST.
    public func send(_ notification: Notification, attempt: Int) async -> AttemptResult {
        let operation = "webhook \(name): POST \(url)"
        guard let target = URL(string: url), let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https",
            target.host?.isEmpty == false
        else {
            return .permanent(NotifyError(.configuration, "\(operation): not an http or https URL with a host"))
        }
        let body = notification.jsonBytes
        let timestamp = Self.unixSeconds(now())
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData)
        request.httpMethod = "POST"
        request.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("tenet-notify/1", forHTTPHeaderField: "User-Agent")
        request.setValue(String(timestamp), forHTTPHeaderField: "Tenet-Timestamp")
        if let secret {
            request.setValue(WebhookSignature.header(body: body, timestamp: timestamp, secret: secret), forHTTPHeaderField: "Tenet-Signature")
        }
        request.setValue(notification.id, forHTTPHeaderField: "Idempotency-Key")
        request.setValue(String(attempt), forHTTPHeaderField: "Tenet-Attempt")
        request.httpBody = Data(body)
        do {
            let (data, response) = try await WebhookTransport.session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .retryable(NotifyError(.connection, "\(operation): the answer was not HTTP"), retryAfter: nil)
            }
            let code = http.statusCode
            let answerText = String(decoding: data.prefix(Self.answerLimit), as: UTF8.self)
            let detail = "HTTP \(code)" + (answerText.isEmpty ? "" : ": \(answerText)")
            switch code {
            case 200..<300:
                return .delivered(detail: detail)
            case 408, 429, 500..<600:
                let retryAfter = http.value(forHTTPHeaderField: "Retry-After").flatMap { Self.retryAfter($0, now: now()) }
                return .retryable(NotifyError(.httpStatus, "\(operation): \(detail)"), retryAfter: retryAfter)
            default:
                return .permanent(NotifyError(.httpStatus, "\(operation): \(detail)"))
            }
        } catch let error as URLError {
            switch error.code {
            case .badURL, .unsupportedURL:
                return .permanent(NotifyError(.configuration, "\(operation): \(error.localizedDescription)"))
            case .timedOut:
                return .retryable(
                    NotifyError(.timeout, "\(operation): no answer within \(DurationText.format(timeout))"), retryAfter: nil)
            default:
                return .retryable(NotifyError(.connection, "\(operation): \(Self.describe(error))"), retryAfter: nil)
            }
        } catch {
            return .retryable(NotifyError(.connection, "\(operation): \(error)"), retryAfter: nil)
        }
    }

    /// libcurl's own words for a failure (such as "Failed to connect to 127.0.0.1 port 9"), or
    /// the error's code when it has none.
    private static func describe(_ error: URLError) -> String {
        let underlying = (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String
        return underlying ?? "URL error \(error.code.rawValue)"
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
