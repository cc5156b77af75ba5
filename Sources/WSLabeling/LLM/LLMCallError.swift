import Foundation
import WSLabelCore

/// Why an LLM call gave no answer. The LF then abstains on that item; the failure is counted
/// and reported per LF, and the run goes on.
///
/// Messages never hold the API key: the client removes it from anything a server sends back.
public enum LLMCallError: Error, Sendable, Equatable, LocalizedError {
    /// The endpoint answered with an HTTP error status (after retries, when it was retryable).
    case httpStatus(Int, String)
    /// No answer within the timeout.
    case timedOut(seconds: Double)
    /// The connection failed or was dropped.
    case connection(String)
    /// The response was not an OpenAI-compatible response.
    case malformedResponse(String)
    /// The run's budget was spent before this call; it was not made.
    case budgetExhausted(limit: Double)
    /// The endpoint's API key variable is not set.
    case missingAPIKey(variable: String)
    /// The endpoint redirected the call to another origin (scheme, host or port), given as
    /// `scheme://host[:port]`. Not followed, so that the API key goes nowhere else.
    case redirectedOffOrigin(String)
    /// The endpoint redirected the call to this path on its own origin. Not followed either:
    /// the base URL is wrong, and saying so beats a silent second call per item.
    case redirected(path: String)

    public var errorDescription: String? {
        switch self {
        case let .httpStatus(status, body): "HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case let .timedOut(seconds): "no answer within \(Self.seconds(seconds))"
        case let .connection(message): "connection failed: \(message)"
        case let .malformedResponse(message): "unreadable response: \(message)"
        case let .budgetExhausted(limit): "not asked: the LLM budget of $\(Self.dollars(limit)) is spent"
        case let .missingAPIKey(variable): "the API key variable \(variable) is not set in the environment"
        case let .redirectedOffOrigin(origin):
            "the endpoint redirected to another host (\(origin)); wslabel does not follow redirects off the endpoint's origin, "
                + "so the API key stays with it"
        case let .redirected(path):
            "the endpoint redirected to \(path) on its own host; wslabel follows no redirect: set the endpoint's base_url "
                + "to where the API answers"
        }
    }

    /// Whether trying again may help: rate limits, server errors, timeouts, dropped
    /// connections and unreadable (e.g. truncated) responses.
    var isRetryable: Bool {
        switch self {
        case let .httpStatus(status, _): status == 408 || status == 409 || status == 429 || status >= 500
        case .timedOut, .connection, .malformedResponse: true
        case .budgetExhausted, .missingAPIKey, .redirectedOffOrigin, .redirected: false
        }
    }

    /// A short name of the kind of failure, for reports (`http_429`, `timeout`, …).
    public var kind: String {
        switch self {
        case let .httpStatus(status, _): "http_\(status)"
        case .timedOut: "timeout"
        case .connection: "connection"
        case .malformedResponse: "malformed_response"
        case .budgetExhausted: "budget"
        case .missingAPIKey: "missing_api_key"
        case .redirectedOffOrigin, .redirected: "redirect"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : ReportNumbers.fixed(value, digits: 2) + " s"
    }

    static func dollars(_ value: Double) -> String { ReportNumbers.fixed(value, digits: 4) }
}
