/// Finds the known name closest to a misspelt one, for "did you mean" hints.
enum Suggestions {
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        // Edits cost 2 and swapping neighbours 1, so 'sned' is nearer 'send' than 'seed'.
        let limit = 2 * max(1, min(3, word.count / 3 + 1))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// "; did you mean 'x'?" or "".
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance: insertions, deletions and substitutions cost 2, a swap
    /// of adjacent letters (the commonest typing slip) costs 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return 2 * y.count }
        if y.isEmpty { return 2 * x.count }
        var previousPrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = (0...y.count).map { 2 * $0 }
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = 2 * i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 2)
                current[j] = min(previous[j] + 2, current[j - 1] + 2, substitution)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[y.count]
    }
}
