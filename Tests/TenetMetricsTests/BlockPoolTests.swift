import Testing
import TenetModels
import TenetPhilosophy

@testable import TenetMetrics

/// Many arrays in one pool give back exactly what plain arrays would hold, whatever the order
/// their elements come in, and the room a block leaves is reused.
@Suite("Block pool")
struct BlockPoolTests {
    @Test func blocksHoldWhatArraysHold() {
        var random = SeededRandom(seed: 11)
        // Chunks of 256 elements: blocks meet their ends, and one block outgrows a chunk.
        var pool = BlockPool(filler: -1, chunkShift: 8)
        var blocks = [BlockPool<Int>.Block](repeating: .init(), count: 41)
        var arrays = [[Int]](repeating: [], count: 41)
        func check() {
            for (block, array) in zip(blocks, arrays) {
                #expect(pool.withElements(of: block) { Array($0) } == array)
            }
        }
        for value in 0..<4600 {
            let which = value % 8 == 0 ? 40 : Int.random(in: 0..<40, using: &random)
            if which < 40, Int.random(in: 0..<10, using: &random) == 0 {
                // Sometimes a block is cut short or made longer, as measurement slots are.
                let count = Int.random(in: 0...arrays[which].count + 3, using: &random)
                pool.resize(&blocks[which], to: count)
                for index in arrays[which].count..<max(arrays[which].count, count) { pool[blocks[which], index] = value }
                arrays[which] = Array(arrays[which].prefix(count)) + [Int](repeating: value, count: max(0, count - arrays[which].count))
            } else {
                let position = Int.random(in: 0...arrays[which].count, using: &random)
                pool.insert(value, at: position, in: &blocks[which])
                arrays[which].insert(value, at: position)
            }
        }
        check()
        #expect(arrays[40].count == 575)
        #expect(BlockPool<Int>.capacity(Int(blocks[40].sizeClass)) > 256)
        // Every element of the chunks is in a block in use, in a free block or in a chunk's unused end.
        let inChunks = blocks[..<40].reduce(0) { $0 + BlockPool<Int>.capacity(Int($1.sizeClass)) }
        #expect(pool.storedCount == inChunks + pool.freeCount + pool.tailCount)
        // Compacted, the chunks hold only the blocks in use, with the same elements, and the pool goes on.
        let before = pool.storedCount
        pool.compact(&blocks, \.self)
        #expect(pool.freeCount == 0)
        #expect(pool.storedCount == inChunks + pool.tailCount)
        #expect(pool.storedCount < before)
        check()
        for value in 0..<400 {
            let which = value % 41
            pool.insert(-value, at: 0, in: &blocks[which])
            arrays[which].insert(-value, at: 0)
        }
        check()
    }

    @Test func blocksGrownOneAfterAnotherReuseTheRoomTheOthersLeft() {
        var pool = BlockPool(filler: -1)
        var blocks = [BlockPool<Int>.Block](repeating: .init(), count: 10)
        for index in blocks.indices {
            for value in 0..<50 { pool.insert(value, at: value, in: &blocks[index]) }
        }
        // Each block ends in the class of 64 and left one block of each smaller class (2 + 3 + 4
        // + 6 + 8 + 12 + 16 + 24 + 32 + 48); each block after the first took those of the one before.
        #expect(blocks.allSatisfy { BlockPool<Int>.capacity(Int($0.sizeClass)) == 64 })
        #expect(pool.freeCount == 155)
        #expect(pool.storedCount == 10 * 64 + 155)
        #expect(blocks.allSatisfy { block in pool.withElements(of: block) { Array($0) } == Array(0..<50) })
    }

    @Test func sizeClassesGrowByAboutHalf() {
        #expect((0..<8).map { BlockPool<Int>.capacity($0) } == [2, 3, 4, 6, 8, 12, 16, 24])
        #expect([1, 2, 3, 5, 9, 16, 17].map { BlockPool<Int>.sizeClass(for: $0) } == [0, 0, 1, 3, 5, 6, 7])
    }

    @Test func anEngineWhosePoolsWereCompactedAnswersTheSame() throws {
        var random = SeededRandom(seed: 5)
        let objects = (0..<1500).flatMap { IncrementalPropertyTests.conversation($0, &random) }
        let events = try objects.map { try EventValidator.validate(.object($0)) }
        let measurer = ConversationMeasurer(settings: MetricSettings(), calendar: IncrementalPropertyTests.calendars)
        var inOrder = MetricsEngine(measurer: measurer)
        for event in events { inOrder.apply(event) }
        var shuffled = MetricsEngine(measurer: measurer)
        for event in events.shuffled(using: &random) { shuffled.apply(event) }
        #expect(shuffled.compactions > 0)
        for query in IncrementalPropertyTests.queries {
            #expect(shuffled.answer(query) == inOrder.answer(query), "\(query.metric) \(query.statistic)")
        }
        for index in 0..<1500 {
            #expect(shuffled.measurements(ofConversation: "c\(index)") == inOrder.measurements(ofConversation: "c\(index)"))
        }
        let rows = MetricQuery(metric: "first_response_time", statistic: .count)
        #expect(shuffled.rows(rows, limit: .max).rows == inOrder.rows(rows, limit: .max).rows)
    }
}
