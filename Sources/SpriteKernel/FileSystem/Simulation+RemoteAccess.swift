/// Access models (`access NODES files|blocks|whole-file|remote`) and the settings of the four places.
/// Remote access is function shipping: the client caches nothing, so every read and write is a call
/// that moves only the bytes asked (its client cache is off). Whole-file access is data shipping: the
/// open brings the file, writes stay in the client until the close (Simulation+FileClient).
extension Simulation {
    public func setAccessModel(node: Int, _ model: AccessModel) {
        let previous = fs.places.model(of: node)
        fs.places.access[node] = model
        fs.places.statistics.used = true
        if model == .remote {
            setClientCache(node: node, enabled: false)
            fs.places.held[node] = nil
        } else if previous == .remote {
            setClientCache(node: node, enabled: true)
        }
    }

    public func accessModel(of node: Int) -> AccessModel { fs.places.model(of: node) }

    /// `cache SERVER on read-ahead N`.
    public func setServerReadAhead(node: Int, blocks: Int64) {
        fs.places.serverReadAhead[node] = blocks
        fs.places.statistics.used = true
    }

    /// Marks the four places' statistics as asked for (`read-ahead`, `batch` in the client policy).
    public func noteCachePlacesUsed() { fs.places.statistics.used = true }

    public var cachePlacesStatistics: CachePlacesStatistics { fs.places.statistics }
}
