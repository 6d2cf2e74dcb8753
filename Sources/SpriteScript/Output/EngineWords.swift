import SpriteKernel

/// The engine's refusals in words: the engine prints nothing, so the language says what it meant.
enum EngineWords {
    static func describe(_ error: KernelError) -> String {
        switch error {
        case .duplicateNode(let name): "node '\(name)' is already declared"
        case .duplicateProcess(let name): "process '\(name)' already exists"
        case .duplicateProgram(let name): "program '\(name)' is already defined"
        case .unknownNode(let name): "there is no node '\(name)'"
        case .unknownProcess(let name): "there is no process '\(name)'"
        case .unknownProgram(let name): "there is no program '\(name)'"
        case .timeInPast(let requested, let now): "\(requested) is before now (\(now))"
        case .pastHorizon(let requested): "\(requested) is past the end of simulated time"
        case .invalidValue(let what): "the engine refuses this \(what)"
        case .limitReached(let what): "more \(what) than the engine holds"
        }
    }

    static func help(_ error: KernelError) -> String? {
        switch error {
        case .duplicateProcess: "an earlier 'at' block made it by now: choose another name"
        case .timeInPast: "give an arrival at or after the time of the statement, or none for now"
        case .limitReached: "declare fewer processes (see docs/LIMITS.md)"
        default: nil
        }
    }
}
