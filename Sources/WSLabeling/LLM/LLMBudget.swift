import Synchronization

/// A spending cap for a run's LLM calls, shared by every LLM LF of the run.
///
/// A call starts only when what was spent, plus what calls in flight are expected to cost,
/// plus this call's expected cost, stays within the limit; the expected cost of a call is the
/// mean cost of the run's calls so far. So the cap may be passed by at most the calls already
/// in flight when the estimate was low. Calls that cannot start fail with
/// ``LLMCallError/budgetExhausted(limit:)``: their items stay unlabeled by that LF, and the
/// report says how many.
public final class LLMBudget: Sendable {
    /// The cap, in dollars.
    public let limit: Double
    private let state = Mutex(State())

    private struct State {
        var spent = 0.0
        var reserved = 0.0
        var paidCalls = 0
    }

    public init(limit: Double) {
        precondition(limit >= 0, "a budget must not be negative")
        self.limit = limit
    }

    /// Dollars spent so far.
    public var spent: Double { state.withLock { $0.spent } }

    /// Reserves room for one call. - Returns: the reservation, or `nil` when the call must not start.
    func reserve() -> Double? {
        state.withLock { state in
            let estimate = state.paidCalls > 0 ? state.spent / Double(state.paidCalls) : 0
            guard state.spent < limit, state.spent + state.reserved + estimate <= limit else { return nil }
            state.reserved += estimate
            return estimate
        }
    }

    /// Records what a call reserved with ``reserve()`` really cost (0 when it failed).
    func settle(reservation: Double, cost: Double, paid: Bool) {
        state.withLock { state in
            state.reserved -= reservation
            state.spent += cost
            if paid { state.paidCalls += 1 }
        }
    }
}
