import Testing
@testable import SpriteKernel

/// The listing judge, on changes to one directory written by hand. Times are
/// in milliseconds; a change is (name, began, made at the server).
@Suite("Listing judge")
struct ListingJudgeTests {
    private var judge = ListingJudge()
    private var nextID = 0

    @discardableResult
    private mutating func change(_ name: String, added: Bool, began: Int64, made: Int64,
                                 directory: String = "/d") -> Int {
        let id = nextID
        nextID += 1
        judge.apply(DirectoryEvent(id: id, kind: added ? .added(directory: false) : .removed, node: 0,
                                   directory: directory, name: name, operation: -1, start: .us(began * 1000),
                                   end: .us(made * 1000)))
        return id
    }

    private func listing(_ names: [String], began: Int64, directory: String = "/d") -> ListingVerdict {
        judge.judge(directory: directory, names: names, start: .us(began * 1000), source: .server)
    }

    @Test mutating func aListingOfEveryNameIsFresh() {
        change("a", added: true, began: 1, made: 2)
        change("b", added: true, began: 3, made: 4)
        let v = listing(["a", "b"], began: 10)
        #expect(v.unix == .fresh && v.session == .fresh)
    }

    @Test mutating func aMissingNameMissedItsCreate() {
        let create = change("a", added: true, began: 1, made: 2)
        let v = listing([], began: 10)
        #expect(v.unix == .stale(missed: create, count: 1))
        #expect(v.session == .stale(missed: create, count: 1))
    }

    @Test mutating func aDeletedNameStillShownMissedItsDelete() {
        change("a", added: true, began: 1, made: 2)
        let delete = change("a", added: false, began: 3, made: 4)
        let v = listing(["a"], began: 10)
        #expect(v.unix == .stale(missed: delete, count: 1))
        #expect(v.session == .stale(missed: delete, count: 1))
        // Deleted and made again: shown is right, missing is wrong.
        let again = change("a", added: true, began: 11, made: 12)
        #expect(listing(["a"], began: 20).unix == .fresh)
        #expect(listing([], began: 20).unix == .stale(missed: again, count: 1))
    }

    /// Unix asks for every change that began before the listing; session only
    /// for those the server had made (committed) before it began.
    @Test mutating func aChangeOnItsWayToTheServerIsRequiredByUnixOnly() {
        let create = change("a", added: true, began: 1, made: 6)
        let v = listing([], began: 5)
        #expect(v.unix == .stale(missed: create, count: 1))
        #expect(v.session == .fresh)
    }

    /// A change that began after the listing may or may not be in it.
    @Test mutating func aConcurrentChangeMayBeSeenOrNot() {
        change("a", added: true, began: 1, made: 2)
        change("b", added: true, began: 6, made: 7)
        change("a", added: false, began: 6, made: 7)
        for names in [["a"], ["a", "b"], ["b"], []] {
            let v = listing(names, began: 5)
            #expect(v.unix == .fresh && v.session == .fresh, "\(names)")
        }
        // A change and a listing that begin together are concurrent too.
        change("c", added: true, began: 8, made: 9)
        #expect(listing(["b"], began: 8).unix == .fresh)
    }

    @Test mutating func namesNoOperationMadeAreNotJudged() {
        change("a", added: true, began: 1, made: 2)
        #expect(listing(["a", "domain-root"], began: 10).unix == .fresh)
        #expect(listing(["x"], began: 10, directory: "/elsewhere").unix == .fresh)
    }

    /// The count is every wrong name; the change named is the latest of them.
    @Test mutating func theLatestMissedChangeIsNamedWithTheCount() {
        let a = change("a", added: true, began: 1, made: 2)
        change("b", added: true, began: 3, made: 4)
        let c = change("c", added: true, began: 5, made: 6)
        #expect(listing([], began: 10).unix == .stale(missed: c, count: 3))
        #expect(listing(["a"], began: 10).unix == .stale(missed: c, count: 2))
        #expect(listing(["b", "c"], began: 10).unix == .stale(missed: a, count: 1))
        let deleteB = change("b", added: false, began: 11, made: 12)
        // Shows b (deleted) and misses c: two wrong, the delete the latest.
        #expect(listing(["a", "b"], began: 20).unix == .stale(missed: deleteB, count: 2))
        // A name listed twice counts once.
        #expect(listing(["a", "a", "c"], began: 20).unix == .fresh)
    }
}
