import Foundation

/// A multinomial logistic regression over the matcher's sparse features, trained when the
/// catalogue loads. It reranks the intents the nearest-example search proposes: the examples
/// say what is close, the model learns which words tell close intents apart.
/// Deterministic: fixed example order, fixed learning-rate schedule, no random numbers.
struct LinearIntentModel: Sendable {
    /// Catalogues with more intents train and score each example against this many nearest intents.
    static let maxCandidates = 24

    private let classes: Int
    private let features: Int
    /// Row-major [feature][class].
    private let weights: [Float]
    private let bias: [Float]

    /// - Parameter candidates: per example, the classes to train it against (its label is added);
    ///   nil trains against every class.
    init(examples: [[(id: Int32, weight: Double)]], labels: [Int], classes: Int, features: Int,
         candidates: [[Int]]? = nil, epochs: Int = 30, l2: Double = 1e-4) {
        self.classes = classes
        self.features = features
        var weights = [Float](repeating: 0, count: features * classes)
        var bias = [Float](repeating: 0, count: classes)
        let count = examples.count
        guard count > 0, classes > 0 else {
            self.weights = weights
            self.bias = bias
            return
        }
        let allClasses = Array(0..<classes)
        let stride = Self.coprimeStride(for: count)
        var scores = [Double](repeating: 0, count: classes)
        for epoch in 0..<epochs {
            let rate = 0.5 / (1 + Double(epoch) * 0.2)
            var index = epoch % count
            for _ in 0..<count {
                // A fixed permutation per epoch (a stride coprime with the count).
                index = (index + stride) % count
                let example = examples[index]
                let label = labels[index]
                var set = candidates?[index] ?? allClasses
                if !set.contains(label) { set.append(label) }
                var maxScore = -Double.infinity
                for (slot, c) in set.enumerated() {
                    var score = Double(bias[c])
                    for (id, value) in example { score += Double(weights[Int(id) * classes + c]) * value }
                    scores[slot] = score
                    maxScore = max(maxScore, score)
                }
                var total = 0.0
                for slot in set.indices {
                    scores[slot] = exp(scores[slot] - maxScore)
                    total += scores[slot]
                }
                for (slot, c) in set.enumerated() {
                    let gradient = scores[slot] / total - (c == label ? 1 : 0)
                    bias[c] -= Float(rate * gradient)
                    for (id, value) in example {
                        let cell = Int(id) * classes + c
                        weights[cell] -= Float(rate * (gradient * value + l2 * Double(weights[cell])))
                    }
                }
            }
        }
        self.weights = weights
        self.bias = bias
    }

    /// Probabilities over `among` (summing to 1 over them), in that order.
    func probabilities(_ vector: [(id: Int32, weight: Double)], among classesToScore: [Int]) -> [Double] {
        var scores = classesToScore.map { Double(bias[$0]) }
        for (id, value) in vector where Int(id) < features {
            let row = Int(id) * classes
            for (slot, c) in classesToScore.enumerated() { scores[slot] += Double(weights[row + c]) * value }
        }
        let maxScore = scores.max() ?? 0
        var total = 0.0
        for slot in scores.indices {
            scores[slot] = exp(scores[slot] - maxScore)
            total += scores[slot]
        }
        return scores.map { $0 / total }
    }

    private static func coprimeStride(for count: Int) -> Int {
        var stride = max(1, Int(Double(count) * 0.618))
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        while gcd(stride, count) != 1 { stride += 1 }
        return stride
    }
}
