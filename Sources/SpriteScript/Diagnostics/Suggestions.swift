/// Finds the known name closest to a misspelt one, for "did you mean" hints.
///
/// The search is bounded: names longer than `maximumLength` get no hint, a
/// candidate whose length differs by more than the edits allowed is skipped
/// unread, and the edit distance only fills a band around the diagonal and
/// stops once a row exceeds the limit. So a long misspelt name or a cluster
/// of 100,000 nodes costs time linear in the number of names.
public enum Suggestions {
    /// Longer names are not typing slips of a declared name worth a hint.
    static let maximumLength = 64

    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let length = word.count
        guard length <= maximumLength else { return nil }
        // Edits cost 2 and swapping neighbours 1, so 'sned' is nearer 'send' than 'seed'.
        let limit = 2 * max(1, min(3, length / 3 + 1))
        let letters = Array(word.lowercased())
        let ascii = word.utf8.allSatisfy { $0 < 128 } ? Array(word.utf8).map(lowercase) : nil
        // The letters of the word: each letter of a candidate outside them costs an edit.
        var present = (low: UInt64(0), high: UInt64(0))
        for byte in ascii ?? [] {
            if byte < 64 { present.low |= 1 << UInt64(byte) } else { present.high |= 1 << UInt64(byte - 64) }
        }
        var rows = BandRows(width: length + limit + 2)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // Each letter more or less costs an edit: skip what cannot be near, without reading it.
            let bytes = candidate.utf8.count
            guard bytes >= length - limit / 2 else { continue }
            let distance: Int?
            if let ascii, bytes <= length + limit / 2,
               let fast = candidate.utf8.withContiguousStorageIfAvailable({ y -> Int?? in
                   var strangers = 0
                   for byte in y {
                       guard byte < 128 else { return nil }
                       let letter = lowercase(byte)
                       let known = letter < 64 ? present.low >> UInt64(letter) & 1
                                               : present.high >> UInt64(letter - 64) & 1
                       strangers += known == 0 ? 1 : 0
                   }
                   guard 2 * strangers <= limit else { return .some(nil) }
                   return .some(asciiDistance(ascii, y, limit: limit, rows: &rows))
               }), let result = fast {
                distance = result
            } else {
                let count = candidate.count
                guard abs(count - length) * 2 <= limit else { continue }
                distance = editDistance(letters, Array(candidate.lowercased()), limit: limit)
            }
            guard let distance else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// "; did you mean 'x'?" or "".
    public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance: insertions, deletions and substitutions cost 2, a swap
    /// of adjacent letters (the commonest typing slip) costs 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a), Array(b), limit: .max / 4) ?? .max
    }

    /// The distance if it is at most `limit`, else nil. Only cells within
    /// `limit / 2` of the diagonal can stay under the limit, so only those are filled.
    static func editDistance(_ x: [Character], _ y: [Character], limit: Int) -> Int? {
        if x.isEmpty { return 2 * y.count <= limit ? 2 * y.count : nil }
        if y.isEmpty { return 2 * x.count <= limit ? 2 * x.count : nil }
        let band = limit / 2
        guard abs(x.count - y.count) <= band else { return nil }
        let outside = limit + 1
        var previousPrevious = [Int](repeating: outside, count: y.count + 1)
        var previous = (0...y.count).map { min(2 * $0, outside) }
        var current = [Int](repeating: outside, count: y.count + 1)
        for i in 1...x.count {
            let low = max(1, i - band), high = min(y.count, i + band)
            current[0] = min(2 * i, outside)
            if low > 1 { current[low - 1] = outside }
            var rowBest = current[0]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 2)
                    var cell = min(previous[j] + 2, current[j - 1] + 2, substitution)
                    if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                        cell = min(cell, previousPrevious[j - 2] + 1)
                    }
                    current[j] = min(cell, outside)
                    rowBest = min(rowBest, current[j])
                }
            }
            if high < y.count { current[high + 1] = outside }
            guard rowBest <= limit else { return nil }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    /// Three rows of the band, reused for every candidate so the search allocates nothing per name.
    struct BandRows {
        var twoBack: [Int], back: [Int], current: [Int]
        init(width: Int) {
            twoBack = [Int](repeating: 0, count: width)
            back = twoBack
            current = twoBack
        }
    }

    /// `editDistance` for ASCII names, compared without regard to case, straight from their bytes.
    static func asciiDistance(_ x: [UInt8], _ y: UnsafeBufferPointer<UInt8>, limit: Int, rows: inout BandRows) -> Int? {
        let band = limit / 2
        guard abs(x.count - y.count) <= band else { return nil }
        if x.isEmpty || y.isEmpty { return 2 * max(x.count, y.count) <= limit ? 2 * max(x.count, y.count) : nil }
        let outside = limit + 1
        for j in 0...y.count { rows.back[j] = min(2 * j, outside) }
        for i in 1...x.count {
            let low = max(1, i - band), high = min(y.count, i + band)
            rows.current[0] = min(2 * i, outside)
            if low > 1 { rows.current[low - 1] = outside }
            var rowBest = rows.current[0]
            if low <= high {
                for j in low...high {
                    let yj = lowercase(y[j - 1])
                    let substitution = rows.back[j - 1] + (x[i - 1] == yj ? 0 : 2)
                    var cell = min(rows.back[j] + 2, rows.current[j - 1] + 2, substitution)
                    if i > 1, j > 1, x[i - 1] == lowercase(y[j - 2]), x[i - 2] == yj {
                        cell = min(cell, rows.twoBack[j - 2] + 1)
                    }
                    rows.current[j] = min(cell, outside)
                    rowBest = min(rowBest, rows.current[j])
                }
            }
            if high < y.count { rows.current[high + 1] = outside }
            guard rowBest <= limit else { return nil }
            swap(&rows.twoBack, &rows.back)
            swap(&rows.back, &rows.current)
        }
        return rows.back[y.count] <= limit ? rows.back[y.count] : nil
    }
}
