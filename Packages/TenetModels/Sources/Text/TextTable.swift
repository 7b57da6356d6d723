/// Plain-text tables for the command line: the one way `tenet` lines up columns.
public enum TextTable {
    /// Pads each cell to its column's widest cell and joins the cells of a row with two spaces;
    /// a row's trailing spaces are dropped, so the last column is not padded. Rows shorter than
    /// the first are padded with empty cells; a longer row's extra cells are kept unaligned.
    /// Widths count characters (grapheme clusters).
    public static func align(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for column in 0..<columns {
                let cell = column < row.count ? row[column] : ""
                if column > 0 { line += "  " }
                line += cell
                line += String(repeating: " ", count: widths[column] - cell.count)
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
