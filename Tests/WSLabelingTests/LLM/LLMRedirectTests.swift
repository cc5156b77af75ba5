import Foundation
import TestSupport
import XCTest
@testable import WSLabeling

/// An endpoint that answers with a redirect never gets the API key sent anywhere else: the
/// client follows no redirect and reports it as a failed call, naming where it pointed.
final class LLMRedirectTests: XCTestCase {
    private static let key = "sk-test-0123456789-SECRET"

    private func client(_ server: LoopbackLLMServer) -> OpenAICompatibleClient {
        let endpoint = LLMEndpoint(name: "test", baseURL: server.baseURL, model: "test-model", apiKeyVariable: "WSLABEL_TEST_KEY",
                                   timeout: 5, maxConcurrency: 2, retry: RetryPolicy(maxRetries: 2, initialDelay: 0.01, maxDelay: 0.05))
        return OpenAICompatibleClient(endpoint: endpoint, environment: ["WSLABEL_TEST_KEY": Self.key])
    }

    /// Sends one chat request to an endpoint that redirects every call to `location(target)`,
    /// and returns the outcome with what the redirect's target received.
    private func sendThroughRedirect(
        status: Int, location: @escaping @Sendable (URL) -> String
    ) throws -> (outcome: OpenAICompatibleClient.Outcome, target: [LoopbackLLMServer.Received], targetURL: URL, endpointCalls: Int) {
        let target = try LoopbackLLMServer { _, _ in .chat("yes") }
        let targetURL = target.baseURL
        let redirecting = try LoopbackLLMServer { _, _ in .status(status, headers: ["Location": location(targetURL)]) }
        let outcome = client(redirecting).send(LLMRequest(kind: .chat, prompt: "Spam? buy now"))
        return (outcome, target.requests, targetURL, redirecting.requestCount)
    }

    func testARedirectToAnotherPortIsRefusedAndTheKeyStaysHome() throws {
        for status in [301, 302, 303, 307, 308] {
            let (outcome, target, targetURL, endpointCalls) = try sendThroughRedirect(status: status) {
                $0.appendingPathComponent("chat/completions").absoluteString
            }
            XCTAssertTrue(target.isEmpty, "HTTP \(status): the other origin was called: \(target.map { "\($0.method) \($0.authorization ?? "-")" })")
            XCTAssertEqual(endpointCalls, 1, "HTTP \(status): a refused redirect is not retried")
            guard case let .failure(error) = outcome.result else { return XCTFail("HTTP \(status): the call succeeded") }
            XCTAssertEqual(error.localizedDescription, """
                the endpoint redirected to another host (http://127.0.0.1:\(targetURL.port!)); wslabel does not follow \
                redirects off the endpoint's origin, so the API key stays with it
                """)
            XCTAssertFalse(error.localizedDescription.contains(Self.key))
            XCTAssertEqual(error.kind, "redirect")
        }
    }

    func testARedirectToAnotherSchemeIsRefusedWithoutConnecting() throws {
        let (outcome, _, _, endpointCalls) = try sendThroughRedirect(status: 307) { url in
            "https://\(url.host!):\(url.port!)/v1/chat/completions"
        }
        XCTAssertEqual(endpointCalls, 1)
        guard case let .failure(error) = outcome.result else { return XCTFail("the call succeeded") }
        XCTAssertTrue(error.localizedDescription.hasPrefix("the endpoint redirected to another host (https://127.0.0.1:"),
                      error.localizedDescription)
    }

    func testARedirectOnTheSameOriginIsRefusedToo() throws {
        let server = try LoopbackLLMServer { request, _ in
            request.path.hasSuffix("/moved") ? .chat("yes") : .status(307, headers: ["Location": "/v1/moved"])
        }
        let outcome = client(server).send(LLMRequest(kind: .chat, prompt: "Spam? buy now"))
        XCTAssertEqual(server.requests.map(\.path), ["/v1/chat/completions"])
        guard case let .failure(error) = outcome.result else { return XCTFail("the call succeeded") }
        XCTAssertEqual(error.localizedDescription, """
            the endpoint redirected to /v1/moved on its own host; wslabel follows no redirect: set the endpoint's \
            base_url to where the API answers
            """)
    }
}
