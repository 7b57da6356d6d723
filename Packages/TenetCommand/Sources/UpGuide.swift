import Foundation
import TenetBus
import TenetControl
import TenetSupervisor

/// What `tenet up --guide` (and so `make run`) prints once every plugin is running: where to
/// look, how to send, how to stop. It asks the supervisor for its status like `tenet status`
/// does, from a thread of its own, so the supervisor's loop is never held up.
enum UpGuide {
    /// Starts a thread that waits (up to `deadline`) for every plugin of the stack on
    /// `dataPath` to run, then prints the guide on standard output.
    static func start(dataPath: String, deadline: Duration = .seconds(120)) {
        let thread = Thread {
            let clock = ContinuousClock()
            let end = clock.now + deadline
            while clock.now < end {
                Thread.sleep(forTimeInterval: 0.25)
                guard DataDirectory(path: dataPath).isLocked(),
                    let connection = try? ControlConnection(dataPath: dataPath)
                else { continue }
                let report = try? connection.request("status", EmptyBody(), as: StatusReport.self)
                connection.close()
                guard let report, report.supervisor.phase == "running",
                    report.plugins.allSatisfy({ $0.state == .running || $0.state == .fatal || $0.state == .stopped })
                else { continue }
                // The web plugin writes its address just after it starts listening.
                if report.plugins.contains(where: { $0.command.hasSuffix("tenet-web") && $0.state == .running }),
                    !FileManager.default.fileExists(atPath: dataPath + "/web.json"), clock.now < end - .seconds(5)
                { continue }
                FileHandle.standardOutput.write(Data((text(report, dataPath: dataPath) + "\n").utf8))
                return
            }
        }
        thread.name = "tenet-guide"
        thread.start()
    }

    /// The guide for a running stack.
    static func text(_ report: StatusReport, dataPath: String) -> String {
        let tenet = relative(executablePath())
        let data = relative(dataPath)
        let dataOption = data == "tenet-data" ? "" : " --data \(data)"
        let running = report.plugins.filter { $0.state == .running }.map(\.name)
        let notRunning = report.plugins.filter { $0.state != .running }.map { "\($0.name) (\($0.state))" }
        let rule = String(repeating: "─", count: 78)
        var lines = [rule, "Tenet is running: \(running.joined(separator: ", ")). Data in \(data)/."]
        if !notRunning.isEmpty { lines.append("Not running: \(notRunning.joined(separator: ", ")) (see `\(tenet) status\(dataOption)`).") }
        if report.plugins.contains(where: { $0.command.hasSuffix("tenet-simulator") }) {
            lines.append("A simulated support center feeds it (tenet-simulator, docs/SIMULATOR.md): it starts in the past,")
            lines.append("catches up quickly, then runs in real time.")
        }
        // The web plugin's address is in DATA/web.json once it listens (docs/API.md); the dashboard
        // link carries the token in its fragment, which the browser never sends to a server.
        let web = report.plugins.contains(where: { $0.command.hasSuffix("tenet-web") }) ? webAddress(dataPath: dataPath) : nil
        if let web {
            lines += ["", "  The dashboard (docs/DASHBOARD.md), open in your browser:"]
            if let url = web.url, let token = web.token {
                lines.append("    \(url)#token=\(token)")
            } else if let url = web.url {
                lines.append("    \(url)  (it asks for the token: TENET_WEB_TOKEN)")
            } else {
                lines.append("    (the address is in \(data)/web.json once the web plugin listens)")
            }
        }
        lines += [
            "",
            "  The live scorecard          \(tenet) metrics --watch\(dataOption)",
            "  One metric, drilled down    \(tenet) metrics --metric first_response_time --stat p90 --by channel\(dataOption)",
        ]
        if report.plugins.contains(where: { $0.command.hasSuffix("tenet-rules") }) {
            lines += [
                "  Alerts pending and firing   \(tenet) alerts\(dataOption)",
                "  SLA clocks nearest a breach \(tenet) sla --at-risk\(dataOption)",
            ]
        }
        if let web {
            lines += [
                "  The HTTP API (docs/API.md)  curl -H \"Authorization: Bearer $(cat \(data)/web.token)\" \(web.url ?? "(see \(data)/web.json)")v1/scorecard"
            ]
        }
        if report.plugins.contains(where: { $0.command.hasSuffix("tenet-report") }) {
            lines += ["  Reports of each day, week   \(data)/reports/ (docs/REPORTS.md); now: \(tenet) report --period week --out DIR\(dataOption)"]
        }
        lines += [
            "  The stack and its plugins   \(tenet) status\(dataOption)",
            "  Metric events, from Python  /usr/bin/python3 docs/examples/python/subscribe.py --data \(data) --topic metric.",
            "  Send your own events        \(tenet) send FILE.ndjson\(dataOption)",
            "  Simulate a history          \(tenet) simulate --days 7 > history.ndjson",
            "",
            "  Bus: publish \(report.endpoints.publish)",
            "       subscribe \(report.endpoints.subscribe)",
            "       control \(report.endpoints.control)",
        ]
        if let tcp = report.endpoints.subscribeTCP { lines.append("       subscribe (TCP) \(tcp)") }
        lines += [
            "",
            "  Stop: Ctrl-C here, or `\(tenet) stop\(dataOption)`. `make run` again resumes the same data.",
            rule,
        ]
        return lines.joined(separator: "\n")
    }

    /// The web plugin's URL (`http://127.0.0.1:8781/`) and token, from `DATA/web.json` and the
    /// token file it names (`nil` for what cannot be read: a token given in `TENET_WEB_TOKEN` has no file).
    static func webAddress(dataPath: String) -> (url: String?, token: String?) {
        guard let data = FileManager.default.contents(atPath: dataPath + "/web.json"),
            let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return (nil, nil) }
        let token = (info["token_file"] as? String).flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (info["http"] as? String, token?.isEmpty == false ? token : nil)
    }

    private static func executablePath() -> String {
        let path = CommandLine.arguments[0]
        if path.contains("/") { return path }
        return Bundle.main.executablePath ?? path
    }

    /// `path` relative to the working directory when it lies below it.
    private static func relative(_ path: String) -> String {
        let absolute = (path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path) as NSString
        let standardized = absolute.standardizingPath
        let directory = FileManager.default.currentDirectoryPath + "/"
        return standardized.hasPrefix(directory) ? String(standardized.dropFirst(directory.count)) : standardized
    }
}
