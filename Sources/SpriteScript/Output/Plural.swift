/// A count with its noun, plural unless the count is one: "1 packet", "2 packets".
enum Plural {
    static func of(_ count: some BinaryInteger, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }
}
