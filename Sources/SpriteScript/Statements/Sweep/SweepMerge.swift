import Foundation

/// `sprite-shell run --merge FILE…`: the JSON output of a script's shards (`run --shard I/N --format json`)
/// read back, each sweep's cells gathered from every shard and its whole table printed, as the run without
/// --shard prints it. The shards must be those of one run: the same sweeps with the same choices and seed,
/// every shard of N once, every cell in exactly one.
public enum SweepMerge {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Prints each merged sweep's table, in the order the first file has them, in `options.format`.
    public static func print(_ parts: [(file: String, text: String)], options: SessionOptions,
                             sink: any OutputSink) throws(Failure) {
        let sweeps = try merge(parts)
        let session = Session(options: options, sink: sink)
        for sweep in sweeps {
            session.interpreter.emit(.table(SweepTable.table(sweep, width: options.width)))
        }
    }

    static func merge(_ parts: [(file: String, text: String)]) throws(Failure) -> [SweepResult] {
        guard !parts.isEmpty else { throw Failure("--merge needs at least one file") }
        var order: [String] = []
        var pieces: [String: [(file: String, piece: Piece)]] = [:]
        for part in parts {
            for piece in try Self.pieces(part.file, part.text) {
                if pieces[piece.shape.name] == nil { order.append(piece.shape.name) }
                pieces[piece.shape.name, default: []].append((part.file, piece))
            }
        }
        guard !order.isEmpty else {
            throw Failure("no sweep's table in " + parts.map { "'\($0.file)'" }.joined(separator: ", ")
                          + ": give the output of 'sprite-shell run --shard I/N --format json'")
        }
        var merged: [SweepResult] = []
        for name in order { merged.append(try whole(name, pieces[name] ?? [])) }
        return merged
    }

    /// One sweep's pieces, one per shard, put together.
    private static func whole(_ name: String, _ pieces: [(file: String, piece: Piece)]) throws(Failure)
        -> SweepResult {
        guard let (firstFile, first) = pieces.first else { throw Failure("sweep '\(name)' is in no file") }
        var shards: [Int: String] = [:]
        var cells: [Int: (values: [String], result: SweepCellResult, file: String)] = [:]
        for (file, piece) in pieces {
            guard piece.shape.choices.elementsEqual(first.shape.choices, by: { $0 == $1 }), piece.seed == first.seed
            else {
                throw Failure("sweep '\(name)' in '\(file)' has other choices or another seed than in '\(firstFile)'")
            }
            guard piece.shard.count == first.shard.count else {
                throw Failure("sweep '\(name)' is shard \(piece.shard) in '\(file)' but \(first.shard) "
                              + "in '\(firstFile)'")
            }
            if let other = shards[piece.shard.index] {
                throw Failure("'\(other)' and '\(file)' both hold shard \(piece.shard) of sweep '\(name)'")
            }
            shards[piece.shard.index] = file
            for (values, result) in piece.cells {
                guard let position = piece.shape.position(of: values) else {
                    throw Failure("sweep '\(name)' in '\(file)' has a cell (\(values.joined(separator: ", "))) "
                                  + "that is not one of its choices' combinations")
                }
                if let other = cells[position] {
                    throw Failure("the cell \(SweepCells.label(piece.shape.choices.map(\.name), values)) of sweep "
                                  + "'\(name)' is in both '\(other.file)' and '\(file)'")
                }
                cells[position] = (values, result, file)
            }
        }
        let count = first.shard.count
        let missing = (1...count).filter { shards[$0] == nil }
        guard missing.isEmpty else {
            throw Failure("sweep '\(name)': shard" + (missing.count == 1 ? " " : "s ")
                          + missing.map { "\($0)/\(count)" }.joined(separator: ", ") + " missing")
        }
        guard cells.count == first.shape.cellCount else {
            throw Failure("sweep '\(name)': the shards hold \(cells.count) of its \(first.shape.cellCount) cells")
        }
        return SweepResult(shape: first.shape, seed: first.seed,
                           cells: cells.keys.sorted().compactMap { cells[$0].map { ($0.values, $0.result) } })
    }

    /// What one file says of one sweep.
    private struct Piece {
        let shape: SweepShape
        let seed: UInt64
        let shard: Shard
        let cells: [(values: [String], result: SweepCellResult)]
    }

    /// The sweep tables of one file of JSON lines; a sweep shown again (`show sweep`) counts once.
    private static func pieces(_ file: String, _ text: String) throws(Failure) -> [Piece] {
        var pieces: [Piece] = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let data = Data(line.utf8)
            guard let event = try? decoder.decode(Event.self, from: data) else {
                throw Failure("'\(file)' line \(number + 1) is not a JSON object: give the output of --format json")
            }
            guard event.event == "show", event.table == "sweep" else { continue }
            guard let record = try? decoder.decode(Record.self, from: data), let piece = record.piece() else {
                throw Failure("'\(file)' line \(number + 1) is a sweep's table without the fields --merge reads")
            }
            if !pieces.contains(where: { $0.shape.name == piece.shape.name }) { pieces.append(piece) }
        }
        return pieces
    }

    /// Any line of JSON output: what it is.
    private struct Event: Decodable {
        let event: String?
        let table: String?
    }

    /// A sweep's table as `SweepTable` writes it (docs/output.schema.json, `show.sweep`).
    private struct Record: Decodable {
        struct Choice: Decodable {
            let name: String
            let values: [String]
        }

        struct Slice: Decodable {
            let index: Int
            let count: Int
        }

        /// A row's field: the numbers are read, the rest (the values, `differs`) passed over here.
        enum Field: Decodable {
            case number(Int64), real(Double), null, strings([String]), other

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if container.decodeNil() {
                    self = .null
                } else if let number = try? container.decode(Int64.self) {
                    self = .number(number)
                } else if let real = try? container.decode(Double.self) {
                    self = .real(real)
                } else if let strings = try? container.decode([String].self) {
                    self = .strings(strings)
                } else {
                    self = .other
                }
            }
        }

        let sweep: String
        let seed: UInt64
        let choices: [Choice]
        let rows: [[String: Field]]
        let shard: Slice?
        let cellWarnings: [Int]?

        enum CodingKeys: String, CodingKey {
            case sweep, seed, choices, rows, shard
            case cellWarnings = "cell_warnings"
        }

        func piece() -> Piece? {
            var slice = Shard.whole
            if let shard {
                guard (1...Shard.maxCount).contains(shard.count), (1...shard.count).contains(shard.index) else {
                    return nil
                }
                slice = Shard(index: shard.index, count: shard.count)
            }
            var cells: [(values: [String], result: SweepCellResult)] = []
            for (index, row) in rows.enumerated() {
                guard case .strings(let values)? = row["values"] else { return nil }
                var measured: [Int64?] = []
                for metric in SweepMetric.all {
                    switch (row[metric.key], metric.millionths) {
                    case (.number(let value)?, false): measured.append(value)
                    case (.number(let value)?, true):
                        let (scaled, overflow) = value.multipliedReportingOverflow(by: 1_000_000)
                        guard !overflow else { return nil }
                        measured.append(scaled)
                    case (.real(let value)?, true) where abs(value) < 9e12:
                        measured.append(Int64((value * 1_000_000).rounded()))
                    // A field measured in some cells only: null where a cell had none, absent where none did.
                    case (.null?, _) where !metric.everyCell, (nil, _) where !metric.everyCell: measured.append(nil)
                    default: return nil
                    }
                }
                var result = SweepCellResult(values: measured)
                // Warnings per row: the whole table's note names the first cell that printed any.
                result.warnings = cellWarnings.map { index < $0.count ? $0[index] : 0 } ?? 0
                cells.append((values, result))
            }
            return Piece(shape: SweepShape(name: sweep, choices: choices.map { ($0.name, $0.values) }),
                         seed: seed, shard: slice, cells: cells)
        }
    }
}
