/// Many small arrays kept in one: each conversation's events (or measurement slots) in a block
/// of one large array, where an array each would cost an allocation with its header (about 48
/// bytes) and scatter the heap.
///
/// Blocks come in size classes growing by about half (2, 3, 4, 6, 8, 12, 16 …): a block that is
/// full moves to the next class, and the block it leaves goes to its class's free list, for the
/// next block of that class to reuse. When many blocks grow at once (a conversation's events
/// arriving in random order), freed blocks pile up faster than they are reused: once they hold a
/// quarter of the pool, ``compact(_:_:)`` slides the blocks in use together.
struct BlockPool<Element: Sendable>: Sendable {
    /// Where a block sits and how many of its elements are in use.
    struct Block: Sendable {
        /// Its first element's index in the pool.
        var start: Int32 = 0
        /// How many elements it holds.
        var count: Int32 = 0
        /// Its size class; −1 for no block yet.
        var sizeClass: Int8 = -1
    }

    private(set) var storage: [Element] = []
    /// Free blocks' starts, by size class.
    private var free: [[Int32]] = []
    /// How many elements the free blocks hold.
    private(set) var freeCount = 0
    /// What fills the slots of a new block.
    private let filler: Element

    /// An empty pool whose new blocks are filled with `filler`.
    init(filler: Element) {
        self.filler = filler
    }

    /// The element at `index` of the pool.
    subscript(index: Int) -> Element {
        get { storage[index] }
        set { storage[index] = newValue }
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

    /// Calls `body` with the elements of `block`.
    func withElements<Result>(of block: Block, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer { all in
            let start = Int(block.start)
            return try body(UnsafeBufferPointer(rebasing: all[start..<start + Int(block.count)]))
        }
    }

    /// Inserts `element` at `position` (0…count) of `block`, moving the block to a larger class
    /// when it is full.
    mutating func insert(_ element: Element, at position: Int, in block: inout Block) {
        let count = Int(block.count)
        if block.sizeClass < 0 || count == Self.capacity(Int(block.sizeClass)) { move(&block, toHold: count + 1) }
        let start = Int(block.start)
        var index = start + count
        while index > start + position {
            storage[index] = storage[index - 1]
            index -= 1
        }
        storage[start + position] = element
        block.count += 1
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
        let sizeClass = Self.sizeClass(for: count)
        let start: Int
        if sizeClass < free.count, let reused = free[sizeClass].popLast() {
            start = Int(reused)
            freeCount -= Self.capacity(sizeClass)
        } else {
            start = storage.count
            storage.append(contentsOf: repeatElement(filler, count: Self.capacity(sizeClass)))
        }
        let old = Int(block.start)
        for offset in 0..<Int(block.count) {
            storage[start + offset] = storage[old + offset]
            // Nothing stays referenced from a free block (an event's long id).
            storage[old + offset] = filler
        }
        if block.sizeClass >= 0 {
            let oldClass = Int(block.sizeClass)
            if free.count <= oldClass { free.append(contentsOf: repeatElement([], count: oldClass + 1 - free.count)) }
            free[oldClass].append(block.start)
            freeCount += Self.capacity(oldClass)
        }
        precondition(start <= Int(Int32.max), "a block pool holds at most 2^31 elements")
        block.start = Int32(start)
        block.sizeClass = Int8(sizeClass)
    }

    /// Whether free blocks hold a quarter of the pool or more (and it is large enough to matter).
    var wantsCompaction: Bool { storage.count >= 1 << 12 && freeCount * 4 >= storage.count }

    /// Slides every block in use (`owners[index][keyPath: block]`) towards the start of the
    /// pool, in the order they sit, so that no free block is left; the pool's end is cut off.
    mutating func compact<Owner>(_ owners: inout [Owner], _ block: WritableKeyPath<Owner, Block>) {
        var order: [(start: Int32, owner: Int32)] = []
        order.reserveCapacity(owners.count)
        for (index, owner) in owners.enumerated() where owner[keyPath: block].sizeClass >= 0 {
            order.append((owner[keyPath: block].start, Int32(index)))
        }
        order.sort { $0.start < $1.start }
        var cursor = 0
        for (start, index) in order {
            let owner = Int(index)
            let count = Int(owners[owner][keyPath: block].count)
            let capacity = Self.capacity(Int(owners[owner][keyPath: block].sizeClass))
            // Blocks only move down, and in the order they sit: a move never overwrites a block not yet moved.
            for offset in 0..<capacity {
                storage[cursor + offset] = offset < count ? storage[Int(start) + offset] : filler
            }
            owners[owner][keyPath: block].start = Int32(cursor)
            cursor += capacity
        }
        storage.removeLast(storage.count - cursor)
        free = []
        freeCount = 0
    }
}
