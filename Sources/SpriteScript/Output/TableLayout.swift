/// Lays a table out in aligned columns within a width. A table that does
/// not fit closes its gaps to one space, then wraps the cells of its widest
/// columns at spaces, inside their own column, so rows take several lines
/// but the grid holds. A table that cannot fit even so (a single word wider
/// than the room) keeps each row on one line.
struct TableLayout {
    let header: [String]
    let rows: [[String]]

    func lines(width: Int) -> [String] {
        let natural = columnWidths()
        if width <= 0 || total(natural, 2) <= width { return render(natural, gap: 2, wrap: false) }
        if total(natural, 1) <= width { return render(natural, gap: 1, wrap: false) }
        for gap in [2, 1] {
            if let narrowed = narrow(natural, gap: gap, width: width) { return render(narrowed, gap: gap, wrap: true) }
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
    private func narrow(_ natural: [Int], gap: Int, width: Int) -> [Int]? {
        var least = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < least.count {
                for word in cell.split(separator: " ") { least[index] = max(least[index], word.count) }
            }
        }
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
                wrap && index < widths.count ? TextLayout.wrap(cell, width: widths[index], indent: 0) : [cell]
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
}
