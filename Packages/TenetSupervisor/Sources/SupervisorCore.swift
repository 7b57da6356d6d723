import TenetClock
import TenetModels

/// The supervision logic of a whole stack: every plugin's state machine, start order and
/// orderly shutdown. Pure, like ``PluginSupervision``: the runtime feeds it inputs with the
/// current instant and carries out the effects.
public struct SupervisorCore: Sendable {
    /// An effect for one plugin.
    public struct Effect: Hashable, Sendable {
        /// The plugin's name.
        public var plugin: String
        /// What to do or announce.
        public var effect: PluginSupervision.Effect

        /// Creates an effect for `plugin`.
        public init(plugin: String, effect: PluginSupervision.Effect) {
            self.plugin = plugin
            self.effect = effect
        }
    }

    /// Where the stack is in its life.
    public enum Phase: String, Hashable, Sendable {
        /// Not started yet.
        case idle
        /// Starting the plugins group by group, in order.
        case starting
        /// Every group has been started.
        case running
        /// Stopping the plugins group by group, in reverse order.
        case shuttingDown = "shutting_down"
        /// Everything is stopped; the supervisor may exit.
        case finished
    }

    /// Every plugin, in stack-file order.
    public private(set) var plugins: [PluginSupervision]
    /// The stack's phase.
    public private(set) var phase = Phase.idle
    private var random: SeededRandom
    /// Distinct start orders, ascending.
    private let groups: [Int]
    private var nextStartGroup = 0
    private var nextStopGroup = 0
    private var stopSentToGroup = false

    /// Creates the core for `specs`. `random` drives the backoff jitter.
    public init(specs: [PluginSpec], random: SeededRandom = SeededRandom()) {
        plugins = specs.map(PluginSupervision.init(spec:))
        groups = Array(Set(specs.map(\.order))).sorted()
        self.random = random
    }

    /// The plugin called `name`, if the stack has one.
    public func plugin(named name: String) -> PluginSupervision? {
        plugins.first { $0.spec.name == name }
    }

    /// Begins starting the stack in order.
    public mutating func start(at now: MonotonicInstant) -> [Effect] {
        guard phase == .idle else { return [] }
        phase = .starting
        var effects: [Effect] = []
        advance(at: now, &effects)
        return effects
    }

    /// Begins stopping the stack in reverse order; ``phase`` becomes `finished` when done.
    public mutating func shutdown(at now: MonotonicInstant) -> [Effect] {
        guard phase != .shuttingDown && phase != .finished else { return [] }
        phase = .shuttingDown
        nextStopGroup = 0
        stopSentToGroup = false
        var effects: [Effect] = []
        // Plugins with no process need no ordering: settle them at once.
        for index in plugins.indices where plugins[index].pid == nil {
            apply(.stop, to: index, at: now, &effects)
        }
        advance(at: now, &effects)
        return effects
    }

    /// Applies `input` to the plugin `name`. Unknown names are ignored (a heartbeat from a
    /// process the stack does not list).
    public mutating func handle(_ input: PluginSupervision.Input, for name: String, at now: MonotonicInstant) -> [Effect] {
        guard let index = plugins.firstIndex(where: { $0.spec.name == name }) else { return [] }
        var effects: [Effect] = []
        apply(input, to: index, at: now, &effects)
        if phase == .shuttingDown, plugins[index].state == .backoff || plugins[index].state == .starting && plugins[index].pid == nil {
            apply(.stop, to: index, at: now, &effects)
        }
        advance(at: now, &effects)
        return effects
    }

    /// Checks every deadline.
    public mutating func tick(at now: MonotonicInstant) -> [Effect] {
        var effects: [Effect] = []
        for index in plugins.indices {
            apply(.tick, to: index, at: now, &effects)
        }
        advance(at: now, &effects)
        return effects
    }

    private mutating func apply(_ input: PluginSupervision.Input, to index: Int, at now: MonotonicInstant, _ effects: inout [Effect]) {
        let name = plugins[index].spec.name
        for effect in plugins[index].handle(input, at: now, random: &random) {
            effects.append(Effect(plugin: name, effect: effect))
        }
    }

    private func indices(inGroup order: Int) -> [Int] {
        plugins.indices.filter { plugins[$0].spec.order == order }
    }

    private mutating func advance(at now: MonotonicInstant, _ effects: inout [Effect]) {
        switch phase {
        case .starting:
            while nextStartGroup < groups.count {
                if nextStartGroup > 0 {
                    let previous = indices(inGroup: groups[nextStartGroup - 1]).filter { plugins[$0].spec.autostart }
                    let settled = previous.allSatisfy { [.running, .fatal, .stopped].contains(plugins[$0].state) }
                    guard settled else { return }
                }
                for index in indices(inGroup: groups[nextStartGroup]) where plugins[index].spec.autostart {
                    apply(.start, to: index, at: now, &effects)
                }
                nextStartGroup += 1
            }
            phase = .running
        case .shuttingDown:
            while nextStopGroup < groups.count {
                let group = indices(inGroup: groups[groups.count - 1 - nextStopGroup])
                if !stopSentToGroup {
                    for index in group { apply(.stop, to: index, at: now, &effects) }
                    stopSentToGroup = true
                }
                guard group.allSatisfy({ plugins[$0].pid == nil }) else { return }
                nextStopGroup += 1
                stopSentToGroup = false
            }
            phase = .finished
        case .idle, .running, .finished:
            break
        }
    }
}
