/// Command-line options of `tenet-bus-bench` (the same as the C twin's).
struct BenchmarkOptions: Sendable {
    /// Messages timed per run.
    var messages = 2_000_000
    /// Untimed messages sent and received before the timed ones, in the same stream.
    var warmup = 100_000
    /// Payload size of every message, in bytes.
    var size = 100
    /// Measurements per pattern, each printed as it is taken.
    var runs = 1
    /// The number of the first run (`make bench` runs one per process and numbers its rounds).
    var round = 1
    /// The patterns to measure, in order.
    var patterns: [BusPattern] = BusPattern.allCases
    /// Where the `ipc://` socket files go; `nil`: a fresh `mktemp -d` style folder under /tmp.
    var ipcDirectory: String?

    static let usage = """
        usage: tenet-bus-bench [--messages N] [--warmup W] [--size BYTES] [--runs R] [--round K]
                               [--pattern pushpull|pubsub|all] [--ipc-dir DIR]

        Measures messages/s through the TenetBus ZeroMQ binding over ipc://, one sender thread
        and one receiver thread in this process; prints each run as a JSON line (runs numbered
        from K). Defaults: --messages 2000000 --warmup 100000 --size 100 --runs 1 --round 1
        --pattern all; --ipc-dir defaults to a new folder under /tmp.
        """

    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: some Sequence<String>) throws(UsageError) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var iterator = arguments.makeIterator()
        func value(_ name: String) throws(UsageError) -> String {
            guard let value = iterator.next() else { throw UsageError(description: "\(name) needs a value") }
            return value
        }
        func count(_ name: String, minimum: Int) throws(UsageError) -> Int {
            let text = try value(name)
            guard let number = Int(text.filter { $0 != "_" }), number >= minimum else {
                throw UsageError(description: "\(name) takes a whole number >= \(minimum), not '\(text)'")
            }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--messages": options.messages = try count(argument, minimum: 2)
            case "--warmup": options.warmup = try count(argument, minimum: 0)
            case "--size": options.size = try count(argument, minimum: 1)
            case "--runs": options.runs = try count(argument, minimum: 1)
            case "--round": options.round = try count(argument, minimum: 1)
            case "--ipc-dir": options.ipcDirectory = try value(argument)
            case "--pattern":
                let name = try value(argument)
                if name == "all" {
                    options.patterns = BusPattern.allCases
                } else if let pattern = BusPattern(rawValue: name) {
                    options.patterns = [pattern]
                } else {
                    throw UsageError(description: "unknown pattern '\(name)' (pushpull, pubsub or all)")
                }
            case "-h", "--help": throw UsageError(description: "")
            default: throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
        return options
    }
}
