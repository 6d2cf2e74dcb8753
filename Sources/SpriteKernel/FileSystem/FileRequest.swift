/// A file operation asked of a node's client: everything `on NODE { }` can
/// do, as one value (a program's file step keeps one). Paths are as written
/// (the client normalises them); a nil path means the file the issuer opened last.
public enum FileRequest: Sendable, Equatable {
    /// `readable: false` opens for writing only.
    case open(path: String, writable: Bool, readable: Bool)
    /// The whole file, or block `block` alone.
    case read(path: String?, block: Int64?)
    /// `text` (or `size` bytes without text), replacing the contents or, with `append`, adding to them.
    case write(path: String?, text: [UInt8]?, size: Int64, append: Bool)
    /// Blocks first...last: read one call a block (with read-ahead), or written in batches.
    case readBlocks(path: String?, first: Int64, last: Int64)
    case writeBlocks(path: String?, first: Int64, last: Int64)
    case close(path: String?)
    case delete(path: String)
    case stat(path: String)
    case sync
    /// A file of `size` bytes without text, or a directory.
    case create(path: String, size: Int64, directory: Bool)
    case list(path: String)
}

extension Simulation {
    /// Issues `request` on `node`'s client for `process` (nil: the node itself); returns its operation.
    @discardableResult
    public func issueFile(_ request: FileRequest, on node: Int, process: Int? = nil) -> Int32 {
        switch request {
        case .open(let path, let writable, let readable):
            openFile(on: node, process: process, path: path, writable: writable, readable: readable)
        case .read(let path, let block?): readBlock(on: node, process: process, path: path, block: block)
        case .read(let path, nil): readFile(on: node, process: process, path: path)
        case .write(let path, let text, let size, let append):
            writeFile(on: node, process: process, path: path, text: text, size: size, append: append)
        case .readBlocks(let path, let first, let last):
            readBlocks(on: node, process: process, path: path, first: first, last: last)
        case .writeBlocks(let path, let first, let last):
            writeBlocks(on: node, process: process, path: path, first: first, last: last)
        case .close(let path): closeFile(on: node, process: process, path: path)
        case .delete(let path): deleteFile(on: node, process: process, path: path)
        case .stat(let path): statFile(on: node, process: process, path: path)
        case .sync: syncFiles(on: node, process: process)
        case .create(let path, let size, let directory):
            createFile(on: node, process: process, path: path, size: size, directory: directory)
        case .list(let path): listDirectory(on: node, process: process, path: path)
        }
    }
}
