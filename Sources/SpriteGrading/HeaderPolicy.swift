/// `--headers`: whether a test's `# test:` lines count. Course staff who grade scenarios that students
/// wrote do not let the students set their own points, timeout, seed, expected status or visibility.
public enum HeaderPolicy: String, Sendable, CaseIterable {
    /// The header's settings apply (the tests are the staff's).
    case trusted
    /// Every test runs under the command line's settings; its `# test:` lines are plain comments.
    case ignored
}
