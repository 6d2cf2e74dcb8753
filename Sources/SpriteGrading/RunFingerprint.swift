import SpriteScript

/// What makes two shards parts of one run beyond their test names: the options every test ran under
/// (default points and timeout, limits, address space, header policy and maximum points) and the
/// bytes of every test's script and `.expected` file. FNV-1a, 64 bits, in hexadecimal. `--merge` refuses
/// shards whose fingerprints differ: a shard run with other limits, or after an `.expected` was edited,
/// would otherwise merge into a plausible whole. Files a test `load`s are not in it.
public enum RunFingerprint {
    public static func of(_ tests: [TestCase], options: GradingOptions) -> String {
        var hash = FNV()
        let limits = Limits.Name.allCases.map { "\($0.rawValue)=\(Limits.formatted($0, options.ceiling[$0]))" }
        let settings = ["points \(options.points)", "timeout \(options.timeout)",
                        "limits " + limits.joined(separator: ","), "address-space \(options.addressSpace)",
                        "headers \(options.headers.rawValue)", "max-points \(options.maxPoints?.description ?? "-")"]
        for line in settings { hash.add(Array(line.utf8) + [10]) }
        for test in tests {
            hash.add(Array(test.name.utf8) + [10])
            for path in [test.path, test.expectedPath] {
                guard let path, case .success(let bytes) = BoundedFile.read(path, cap: GradingRun.maxScriptBytes) else {
                    hash.add([0xFF])
                    continue
                }
                hash.add(Array(String(bytes.count).utf8) + [10])
                hash.add(bytes)
            }
        }
        return hash.hex
    }

    struct FNV {
        private var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: [UInt8]) {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }

        var hex: String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
