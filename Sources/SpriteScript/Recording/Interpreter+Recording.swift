import SpriteKernel

/// Recording a run for pictures. The engine records message-level trace only when asked to, so while a
/// script records, the engine's level is raised to `RunRecording.level`, and the trace the script sees is
/// cut back to the level it chose (`trace`): what it prints, and `show trace`, are the same as without.
extension Interpreter {
    /// Starts recording now, unless it already is.
    func startRecording() {
        guard recording == nil else { return }
        recording = RunRecording(startedAt: simulation.now)
        applyTraceLevel()
    }

    /// `trace LEVEL`: what the script sees.
    func setTraceLevel(_ level: TraceLevel) {
        traceLevel = level
        applyTraceLevel()
    }

    /// The engine records what the script asked for, or more while recording.
    func applyTraceLevel() {
        simulation.traceLevel = recording == nil ? traceLevel : max(traceLevel, RunRecording.level)
    }

    /// Keeps what pictures need from drained records, and returns those the script's level shows.
    func recordForPictures(_ records: [TraceRecord]) -> [TraceRecord] {
        guard recording != nil else { return records }
        // A report's parts share one budget: what earlier parts kept counts against this one's.
        let limit = max(0, Int(clamping: limits[.pictureEvents]) - (reportParts?.pictureEventsKept ?? 0))
        let simulation = self.simulation
        // A slot freed since (a summarised ended process) has no name left: its id stands in.
        let lookup = RecordingLookup(processName: { id in
            let name = simulation.processName(id)
            return name.isEmpty ? "process \(id)" : name
        }, fileEventProcess: { event in
            let history = simulation.fileHistory
            return history.indices.contains(event) ? history[event].process : -1
        })
        for record in records { recording?.add(record, limit: limit, lookup: lookup) }
        let shown = traceLevel
        return records.filter { level(of: $0.event) <= shown }
    }

    /// The level at which the engine records `event` (SpriteKernel's `record(_:at:level:)` calls). Every case
    /// is listed, so a new event cannot be shown or hidden by accident.
    func level(of event: TraceEvent) -> TraceLevel {
        switch event {
        case .messageSent, .messageDelivered, .messageDropped, .retransmitting, .migrationPhase, .balanceProbe,
             .diskRequest:
            return .messages
        case .prefixHit(let operation, _, _, _):
            // A resolve statement shows its prefix hit; a file step's lookup is message-level detail.
            return operation >= 0 && simulation.operation(operation)?.kind == .resolve ? .operations : .messages
        case .dsmFault, .dsmInvalidated, .pageFault:
            return .faults
        case .vSent, .vReceived, .vReplied, .vUnblocked, .moveCompleted, .computeCompleted, .rpcCompleted,
             .rpcSeriesCompleted, .operationFailed, .fileOpened, .fileRead, .fileWritten, .blocksRead,
             .blocksWritten, .fileClosed, .fileFlushed, .fileCreated, .fileDeleted, .fileStat, .directoryListed,
             .synced, .recalled, .cachingDisabled, .cachingEnabled, .invalidated, .broadcast, .prefixLearned,
             .stalePrefix, .remoteLink, .resolved, .writesLost, .mounted, .pagingSummary, .pagesSynced,
             .pagingFailed, .migrationStarted, .migrationDone, .migrationFailed, .homeCrashKill,
             .balanceTransfer, .evicting, .pmakeJobStarted, .pmakeEnded, .nodeCrashed, .nodeRestarted,
             .partitioned, .healed:
            return .operations
        }
    }
}
