/// The network as declared: a cost model, a topology and a loss rate.
public struct NetworkConfig: Sendable, Equatable {
    public var name: String
    public var preset: CostPreset
    public var cost: CostModel
    public var topology: TopologyKind
    /// Columns of a grid or torus; `nil` picks the smallest square.
    public var gridWidth: Int?
    /// Probability that any one packet is lost, on every link.
    public var lossProbability: Double

    public init(name: String = "net", preset: CostPreset = .modern, topology: TopologyKind = .switched,
                gridWidth: Int? = nil, lossProbability: Double = 0) {
        self.name = name
        self.preset = preset
        self.cost = preset.model
        self.topology = topology
        self.gridWidth = gridWidth
        self.lossProbability = lossProbability
    }
}
