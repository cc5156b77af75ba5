/// Numerically stable helpers for probabilities kept as logarithms.
enum LogSpace {
    /// Replaces `count` log-scores by their softmax and returns their log-sum-exp.
    ///
    /// Subtracting the maximum first keeps `exp` from overflowing or underflowing to all zeros.
    @inline(__always)
    static func softmaxInPlace(_ scores: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var maximum = -Double.infinity
        for index in 0..<count { maximum = max(maximum, scores[index]) }
        var sum = 0.0
        for index in 0..<count {
            let value = exp(scores[index] - maximum)
            scores[index] = value
            sum += value
        }
        for index in 0..<count { scores[index] /= sum }
        return maximum + log(sum)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
