import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WSLabelCore

/// Sends ``LLMRequest``s to an OpenAI-compatible endpoint over HTTP, with the endpoint's
/// timeout and retries.
///
/// Safe to use from many threads at once; ``LLMService`` bounds how many calls are in flight.
/// The API key, read from the environment when the client is made, goes only into the
/// `Authorization` header: every error message is scrubbed of it. When the endpoint names a
/// key variable that is not set, every call fails with ``LLMCallError/missingAPIKey(variable:)``
/// (so a run answered entirely from the cache needs no key). Redirects are never followed (see
/// ``RedirectRefusal``): one is a failed call naming where it pointed, and not retried.
public final class OpenAICompatibleClient: Sendable {
    public let endpoint: LLMEndpoint
    private let apiKey: String?
    private let missingKeyVariable: String?
    private let session: URLSession

    /// A client of `endpoint`, its key read from `environment[endpoint.apiKeyVariable]`.
    public init(endpoint: LLMEndpoint, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.endpoint = endpoint
        if let variable = endpoint.apiKeyVariable {
            let key = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
            apiKey = key
            missingKeyVariable = key == nil ? variable : nil
        } else {
            apiKey = nil
            missingKeyVariable = nil
        }
        let configuration = URLSessionConfiguration.ephemeral
        // The call's deadline is kept by `sendOnce`; URLSession's own timeouts (whole seconds on
        // Linux, where a fraction rounds down to an instant failure) are only a backstop.
        configuration.timeoutIntervalForRequest = Self.backstop(endpoint.timeout)
        configuration.timeoutIntervalForResource = Self.backstop(endpoint.timeout)
        configuration.httpMaximumConnectionsPerHost = endpoint.maxConcurrency
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    /// The outcome of one request after up to ``RetryPolicy/maxRetries`` retries.
    public struct Outcome: Sendable {
        public var result: Result<LLMResponse, LLMCallError>
        /// HTTP calls made (1 + retries).
        public var attempts: Int
    }

    /// Sends `request`, retrying what ``LLMCallError/isRetryable`` allows.
    public func send(_ request: LLMRequest) -> Outcome {
        var attempt = 0
        while true {
            let (result, retryAfter) = sendOnce(request)
            attempt += 1
            guard case let .failure(error) = result, error.isRetryable, attempt <= endpoint.retry.maxRetries else {
                return Outcome(result: result, attempts: attempt)
            }
            let wait = endpoint.retry.delay(beforeRetry: attempt - 1, retryAfter: retryAfter, unit: Double.random(in: 0..<1))
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
    }

    /// One HTTP call: the response or the error, and the server's `Retry-After` in seconds.
    private func sendOnce(_ request: LLMRequest) -> (Result<LLMResponse, LLMCallError>, Double?) {
        if let missingKeyVariable { return (.failure(.missingAPIKey(variable: missingKeyVariable)), nil) }
        var http = URLRequest(url: endpoint.baseURL.appendingPathComponent(request.path))
        http.httpMethod = "POST"
        http.timeoutInterval = Self.backstop(endpoint.timeout)
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        http.setValue("application/json", forHTTPHeaderField: "Accept")
        if let apiKey { http.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        http.httpBody = request.body(model: endpoint.model)

        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        let started = DispatchTime.now()
        let task = session.dataTask(with: http) { data, response, error in
            box.set(data, response, error)
            done.signal()
        }
        task.resume()
        // The whole call's deadline (URLSession's timeout is an idle timeout, in whole seconds).
        if done.wait(timeout: .now() + endpoint.timeout) == .timedOut {
            task.cancel()
            done.wait()
            return (.failure(.timedOut(seconds: endpoint.timeout)), nil)
        }
        let latency = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let (data, response, error) = box.get()
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut {
                return (.failure(.timedOut(seconds: endpoint.timeout)), nil)
            }
            return (.failure(.connection(scrub(error.localizedDescription))), nil)
        }
        guard let response = response as? HTTPURLResponse else {
            return (.failure(.connection("no HTTP response")), nil)
        }
        let body = data ?? Data()
        if let redirect = redirectFailure(response, from: http.url) { return (.failure(redirect), nil) }
        guard (200..<300).contains(response.statusCode) else {
            let retryAfter = (response.value(forHTTPHeaderField: "Retry-After")).flatMap(Self.retryAfterSeconds)
            return (.failure(.httpStatus(response.statusCode, scrub(Self.excerpt(body)))), retryAfter)
        }
        guard let decoded = LLMResponse.decode(body, kind: request.kind, latency: latency) else {
            return (.failure(.malformedResponse(scrub("not an OpenAI-compatible \(request.path) response: \(Self.excerpt(body))"))), nil)
        }
        return (.success(decoded), nil)
    }

    /// The failure a refused redirect stands for, or `nil` when `response` is none.
    private func redirectFailure(_ response: HTTPURLResponse, from url: URL?) -> LLMCallError? {
        guard RedirectRefusal.redirectStatuses.contains(response.statusCode), let url,
              let location = response.value(forHTTPHeaderField: "Location"),
              let target = URL(string: location, relativeTo: url)?.absoluteURL else { return nil }
        if RedirectRefusal.sameOrigin(target, url) { return .redirected(path: scrub(target.path)) }
        return .redirectedOffOrigin(scrub(RedirectRefusal.originText(target)))
    }

    /// URLSession's timeout for a call due in `timeout` seconds: later, so it never fires first.
    private static func backstop(_ timeout: Double) -> Double { timeout.rounded(.up) + 5 }

    /// `text` with the API key replaced, should a server or library have echoed it.
    private func scrub(_ text: String) -> String {
        guard let apiKey, !apiKey.isEmpty else { return text }
        return text.replacingExactly(apiKey, with: "[API key]")
    }

    /// The first 200 characters of a body, on one line.
    static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(400), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// `Retry-After` as seconds: a number of seconds, or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}

/// Carries a data task's results from URLSession's queue to the waiting caller.
private final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)

    func set(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) {
        lock.withLock { value = (data, response, error) }
    }

    func get() -> (Data?, URLResponse?, (any Error)?) { lock.withLock { value } }
}
