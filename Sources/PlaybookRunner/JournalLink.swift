import Playbook
public import ReachCatalogue
public import RunJournal

/// The run journal as the runner writes it: the run's rows, and for each state-changing call an
/// intent written (and synced) before it is sent and its outcome after. When the run resumes an
/// earlier one, what that one left: the lines it finished, and per line the effects it recorded.
public struct JournalLink: Sendable {
  public let journal: RunJournal
  public let runId: String
  /// Lines finished by the earlier attempts (not run again).
  let finished: Set<Int>
  /// Per unfinished line, the effects the earlier attempts recorded.
  let earlier: [Int: [EffectRecord]]

  /// A new run's link.
  public init(journal: RunJournal, runId: String) {
    self.journal = journal
    self.runId = runId
    self.finished = []
    self.earlier = [:]
  }

  /// The link of a resumed run: reads what the earlier attempts finished and recorded.
  public init(resuming runId: String, in journal: RunJournal) throws {
    self.journal = journal
    self.runId = runId
    let finished = try journal.finishedLines(runId: runId)
    self.finished = finished
    var earlier: [Int: [EffectRecord]] = [:]
    for effect in try journal.effects(runId: runId) {
      guard let line = effect.line, !finished.contains(line) else { continue }
      earlier[line, default: []].append(effect)
    }
    self.earlier = earlier
  }

  /// Starts a run in `journal`: the playbook's path and a hash of its text, the target, the
  /// inputs (masked), who and when, and the directory it started in.
  public static func start(
    journal: RunJournal, playbookPath: String, playbookText: String, target: String, inputs: JSONValue, user: String,
    directory: String? = nil
  ) throws -> JournalLink {
    let run = try journal.startRun(
      playbookPath: playbookPath, playbookHash: hash(playbookText), target: target, inputs: inputs, user: user,
      directory: directory)
    return JournalLink(journal: journal, runId: run.id)
  }

  /// The playbook's SHA-256, as reports give it: a resume refuses a playbook that changed since.
  public static func hash(_ text: String) -> String {
    PlaybookDigest.sha256(Array(text.utf8))
  }

  /// Writes how the run ended: passed, failed, invalid (nothing was sent), or interrupted
  /// (resumable) when it was aborted;
  /// first waits for the queued writes (effects' outcomes, rows) to be committed.
  func finish(_ outcome: RunOutcome) async {
    try? await journal.flush()
    let (state, message): (Outcome, String?)
    switch outcome {
    case .passed: (state, message) = (.passed, nil)
    case .failed(let text): (state, message) = (.failed, text)
    case .aborted(let text): (state, message) = (.interrupted, text)
    case .invalid(let diagnostics):
      (state, message) = (.invalid, diagnostics.map(\.description).joined(separator: "\n"))
    }
    try? journal.finishRun(runId, outcome: state, message: message)
  }

  /// The purchase's status endpoint and the states that complete it (the catalogue's
  /// `product.purchase`): an answer there that completes a purchase names the new customer.
  static let purchase = Catalogue.endpoint("product.purchase")?.async

  /// Keeps the customer a completed purchase names (the guide: "persist customerId when status
  /// becomes COMPLETED"), so later runs can reuse it (`reach runs customers`).
  func learn(from endpointID: String, body: JSONValue) {
    guard let purchase = Self.purchase, endpointID == purchase.statusEndpoint,
      let status = body[purchase.statusField], purchase.success.contains(status),
      let customerId = body["customerId"]?.stringValue, !customerId.isEmpty
    else { return }
    journal.queueCustomer(customerId, clientAccountId: body["clientAccountId"]?.stringValue, runId: runId)
  }

  /// The status the platform accepted `endpointID` with for this row in an earlier attempt:
  /// that call is not sent again.
  func confirmedEarlier(line: Int?, endpointID: String) -> Int? {
    guard let line else { return nil }
    return earlier[line]?.last { $0.endpointId == endpointID && $0.state == .confirmed }.map { $0.httpStatus ?? 200 }
  }

  /// Whether an earlier attempt sent (or was about to send) a state-changing call for this row.
  func hadEffect(line: Int) -> Bool {
    earlier[line]?.contains { $0.state.isOpen || $0.state == .confirmed } ?? false
  }

  /// Settles the earlier attempts' open effects for a row that ended now: `resent` says which
  /// endpoints this attempt sent again and what they answered. An effect not resent, or resent
  /// and refused, had happened (the row's read of the state showed it); one resent and accepted
  /// had not.
  func reconcile(line: Int, resent: [String: Int]) {
    let open = (earlier[line] ?? []).filter(\.state.isOpen).compactMap { effect in
      effect.id.map { (id: $0, endpointID: effect.endpointId) }
    }
    reconcile(open, resent: resent)
  }

  /// Settles `effects` (left unknown) by what the attempt that read the state again did.
  func reconcile(_ effects: [(id: Int64, endpointID: String)], resent: [String: Int]) {
    for effect in effects {
      let accepted = resent[effect.endpointID].map { (200..<300).contains($0) } ?? false
      journal.queueUpdate(effect: effect.id, to: accepted ? .reconciledNotDone : .reconciledDone)
    }
  }
}
