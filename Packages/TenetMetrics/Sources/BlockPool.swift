/// Many small arrays kept in one: each conversation's events (or measurement slots) in a block
/// of one large array, where an array each would cost an allocation with its header (about 48
/// bytes) and scatter the heap.
///
/// Blocks come in size classes growing by about half (2, 3, 4, 6, 8, 12, 16 …): a block that is
/// full moves to the next class, and the block it leaves goes to its class's free list, for the
/// next block of that class to reuse.
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
        }
        precondition(start <= Int(Int32.max), "a block pool holds at most 2^31 elements")
        block.start = Int32(start)
        block.sizeClass = Int8(sizeClass)
    }
}
