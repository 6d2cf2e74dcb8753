import SpriteKernel

/// The lines `show cache NODE` adds for the four places: the node's access model when it is not the default,
/// the blocks it holds in memory, and its disk cache. None for a node that uses none of them.
enum CachePlacesNotes {
    static func notes(_ s: Simulation, _ c: RenderContext, node: Int) -> [String] {
        var notes: [String] = []
        let model = s.accessModel(of: node)
        let held = s.heldBlockCount(of: node)
        if model != .files || held > 0 {
            notes.append("  access \(model.rawValue): \(Plural.of(held, "block")) held in memory")
        }
        if let disk = s.diskCache(of: node) {
            let files = disk.files.map { f in
                "\(f.path) version \(f.version) (\(f.whole ? "whole" : Plural.of(f.blocks, "block")))"
            }
            notes.append("  disk cache of \(c.node(node)): \(disk.usedBlocks) of "
                         + Plural.of(Int(disk.capacityBlocks), "block")
                         + (files.isEmpty ? "" : ": " + files.joined(separator: ", ")))
        }
        return notes
    }
}
