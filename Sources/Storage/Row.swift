/// One result row. Columns are read by name: `row.int64("id")` answers nil for NULL or a missing
/// column; `row.require("id")` and `row.decode("status", as: Status.self)` throw instead, for
/// values a record cannot do without (see `RowDecodable`).
public struct Row: Sendable {
    /// The column names of a query and where each sits, built once per prepared statement and
    /// shared by all its rows.
    public final class Columns: Sendable {
        public let names: [String]
        let positions: [String: Int]

        public init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    /// The columns of the query that produced this row.
    public let layout: Columns
    /// The values, in select order.
    public let values: [SQLValue]

    public init(columns: Columns, values: [SQLValue]) {
        self.layout = columns
        self.values = values
    }

    /// The column names, in select order.
    public var columns: [String] { layout.names }

    /// Whether the query selected a column of this name.
    public func has(_ name: String) -> Bool { layout.positions[name] != nil }

    /// The value of the named column, or `.null` when there is no such column.
    public subscript(_ name: String) -> SQLValue {
        guard let index = layout.positions[name] else { return .null }
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
