/// The ingest plugin's request methods on its ZeroMQ endpoint (docs/INGEST.md).
public enum IngestMethod: String, CaseIterable, Hashable, Sendable {
    /// Raw NDJSON lines, numbered: ``LinesRequest``. What `tenet send` and `tenet import` use.
    case lines
    /// Events as JSON values: `{"events": [EVENT…]}`.
    case events
}
