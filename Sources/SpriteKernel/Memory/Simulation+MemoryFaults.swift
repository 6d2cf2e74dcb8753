/// What a node's crash does to its virtual memory (Kernel/Simulation+Faults
/// fans out to it after the file system): its memory is lost, every frame
/// free. Backing files live on their servers and stay.
extension Simulation {
    func memoryCrash(_ node: Int) {
        virtualMemory.frames(of: node)?.clear()
    }
}
