/// A node's disk row on the timeline: its label, a bar per request from the arm's start to its end (class
/// `disk-read` or `disk-write`), and for a request that waited for the arm, a thin grey `disk-wait` under the
/// bars from when it was made to when the arm took it (under, as the request before it is served then).
extension TimelinePicture {
    static let diskRowHeight = 24.0

    static let diskStyle = """
        .disk-read { fill: #2b3f5c; }
        .disk-write { fill: #8b1a1a; }
        .disk-wait { fill: #b0b0b0; }
        """

    static func drawDiskRows(_ layout: TimelineLayout, _ svg: inout SVGWriter) {
        var drawn = 0
        for (index, row) in layout.model.diskRows.enumerated() {
            let top = layout.diskTop(index)
            svg.element("line", [SVGAttribute("class", "row-line"), SVGAttribute("x1", layout.left),
                                 SVGAttribute("y1", top + diskRowHeight), SVGAttribute("x2", layout.right),
                                 SVGAttribute("y2", top + diskRowHeight)])
            svg.element("text", [SVGAttribute("class", "lane-label disk-label"), SVGAttribute("x", layout.left - 8),
                                 SVGAttribute("y", top + 16), SVGAttribute("text-anchor", "end")], text: row.label)
            for request in row.requests {
                guard drawn < mostBars else { return }
                drawn += 1
                if request.start > request.requested {
                    let x = layout.x(request.requested)
                    svg.begin("rect", [SVGAttribute("class", "disk-wait"), SVGAttribute("x", x),
                                       SVGAttribute("y", top + 20), SVGAttribute("width", layout.x(request.start) - x),
                                       SVGAttribute("height", 3)])
                    svg.title("\(row.label): a request made at \(request.requested) waits for the arm until "
                              + "\(request.start)")
                    svg.end()
                }
                let x = layout.x(request.start)
                svg.begin("rect", [SVGAttribute("class", request.writes ? "disk-write" : "disk-read"),
                                   SVGAttribute("x", x), SVGAttribute("y", top + 5),
                                   SVGAttribute("width", max(0.5, layout.x(request.end) - x)),
                                   SVGAttribute("height", diskRowHeight - 10)])
                svg.title(TimelineDiskRows.title(request, row: row.label))
                svg.end()
            }
        }
    }
}
