import Foundation
import Testing

/// Opens an SVG or HTML file in headless Chromium and reports what a person would see: whether the page
/// loaded without errors, how many elements of each class it shows, where they are (boxes read back from
/// the DOM after layout), and whether the screenshot has anything drawn on it.
///
/// How: a copy of the page gets a small probe script first (an SVG is inlined into an HTML page); the probe
/// records errors (script errors, failed loads, `console.error`) and, once the page has loaded, writes the
/// facts as base64 JSON into an element that `--dump-dom` prints; the same run takes a `--screenshot`, which
/// `PNGPixels` decodes. Console lines on Chromium's stderr (`--enable-logging=stderr`) are kept too.
public enum BrowserCheck {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// Chromium's path: `$SPRITE_CHROMIUM` when set (nil if that is no program: a way to see the checks skip,
    /// or fail under CI), else the first of chromium, chromium-browser, google-chrome on the PATH.
    public static var executable: String? {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["SPRITE_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// Chromium's path, or nil after printing why the browser checks are skipped. Under CI (`CI` set, as
    /// .ci/run sets it) a missing browser is a failure, not a skip: .ci/run installs it.
    public static func browserOrSkip(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let executable { return executable }
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
        if ci {
            Issue.record("chromium is not installed: .ci/run installs it (apt-get install chromium)",
                         sourceLocation: sourceLocation)
        } else {
            print("skipped: chromium is not installed (apt-get install chromium); the browser checks did not run")
        }
        return nil
    }

    /// The facts about `file` (an .svg or .html) rendered in a `width` × `height` window, with the elements of
    /// each of `classes` counted and boxed.
    public static func inspect(_ file: URL, classes: [String], width: Int = 1000, height: Int = 800,
                        browser: String) throws -> BrowserFacts {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("browser-check-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: file, encoding: .utf8)
        let page = folder.appendingPathComponent("page.html")
        try probed(text, isSVG: file.pathExtension.lowercased() == "svg", classes: classes)
            .write(to: page, atomically: true, encoding: .utf8)
        let common = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--mute-audio",
                      "--no-first-run", "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)",
                      "--virtual-time-budget=3000"]
        // One launch dumps the DOM and takes the screenshot; a build that does only one at a time is asked twice.
        let screenshot = folder.appendingPathComponent("screenshot.png")
        let dump = try run(browser, common + ["--user-data-dir=\(folder.path)/profile", "--dump-dom",
                                              "--screenshot=\(screenshot.path)", page.absoluteString], in: folder)
        if !FileManager.default.fileExists(atPath: screenshot.path) {
            _ = try run(browser, common + ["--user-data-dir=\(folder.path)/profile-shot",
                                           "--screenshot=\(screenshot.path)", page.absoluteString], in: folder)
        }
        let pixels = try PNGPixels(Data(contentsOf: screenshot))
        return try BrowserFacts(dom: dump.output, log: dump.errors, pixels: pixels)
    }

    /// The page with the probe first. An SVG is inlined in an HTML page (its own XML prolog dropped); an HTML
    /// page gets the probe at the start of its head, before any script of its own.
    public static func probed(_ text: String, isSVG: Bool, classes: [String]) -> String {
        let probe = "<script>\n" + probeScript(classes) + "\n</script>\n"
        if isSVG {
            var svg = text
            if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") { svg = String(svg[end.upperBound...]) }
            return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n" + probe
                + "<style>body { margin: 0; background: #fff; }</style></head>\n<body>\n" + svg + "</body></html>\n"
        }
        if let head = text.range(of: "<head>", options: .caseInsensitive) {
            return String(text[..<head.upperBound]) + "\n" + probe + String(text[head.upperBound...])
        }
        return probe + text
    }

    private static func probeScript(_ classes: [String]) -> String {
        let list = classes.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            (function () {
              var errors = [];
              window.addEventListener('error', function (event) {
                if (event.target && event.target !== window) {
                  errors.push('failed to load ' + (event.target.src || event.target.href || event.target.tagName));
                } else {
                  errors.push(String(event.message));
                }
              }, true);
              var original = console.error;
              console.error = function () {
                errors.push(Array.prototype.join.call(arguments, ' '));
                return original.apply(console, arguments);
              };
              window.addEventListener('load', function () {
                var facts = { errors: errors, counts: {}, boxes: {}, svg: [] };
                [\(list)].forEach(function (name) {
                  var found = document.getElementsByClassName(name);
                  facts.counts[name] = found.length;
                  facts.boxes[name] = Array.prototype.map.call(found, function (element) {
                    var box = element.getBoundingClientRect();
                    return [box.x, box.y, box.width, box.height];
                  });
                });
                Array.prototype.forEach.call(document.getElementsByTagName('svg'), function (svg) {
                  var box = svg.getBoundingClientRect();
                  facts.svg.push([box.x, box.y, box.width, box.height]);
                });
                var root = document.documentElement;
                facts.page = [root.scrollWidth, root.scrollHeight];
                var out = document.createElement('pre');
                out.id = 'browser-facts';
                out.style.display = 'none';
                out.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(facts))));
                document.body.appendChild(out);
              });
            })();
            """
    }

    /// Runs `executable` with `arguments`, at most a minute: its standard output and error (through files in
    /// `folder`, so a full pipe never stalls it).
    private static func run(_ executable: String, _ arguments: [String],
                            in folder: URL) throws -> (output: String, errors: String) {
        let name = UUID().uuidString
        let outURL = folder.appendingPathComponent("\(name).out"), errURL = folder.appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outURL), errors = try FileHandle(forWritingTo: errURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(description: "chromium did not finish within a minute")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // Chromium's log may hold bytes that are not UTF-8: decoded with replacement, never refused.
        return (String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// What the browser showed. Boxes are in CSS pixels from the page's top-left corner.
public struct BrowserFacts {
    public struct Box: Equatable, CustomStringConvertible {
        public var x, y, width, height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        public func overlaps(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }

        public var description: String { "(\(x), \(y), \(width)×\(height))" }
    }

    /// Script errors, failed loads and console.error calls the probe saw, and `Uncaught` console lines.
    public var errors: [String]
    /// Every console line Chromium logged (a page that draws should log nothing).
    public var console: [String]
    public var counts: [String: Int]
    public var boxes: [String: [Box]]
    /// Each `<svg>` element's box.
    public var svgBoxes: [Box]
    /// The whole page's scrolling width (wider than the window when something sticks out) and height.
    public var pageWidth: Double
    public var pageHeight: Double
    public var screenshotColours: Int
    /// The share of the screenshot's pixels that differ from its top-left pixel.
    public var screenshotInked: Double

    public init(dom: String, log: String, pixels: PNGPixels) throws {
        guard let start = dom.range(of: "<pre id=\"browser-facts\""),
              let open = dom[start.upperBound...].range(of: ">"),
              let close = dom[open.upperBound...].range(of: "</pre>") else {
            throw BrowserCheck.Failure(description: "the page's probe wrote no facts (did the page load?)")
        }
        let encoded = String(dom[open.upperBound..<close.lowerBound])
        guard let data = Data(base64Encoded: encoded),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BrowserCheck.Failure(description: "the probe's facts are not base64 JSON")
        }
        func box(_ value: Any) -> Box? {
            guard let numbers = value as? [Double], numbers.count == 4 else { return nil }
            return Box(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        }
        console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        errors = (object["errors"] as? [String] ?? []) + console.filter { $0.contains("Uncaught") }
        counts = (object["counts"] as? [String: Int]) ?? [:]
        boxes = ((object["boxes"] as? [String: [Any]]) ?? [:]).mapValues { $0.compactMap(box) }
        svgBoxes = ((object["svg"] as? [Any]) ?? []).compactMap(box)
        let page = object["page"] as? [Double] ?? []
        (pageWidth, pageHeight) = page.count == 2 ? (page[0], page[1]) : (0, 0)
        (screenshotColours, screenshotInked) = pixels.statistics()
    }

    /// Pairs of boxes of class `a` and class `b` that overlap (elements with both classes are not compared
    /// with themselves).
    public func overlaps(_ a: String, _ b: String) -> [(Box, Box)] {
        var found: [(Box, Box)] = []
        for first in boxes[a] ?? [] {
            for second in boxes[b] ?? [] where first != second && first.overlaps(second) {
                found.append((first, second))
            }
        }
        return found
    }
}
