/// Many small arrays kept in one: each conversation's events (or measurement slots) in a block
/// of a large store, where an array each would cost an allocation with its header (about 48
/// bytes) and scatter the heap.
///
/// Blocks come in size classes growing by about half (2, 3, 4, 6, 8, 12, 16 …): a block that is
/// full moves to the next class, and the block it leaves goes to its class's free list, for the
/// next block of that class to reuse. When many blocks grow at once (a conversation's events
/// arriving in random order), freed blocks pile up faster than they are reused: once they hold a
/// quarter of the pool, ``compact(_:_:)`` slides the blocks in use together.
///
/// The store is a list of chunks of a fixed size (2^16 elements unless told), filled one after
/// the other and never copied as the pool grows: a pool never needs twice its size, as one array
/// does each time it grows. A block never straddles two chunks; a block larger than a chunk has
/// an array of its own.
struct BlockPool<Element: Sendable>: Sendable {
    /// Where a block sits and how many of its elements are in use.
    struct Block: Sendable {
        /// Its first element's index in the pool (chunk × chunk size + offset), or for a block
        /// larger than a chunk, its number among those.
        var start: Int32 = 0
        /// How many elements it holds.
        var count: Int32 = 0
        /// Its size class; −1 for no block yet.
        var sizeClass: Int8 = -1
    }

    /// The chunks, each holding `chunkSize` elements at most.
    private var chunks: [[Element]] = []
    /// Blocks larger than a chunk, each in its own array.
    private var large: [[Element]] = []
    private var freeLarge: [Int32] = []
    /// Free blocks' starts, by size class.
    private var free: [[Int32]] = []
    /// How many elements the free blocks hold.
    private(set) var freeCount = 0
    /// How many elements the chunks hold, blocks in use or free and the unused ends of chunks
    /// alike.
    private(set) var storedCount = 0
    /// How many elements of the chunks are unused ends, where the next block did not fit.
    private(set) var tailCount = 0
    /// What fills the slots of a new block.
    private let filler: Element
    private let chunkShift: Int
    private var chunkSize: Int { 1 << chunkShift }

    /// An empty pool whose new blocks are filled with `filler`, in chunks of 2^`chunkShift` elements.
    init(filler: Element, chunkShift: Int = 16) {
        self.filler = filler
        self.chunkShift = chunkShift
    }

    /// How many elements a block of size class `sizeClass` holds: 2, 3, 4, 6, 8, 12 …
    static func capacity(_ sizeClass: Int) -> Int {
        sizeClass % 2 == 0 ? 2 << (sizeClass / 2) : 3 << (sizeClass / 2)
    }

    /// The smallest size class holding `count` elements.
    static func sizeClass(for count: Int) -> Int {
        var sizeClass = 0
        while capacity(sizeClass) < count { sizeClass += 1 }
        return sizeClass
    }

    private func isLarge(_ sizeClass: Int) -> Bool {
        Self.capacity(sizeClass) > chunkSize
    }

    /// Element `offset` of `block`.
    subscript(block: Block, offset: Int) -> Element {
        get {
            if isLarge(Int(block.sizeClass)) { return large[Int(block.start)][offset] }
            let index = Int(block.start) + offset
            return chunks[index >> chunkShift][index & (chunkSize - 1)]
        }
        set {
            if isLarge(Int(block.sizeClass)) {
                large[Int(block.start)][offset] = newValue
            } else {
                let index = Int(block.start) + offset
                chunks[index >> chunkShift][index & (chunkSize - 1)] = newValue
            }
        }
    }

    /// Calls `body` with the elements of `block`.
    func withElements<Result>(of block: Block, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        guard block.sizeClass >= 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let count = Int(block.count)
        if isLarge(Int(block.sizeClass)) {
            return try large[Int(block.start)].withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        let start = Int(block.start) & (chunkSize - 1)
        return try chunks[Int(block.start) >> chunkShift].withUnsafeBufferPointer { chunk in
            try body(UnsafeBufferPointer(rebasing: chunk[start..<start + count]))
        }
    }

    /// Inserts `element` at `position` (0…count) of `block`, moving the block to a larger class
    /// when it is full.
    mutating func insert(_ element: Element, at position: Int, in block: inout Block) {
        let count = Int(block.count)
        if block.sizeClass < 0 || count == Self.capacity(Int(block.sizeClass)) { move(&block, toHold: count + 1) }
        var offset = count
        while offset > position {
            self[block, offset] = self[block, offset - 1]
            offset -= 1
        }
        self[block, position] = element
        block.count += 1
    }

    /// A new block holding `elements` (no block for none): for a pool built again from a
    /// checkpoint, one block after the other.
    mutating func makeBlock(_ elements: UnsafeBufferPointer<Element>) -> Block {
        var block = Block()
        guard !elements.isEmpty else { return block }
        move(&block, toHold: elements.count)
        for (offset, element) in elements.enumerated() { self[block, offset] = element }
        block.count = Int32(elements.count)
        return block
    }

    /// Sets how many elements `block` holds: the first ones are kept, new ones are ``filler``
    /// until written. A block that shrinks keeps its class.
    mutating func resize(_ block: inout Block, to count: Int) {
        if count > Int(block.count), block.sizeClass < 0 || count > Self.capacity(Int(block.sizeClass)) {
            move(&block, toHold: count)
        }
        block.count = Int32(count)
    }

    /// Moves `block` to a block of the smallest class holding `count` elements, with its elements.
    private mutating func move(_ block: inout Block, toHold count: Int) {
        var moved = Block(start: allocate(Self.sizeClass(for: count)), count: block.count, sizeClass: Int8(Self.sizeClass(for: count)))
        if block.sizeClass >= 0 {
            for offset in 0..<Int(block.count) {
                self[moved, offset] = self[block, offset]
                // Nothing stays referenced from a free block (an event's long id).
                self[block, offset] = filler
            }
            release(block)
        }
        moved.count = block.count
        block = moved
    }

    /// The start of a new block of class `sizeClass`.
    private mutating func allocate(_ sizeClass: Int) -> Int32 {
        let capacity = Self.capacity(sizeClass)
        if isLarge(sizeClass) {
            let array = [Element](repeating: filler, count: capacity)
            if let reused = freeLarge.popLast() {
                large[Int(reused)] = array
                return reused
            }
            large.append(array)
            return Int32(large.count - 1)
        }
        if sizeClass < free.count, let reused = free[sizeClass].popLast() {
            freeCount -= capacity
            return reused
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count + capacity > chunkSize {
            // The rest of the last chunk stays unused (less than one block).
            if !chunks.isEmpty {
                tailCount += chunkSize - chunks[chunks.count - 1].count
                storedCount += chunkSize - chunks[chunks.count - 1].count
            }
            precondition(chunks.count < Int(Int32.max) >> chunkShift, "a block pool holds at most 2^31 elements")
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkSize)
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        let start = last << chunkShift + chunks[last].count
        chunks[last].append(contentsOf: repeatElement(filler, count: capacity))
        storedCount += capacity
        return Int32(start)
    }

    /// Puts `block` on its class's free list.
    private mutating func release(_ block: Block) {
        let sizeClass = Int(block.sizeClass)
        if isLarge(sizeClass) {
            large[Int(block.start)] = []
            freeLarge.append(block.start)
            return
        }
        if free.count <= sizeClass { free.append(contentsOf: repeatElement([], count: sizeClass + 1 - free.count)) }
        free[sizeClass].append(block.start)
        freeCount += Self.capacity(sizeClass)
    }

    /// Whether free blocks hold a quarter of the pool or more (and it is large enough to matter).
    var wantsCompaction: Bool { storedCount >= 1 << 12 && freeCount * 4 >= storedCount }

    /// Slides every block in use (`owners[index][keyPath: block]`) towards the start of the
    /// pool, in the order they sit, so that no free block is left; chunks left empty are let go.
    mutating func compact<Owner>(_ owners: inout [Owner], _ block: WritableKeyPath<Owner, Block>) {
        var order: [(start: Int32, owner: Int32)] = []
        order.reserveCapacity(owners.count)
        for (index, owner) in owners.enumerated() where owner[keyPath: block].sizeClass >= 0 && !isLarge(Int(owner[keyPath: block].sizeClass)) {
            order.append((owner[keyPath: block].start, Int32(index)))
        }
        order.sort { $0.start < $1.start }
        // Blocks may now go where the end of a chunk was left unused: every chunk is made whole first.
        for index in chunks.indices { chunks[index].append(contentsOf: repeatElement(filler, count: chunkSize - chunks[index].count)) }
        var cursor = 0
        storedCount = 0
        tailCount = 0
        for (_, index) in order {
            let owner = Int(index)
            let old = owners[owner][keyPath: block]
            let capacity = Self.capacity(Int(old.sizeClass))
            if cursor & (chunkSize - 1) + capacity > chunkSize {
                tailCount += chunkSize - cursor & (chunkSize - 1)
                storedCount += chunkSize - cursor & (chunkSize - 1)
                cursor = (cursor >> chunkShift + 1) << chunkShift
            }
            // Blocks only move down, and in the order they sit: a move never overwrites a block
            // not yet moved (both layouts keep blocks within chunks, so each block's new start
            // is at or before its old one).
            let moved = Block(start: Int32(cursor), count: old.count, sizeClass: old.sizeClass)
            for offset in 0..<capacity { self[moved, offset] = offset < Int(old.count) ? self[old, offset] : filler }
            owners[owner][keyPath: block] = moved
            cursor += capacity
            storedCount += capacity
        }
        let used = cursor == 0 ? 0 : (cursor - 1) >> chunkShift + 1
        chunks.removeLast(chunks.count - used)
        if used > 0 { chunks[used - 1].removeLast(chunks[used - 1].count - (cursor - (used - 1) << chunkShift)) }
        free = []
        freeCount = 0
    }
}
