/// Lays a table out in aligned columns within a width. A table that does
/// not fit closes its gaps to one space, then wraps the cells of its widest
/// columns at spaces, inside their own column, so rows take several lines
/// but the grid holds; if a word is still too wide, a path breaks after a
/// '/' (`/fs3/export/` over `home/notes`). A table that cannot fit even so
/// keeps each row on one line.
struct TableLayout {
    let header: [String]
    let rows: [[String]]
    /// Columns whose cells never wrap.
    var whole: Set<Int> = []

    func lines(width: Int) -> [String] {
        let natural = columnWidths()
        if width <= 0 || total(natural, 2) <= width { return render(natural, gap: 2, wrap: false) }
        if total(natural, 1) <= width { return render(natural, gap: 1, wrap: false) }
        // A narrow gap costs less than a path broken over more lines.
        for (splitPaths, gap) in [(false, 2), (false, 1), (true, 1), (true, 2)] {
            if let narrowed = narrow(natural, gap: gap, width: width, splitPaths: splitPaths) {
                return render(narrowed, gap: gap, wrap: true)
            }
        }
        return render(natural, gap: 2, wrap: false)
    }

    private func columnWidths() -> [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return widths
    }

    private func total(_ widths: [Int], _ gap: Int) -> Int {
        2 + widths.reduce(0, +) + gap * max(0, widths.count - 1)
    }

    /// Narrows the widest columns, one column at a time, down to their
    /// longest word (or heading), until the table fits; nil if it cannot.
    private func narrow(_ natural: [Int], gap: Int, width: Int, splitPaths: Bool) -> [Int]? {
        var least = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < least.count {
                for word in cell.split(separator: " ") {
                    let pieces = splitPaths ? Self.pathPieces(word).map(\.count).max() ?? 0 : word.count
                    least[index] = max(least[index], pieces)
                }
            }
        }
        for index in whole where index < least.count { least[index] = natural[index] }
        guard total(least, gap) <= width else { return nil }
        var widths = natural
        var excess = total(widths, gap) - width
        while excess > 0 {
            guard let index = widths.indices.filter({ widths[$0] > least[$0] }).max(by: { widths[$0] < widths[$1] })
            else { return nil }
            let step = min(excess, widths[index] - least[index], max(1, widths[index] - secondWidest(widths, index)))
            widths[index] -= step
            excess -= step
        }
        return widths
    }

    private func secondWidest(_ widths: [Int], _ except: Int) -> Int {
        widths.indices.filter { $0 != except }.map { widths[$0] }.max() ?? 0
    }

    private func render(_ widths: [Int], gap: Int, wrap: Bool) -> [String] {
        let space = String(repeating: " ", count: gap)
        func lines(_ row: [String]) -> [String] {
            let cells = row.enumerated().map { index, cell in
                wrap && index < widths.count ? Self.wrapCell(cell, width: widths[index]) : [cell]
            }
            let height = cells.map(\.count).max() ?? 1
            return (0..<height).map { line in
                var text = "  "
                for (index, cell) in cells.enumerated() {
                    let piece = line < cell.count ? cell[line] : ""
                    text += index == cells.count - 1 ? piece : TextRenderer.pad(piece, widths[index]) + space
                }
                while text.hasSuffix(" ") { text.removeLast() }
                return text
            }
        }
        return lines(header) + rows.flatMap(lines)
    }

    /// A cell wrapped at spaces; a word still wider than `width` breaks after its slashes.
    static func wrapCell(_ cell: String, width: Int) -> [String] {
        TextLayout.wrap(cell, width: width, indent: 0).flatMap { line -> [String] in
            guard line.count > width else { return [line] }
            var lines: [String] = []
            var current = ""
            for piece in pathPieces(Substring(line)) {
                if !current.isEmpty && current.count + piece.count > width {
                    lines.append(current)
                    current = ""
                }
                current += piece
            }
            return lines + [current]
        }
    }

    /// `/fs3/export/home` as `/`, `fs3/`, `export/`, `home`: the places a path may break.
    static func pathPieces(_ word: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = word.startIndex
        for index in word.indices where word[index] == "/" {
            let end = word.index(after: index)
            pieces.append(word[start..<end])
            start = end
        }
        if start < word.endIndex { pieces.append(word[start...]) }
        return pieces
    }
}
