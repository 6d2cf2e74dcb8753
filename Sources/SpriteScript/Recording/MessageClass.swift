import SpriteKernel

/// What a message is for, in the few classes a picture colours: the one place message kinds are grouped.
enum MessageClass: String, CaseIterable, Sendable {
    case ipc, rpc, fileCall = "file-call", callback, migration, dsmPage = "dsm-page", dsm, pageIO = "page-io"

    /// The class of a kind as it travels; RunRecording refines a few (a callback break is a file call,
    /// a migration phase is kernel RPCs) from the events at their arrival.
    init(_ kind: MessageKind) {
        switch kind {
        case .vSend, .vReply, .moveRequest, .moveData, .moveAck: self = .ipc
        case .rpcRequest, .rpcReply: self = .rpc
        case .callRequest, .callReply: self = .fileCall
        case .dsmControl: self = .dsm
        case .dsmPage, .dsmDiff: self = .dsmPage
        case .pageRequest, .pageReply: self = .pageIO
        }
    }

    /// The legend's words.
    var title: String {
        switch self {
        case .ipc: "V IPC"
        case .rpc: "RPC"
        case .fileCall: "file-system call"
        case .callback: "callback / invalidation"
        case .migration: "migration"
        case .dsmPage: "DSM page or diff"
        case .dsm: "DSM control"
        case .pageIO: "page I/O"
        }
    }

    /// Colours told apart with the common colour-vision deficiencies (Okabe–Ito), plus grey.
    var colour: String {
        switch self {
        case .ipc: "#0072b2"
        case .rpc: "#e69f00"
        case .fileCall: "#009e73"
        case .callback: "#d55e00"
        case .migration: "#cc79a7"
        case .dsmPage: "#56b4e9"
        case .dsm: "#999999"
        case .pageIO: "#8c6d1f"
        }
    }
}
