import Foundation
import TenetMetrics
import TenetPhilosophy

/// The inline SVG charts of the HTML report. Each is a `<figure>` whose `<svg>` has
/// `role="img"`, a `<title>` and a `<desc>` that say in words what the picture shows.
public enum ReportChart {
    /// The percentiles a distribution marks.
    public static let percentiles = [50, 90, 99]

    /// A line of the key metric's figure over its periods (oldest first), with the target as a
    /// dashed line when it is a quantity.
    public static func trend(_ line: ReportModel.KeyMetricLine) -> String {
        let width = 300.0, height = 110.0, left = 10.0, right = 10.0, top = 14.0, bottom = 22.0
        let present = line.history.enumerated().compactMap { index, point in point.value.map { (index, $0) } }
        let target = targetValue(line.target)
        let values = present.map(\.1) + (target.map { [$0] } ?? [])
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 1, low + 1e-9)
        let count = max(line.history.count - 1, 1)
        func x(_ index: Int) -> Double { left + (width - left - right) * Double(index) / Double(count) }
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - (value - low) / (high - low)) }
        let id = "trend-" + slug(line.series + "-" + line.group)
        let spoken = line.history.map { "\($0.label) \(FigureText.value($0.value, unit: line.unit, currency: line.currency))" }
        var svg = [
            "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<title id=\"\(id)-t\">Trend of \(HTMLReport.escape(line.label)) \(HTMLReport.escape(line.statText)) per \(HTMLReport.escape(line.period))</title>",
            "<desc id=\"\(id)-d\">\(HTMLReport.escape(spoken.joined(separator: "; ")))\(target != nil ? "; target \(HTMLReport.escape(line.target ?? ""))" : "")</desc>",
            "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#6e6e6e\" stroke-width=\"1\"/>",
        ]
        if let target {
            svg.append(
                "<line x1=\"\(f(left))\" y1=\"\(f(y(target)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(target)))\" stroke=\"#9a6700\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>")
        }
        svg.append(
            "<polyline fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\" points=\"\(present.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " "))\"/>")
        for (index, value) in present {
            svg.append("<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\" fill=\"#0b4f8a\"/>")
        }
        if let first = line.history.first, let last = line.history.last {
            svg.append("<text x=\"\(f(left))\" y=\"\(f(height - 6))\">\(HTMLReport.escape(first.label))</text>")
            svg.append("<text x=\"\(f(width - right))\" y=\"\(f(height - 6))\" text-anchor=\"end\">\(HTMLReport.escape(last.label))</text>")
        }
        if let latest = present.last?.1 {
            svg.append("<text x=\"\(f(width - right))\" y=\"11\" text-anchor=\"end\">\(HTMLReport.escape(FigureText.value(latest, unit: line.unit, currency: line.currency)))</text>")
        }
        svg.append("</svg>")
        return "<figure>" + svg.joined(separator: "\n")
            + "<figcaption>\(HTMLReport.escape(line.label)) \(HTMLReport.escape(line.statText)), last \(line.history.count) \(HTMLReport.escape(line.period))s</figcaption></figure>"
    }

    /// A histogram of the measurements behind a duration metric (20 bars from 0 to the largest
    /// value) with the median, p90 and p99 marked.
    public static func distribution(_ set: ReportModel.RowSet) -> String {
        let width = 340.0, height = 150.0, left = 10.0, right = 10.0, top = 30.0, bottom = 22.0
        let sorted = set.values.sorted()
        guard let largest = sorted.last else { return "" }
        let high = max(largest, 1)
        let binCount = 20
        var bins = Array(repeating: 0, count: binCount)
        for value in sorted { bins[min(binCount - 1, max(0, Int(value / high * Double(binCount))))] += 1 }
        let tallest = Double(bins.max() ?? 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ value: Double) -> Double { left + plotWidth * value / high }
        let marks = percentiles.map { ($0, ExactStatistics.percentile(sorted, $0)) }
        let clock = set.business ? "business time" : "calendar time"
        let id = "dist-" + slug(set.series)
        var svg = [
            "<svg role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">",
            "<title id=\"\(id)-t\">Distribution of \(HTMLReport.escape(set.column)) (\(clock)), \(sorted.count) measurements</title>",
            "<desc id=\"\(id)-d\">\(marks.map { "p\($0.0) \(FigureText.value($0.1, unit: "seconds"))" }.joined(separator: ", ")); largest \(FigureText.value(largest, unit: "seconds"))</desc>",
        ]
        for (index, count) in bins.enumerated() where count > 0 {
            let barHeight = plotHeight * Double(count) / tallest
            svg.append(
                "<rect x=\"\(f(left + plotWidth * Double(index) / Double(binCount)))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(plotWidth / Double(binCount) - 1))\" height=\"\(f(barHeight))\" fill=\"#7a9cc6\"/>")
        }
        svg.append("<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#6e6e6e\" stroke-width=\"1\"/>")
        for (rank, (p, value)) in marks.enumerated() {
            let position = x(value)
            svg.append("<line x1=\"\(f(position))\" y1=\"\(f(top - 2))\" x2=\"\(f(position))\" y2=\"\(f(height - bottom))\" stroke=\"#a40e26\" stroke-width=\"1.5\"/>")
            svg.append(
                "<text x=\"\(f(position))\" y=\"\(f(10 + Double(rank) * 9))\" text-anchor=\"\(position > width * 0.7 ? "end" : "start")\">p\(p) \(HTMLReport.escape(FigureText.value(value, unit: "seconds")))</text>")
        }
        svg.append("<text x=\"\(f(left))\" y=\"\(f(height - 6))\">0</text>")
        svg.append("<text x=\"\(f(width - right))\" y=\"\(f(height - 6))\" text-anchor=\"end\">\(HTMLReport.escape(FigureText.value(high, unit: "seconds")))</text>")
        svg.append("</svg>")
        return "<figure>" + svg.joined(separator: "\n")
            + "<figcaption>\(HTMLReport.escape(set.column)), \(clock): \(sorted.count) of \(set.total) measurements</figcaption></figure>"
    }

    /// The number a target such as `<= 1h` or `>= 90%` compares with, in the figure's unit.
    static func targetValue(_ target: String?) -> Double? {
        guard let target else { return nil }
        let quantity = target.drop { "<>= ".contains($0) }
        guard case .success(let parsed) = Quantity.parse(String(quantity)) else { return nil }
        return parsed.value
    }

    /// Letters and digits only, for element ids.
    static func slug(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// A coordinate with one decimal.
    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
