/// A value read from a column that must be there: decoding throws instead of defaulting.
public protocol SQLDecodable {
    /// The value a column holds, or nil when it holds something else.
    init?(sqlValue: SQLValue)
}

extension Int64: SQLDecodable {
    public init?(sqlValue: SQLValue) {
        guard let value = sqlValue.int64 else { return nil }
        self = value
    }
}

extension Int: SQLDecodable {
    public init?(sqlValue: SQLValue) {
        guard let value = sqlValue.int else { return nil }
        self = value
    }
}

extension String: SQLDecodable {
    public init?(sqlValue: SQLValue) {
        guard case .text(let text) = sqlValue else { return nil }
        self = text
    }
}

extension Bool: SQLDecodable {
    public init?(sqlValue: SQLValue) {
        guard let value = sqlValue.int64, value == 0 || value == 1 else { return nil }
        self = value == 1
    }
}

/// A record built from a row. Conforming types read required columns with `require` and
/// `decode`, so a missing column or an unknown enum value throws a `StorageError` of kind
/// `.decoding` naming the table, the row id and the column - never a silent default.
public protocol RowDecodable {
    init(row: Row) throws
}

extension Row {
    /// The value of a column that must be present and not NULL.
    public func require<T: SQLDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = layout.positions[name] else { throw decodingError(name, "no such column") }
        guard let value = T(sqlValue: values[index]) else {
            throw decodingError(name, values[index].isNull ? "NULL" : "unexpected value \(values[index])")
        }
        return value
    }

    /// The value of a column that may be NULL; throws when the column is missing or holds
    /// something of another type.
    public func optional<T: SQLDecodable>(_ name: String, as type: T.Type = T.self) throws -> T? {
        guard let index = layout.positions[name] else { throw decodingError(name, "no such column") }
        if values[index].isNull { return nil }
        guard let value = T(sqlValue: values[index]) else { throw decodingError(name, "unexpected value \(values[index])") }
        return value
    }

    /// An enum stored by its raw value; an unknown value throws.
    public func decode<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws -> T where T.RawValue: SQLDecodable {
        let raw: T.RawValue = try require(name)
        guard let value = T(rawValue: raw) else { throw decodingError(name, "unknown \(T.self) '\(raw)'") }
        return value
    }

    /// An optional enum stored by its raw value; NULL is nil, an unknown value throws.
    public func decodeIfPresent<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws -> T? where T.RawValue: SQLDecodable {
        guard let raw: T.RawValue = try optional(name) else { return nil }
        guard let value = T(rawValue: raw) else { throw decodingError(name, "unknown \(T.self) '\(raw)'") }
        return value
    }

    private func decodingError(_ column: String, _ problem: String) -> StorageError {
        let id = self["id"].int64.map { "row \($0)" } ?? "a row"
        return StorageError(kind: .decoding, message: "\(id): column '\(column)': \(problem)")
    }
}
