/// How a client reaches a file's data (`access NODES …`): the access models of the CSE 513 slides.
public enum AccessModel: String, CaseIterable, Sendable {
    /// Today's behaviour, the default: a whole-file read is cached, a `block N` read passes through.
    case files
    /// Block-level caching: every block fetched stays in the client's memory until a newer version is seen.
    case blocks
    /// Data shipping (AFS-style): the open downloads the whole file, writes are held and uploaded at close.
    case wholeFile = "whole-file"
    /// Function shipping: no client cache; each read or write is a call moving only the bytes asked.
    case remote

    /// Block reads keep the blocks they fetch.
    var keepsBlocks: Bool { self == .blocks }
    /// The open brings the data and the close takes the writes back, whatever the protocol.
    var shipsWholeFiles: Bool { self == .wholeFile }
}
