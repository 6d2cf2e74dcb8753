import SpriteKernel

/// A sweep's table. Text puts one column per cell, headed by its values, a row per field, when that
/// fits the width; otherwise one row per cell (TableFitting shortens the headings as for any table).
/// A value that differs from the first cell's is marked `*`. JSON always gives one row per cell.
enum SweepTable {
    static let mark = "*"

    static func table(_ sweep: SweepResult, width: Int) -> Table {
        let shape = sweep.shape
        let first = sweep.cells.first?.result.values ?? []
        let shown = shownFields(sweep)
        let metrics = shown.map { SweepMetric.all[$0] }
        var table = Table(name: "sweep", title: title(sweep), columns: columns(metrics), rows: [])
        table.rows = sweep.cells.map { cell in
            let differing = shown.filter { cell.result.values[$0] != first[$0] }.map { SweepMetric.all[$0].field }
            return [.typed(.array(cell.values.map { .string($0) }), shown: cell.values.joined(separator: " "))]
                + shown.map { Self.cell(SweepMetric.all[$0], cell.result.values[$0]) }
                + [.typed(.array(differing.map { .string($0) }), shown: differing.joined(separator: " "))]
        }
        table.fields = [("sweep", .string(shape.name)), ("seed", .unsigned(sweep.seed)),
                        ("choices", .array(shape.choices.map { choice in
                            .object([("name", .string(choice.name)),
                                     ("values", .array(choice.values.map { .string($0) }))])
                        }))]
        if sweep.shard != .whole {
            // Which slice this is, and how many cells the whole sweep has: what `run --merge` checks.
            table.fields += [("shard", .object([("index", .int(Int64(sweep.shard.index))),
                                                ("count", .int(Int64(sweep.shard.count)))])),
                             ("cells", .int(Int64(shape.cellCount))),
                             ("cell_warnings", .array(sweep.cells.map { .int(Int64($0.result.warnings)) }))]
            if sweep.cells.isEmpty {
                table.picture = []
                table.notes = ["  no cell of the sweep's \(shape.cellCount) is in shard \(sweep.shard)"]
                return table
            }
        }
        table.picture = text(sweep, shown, width: width)
        let firstCell = SweepCells.label(shape.choices.map(\.name), sweep.cells.first?.values ?? [])
        // The footnote explains a mark: none when every cell gave the first cell's values.
        let marked = sweep.cells.contains { cell in shown.contains { cell.result.values[$0] != first[$0] } }
        table.notes = marked ? ["  \(mark) differs from the first cell's (\(firstCell))"] : []
        let warned = sweep.cells.indices.filter { sweep.cells[$0].result.warnings > 0 }
        if let cell = warned.first {
            table.notes.append("  cell \(SweepCells.label(shape.choices.map(\.name), sweep.cells[cell].values)) "
                + (warned.count > 1 ? "and \(warned.count - 1) more " : "")
                + "printed warnings; run it on its own to read them")
        }
        return table
    }

    private static func title(_ sweep: SweepResult) -> String {
        let cells = sweep.shard == .whole ? Plural.of(sweep.cells.count, "cell")
            : "shard \(sweep.shard), \(sweep.cells.count) of \(sweep.shape.cellCount) cells"
        return "sweep \(sweep.shape.name): \(cells) (\(sweep.shape.dimensions)), seed \(sweep.seed)"
    }

    /// The JSON row: the cell's values (in the choices' order), each field, and the fields that differ from
    /// the first cell.
    private static func columns(_ metrics: [SweepMetric]) -> [Column] {
        [Column("cell", key: "values")] + metrics.map { Column($0.field, key: $0.key) }
            + [Column("differs", key: "differs")]
    }

    /// The fields the table shows, as indices into `SweepMetric.all`: those measured in every cell, and
    /// the others when at least one cell measured them (SweepMetric).
    static func shownFields(_ sweep: SweepResult) -> [Int] {
        SweepMetric.all.indices.filter { index in
            SweepMetric.all[index].everyCell || sweep.cells.contains { $0.result.values[index] != nil }
        }
    }

    private static func cell(_ metric: SweepMetric, _ value: Int64?) -> Cell {
        guard let value else { return .none }
        if metric.millionths { return .number(metric.real(value)) }
        return switch metric.dimension {
        case .size: .bytes(value)
        case .duration: .time(SimTime(nanoseconds: value))
        default: .count(value)
        }
    }

    /// The text lines: cells as columns when they fit, else as rows.
    private static func text(_ sweep: SweepResult, _ fields: [Int], width: Int) -> [String] {
        let metrics = fields.map { SweepMetric.all[$0] }
        let first = sweep.cells.first?.result.values ?? []
        func shown(_ cell: SweepCellResult, _ index: Int) -> String {
            let field = fields[index]
            return metrics[index].display(cell.values[field]) + (cell.values[field] != first[field] ? mark : "")
        }
        let choices = sweep.shape.choices
        // Cells as columns: the choices' rows head them, a row per field follows. The values are rows, not
        // the layout's header, so that a long one wraps inside its column; the header is left blank.
        let header = Array(repeating: "", count: sweep.cells.count + 1)
        let rows = choices.indices.map { choice in
            [choices[choice].name] + sweep.cells.map { $0.values[choice] }
        } + metrics.indices.map { index in [metrics[index].title] + sweep.cells.map { shown($0.result, index) } }
        // The field names never wrap; a long value wraps inside its column.
        let wide = Array(TableLayout(header: header, rows: rows, whole: [0]).lines(width: width).dropFirst())
        if width <= 0 || wide.allSatisfy({ $0.count <= width }) { return wide }
        // Cells as rows: a column per choice, then per field.
        let columns = choices.map { Column($0.name) }
            + metrics.map { Column($0.field, short: $0.short == $0.field ? nil : $0.short, dropRank: $0.dropRank)
            }
        let cellRows = sweep.cells.map { cell in cell.values + metrics.indices.map { shown(cell.result, $0) } }
        let (grid, notes) = TableFitting(columns: columns, rows: cellRows).lines(width: width)
        return grid + notes.flatMap { TextLayout.wrap($0, width: width, indent: 4) }
    }
}
