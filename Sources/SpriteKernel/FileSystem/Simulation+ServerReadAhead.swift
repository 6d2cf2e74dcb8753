/// Server read-ahead (`cache SERVER on read-ahead N`): the server's disk reads past a sequential read.
extension Simulation {
    /// `cache SERVER on read-ahead N`: a block read that follows the file's last block read at this server
    /// and goes to the disk also reads the next N blocks into the server's cache. The arm is busy with them
    /// after the reply's block; the reply does not wait. Nil when there is nothing to read ahead.
    func serverReadAhead(_ file: Int, block: Int64, server: Int, missed: Bool) -> DiskRead? {
        guard let count = fs.places.serverReadAhead[server], count > 0, !fs.serverCacheOff.contains(server),
              let drive = nodes[server].spec.disk else { return nil }
        let previous = fs.places.serverLastBlock[server]
        fs.places.serverLastBlock[server] = BlockKey(file: file, block: block)
        let sequential = block == 0 || previous == BlockKey(file: file, block: block - 1)
        guard missed, sequential else { return nil }
        let end = min(block + 1 + count, fs.config.blocks(fs.files[file].size))
        guard end > block + 1 else { return nil }
        var disk = DiskRead(file: file, drive: drive, blockSize: fs.config.blockSize)
        var cache = fs.serverCaches.removeValue(forKey: server) ?? LRUList<BlockKey>()
        for ahead in block + 1..<end where !cache.contains(BlockKey(file: file, block: ahead)) {
            disk.add(ahead)
            cache.touch(BlockKey(file: file, block: ahead), weight: 1)
        }
        let capacity = serverCacheCapacity(server)
        while cache.totalWeight > capacity, let cold = cache.coldest(where: { _ in true }) { cache.remove(cold) }
        fs.serverCaches[server] = cache
        guard disk.blocks > 0 else { return nil }
        fs.statistics.diskReads += Int(disk.blocks)
        fs.places.statistics.serverReadAheads += Int(disk.blocks)
        return disk
    }
}
