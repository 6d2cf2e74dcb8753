/// The generated build: N compiles, each reading its source from the file server, computing and writing
/// an object file, then one link on the home that reads every object and computes.
public struct GeneratedBuild: Sendable, Equatable {
    public var compiles: Int
    public var compile: SimTime
    /// Each source's size and each object's.
    public var reads: Int64
    public var writes: Int64
    public var link: SimTime
    public var sources: String
    public var objects: String

    public init(compiles: Int, compile: SimTime, reads: Int64, writes: Int64, link: SimTime, sources: String,
                objects: String) {
        self.compiles = compiles
        self.compile = compile
        self.reads = reads
        self.writes = writes
        self.link = link
        self.sources = FilePath.normalize(sources)
        self.objects = FilePath.normalize(objects)
    }

    public func source(_ number: Int) -> String { FilePath.normalize(sources + "/c\(number).c") }
    public func object(_ number: Int) -> String { FilePath.normalize(objects + "/c\(number).o") }

    /// open the source, read it, compute, write the object, close both.
    func compileSteps(_ number: Int) -> [ProgramStep] {
        let (source, object) = (source(number), object(number))
        return [.file(.open(path: source, writable: false, readable: true)),
                .file(.read(path: source, block: nil)), .compute(compile),
                .file(.open(path: object, writable: true, readable: false)),
                .file(.write(path: object, text: nil, size: writes, append: false)),
                .file(.close(path: object)), .file(.close(path: source))]
    }

    /// Every object opened, read and closed in turn, then the link's computing.
    var linkSteps: [ProgramStep] {
        (1...max(1, compiles)).flatMap { number -> [ProgramStep] in
            let object = object(number)
            return [.file(.open(path: object, writable: false, readable: true)),
                    .file(.read(path: object, block: nil)), .file(.close(path: object))]
        } + [.compute(link)]
    }
}
