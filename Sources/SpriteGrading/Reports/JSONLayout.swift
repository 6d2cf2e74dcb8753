import SpriteScript

/// A JSON value laid out for people as well as programs: one field or item a line, indented by two
/// spaces, in the order written (so the same results give the same bytes); empty lists stay `[]`.
enum JSONLayout {
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields) where !fields.isEmpty:
            return "{\n" + fields.map { key, field in
                inner + JSONValue.string(key).encoded + ": " + pretty(field, indent: inner)
            }.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return value.encoded
        }
    }
}
