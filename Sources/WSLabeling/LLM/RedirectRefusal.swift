import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Refuses every HTTP redirect, so that a call and its `Authorization` header never go to an
/// address other than the endpoint's: the 3xx response itself comes back to the caller, which
/// reports it (``LLMCallError/redirectedOffOrigin(_:)``, ``LLMCallError/redirected(path:)``).
///
/// Left alone, URLSession follows 301–308 and (on Linux, swift-corelibs-foundation) sends the
/// request's headers, the API key among them, to whatever host the `Location` names.
/// swift-corelibs-foundation asks the session's delegate before each redirect, also for data
/// tasks made with a completion handler (`LLMRedirectTests` holds it to that).
final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    /// The statuses URLSession treats as redirects when they carry a `Location`.
    static let redirectStatuses: Set<Int> = [301, 302, 303, 305, 307, 308]

    /// Whether `a` and `b` share an origin: scheme, host and port (RFC 6454), a missing port
    /// being the scheme's default.
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func origin(_ url: URL) -> (String, String, Int?) {
            let scheme = url.scheme?.lowercased() ?? ""
            let defaultPort: Int? = scheme == "http" ? 80 : scheme == "https" ? 443 : nil
            return (scheme, url.host?.lowercased() ?? "", url.port ?? defaultPort)
        }
        return origin(a) == origin(b)
    }

    /// `scheme://host[:port]` of `url`, for messages (no path, query or credentials).
    static func originText(_ url: URL) -> String {
        "\(url.scheme ?? "")://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "")
    }
}
