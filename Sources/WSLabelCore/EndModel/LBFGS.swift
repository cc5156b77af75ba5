/// Limited-memory BFGS: minimizes a smooth function from its value and gradient, keeping the
/// last ``memory`` steps to approximate the inverse Hessian (Nocedal & Wright, algorithm 7.4),
/// with a backtracking line search that asks for sufficient decrease (Armijo).
///
/// Every vector operation is an OpenBLAS level-1 call on the whole parameter vector; the
/// objective computes its gradient however it likes. Serial and deterministic: the same
/// start and objective give the same bytes.
struct LBFGS: Sendable {
    /// Steps remembered.
    var memory = 5
    /// Iterations at most.
    var maxIterations = 1000
    /// Stop when the gradient's largest component is at most this.
    var gradientTolerance = 1e-4
    /// Stop when an iteration lowers the value by less than this share of it.
    var relativeDecreaseTolerance = 1e-8

    /// Where a minimization ended.
    struct Result: Sendable {
        var point: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    /// Minimizes `objective`, which returns the value at its first argument and writes the
    /// gradient into its second, starting from `start`.
    func minimize(from start: [Double],
                  objective: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Double) -> Result {
        let count = start.count
        var point = start
        var gradient = [Double](repeating: 0, count: count)
        var value = point.withUnsafeBufferPointer { x in gradient.withUnsafeMutableBufferPointer { objective(x.baseAddress!, $0.baseAddress!) } }
        var steps: [[Double]] = []       // s_k = x_{k+1} − x_k
        var changes: [[Double]] = []     // y_k = g_{k+1} − g_k
        var curvatures: [Double] = []    // 1 / (y_k · s_k)
        var direction = [Double](repeating: 0, count: count)
        var trialPoint = point
        var trialGradient = gradient
        var alphas = [Double](repeating: 0, count: memory)

        for iteration in 0..<maxIterations {
            if Self.largestMagnitude(gradient) <= gradientTolerance {
                return Result(point: point, value: value, iterations: iteration, converged: true)
            }
            // Two-loop recursion: direction = −H·g.
            direction = gradient
            direction.withUnsafeMutableBufferPointer { d in
                let d = d.baseAddress!
                for index in stride(from: steps.count - 1, through: 0, by: -1) {
                    let alpha = curvatures[index] * steps[index].withUnsafeBufferPointer { BLAS.dot(count, $0.baseAddress!, d) }
                    alphas[index] = alpha
                    changes[index].withUnsafeBufferPointer { BLAS.axpy(count, alpha: -alpha, $0.baseAddress!, d) }
                }
                if let lastStep = steps.last, let lastChange = changes.last {
                    let gamma = lastStep.withUnsafeBufferPointer { s in lastChange.withUnsafeBufferPointer { y in
                        BLAS.dot(count, s.baseAddress!, y.baseAddress!) / BLAS.dot(count, y.baseAddress!, y.baseAddress!)
                    } }
                    BLAS.scale(count, alpha: gamma, d)
                }
                for index in steps.indices {
                    let beta = curvatures[index] * changes[index].withUnsafeBufferPointer { BLAS.dot(count, $0.baseAddress!, d) }
                    steps[index].withUnsafeBufferPointer { BLAS.axpy(count, alpha: alphas[index] - beta, $0.baseAddress!, d) }
                }
                BLAS.scale(count, alpha: -1, d)
            }
            var slope = direction.withUnsafeBufferPointer { d in gradient.withUnsafeBufferPointer { BLAS.dot(count, d.baseAddress!, $0.baseAddress!) } }
            if slope >= 0 {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                steps.removeAll(); changes.removeAll(); curvatures.removeAll()
                direction = gradient.map { -$0 }
                slope = -gradient.withUnsafeBufferPointer { BLAS.dot(count, $0.baseAddress!, $0.baseAddress!) }
            }
            // The first step has no curvature to scale it: move a unit distance.
            var stepLength = steps.isEmpty ? min(1, 1 / (-slope).squareRoot()) : 1
            var trialValue = Double.infinity
            var accepted = false
            for _ in 0..<40 {
                trialPoint = point
                trialPoint.withUnsafeMutableBufferPointer { x in direction.withUnsafeBufferPointer { BLAS.axpy(count, alpha: stepLength, $0.baseAddress!, x.baseAddress!) } }
                trialValue = trialPoint.withUnsafeBufferPointer { x in trialGradient.withUnsafeMutableBufferPointer { objective(x.baseAddress!, $0.baseAddress!) } }
                if trialValue <= value + 1e-4 * stepLength * slope { accepted = true; break }
                stepLength *= 0.5
            }
            guard accepted else { return Result(point: point, value: value, iterations: iteration, converged: false) }
            var step = trialPoint
            step.withUnsafeMutableBufferPointer { s in point.withUnsafeBufferPointer { BLAS.axpy(count, alpha: -1, $0.baseAddress!, s.baseAddress!) } }
            var change = trialGradient
            change.withUnsafeMutableBufferPointer { y in gradient.withUnsafeBufferPointer { BLAS.axpy(count, alpha: -1, $0.baseAddress!, y.baseAddress!) } }
            let curvature = step.withUnsafeBufferPointer { s in change.withUnsafeBufferPointer { BLAS.dot(count, s.baseAddress!, $0.baseAddress!) } }
            if curvature > 1e-12 {
                if steps.count == memory { steps.removeFirst(); changes.removeFirst(); curvatures.removeFirst() }
                steps.append(step)
                changes.append(change)
                curvatures.append(1 / curvature)
            }
            let decrease = value - trialValue
            swap(&point, &trialPoint)
            swap(&gradient, &trialGradient)
            value = trialValue
            if decrease <= relativeDecreaseTolerance * max(abs(value), 1) {
                return Result(point: point, value: value, iterations: iteration + 1, converged: true)
            }
        }
        return Result(point: point, value: value, iterations: maxIterations,
                      converged: Self.largestMagnitude(gradient) <= gradientTolerance)
    }

    private static func largestMagnitude(_ vector: [Double]) -> Double {
        vector.reduce(0) { max($0, abs($1)) }
    }
}
