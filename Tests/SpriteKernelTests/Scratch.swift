import SpriteKernel

func scratch1(_ e: TraceEvent) -> Int64? {
    if case .rpcCompleted(_, _, _, _, _, _, let packets) = e { return packets }
    return nil
}
