import Foundation

/// A PNG screenshot decoded to RGBA pixels, enough to tell a drawn page from a blank one. Foundation on Linux has
/// no zlib, so the IDAT stream is inflated here (RFC 1951: stored, fixed and dynamic Huffman blocks) and the
/// scanline filters undone (PNG spec §9). 8-bit RGB and RGBA, not interlaced: what Chromium writes.
public struct PNGPixels {
    public struct Malformed: Error, CustomStringConvertible { public let description: String }

    public let width: Int
    public let height: Int
    /// Row-major RGBA, 4 bytes a pixel.
    public let rgba: [UInt8]

    public init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else {
            throw Malformed(description: "not a PNG")
        }
        var offset = 8
        var (width, height, colourType) = (0, 0, 0)
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = Self.bigEndian(bytes, offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw Malformed(description: "chunk \(type) cut short") }
            switch type {
            case "IHDR":
                width = Self.bigEndian(bytes, body)
                height = Self.bigEndian(bytes, body + 4)
                colourType = Int(bytes[body + 9])
                guard bytes[body + 8] == 8, bytes[body + 12] == 0, colourType == 2 || colourType == 6 else {
                    throw Malformed(description: "only 8-bit RGB or RGBA, not interlaced")
                }
            case "IDAT": compressed += bytes[body..<body + length]
            default: break
            }
            offset = body + length + 4
        }
        let channels = colourType == 6 ? 4 : 3
        let raw = try Inflate.zlib(compressed)
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Malformed(description: "image data too short") }
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        var previous = [UInt8](repeating: 0, count: stride)
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            var line = Array(raw[start + 1..<start + 1 + stride])
            for index in 0..<stride {
                let a = index >= channels ? Int(line[index - channels]) : 0
                let b = Int(previous[index])
                let c = index >= channels ? Int(previous[index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Malformed(description: "filter \(filter)")
                }
                line[index] = UInt8(truncatingIfNeeded: Int(line[index]) + predictor)
            }
            for column in 0..<width {
                for channel in 0..<4 {
                    let value = channel < channels ? line[column * channels + channel] : 255
                    pixels[(row * width + column) * 4 + channel] = value
                }
            }
            previous = line
        }
        self.width = width
        self.height = height
        rgba = pixels
    }

    /// Distinct colours (counted up to `cap`) and the share of pixels that differ from the top-left one
    /// (the page's background).
    public func statistics(cap: Int = 4096) -> (colours: Int, inked: Double) {
        var seen: Set<UInt32> = []
        var inked = 0
        func pixel(_ index: Int) -> UInt32 {
            let base = index * 4
            return UInt32(rgba[base]) << 24 | UInt32(rgba[base + 1]) << 16 | UInt32(rgba[base + 2]) << 8
                | UInt32(rgba[base + 3])
        }
        let count = width * height
        guard count > 0 else { return (0, 0) }
        let background = pixel(0)
        for index in 0..<count {
            let value = pixel(index)
            if seen.count < cap { seen.insert(value) }
            if value != background { inked += 1 }
        }
        return (seen.count, Double(inked) / Double(count))
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }
}

/// RFC 1950/1951 decompression, written for clarity over speed (a screenshot is a few hundred kilobytes).
enum Inflate {
    struct Malformed: Error {}

    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count > 2, data[0] & 0x0F == 8 else { throw Malformed() }
        return try raw(Array(data[2...]))
    }

    /// Bits in the order DEFLATE packs them: from each byte's low bit up, through a 64-bit buffer.
    private struct Bits {
        let bytes: [UInt8]
        var position = 0
        var buffer: UInt64 = 0
        var available = 0

        mutating func read(_ count: Int) throws -> Int {
            guard count > 0 else { return 0 }
            while available < count {
                guard position < bytes.count else { throw Malformed() }
                buffer |= UInt64(bytes[position]) << UInt64(available)
                position += 1
                available += 8
            }
            let value = Int(buffer & ((1 << UInt64(count)) - 1))
            buffer >>= UInt64(count)
            available -= count
            return value
        }

        /// Drops the rest of the current byte and hands back the whole bytes still buffered, so a stored
        /// block reads straight from `bytes` at `position`.
        mutating func alignToByte() {
            position -= available / 8
            (buffer, available) = (0, 0)
        }
    }

    /// A canonical Huffman code: for each length the first code and the symbols in order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ bits: inout Bits) throws -> Int {
            var (code, first, index) = (0, 0, 0)
            for length in 1..<16 {
                code |= try bits.read(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Malformed()
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
                                     99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5,
                                      5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
                                        11, 12, 12, 13, 13]

    static func raw(_ data: [UInt8]) throws -> [UInt8] {
        var bits = Bits(bytes: data)
        var out: [UInt8] = []
        var last = 0
        while last == 0 {
            last = try bits.read(1)
            switch try bits.read(2) {
            case 0:
                bits.alignToByte()
                guard bits.position + 4 <= data.count else { throw Malformed() }
                let length = Int(data[bits.position]) | Int(data[bits.position + 1]) << 8
                bits.position += 4
                guard bits.position + length <= data.count else { throw Malformed() }
                out += data[bits.position..<bits.position + length]
                bits.position += length
            case 1:
                let literal = Huffman(lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                    + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8))
                try block(&bits, &out, literal, Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let (literal, distance) = try dynamicCodes(&bits)
                try block(&bits, &out, literal, distance)
            default: throw Malformed()
            }
        }
        return out
    }

    private static func dynamicCodes(_ bits: inout Bits) throws -> (Huffman, Huffman) {
        let literals = try bits.read(5) + 257
        let distances = try bits.read(5) + 1
        let codeLengthCount = try bits.read(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[order[index]] = try bits.read(3) }
        let lengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literals + distances {
            let symbol = try lengthCode.decode(&bits)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Malformed() }
                lengths += [Int](repeating: previous, count: 3 + (try bits.read(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits.read(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits.read(7)))
            }
        }
        return (Huffman(lengths: Array(lengths[0..<literals])), Huffman(lengths: Array(lengths[literals...])))
    }

    private static func block(_ bits: inout Bits, _ out: inout [UInt8], _ literal: Huffman,
                              _ distance: Huffman) throws {
        while true {
            let symbol = try literal.decode(&bits)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw Malformed() }
                let length = lengthBase[index] + (try bits.read(lengthExtra[index]))
                let code = try distance.decode(&bits)
                guard code < distanceBase.count else { throw Malformed() }
                let back = distanceBase[code] + (try bits.read(distanceExtra[code]))
                guard back <= out.count else { throw Malformed() }
                let start = out.count - back
                for step in 0..<length { out.append(out[start + step]) }
            }
        }
    }
}
