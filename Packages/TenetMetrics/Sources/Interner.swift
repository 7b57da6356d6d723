/// Values kept once each and numbered in the order they first came: the number stands for the
/// value wherever many copies of it would be kept.
struct Interner<Value: Hashable & Sendable>: Sendable {
    /// The values, by number.
    private(set) var values: [Value]
    private var numbers: [Value: Int32]

    /// An interner whose number 0 is `placeholder`: found by ``intern(_:)`` and ``number(of:)``
    /// when `findable`, else only read back (a value equal to it gets a number of its own).
    init(placeholder: Value, findable: Bool) {
        values = [placeholder]
        numbers = findable ? [placeholder: 0] : [:]
    }

    /// How many values there are (numbers `0..<count`).
    var count: Int { values.count }

    /// The value numbered `number`.
    subscript(number: Int32) -> Value {
        values[Int(number)]
    }

    /// The number of `value`, given now when it is new.
    mutating func intern(_ value: Value) -> Int32 {
        if let number = numbers[value] { return number }
        let number = Int32(values.count)
        values.append(value)
        numbers[value] = number
        return number
    }

    /// The number of `value` when it has one.
    func number(of value: Value) -> Int32? {
        numbers[value]
    }

    /// An interner holding `values` (number 0 the placeholder), as ``init(placeholder:findable:)``
    /// and interning them in order would have made it.
    init(values: [Value], findable: Bool) {
        precondition(!values.isEmpty, "an interner holds its placeholder")
        self.values = values
        numbers = Dictionary(minimumCapacity: values.count)
        for (number, value) in values.enumerated() where number > 0 || findable {
            numbers[value] = numbers[value] ?? Int32(number)
        }
    }
}
