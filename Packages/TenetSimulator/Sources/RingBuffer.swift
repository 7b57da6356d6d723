/// A first-in, first-out queue on a circular array that grows by doubling: O(1) push and pop,
/// no allocation once it has grown to its working size.
struct RingBuffer<Element> {
    private var storage: [Element?]
    private var head = 0
    /// How many elements it holds.
    private(set) var count = 0

    init(capacity: Int = 16) {
        storage = Array(repeating: nil, count: max(1, capacity))
    }

    var isEmpty: Bool { count == 0 }

    /// The oldest element.
    var first: Element? { count == 0 ? nil : storage[head] }

    /// The element `offset` places after the oldest (0 is the oldest).
    subscript(offset: Int) -> Element { storage[(head + offset) % storage.count]! }

    mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = element
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    private mutating func grow() {
        var bigger: [Element?] = Array(repeating: nil, count: storage.count * 2)
        for offset in 0..<count { bigger[offset] = storage[(head + offset) % storage.count] }
        storage = bigger
        head = 0
    }
}
extension RingBuffer: Sendable where Element: Sendable {}
