import FlyingFox
import FlyingSocks
import Foundation

/// An OpenAI-compatible HTTP server on 127.0.0.1 for tests, answering each request with the
/// reply a script gives: a real HTTP peer for wslabel's real client, able to inject the faults
/// a real endpoint shows (rate limits with `Retry-After`, server errors, slow and malformed
/// responses, answers that mean nothing, dropped connections). It counts and records requests.
///
/// Start and use it from a synchronous test (XCTest's main thread), never from the
/// cooperative pool it runs on.
public final class LoopbackLLMServer: @unchecked Sendable {
    /// What the server answers to one request.
    public indirect enum Reply: Sendable {
        /// A chat completion whose message content is `text`.
        case chat(String, promptTokens: Int = 12, completionTokens: Int = 1)
        /// A completion of `text` whose first token's alternatives are `topLogprobs`.
        case completion(String, topLogprobs: [String: Double], promptTokens: Int = 12, completionTokens: Int = 1)
        /// An HTTP status with headers and a body.
        case status(Int, headers: [String: String] = [:], body: String = "")
        /// HTTP 200 with this body as is (malformed JSON, a foreign shape).
        case raw(String)
        /// `reply`, after `seconds`.
        case delayed(Double, Reply)
        /// Headers promising a longer body than is sent, then the connection closes.
        case dropConnection
    }

    /// One request as the server saw it.
    public struct Received: Sendable {
        /// `POST` for every call wslabel makes; another method shows a followed redirect.
        public var method: String
        public var path: String
        /// The JSON body, re-serialized with sorted keys.
        public var body: String
        /// The prompt: the chat message's content, or the completion's prompt.
        public var prompt: String
        public var authorization: String?
    }

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    /// What the route handler records; its own object, so a request still being answered
    /// when a test ends outlives the server object without touching it.
    private let state = State()
    /// The server's base URL, `http://127.0.0.1:PORT/v1`.
    public let baseURL: URL

    /// Starts a server that answers request number `n` (0-based, in arrival order) with
    /// `script(request, n)`.
    public init(script: @escaping @Sendable (Received, Int) -> Reply) throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 60, logger: .disabled)
        self.server = server
        task = Task { try await server.run() }
        let ready = DispatchSemaphore(value: 0)
        let port = PortBox()
        Task {
            try? await server.waitUntilListening()
            if case let .ip4(_, listening)? = await server.listeningAddress { port.value = listening }
            ready.signal()
        }
        ready.wait()
        guard let listening = port.value else { throw URLError(.cannotConnectToHost) }
        baseURL = URL(string: "http://127.0.0.1:\(listening)/v1")!
        let routeReady = DispatchSemaphore(value: 0)
        let state = self.state
        Task {
            // Every method: a client that follows a 302 turns the POST into a GET, which must
            // be seen too.
            await server.appendRoute("*") { request in
                let received = try await Self.received(request)
                let number = state.record(received)
                state.changeInFlight(by: 1)
                defer { state.changeInFlight(by: -1) }
                return try await Self.response(to: script(received, number))
            }
            routeReady.signal()
        }
        routeReady.wait()
    }

    deinit { task.cancel() }

    /// Requests received so far, in arrival order.
    public var requests: [Received] { state.lock.withLock { state.log } }
    /// How many requests arrived.
    public var requestCount: Int { state.lock.withLock { state.log.count } }
    /// The most requests the server was answering at once.
    public var maxInFlight: Int { state.lock.withLock { state.mostInFlight } }

    /// Forgets the requests received so far.
    public func resetCount() { state.lock.withLock { state.log.removeAll() } }

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var log: [Received] = []
        var inFlight = 0
        var mostInFlight = 0

        func record(_ received: Received) -> Int {
            lock.withLock {
                log.append(received)
                return log.count - 1
            }
        }

        func changeInFlight(by change: Int) {
            lock.withLock {
                inFlight += change
                mostInFlight = max(mostInFlight, inFlight)
            }
        }
    }

    private static func received(_ request: HTTPRequest) async throws -> Received {
        let data = try await request.bodyData
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        var prompt = object["prompt"] as? String ?? ""
        if let messages = object["messages"] as? [[String: Any]], let content = messages.last?["content"] as? String {
            prompt = content
        }
        let sorted = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? data
        return Received(method: request.method.rawValue, path: request.path, body: String(decoding: sorted, as: UTF8.self), prompt: prompt,
                        authorization: request.headers[HTTPHeader("Authorization")])
    }

    private static func response(to reply: Reply) async throws -> HTTPResponse {
        switch reply {
        case let .chat(text, promptTokens, completionTokens):
            return json(["id": "chatcmpl-test", "object": "chat.completion", "model": "test-model",
                         "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": text]]],
                         "usage": ["prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                                   "total_tokens": promptTokens + completionTokens]])
        case let .completion(text, topLogprobs, promptTokens, completionTokens):
            let best = topLogprobs.max { $0.value < $1.value }
            return json(["id": "cmpl-test", "object": "text_completion", "model": "test-model",
                         "choices": [["index": 0, "text": text, "finish_reason": "length",
                                      "logprobs": ["tokens": [best?.key ?? text], "token_logprobs": [best?.value ?? 0],
                                                   "top_logprobs": [topLogprobs], "text_offset": [0]]]],
                         "usage": ["prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                                   "total_tokens": promptTokens + completionTokens]])
        case let .status(code, headers, body):
            var httpHeaders = HTTPHeaders()
            for (name, value) in headers { httpHeaders[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(code, phrase: "Test"), headers: httpHeaders, body: Data(body.utf8))
        case let .raw(body):
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(body.utf8))
        case let .delayed(seconds, reply):
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            return try await response(to: reply)
        case .dropConnection:
            // The body promises 4096 bytes, sends 13 and fails: the server closes the socket.
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"],
                                body: HTTPBodySequence(from: FailingBytes(prefix: Array("{\"choices\": [".utf8)), count: 4096))
        }
    }

    private static func json(_ object: [String: Any]) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: data)
    }
}

private final class PortBox: @unchecked Sendable {
    var value: UInt16?
}

/// Bytes that end in an error after `prefix`: a response body cut off mid-way.
private struct FailingBytes: AsyncBufferedSequence, AsyncBufferedIteratorProtocol {
    typealias Element = UInt8
    var prefix: [UInt8]
    private var sent = false

    init(prefix: [UInt8]) { self.prefix = prefix }

    func makeAsyncIterator() -> FailingBytes { self }

    mutating func next() async throws -> UInt8? {
        guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
        return buffer.first
    }

    mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
        guard !sent else { throw URLError(.networkConnectionLost) }
        sent = true
        return prefix
    }
}
