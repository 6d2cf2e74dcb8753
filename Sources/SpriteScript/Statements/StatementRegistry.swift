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
        RPCSyntax.self,
        DomainSyntax.self,
        ExportSyntax.self,
        CacheSyntax.self,
        ConsistencySyntax.self,
        OnSyntax.self,
        FileSyntax.self,
        ResolveSyntax.self,
        AtSyntax.self,
        AdvanceSyntax.self,
        RunSyntax.self,
        FaultSyntax.self,
        PartitionSyntax.self,
        TraceSyntax.self,
        ShowSyntax.self,
        ExpectSyntax.self,
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

    /// Words that appear inside statements, offered by tab completion.
    public static let optionWords = [
        "preset", "topology", "width", "bandwidth", "latency", "mtu", "header", "send-overhead",
        "receive-overhead", "local-cost", "loss", "timeout", "retries", "memory", "cpus", "speed", "disk",
        "rate", "diskless", "role", "on", "segment", "as", "request", "service", "count", "within", "limit",
        "for", "nodes", "processes", "operations", "stats", "trace", "now", "hops", "penalty",
        "off", "messages", "bus", "switched", "ring", "grid", "torus", "hypercube",
        "modern", "v-1983", "sprite-1988", "zero-overhead", "workstation", "server", "both",
        "client", "policy", "write-through", "delayed-write", "write-on-close", "flush", "age", "block",
        "sprite", "nfs", "callbacks", "none", "file-timeout", "dir-timeout", "outcomes", "history",
        "files", "domains", "prefixes", "stale-reads", "lost-updates", "crash-losses", "semantics",
        "unix", "session", "immutable", "transaction", "holds", "violated", "size", "mounts", "at",
    ]

    public static var helpEntries: [HelpEntry] {
        var entries: [HelpEntry] = []
        for syntax in all { entries.append(syntax.help) }
        return entries
    }
}
