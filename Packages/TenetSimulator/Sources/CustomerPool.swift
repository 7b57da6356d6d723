import TenetModels

/// The customers: who is active (for uniform draws and churn), each one's segment, language
/// and owning team, and who wrote recently (for repeat contacts).
struct CustomerPool: Sendable {
    /// Active customers' numbers, in no meaningful order (swap-removed).
    var active: [Int32] = []
    /// Each customer's place in ``active``, −1 when not active.
    var place: [Int32] = []
    var segment: [UInt8] = []
    var language: [UInt8] = []
    var owner: [UInt8] = []
    /// Recent contacts: customer and time (ms), the last ``recentCapacity``.
    var recentCustomers: [Int32] = []
    var recentTimes: [Int64] = []
    var recentNext = 0
    static let recentCapacity = 1 << 15

    var count: Int { place.count }

    /// Adds a customer and makes them active; returns their number.
    mutating func add(segment: UInt8, language: UInt8, owner: UInt8) -> Int32 {
        let number = Int32(place.count)
        place.append(Int32(active.count))
        active.append(number)
        self.segment.append(segment)
        self.language.append(language)
        self.owner.append(owner)
        return number
    }

    /// Makes a customer inactive.
    mutating func remove(_ customer: Int32) {
        let index = Int(place[Int(customer)])
        guard index >= 0 else { return }
        let last = active.removeLast()
        if index < active.count {
            active[index] = last
            place[Int(last)] = Int32(index)
        }
        place[Int(customer)] = -1
    }

    func isActive(_ customer: Int32) -> Bool { place[Int(customer)] >= 0 }

    /// Records a contact.
    mutating func contacted(_ customer: Int32, at t: Int64) {
        if recentCustomers.count < Self.recentCapacity {
            recentCustomers.append(customer)
            recentTimes.append(t)
        } else {
            recentCustomers[recentNext] = customer
            recentTimes[recentNext] = t
            recentNext = (recentNext + 1) % Self.recentCapacity
        }
    }

    /// A recent contact's customer within `window` ms before `t` who is still active, if the
    /// drawn entry is one.
    func recent(at t: Int64, window: Int64, _ random: inout SeededRandom) -> Int32? {
        guard !recentCustomers.isEmpty else { return nil }
        let index = Distributions.index(below: recentCustomers.count, &random)
        guard recentTimes[index] >= t - window, isActive(recentCustomers[index]) else { return nil }
        return recentCustomers[index]
    }
}
