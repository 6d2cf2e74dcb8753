/// Every statement family the language knows. Adding a statement means
/// adding its file and one line here.
public enum StatementRegistry {
    public static let all: [any StatementSyntax.Type] = [
        ClusterSyntax.self,
        NetworkSyntax.self,
        NodeSyntax.self,
        LinkSyntax.self,
        ProcessSyntax.self,
        SendSyntax.self,
        ReceiveSyntax.self,
        ReplySyntax.self,
        MoveSyntax.self,
        ComputeSyntax.self,
        SchedulerSyntax.self,
        MultiprocessorSyntax.self,
        ProgramSyntax.self,
        SpawnSyntax.self,
        JobsSyntax.self,
        WorkloadSyntax.self,
        VMSyntax.self,
        SpaceSyntax.self,
        RPCSyntax.self,
        MigrateSyntax.self,
        MigrationSyntax.self,
        BalanceSyntax.self,
        IdleSyntax.self,
        InputSyntax.self,
        TrafficSyntax.self,
        PmakeSyntax.self,
        DomainSyntax.self,
        ExportSyntax.self,
        CacheSyntax.self,
        ConsistencySyntax.self,
        AccessSyntax.self,
        DSMSyntax.self,
        OnSyntax.self,
        FileSyntax.self,
        TransactionSyntax.self,
        ResolveSyntax.self,
        AtSyntax.self,
        AdvanceSyntax.self,
        RunSyntax.self,
        LimitSyntax.self,
        FaultSyntax.self,
        PartitionSyntax.self,
        TraceSyntax.self,
        ShowSyntax.self,
        ExpectSyntax.self,
        SweepSyntax.self,
        TrySyntax.self,
        SeedSyntax.self,
        ResetSyntax.self,
        LoadSyntax.self,
        EchoSyntax.self,
        HelpSyntax.self,
    ]

    private static let byKeyword: [String: any StatementSyntax.Type] = {
        var map: [String: any StatementSyntax.Type] = [:]
        for syntax in all { for keyword in syntax.keywords { map[keyword] = syntax } }
        return map
    }()

    public static func syntax(for keyword: String) -> (any StatementSyntax.Type)? { byKeyword[keyword] }

    public static var keywords: [String] {
        var words: [String] = []
        for syntax in all { words += syntax.keywords }
        return words.sorted()
    }

    /// The keywords of the statements that may start inside these open blocks.
    static func keywords(inside blocks: [String]) -> [String] {
        var words: [String] = []
        for syntax in all where syntax.placement.allowed(inside: blocks) { words += syntax.keywords }
        // `try` prefixes a step inside `on` as well.
        if blocks.last(where: { $0 == "cluster" || $0 == "on" }) == "on" { words.append("try") }
        return words.sorted()
    }

    /// Every statement's help page, then the topics (`help units`, …).
    public static var helpEntries: [HelpEntry] {
        var entries: [HelpEntry] = []
        for syntax in all { entries.append(syntax.help) }
        return entries + HelpTopics.all
    }
}
