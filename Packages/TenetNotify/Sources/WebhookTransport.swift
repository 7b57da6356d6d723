import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one `URLSession` every ``WebhookSender`` shares: ephemeral (no cookies, cache or
/// stored credentials) and refusing redirects, so a signed request is never replayed to a
/// place its notifier did not name; the 3xx answer itself comes back and fails the try.
final class WebhookTransport: NSObject, URLSessionTaskDelegate, Sendable {
    /// The shared session.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.httpMaximumConnectionsPerHost = 4
        return URLSession(configuration: configuration, delegate: WebhookTransport(), delegateQueue: nil)
    }()

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
