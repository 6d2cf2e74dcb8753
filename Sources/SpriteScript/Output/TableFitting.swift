/// A table too wide for the line even once TableLayout has narrowed it: its
/// headings shorten to the columns' short names, then the columns text may
/// leave out go, lowest rank first, until it fits. Notes say what changed;
/// JSON keeps every column.
struct TableFitting {
    let columns: [Column]
    let rows: [[String]]

    func lines(width: Int) -> (grid: [String], notes: [String]) {
        let all = Array(columns.indices)
        let natural = layout(all, short: false, width: width)
        guard width > 0, !fits(natural, width) else { return (natural, []) }
        var kept = all
        var grid = layout(kept, short: true, width: width)
        var dropped: [String] = []
        let droppable = all.filter { columns[$0].dropRank != nil }
            .sorted { (columns[$0].dropRank ?? 0, $0) < (columns[$1].dropRank ?? 0, $1) }
        for index in droppable where !fits(grid, width) {
            kept.removeAll { $0 == index }
            dropped.append(columns[index].name)
            grid = layout(kept, short: true, width: width)
        }
        let shortened = kept.compactMap { index in columns[index].short.map { "\($0): \(columns[index].name)" } }
        let shortNote = shortened.isEmpty ? [] : ["  " + shortened.joined(separator: "; ")]
        let dropNote = dropped.isEmpty ? []
            : ["  left out to fit \(width) columns: " + dropped.joined(separator: ", ")
                + (dropped.count == 1 ? " (JSON has it)" : " (JSON has them)")]
        return (grid, shortNote + dropNote)
    }

    private func fits(_ grid: [String], _ width: Int) -> Bool { grid.allSatisfy { $0.count <= width } }

    private func layout(_ kept: [Int], short: Bool, width: Int) -> [String] {
        let header = kept.map { short ? columns[$0].short ?? columns[$0].name : columns[$0].name }
        let cells = rows.map { row in kept.map { row.indices.contains($0) ? row[$0] : "" } }
        let whole = Set(kept.indices.filter { columns[kept[$0]].whole })
        return TableLayout(header: header, rows: cells, whole: whole).lines(width: width)
    }
}
