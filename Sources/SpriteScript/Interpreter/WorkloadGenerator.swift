import Foundation
import SpriteKernel

/// Draws a workload's jobs from the engine's seeded generator: the same
/// script and seed give the same arrivals and bursts every time.
extension Interpreter {
    func generateWorkload(_ workload: WorkloadStatement, on node: Int) throws(Diagnostic) {
        guard let burst = workload.burst else { return }
        let bursts = workload.bursts?.0 ?? 1
        var arrival = simulation.now
        for index in 1...workload.count {
            var steps: [ProgramStep] = []
            for phase in 0..<bursts {
                if phase > 0, let io = workload.io {
                    steps.append(step(.io(draw(io)), workload))
                }
                steps.append(step(.compute(draw(burst), memory: nil), workload))
            }
            var settings = SpawnSettings()
            settings.arrival = arrival
            try startJob(workload.name(index), steps: steps, on: node, settings)
            if let gap = workload.arrival {
                let next = arrival.nanoseconds.addingReportingOverflow(draw(gap).integer)
                guard !next.overflow, !SimTime(nanoseconds: next.partialValue).isPastHorizon else {
                    throw Diagnostic(.runtime, "the arrivals pass the end of simulated time", at: workload.span,
                                     help: Self.endOfTimeHelp)
                }
                arrival = SimTime(nanoseconds: next.partialValue)
            }
        }
    }

    private func step(_ syntax: StepSyntax, _ workload: WorkloadStatement) -> ProgramStep {
        ProgramStep(span: workload.span, syntax: syntax)
    }

    /// One duration from the distribution, in whole nanoseconds.
    private func draw(_ distribution: Distribution) -> Quantity {
        let values = distribution.durations.map { Double($0.0.integer) }
        let nanoseconds: Double
        switch distribution.kind {
        case .fixed: nanoseconds = values[0]
        case .uniform: nanoseconds = values[0] + simulation.randomUnit() * (values[1] - values[0])
        // Inverse transform: -mean × ln(1 − u), u in [0, 1).
        case .exponential: nanoseconds = -values[0] * log(1 - simulation.randomUnit())
        case .bimodal:
            nanoseconds = simulation.randomUnit() < (distribution.share?.0.real ?? 0) ? values[0] : values[1]
        }
        // An exponential draw is unbounded: cap it where every sum stays far from overflowing.
        let bounded = min(nanoseconds.rounded(), Double(Limits.longDuration))
        return Quantity(dimension: .duration, integer: Int64(bounded), real: bounded)
    }
}
