import Foundation
import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy
import TenetRules
import Testing

@Suite struct AlertEngineTests {
    let slow = [AlertSample(value: 3900)]
    let fast = [AlertSample(value: 1800)]

    @Test func pendingForNineMinutesFiresAtTenResolvesWhenClear() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        #expect(steps(try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))) == ["SlippingSticky:inactive→pending@0m"])
        #expect(engine.nextDeadline == at(10))
        #expect(try engine.observe(rule: "SlippingSticky", samples: slow, at: at(5)).isEmpty)
        #expect(engine.evaluate(now: at(9)).isEmpty)
        #expect(engine.evaluate(now: at(9, 59)).isEmpty)
        #expect(engine.active.map(\.state) == [.pending])
        #expect(steps(engine.evaluate(now: at(10))) == ["SlippingSticky:pending→firing@10m"])
        #expect(engine.active.map(\.state) == [.firing])
        #expect(engine.active.first?.firedAt == at(10))
        // Clear for longer than keep_firing_for (5m): resolved exactly 5m after it cleared.
        #expect(try engine.observe(rule: "SlippingSticky", samples: fast, at: at(20)).isEmpty)
        #expect(engine.nextDeadline == at(25))
        #expect(engine.evaluate(now: at(24, 59)).isEmpty)
        #expect(steps(engine.evaluate(now: at(40))) == ["SlippingSticky:firing→resolved@25m"])
        #expect(engine.active.isEmpty)
        #expect(engine.instances.map(\.state) == [.resolved])
        // Kept as resolved for 15 minutes, then dropped.
        #expect(engine.evaluate(now: at(41)).isEmpty)
        #expect(engine.instances.isEmpty)
    }

    @Test func withoutKeepFiringItResolvesAtOnce() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let team = [AlertSample(labels: ["team": "support"], value: 3900)]
        _ = try engine.observe(rule: "FirstResponseSlipping", samples: team, at: at(0))
        #expect(steps(engine.evaluate(now: at(10))) == ["FirstResponseSlipping{support}:pending→firing@10m"])
        let cleared = try engine.observe(rule: "FirstResponseSlipping", samples: [AlertSample(labels: ["team": "support"], value: 3000)], at: at(12))
        #expect(steps(cleared) == ["FirstResponseSlipping{support}:firing→resolved@12m"])
        #expect(cleared.first?.value == 3000)
    }

    @Test func aLateEvaluationReportsTheExactInstant() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        _ = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        // Nothing asked between 0m and 13m: the firing still happened at 10m, and the next
        // observation (clear at 13m) comes after it.
        let late = try engine.observe(rule: "SlippingSticky", samples: fast, at: at(13))
        #expect(steps(late) == ["SlippingSticky:pending→firing@10m"])
        #expect(steps(engine.evaluate(now: at(18))) == ["SlippingSticky:firing→resolved@18m"])
    }

    @Test func pendingThatClearsGoesInactiveAndStartsAfresh() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let first = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        #expect(steps(try engine.observe(rule: "SlippingSticky", samples: fast, at: at(9))) == ["SlippingSticky:pending→inactive@9m"])
        #expect(engine.instances.isEmpty)
        #expect(engine.nextDeadline == nil)
        let second = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(11))
        #expect(steps(second) == ["SlippingSticky:inactive→pending@11m"])
        #expect(second.first?.alertID != first.first?.alertID)
        // `for` counts from the new activation: not firing at 20m, firing at 21m.
        #expect(engine.evaluate(now: at(20)).isEmpty)
        #expect(steps(engine.evaluate(now: at(21))) == ["SlippingSticky:pending→firing@21m"])
    }

    @Test func keepFiringForBridgesABriefRecovery() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        _ = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        let fired = engine.evaluate(now: at(10))
        #expect(steps(fired) == ["SlippingSticky:pending→firing@10m"])
        // A 3-minute recovery, shorter than keep_firing_for (5m): still firing, no transition.
        #expect(try engine.observe(rule: "SlippingSticky", samples: fast, at: at(12)).isEmpty)
        #expect(engine.active.first?.keepFiringSince == at(12))
        #expect(engine.evaluate(now: at(14)).isEmpty)
        #expect(try engine.observe(rule: "SlippingSticky", samples: slow, at: at(15)).isEmpty)
        #expect(engine.active.first?.state == .firing)
        #expect(engine.active.first?.keepFiringSince == nil)
        #expect(engine.nextDeadline == nil)
        // The clock restarts at the next recovery: 5m after 30m, not after 12m.
        #expect(try engine.observe(rule: "SlippingSticky", samples: fast, at: at(30)).isEmpty)
        #expect(engine.evaluate(now: at(34, 59)).isEmpty)
        let resolved = engine.evaluate(now: at(35))
        #expect(steps(resolved) == ["SlippingSticky:firing→resolved@35m"])
        #expect(resolved.first?.alertID == fired.first?.alertID)
        #expect(resolved.first?.activeAt == at(0))
    }

    @Test func labelSetsSplitInstances() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let rule = "FirstResponseSlipping"
        func sample(_ team: String, _ seconds: Double?) -> AlertSample { AlertSample(labels: ["team": team], value: seconds) }
        #expect(steps(try engine.observe(rule: rule, samples: [sample("support", 4000), sample("billing", 1200)], at: at(0)))
            == ["FirstResponseSlipping{support}:inactive→pending@0m"])
        #expect(steps(try engine.observe(rule: rule, samples: [sample("support", 4000), sample("billing", 3700)], at: at(4)))
            == ["FirstResponseSlipping{billing}:inactive→pending@4m"])
        #expect(steps(engine.evaluate(now: at(10))) == ["FirstResponseSlipping{support}:pending→firing@10m"])
        // Each instance has the rule's labels and its own group's; `for` runs per instance.
        let support = try #require(engine.instance(rule: rule, labels: ["team": "support", "value": "Speed"]))
        #expect(support.state == .firing)
        #expect(engine.instance(rule: rule, labels: ["team": "billing", "value": "Speed"])?.state == .pending)
        // Support's group disappears from the reply: its condition no longer holds.
        let missing = try engine.observe(rule: rule, samples: [sample("billing", 3700), sample("sales", nil)], at: at(12))
        #expect(steps(missing) == ["FirstResponseSlipping{support}:firing→resolved@12m"])
        #expect(steps(engine.evaluate(now: at(14))) == ["FirstResponseSlipping{billing}:pending→firing@14m"])
        #expect(engine.active.map { $0.labels["team"] } == ["billing"])
    }

    @Test func targetStatusRule() throws {
        let philosophy = try rulesPhilosophy()
        var tracker = TargetTracker(philosophy: philosophy)
        var engine = AlertEngine(philosophy: philosophy)
        func feed(_ value: Double?, _ minute: Int) -> [AlertTransition] {
            _ = tracker.observe(series: "value:Quality:0", value: value, sampleSize: 30, at: at(minute))
            guard let reading = tracker.reading(ofSeries: "value:Quality:0") else {
                Issue.record("no reading of value:Quality:0")
                return []
            }
            return engine.observe(reading)
        }
        #expect(feed(99.5, 0).isEmpty)  // met: the rule watches at_risk and missed
        let risk = feed(93, 10)  // at risk
        #expect(steps(risk) == ["QualityOffTarget:inactive→pending@10m"])
        #expect(risk.first?.labels == ["value": "Quality", "metric": "csat", "stat": "rate"])
        #expect(feed(85, 40).isEmpty)  // missed: still pending, still within `for: 1h`
        let fired = engine.evaluate(now: at(70))
        #expect(steps(fired) == ["QualityOffTarget:pending→firing@70m"])
        #expect(fired.first?.severity == .critical)
        #expect(fired.first?.annotations["summary"] == "csat is 85% (missed, target >= 90%, threshold 90%)")
        #expect(feed(nil, 80).isEmpty == false)  // no data is not in the list: resolved
        #expect(engine.active.isEmpty)
    }

    @Test func zeroForFiresAtOnce() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let fired = try engine.observe(rule: "CsatCollapsed", samples: [AlertSample(value: 42.25)], at: at(3))
        #expect(steps(fired) == ["CsatCollapsed:inactive→firing@3m"])
        #expect(fired.first?.annotations["summary"] == "CSAT 42.3%")
        #expect(fired.first?.valueText == "42.3%")
        #expect(steps(try engine.observe(rule: "CsatCollapsed", samples: [AlertSample(value: nil)], at: at(4))) == ["CsatCollapsed:firing→resolved@4m"])
    }

    @Test func templatesRender() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let pending = try engine.observe(rule: "FirstResponseSlipping", samples: [AlertSample(labels: ["team": "support"], value: 3900)], at: at(0))
        let transition = try #require(pending.first)
        #expect(transition.annotations["summary"] == "p90 first response is 1h 5m for support (threshold 1h)")
        #expect(transition.annotations["detail"] == "FirstResponseSlipping warning first_response_time p90 hour > 1h pending []")
        #expect(transition.valueText == "1h 5m")
        let template = AlertTemplate(fields: ["value": "3"], labels: ["team": "sales"])
        #expect(template.render("{{value}}/{{  labels.team }}/{{ unknown }}/{{ open") == "3/sales/{{ unknown }}/{{ open")
    }

    @Test func valuesAreFormattedPerUnit() {
        #expect(ValueUnit.duration.format(3900) == "1h 5m")
        #expect(ValueUnit.duration.format(3600) == "1h")
        #expect(ValueUnit.duration.format(725) == "12m 5s")
        #expect(ValueUnit.duration.format(45.4) == "45s")
        #expect(ValueUnit.duration.format(0.25) == "250ms")
        #expect(ValueUnit.duration.format(0) == "0s")
        #expect(ValueUnit.duration.format(187_200) == "2d 4h")
        #expect(ValueUnit.percent.format(72.54) == "72.5%")
        #expect(ValueUnit.percent.format(80) == "80%")
        #expect(ValueUnit.percent.format(-3.25) == "-3.3%")
        #expect(ValueUnit.number.format(8.5) == "8.5")
        #expect(ValueUnit.number.format(412) == "412")
        #expect(ValueUnit.number.format(8.125) == "8.13")
        #expect(ValueUnit.number.format(nil) == "no data")
    }

    @Test func snapshotMidFiringRestoresWithoutRepeating() throws {
        let philosophy = try rulesPhilosophy()
        var engine = AlertEngine(philosophy: philosophy)
        _ = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        let fired = engine.evaluate(now: at(10))
        engine.acknowledge(engine.undelivered.map(\.id))
        #expect(engine.undelivered.isEmpty)
        #expect(engine.active.first?.lastNotifiedID == fired.first?.id)

        // "kill -9": only the snapshot survives, as JSON.
        let bytes = try JSONEncoder().encode(engine.snapshot)
        let snapshot = try JSONDecoder().decode(AlertEngine.Snapshot.self, from: bytes)
        #expect(snapshot == engine.snapshot)
        var restored = try AlertEngine(philosophy: philosophy, restoring: snapshot)
        #expect(restored.undelivered.isEmpty)
        #expect(restored.active.map(\.state) == [.firing])
        // Still holding after the restart: no second `firing`.
        #expect(try restored.observe(rule: "SlippingSticky", samples: slow, at: at(12)).isEmpty)
        #expect(restored.evaluate(now: at(13)).isEmpty)
        // And it resolves normally, under the same activation.
        #expect(try restored.observe(rule: "SlippingSticky", samples: fast, at: at(14)).isEmpty)
        let resolved = restored.evaluate(now: at(19))
        #expect(steps(resolved) == ["SlippingSticky:firing→resolved@19m"])
        #expect(resolved.first?.alertID == fired.first?.alertID)
        let firing = try #require(fired.first)
        #expect(resolved.first?.id == "\(firing.alertID):resolved")
    }

    @Test func unacknowledgedTransitionsSurviveARestart() throws {
        let philosophy = try rulesPhilosophy()
        var engine = AlertEngine(philosophy: philosophy)
        let pending = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        engine.acknowledge(pending.map(\.id))
        let fired = engine.evaluate(now: at(10))  // made, then the process dies before publishing it
        let bytes = try JSONEncoder().encode(engine.snapshot)
        let restored = try AlertEngine(philosophy: philosophy, restoring: try JSONDecoder().decode(AlertEngine.Snapshot.self, from: bytes))
        #expect(restored.undelivered == fired)
        #expect(restored.active.first?.lastNotifiedID == pending.first?.id)
    }

    @Test func restoreUnderAFileWithoutTheRuleEndsItsAlerts() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        let fired = try engine.observe(rule: "CsatCollapsed", samples: [AlertSample(value: 20)], at: at(0))
        engine.acknowledge(fired.map(\.id))
        let without = try rulesPhilosophy(rulesPhilosophyText.components(separatedBy: "  - name: CsatCollapsed")[0])
        let restored = try AlertEngine(philosophy: without, restoring: engine.snapshot)
        #expect(steps(restored.undelivered) == ["CsatCollapsed:firing→resolved@0m"])
        #expect(restored.undelivered.first?.severity == .emergency)
        #expect(restored.undelivered.first?.alertID == fired.first?.alertID)
        #expect(restored.instances.isEmpty)
    }

    @Test func aSnapshotOfAnotherVersionIsRefused() throws {
        let philosophy = try rulesPhilosophy()
        var snapshot = AlertEngine(philosophy: philosophy).snapshot
        snapshot.version = 2
        #expect(throws: RulesError(.unsupportedSnapshot, "alert snapshot: version 2 is not one this build reads (1)")) {
            _ = try AlertEngine(philosophy: philosophy, restoring: snapshot)
        }
    }

    @Test func transitionIDsAreStable() throws {
        let philosophy = try rulesPhilosophy()
        var one = AlertEngine(philosophy: philosophy)
        var two = AlertEngine(philosophy: philosophy)
        let a = try one.observe(rule: "SlippingSticky", samples: slow, at: at(0, 1))
        let b = try two.observe(rule: "SlippingSticky", samples: [AlertSample(value: 5000)], at: at(0, 1))
        #expect(a.first?.id == b.first?.id)
        #expect(a.first?.id == AlertTransition.alertID(rule: "SlippingSticky", labels: [:], activeAt: at(0, 1)) + ":pending")
        #expect(AlertTransition.alertID(rule: "SlippingSticky", labels: [:], activeAt: at(0, 2)) != AlertTransition.alertID(rule: "SlippingSticky", labels: [:], activeAt: at(0, 1)))
    }

    @Test func reloadEndsInstancesOfRemovedRules() throws {
        var engine = AlertEngine(philosophy: try rulesPhilosophy())
        _ = try engine.observe(rule: "CsatCollapsed", samples: [AlertSample(value: 20)], at: at(0))
        _ = try engine.observe(rule: "SlippingSticky", samples: slow, at: at(0))
        let without = try rulesPhilosophy(rulesPhilosophyText.components(separatedBy: "  - name: CsatCollapsed")[0])
        let ended = engine.reload(without, now: at(5))
        #expect(steps(ended) == ["CsatCollapsed:firing→resolved@5m"])
        #expect(ended.first?.annotations["summary"] == "CSAT 20%")
        #expect(engine.active.map(\.rule) == ["SlippingSticky"])
        #expect(throws: RulesError(.unknownRule, "observe(rule: CsatCollapsed): no alert rule is named `CsatCollapsed`")) {
            try engine.observe(rule: "CsatCollapsed", samples: [], at: at(6))
        }
        #expect((try? engine.observe(rule: "QualityOffTarget", samples: [], at: at(6))) == nil)
    }
}

@Suite struct MetricQueryTests {
    @Test func metricRulesAskForTheirSeriesGroupedByTheirDimensions() throws {
        let engine = AlertEngine(philosophy: try rulesPhilosophy())
        let queries = Dictionary(uniqueKeysWithValues: engine.metricQueries.map { ($0.rule, $0.query) })
        #expect(queries.keys.sorted() == ["CsatCollapsed", "FirstResponseSlipping", "SlippingSticky"])
        let slipping = try #require(queries["FirstResponseSlipping"])
        #expect(slipping.metric == "first_response_time")
        #expect(slipping.stat == "p90")
        #expect(slipping.hours == "calendar")
        #expect(slipping.period == "hour")
        #expect(slipping.by == ["team"])
        #expect(slipping.where == nil)
        let reply = MetricQueryReply(
            metric: "first_response_time", stat: "p90", hours: "calendar", from: nil, to: nil, unit: "seconds",
            groups: [
                FigureBody(dimensions: ["team": "support"], value: 3900, sampleSize: 4, numerator: nil, denominator: nil, currency: nil),
                FigureBody(dimensions: ["team": nil], value: nil, sampleSize: 0, numerator: nil, denominator: nil, currency: nil),
            ], lastSeq: 9)
        #expect(AlertSample.samples(from: reply) == [AlertSample(labels: ["team": "support"], value: 3900), AlertSample(labels: [:], value: nil)])
    }
}
