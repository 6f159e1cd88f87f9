/// One result row. Columns are read by name; a missing column reads as NULL.
public struct Row: Sendable {
    /// The column names, in select order (shared by every row of one query).
    public let columns: [String]
    /// The values, in the same order as `columns`.
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of the named column, or `.null` when there is no such column.
    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The value at a column position.
    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func int(_ name: String) -> Int? { self[name].int }
    public func int64(_ name: String) -> Int64? { self[name].int64 }
    public func string(_ name: String) -> String? { self[name].string }
    public func double(_ name: String) -> Double? { self[name].double }
    public func bool(_ name: String) -> Bool { (self[name].int64 ?? 0) != 0 }
}
