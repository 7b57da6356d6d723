import TenetImporter
import Testing

@Suite("Import format: from the file's name")
struct ImportFormatTests {
    @Test("NDJSON by extension, whatever the case")
    func ndjson() throws {
        #expect(try ImportFormat.of(fileName: "events.ndjson", mappings: []) == .ndjson)
        #expect(try ImportFormat.of(fileName: "events.JSONL", mappings: []) == .ndjson)
    }

    @Test("a CSV file takes the longest mapping its name starts with, then default")
    func mappingByPrefix() throws {
        let mappings = ["tickets", "tickets-eu", "default", "calls"]
        #expect(try ImportFormat.of(fileName: "tickets.csv", mappings: mappings) == .csv(mapping: "tickets"))
        #expect(try ImportFormat.of(fileName: "tickets-2026-11.csv", mappings: mappings) == .csv(mapping: "tickets"))
        #expect(try ImportFormat.of(fileName: "tickets-eu-2026-11.csv", mappings: mappings) == .csv(mapping: "tickets-eu"))
        #expect(try ImportFormat.of(fileName: "calls_monday.CSV", mappings: mappings) == .csv(mapping: "calls"))
        // A prefix must end at a separator: `tickets2` is not `tickets`.
        #expect(try ImportFormat.of(fileName: "tickets2.csv", mappings: mappings) == .csv(mapping: "default"))
    }

    @Test("a CSV file without a mapping and an unknown extension are errors that say what to do")
    func errors() {
        #expect(throws: ImporterError(
            code: .noMapping, subject: "orders-2026.csv",
            message: "no column mapping for this CSV file: add mappings/orders.yaml (or mappings/default.yaml) and drop the file again "
                + "(docs/INGEST.md, \"The mapping file\")")
        ) { try ImportFormat.of(fileName: "orders-2026.csv", mappings: ["tickets"]) }
        #expect(throws: ImporterError(
            code: .unknownFormat, subject: "orders.xlsx",
            message: "the importer reads .ndjson, .jsonl and .csv files; rename the file or convert it")
        ) { try ImportFormat.of(fileName: "orders.xlsx", mappings: ["default"]) }
    }
}
