#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A gold-free score of a fitted generative model: how often the model, with one LF held out,
/// predicts that LF's vote.
///
/// Each LF serves in turn as a noisy validation label for the model that does not see it. For
/// every training row with at least two votes and every LF `j` voting `v` on it, the model's
/// posterior is recomputed without LF `j` (its vote's log-likelihood, times the LF's weight, is subtracted
/// from the row's log posterior, which is exact for the model's product form) and the row scores 1 when
/// the arg-max is `v` (ties share the credit). The score is the mean over all such (row, LF)
/// pairs.
///
/// Why it ranks models: the held-out LF's errors are independent of the other LFs' given the
/// true class (the model's own assumption), so agreeing with it more often means predicting the
/// true class more often, as accuracy against noisy labels with independent noise ranks
/// classifiers as accuracy does. It is computed on the training votes alone, in
/// O(votes × average votes per row × classes) over distinct patterns.
///
/// What it must not judge: majority vote. With unipolar LFs the noise is not symmetric (an LF
/// that only votes `u` agrees with any predictor that says `u` more often), and majority vote's
/// held-out predictor has exactly that lean, so it scores higher than better models (measured on
/// yelp: majority vote scores highest and is 5 points less accurate). ``GoldFreeSelection``
/// therefore compares generative variants only.
struct LeaveOneLFOutAgreement {
    /// The score in `0...1`; `nil` when no row has two votes.
    let value: Double?
    /// The credit of each stored vote of the patterns (`NaN` where not scored), so that two
    /// models can be compared pair by pair (``pairedAdvantage(over:patterns:)``).
    let credits: [Double]

    /// - Parameters:
    ///   - model: the fitted model.
    ///   - patterns: its training patterns; clamped (gold) patterns are skipped.
    ///   - posteriors: the model's posterior per pattern, row-major `patterns × classes`.
    init(model: GenerativeLabelModel, patterns: VotePatterns, posteriors: [Double]) {
        let classes = patterns.classCount
        // Each vote's weighted log-likelihood per class, `[lf][vote][class]`, taken once.
        var logVote = [Double](repeating: 0, count: patterns.lfCount * classes * classes)
        for lf in 0..<patterns.lfCount {
            let weight = model.options.lfWeights?[lf] ?? 1
            for vote in 0..<classes {
                for label in 0..<classes {
                    logVote[(lf * classes + vote) * classes + label] =
                        weight * log(max(model.tables.voteProbability(lf: lf, trueClass: label, vote: vote), EStepParameters.floor))
                }
            }
        }
        var logPosterior = [Double](repeating: 0, count: classes)
        var credit = 0.0, pairs = 0.0
        var credits = [Double](repeating: .nan, count: patterns.voteCount)
        for pattern in 0..<patterns.count where patterns.clamp(ofPattern: pattern) < 0 {
            let storage = patterns.storageRange(ofPattern: pattern)
            guard storage.count >= 2 else { continue }
            for label in 0..<classes { logPosterior[label] = log(max(posteriors[pattern * classes + label], 1e-300)) }
            let count = patterns.counts[pattern]
            for index in storage {
                let lf = Int(patterns.lfIndices[index]), vote = Int(patterns.classVotes[index])
                var best = -Double.infinity, leaders = 0.0, voteLeads = false
                let row = (lf * classes + vote) * classes
                for label in 0..<classes {
                    let score = logPosterior[label] - logVote[row + label]
                    if score > best + 1e-12 {
                        best = score
                        leaders = 1
                        voteLeads = label == vote
                    } else if score >= best - 1e-12 {
                        leaders += 1
                        voteLeads = voteLeads || label == vote
                    }
                }
                credits[index] = voteLeads ? 1 / leaders : 0
                credit += count * credits[index]
                pairs += count
            }
        }
        value = pairs > 0 ? credit / pairs : nil
        self.credits = credits
    }

    /// How much this model's agreement exceeds `other`'s, in standard errors of the paired
    /// difference (each (row, LF) pair scored by both): `+∞` when this model is better on some
    /// pair and never worse, `0` when they never differ.
    func pairedAdvantage(over other: LeaveOneLFOutAgreement, patterns: VotePatterns) -> Double {
        var difference = PairedDifference()
        for pattern in 0..<patterns.count {
            for index in patterns.storageRange(ofPattern: pattern) where !credits[index].isNaN {
                difference.add(credits[index] - other.credits[index], weight: patterns.counts[pattern])
            }
        }
        return difference.standardErrors
    }
}
