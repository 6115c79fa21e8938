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
        // Flat, contiguous copies of the examples and their class sets, walked through unsafe
        // buffers: the same arithmetic in the same order as over the nested arrays, but without
        // an iterator and a tuple per step, which made a debug build's start-up take seconds.
        var featureStart = [0], featureIDs = [Int](), featureValues = [Double]()
        var setStart = [0], setClasses = [Int]()
        for index in 0..<count {
            for (id, value) in examples[index] {
                featureIDs.append(Int(id))
                featureValues.append(value)
            }
            featureStart.append(featureIDs.count)
            var set = candidates?[index] ?? Array(0..<classes)
            if !set.contains(labels[index]) { set.append(labels[index]) }
            setClasses += set
            setStart.append(setClasses.count)
        }
        let stride = Self.coprimeStride(for: count)
        var scores = [Double](repeating: 0, count: classes + 1)
        featureIDs.withUnsafeBufferPointer { ids in
        featureValues.withUnsafeBufferPointer { values in
        setClasses.withUnsafeBufferPointer { sets in
        labels.withUnsafeBufferPointer { labels in
        weights.withUnsafeMutableBufferPointer { weights in
        bias.withUnsafeMutableBufferPointer { bias in
        scores.withUnsafeMutableBufferPointer { scores in
            for epoch in 0..<epochs {
                let rate = 0.5 / (1 + Double(epoch) * 0.2)
                var index = epoch % count
                for _ in 0..<count {
                    // A fixed permutation per epoch (a stride coprime with the count).
                    index = (index + stride) % count
                    let label = labels[index]
                    let features = featureStart[index]..<featureStart[index + 1]
                    let set = setStart[index]..<setStart[index + 1]
                    var maxScore = -Double.infinity
                    var slot = 0
                    for position in set {
                        let c = sets[position]
                        var score = Double(bias[c])
                        for f in features { score += Double(weights[ids[f] * classes + c]) * values[f] }
                        scores[slot] = score
                        maxScore = max(maxScore, score)
                        slot += 1
                    }
                    var total = 0.0
                    for slot in 0..<set.count {
                        scores[slot] = exp(scores[slot] - maxScore)
                        total += scores[slot]
                    }
                    slot = 0
                    for position in set {
                        let c = sets[position]
                        let gradient = scores[slot] / total - (c == label ? 1 : 0)
                        bias[c] -= Float(rate * gradient)
                        for f in features {
                            let cell = ids[f] * classes + c
                            weights[cell] -= Float(rate * (gradient * values[f] + l2 * Double(weights[cell])))
                        }
                        slot += 1
                    }
                }
            }
        }}}}}}}
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
