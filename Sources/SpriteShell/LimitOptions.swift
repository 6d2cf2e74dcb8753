import ArgumentParser
import SpriteScript

/// `--limit NAME=VALUE`: what a run may use (docs/LIMITS.md).
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("limit"),
            help: ArgumentHelp("Set a limit, e.g. events=1000000, time=1h, wall=60s, file-bytes=4GB (repeatable; "
                               + "see the list of limits below).", valueName: "name=value"))
    var settings: [String] = []

    /// The old spelling of --limit events=N, kept so existing graders still work.
    @Option(name: .customLong("max-events"), help: ArgumentHelp(visibility: .hidden))
    var maxEvents: Int?

    func limits() throws -> Limits {
        var limits = Limits()
        if let maxEvents {
            guard maxEvents > 0 else { throw ValidationError("--max-events must be greater than zero") }
            try set(&limits, "events=\(maxEvents)")
        }
        for setting in settings { try set(&limits, setting) }
        return limits
    }

    private func set(_ limits: inout Limits, _ setting: String) throws {
        do {
            try limits.set(setting)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws { _ = try limits() }
}
