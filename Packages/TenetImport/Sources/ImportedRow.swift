import TenetModels

/// What one row of an import file becomes.
public enum ImportedRow: Hashable, Sendable {
    /// Events to send (one row may give several: a call gives opened, queued, answered, ended).
    case events([JSONObject])
    /// Not an event by the format's rules (a header, a phantom call): skipped, not an error.
    case skipped(reason: String)
    /// The row cannot be read: the field at fault and why.
    case rejected(field: String?, reason: String)
}

/// A file format that turns rows of text into events.
public protocol RowConverter {
    /// Converts one row (its text without the line break), numbered from 1.
    mutating func convert(_ row: String, line: Int) -> ImportedRow
}
