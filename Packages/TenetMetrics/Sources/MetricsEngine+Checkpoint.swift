import TenetModels
import TenetPhilosophy

extension MetricsEngine {
    /// Writes everything the engine holds, so that ``init(measurer:customMetrics:checkpoint:)``
    /// gives back an engine that answers every query, and takes every further event, exactly as
    /// this one does: the dimension catalog, each conversation with its events and where its
    /// measurements sit, the measurement tables column by column, the customers' lifecycle
    /// events and the counters. Caches (merged dimension sets, business calendars per set) are
    /// left out and found again when asked.
    ///
    /// The engine's settings are not written: the checkpoint is only good for an engine built
    /// from the same philosophy (the plugin keeps a fingerprint of it beside the checkpoint).
    public func writeCheckpoint(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try catalog.write(to: &writer)
        try numbers.write(to: &writer)
        try writer.tag("CONV")
        try writer.write(Int64(conversations.count))
        var keys = [String](repeating: "", count: conversations.count)
        for (key, number) in conversationNumbers { keys[Int(number)] = key }
        for (index, conversation) in conversations.enumerated() {
            try writer.write(conversation.name)
            // The key is the name, or the name under the prefix of an event without a conversation.
            try writer.write(keys[index] != conversation.name)
            let eventsWritten = events.withElements(of: conversation.events) { held in
                Result { () throws(CheckpointError) in
                    try writer.write(Int32(held.count))
                    for event in held {
                        try writer.write(event.at)
                        try writer.write(event.dimensions)
                        try writer.write(event.code.raw)
                        try writer.write(event.id)
                    }
                }
            }
            try eventsWritten.get()
            let slotsWritten = slots.withElements(of: conversation.slots) { held in
                Result { () throws(CheckpointError) in
                    try writer.write(Int32(held.count))
                    for slot in held { try writer.write(slot.raw) }
                }
            }
            try slotsWritten.get()
            try writer.write(UInt8(conversation.anomalies.count))
            for (anomaly, count) in conversation.anomalies {
                try writer.write(anomaly.rawValue)
                try writer.write(Int64(count))
            }
        }
        try writer.tag("LOOS")
        try writer.write(strings: looseOwners)
        try writer.tag("TBLS")
        let customNames = tableNumbers.filter { $0.value >= MeasuredMetric.allCases.count }.sorted { $0.value < $1.value }.map(\.key)
        try writer.write(strings: customNames)
        for table in tables { try table.write(to: &writer) }
        try ledger.write(to: &writer)
        try writer.tag("CNTS")
        try writer.write(Int64(anomalies.count))
        for (anomaly, count) in anomalies {
            try writer.write(anomaly.rawValue)
            try writer.write(Int64(count))
        }
        try writer.write(Int64(eventCount))
        try writer.write(Int64(lateEventCount))
    }

    /// An engine read back from a checkpoint written by ``writeCheckpoint(to:)``, with the
    /// settings of the engine that wrote it. Everything read is checked to fit together (every
    /// slot, set id, string id and number index refers to something the checkpoint holds)
    /// before the engine is made; the checksum is checked by the reader's
    /// ``CheckpointReader/finish()``, which the caller must call before using the engine.
    public init(measurer: ConversationMeasurer, customMetrics: [CustomMetric] = [], checkpoint reader: inout CheckpointReader) throws(CheckpointError) {
        self.init(measurer: measurer, customMetrics: customMetrics)
        catalog = try DimensionCatalog(from: &reader)
        let setCount = catalog.setCount
        let stringCount = catalog.stringCount
        numbers = try EventNumbers(from: &reader, stringCount: stringCount)
        try reader.expect("CONV")
        let conversationCount = try reader.readCount(minimumBytes: 14)
        guard conversationCount < Int(Int32.max) else { throw CheckpointError(.malformed, "\(conversationCount) conversations") }
        conversations.reserveCapacity(conversationCount)
        conversationNumbers.reserveCapacity(conversationCount)
        var heldEvents: [HeldEvent] = []
        var heldSlots: [MeasurementSlot] = []
        var slotMetrics: [MeasurementSlot] = []
        for index in 0..<conversationCount {
            let name = try reader.readString()
            let loose = try reader.read(Bool.self)
            let eventCount = Int(try reader.read(Int32.self))
            guard eventCount >= 0 else { throw CheckpointError(.malformed, "conversation \(name) has \(eventCount) events") }
            heldEvents.removeAll(keepingCapacity: true)
            for _ in 0..<eventCount {
                let at = try reader.read(Int64.self)
                let dimensions = try reader.read(Int32.self)
                let raw = try reader.read(UInt32.self)
                let id = try reader.readString()
                guard dimensions >= 0, Int(dimensions) < setCount, let code = EventCode(raw: raw, numberCount: numbers.count) else {
                    throw CheckpointError(.malformed, "an event of conversation \(name) refers to a dimension set or a number that does not exist")
                }
                heldEvents.append(HeldEvent(at: at, id: id, dimensions: dimensions, code: code))
            }
            let slotCount = Int(try reader.read(Int32.self))
            guard slotCount >= 0 else { throw CheckpointError(.malformed, "conversation \(name) has \(slotCount) measurements") }
            heldSlots.removeAll(keepingCapacity: true)
            for _ in 0..<slotCount {
                let slot = MeasurementSlot(raw: try reader.read(UInt32.self))
                guard MeasuredMetric(rawValue: UInt8(slot.raw & 31)) != nil else {
                    throw CheckpointError(.malformed, "a measurement of conversation \(name) names no metric")
                }
                heldSlots.append(slot)
            }
            slotMetrics.append(contentsOf: heldSlots)
            var anomalies: [MeasurementAnomaly: Int] = [:]
            for _ in 0..<(try reader.read(UInt8.self)) {
                let name = try reader.readString()
                guard let anomaly = MeasurementAnomaly(rawValue: name) else { throw CheckpointError(.malformed, "no anomaly is called `\(name)`") }
                anomalies[anomaly] = Int(try reader.read(Int64.self))
            }
            var record = ConversationRecord(name: name)
            record.events = heldEvents.withUnsafeBufferPointer { events.makeBlock($0) }
            record.slots = heldSlots.withUnsafeBufferPointer { slots.makeBlock($0) }
            record.anomalies = anomalies
            conversations.append(record)
            let key = loose ? "\u{0}event:" + name : name
            guard conversationNumbers.updateValue(Int32(index), forKey: key) == nil else {
                throw CheckpointError(.malformed, "conversation \(name) is there twice")
            }
        }
        try reader.expect("LOOS")
        looseOwners = try reader.readStrings()
        try reader.expect("TBLS")
        let customNames = try reader.readStrings()
        for (offset, name) in customNames.enumerated() { tableNumbers[name] = MeasuredMetric.allCases.count + offset }
        tables = []
        for _ in 0..<(MeasuredMetric.allCases.count + customNames.count) {
            tables.append(try MeasurementTable(from: &reader, setCount: setCount, stringCount: stringCount))
        }
        // Every conversation's slot points at a live measurement of its metric's table, and no
        // two at the same one.
        var claimed = tables.map { [Bool](repeating: false, count: $0.slotCount) }
        for slot in slotMetrics {
            let table = Int(slot.metric.rawValue)
            let index = Int(slot.slot)
            guard index < tables[table].slotCount, tables[table].dimensions[index] != MeasurementTable.freeSlot, !claimed[table][index] else {
                throw CheckpointError(.malformed, "a conversation's measurement points to a slot of `\(slot.metric.name)` that does not hold it")
            }
            claimed[table][index] = true
        }
        for table in tables.indices {
            for slot in 0..<tables[table].slotCount {
                let owner = tables[table].owner(slot)
                guard owner == MeasurementTable.inSlots || (owner >= 0 && Int(owner) < conversationCount) || (owner < 0 && Int(-1 - owner) < looseOwners.count) else {
                    throw CheckpointError(.malformed, "a measurement's owner \(owner) does not exist")
                }
            }
        }
        tableRevisions = [UInt64](repeating: 0, count: tables.count)
        ledger = try CustomerLedger(from: &reader)
        try reader.expect("CNTS")
        for _ in 0..<(try reader.readCount(minimumBytes: 12)) {
            let name = try reader.readString()
            guard let anomaly = MeasurementAnomaly(rawValue: name) else { throw CheckpointError(.malformed, "no anomaly is called `\(name)`") }
            anomalies[anomaly] = Int(try reader.read(Int64.self))
        }
        eventCount = Int(try reader.read(Int64.self))
        lateEventCount = Int(try reader.read(Int64.self))
    }
}
