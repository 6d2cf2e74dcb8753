import SpriteKernel

/// Charts from what the language already measures: a sweep's table and pmake's builds.
enum ChartAdapters {
    /// pmake's speedup against hosts: one line per baseline (the `hosts 1` build each speedup is over), its
    /// builds by `hosts`, and the ideal line speedup = hosts beside it. Builds without a speedup (failed,
    /// unfinished, no baseline) are left out.
    static func pmakeSpeedup(_ reports: [PmakeReport]) -> ChartModel {
        var series: [ChartSeries] = []
        var hosts: Set<Int> = []
        for report in reports {
            guard let speedup = report.speedup, let baseline = report.baseline else { continue }
            let name = "speedup over \(baseline.name)"
            let point = ChartPoint(x: Double(report.parallel), y: speedup, label: report.name)
            hosts.insert(report.parallel)
            if let index = series.firstIndex(where: { $0.name == name }) {
                series[index].points.append(point)
            } else {
                series.append(ChartSeries(name, [point]))
            }
        }
        if !hosts.isEmpty {
            let ideal = hosts.sorted().map { ChartPoint(x: Double($0), y: Double($0)) }
            series.append(ChartSeries("ideal (= hosts)", ideal))
        }
        return ChartModel(title: "pmake: speedup vs hosts", kind: .line, x: ChartAxis("hosts", whole: true),
                          y: ChartAxis("speedup", unit: "x"), series: series)
    }

    /// pmake's makespans, a bar a build, grouped by `hosts`.
    static func pmakeMakespan(_ reports: [PmakeReport]) -> ChartModel {
        let finished = reports.compactMap { report in report.makespan.map { (report, $0) } }
        let unit = ChartUnits.time(finished.map { Double($0.1.nanoseconds) })
        let points = finished.map { report, makespan in
            ChartPoint(x: Double(report.parallel), y: Double(makespan.nanoseconds) / unit.scale,
                       label: "\(report.parallel)")
        }
        return ChartModel(title: "pmake: makespan vs hosts", kind: .bar, x: ChartAxis("hosts", whole: true),
                          y: ChartAxis("makespan", unit: unit.name), series: [ChartSeries("makespan", points)])
    }

    /// A sweep's field against one of its choices (`x`: the first choice when nil), one series for each
    /// combination of the other choices' values. A choice whose values are all numbers (with one kind of unit:
    /// `256KB, 1MB`) gives a line chart on a numeric axis; any other choice gives grouped bars, a group per
    /// value. A cell that did not measure the field (SweepMetric) gives no point. Nil when the field or the choice
    /// is unknown.
    static func sweep(_ result: SweepResult, field: String, x: String? = nil) -> ChartModel? {
        guard let metricIndex = SweepMetric.all.firstIndex(where: { $0.field == field }) else { return nil }
        let metric = SweepMetric.all[metricIndex]
        let choices = result.shape.choices
        guard !choices.isEmpty else { return nil }
        guard let xIndex = x.map({ name in choices.firstIndex { $0.name == name } }) ?? 0 else { return nil }
        let xChoice = choices[xIndex]
        // Two values at one number (`1, 1.0`; `1KB, 1024B`) would share a place on a numeric axis: such a
        // choice is drawn as groups of bars, a group per value, like a choice of words.
        let numbers = ChartUnits.numbers(xChoice.values).flatMap { Set($0.values).count == $0.values.count ? $0 : nil }
        let xUnit = numbers.map { ChartUnits.scale(for: $0.dimension, $0.values) }
        let yValues = result.cells.compactMap { $0.result.values[metricIndex].map(metric.real) }
        let yUnit: (scale: Double, name: String) = switch metric.dimension {
        case .size: ChartUnits.bytes(yValues)
        case .duration: ChartUnits.time(yValues)
        default: (1, "")
        }
        // Counts along x (`2, 4, 8` hosts) tick at whole numbers; `0.3, 0.5` loads do not.
        let wholeX = numbers.map { $0.dimension == .count && $0.values.allSatisfy { $0 == $0.rounded() } } ?? false
        var series: [ChartSeries] = []
        for cell in result.cells {
            let others = choices.indices.filter { $0 != xIndex }
            let name = others.isEmpty ? metric.title
                : others.map { "\(choices[$0].name)=\(cell.values[$0])" }.joined(separator: ", ")
            guard let valueIndex = xChoice.values.firstIndex(of: cell.values[xIndex]),
                  let measured = cell.result.values[metricIndex] else { continue }
            let xValue = numbers.map { $0.values[valueIndex] / (xUnit?.scale ?? 1) } ?? Double(valueIndex)
            let point = ChartPoint(x: xValue, y: metric.real(measured) / yUnit.scale, label: cell.values[xIndex])
            if let index = series.firstIndex(where: { $0.name == name }) {
                series[index].points.append(point)
            } else {
                series.append(ChartSeries(name, [point]))
            }
        }
        return ChartModel(title: "sweep \(result.shape.name): \(metric.title) vs \(xChoice.name)",
                          kind: numbers == nil ? .bar : .line,
                          x: ChartAxis(xChoice.name, unit: xUnit?.name ?? "", whole: wholeX),
                          y: ChartAxis(metric.title, unit: yUnit.name, whole: metric.dimension == .count
                                       && !metric.millionths), series: series)
    }
}

/// Units for an axis: the largest unit the biggest value is at least one of, so the numbers stay short.
enum ChartUnits {
    static let timeUnits: [(Double, String)] = [(1e9, "s"), (1e6, "ms"), (1e3, "us"), (1, "ns")]
    static let byteUnits: [(Double, String)] = [
        (1_099_511_627_776, "TB"), (1_073_741_824, "GB"), (1_048_576, "MB"), (1024, "KB"), (1, "B"),
    ]

    /// Nanoseconds shown in s, ms, us or ns.
    static func time(_ nanoseconds: [Double]) -> (scale: Double, name: String) { pick(nanoseconds, timeUnits) }

    /// Bytes shown in B, KB, MB, GB or TB (binary, as the language's units are).
    static func bytes(_ values: [Double]) -> (scale: Double, name: String) { pick(values, byteUnits) }

    static func scale(for dimension: Dimension, _ values: [Double]) -> (scale: Double, name: String) {
        switch dimension {
        case .duration: time(values)
        case .size: bytes(values)
        default: (1, "")
        }
    }

    private static func pick(_ values: [Double], _ units: [(Double, String)]) -> (scale: Double, name: String) {
        let largest = values.map { abs($0) }.max() ?? 0
        let unit = units.first { largest >= $0.0 } ?? units[units.count - 1]
        return (unit.0, unit.1)
    }

    /// Choice values as numbers in base units (`1MB` → 1048576, `100ms` → 1e8, `3` → 3), when every one is a
    /// number and all have one dimension; nil otherwise (`write-through`, or `1MB` beside `2s`).
    static func numbers(_ texts: [String]) -> (dimension: Dimension, values: [Double])? {
        var dimension: Dimension?
        var values: [Double] = []
        for text in texts {
            let digits = text.prefix { $0.isNumber || $0 == "." }
            // Four hundred nines read as infinity: such a label is no position on an axis.
            guard !digits.isEmpty, let number = Double(digits), number.isFinite else { return nil }
            let unit = String(text.dropFirst(digits.count))
            let (kind, scale): (Dimension, Int64) = unit.isEmpty ? (.count, 1) : (Quantity.units[unit] ?? (.count, 0))
            guard scale > 0, kind == .count || kind == .duration || kind == .size else { return nil }
            if let dimension, dimension != kind { return nil }
            dimension = kind
            let value = number * Double(scale)
            guard value.isFinite else { return nil }
            values.append(value)
        }
        return dimension.map { ($0, values) }
    }
}
